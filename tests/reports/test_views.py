import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Report

pytestmark = pytest.mark.django_db
ROLES = ["administrator", "leader_a", "leader_b", "omu_member", "committee_member"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_archive_shows_drafts_to_staff_and_only_published_to_the_committee(
    make_report, standing_users, role
):
    draft = make_report("omu")
    published = make_report("committee", stage=Report.Stage.PUBLISHED)
    html = _client(standing_users[role]).get(reverse("reports:archive")).content.decode()
    assert reverse("reports:download", args=[published.pk]) in html
    draft_link = reverse("reports:download", args=[draft.pk])
    assert (draft_link in html) is (role != "committee_member")


def test_a_committee_member_cannot_fetch_a_draft_by_guessing_its_url(make_report, committee_member):
    draft = make_report("committee")
    client = _client(committee_member)
    for name in ["detail", "download", "frozen", "status"]:
        assert client.get(reverse(f"reports:{name}", args=[draft.pk])).status_code == 404
    published = make_report("committee", stage=Report.Stage.PUBLISHED)
    response = client.get(reverse("reports:download", args=[published.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_committee_members_land_on_the_archive(client, committee_member, omu_member):
    client.force_login(committee_member)
    assert client.get(reverse("reports:landing"))["Location"] == reverse("reports:archive")
    # No report awaits OMU's approval: the overview.
    client.force_login(omu_member)
    assert client.get(reverse("reports:landing"))["Location"] == reverse("pages:overview")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("leader_a", 200),
        ("omu_member", 200),
        ("committee_member", 403),
    ],
)
def test_preview_is_for_staff(closed_period, standing_users, role, status):
    response = _client(standing_users[role]).get(
        reverse("reports:preview"), {"period": closed_period.pk, "audience": "omu"}
    )
    assert response.status_code == status
    if status == 200:
        assert "Forhåndsvisning med aktuelle data" in response.content.decode()


def test_preview_of_an_unknown_period_is_404(administrator, plan):
    response = _client(administrator).get(reverse("reports:preview"), {"period": "999999"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 302),
        ("leader_a", 403),
        ("omu_member", 403),
        ("committee_member", 403),
    ],
)
def test_only_administrators_request_reports(
    closed_period, standing_users, role, status, monkeypatch
):
    from reports import services

    monkeypatch.setattr(services, "report_dispatch", lambda report_id: True)
    response = _client(standing_users[role]).post(
        reverse("reports:request"), {"period": closed_period.pk, "audience": "omu"}
    )
    assert response.status_code == status
    assert Report.objects.count() == (1 if status == 302 else 0)


def test_a_bad_audience_is_refused_with_400(closed_period, administrator):
    response = _client(administrator).post(
        reverse("reports:request"), {"period": closed_period.pk, "audience": "presse"}
    )
    assert response.status_code == 400
    assert "gyldig målgruppe" in response.content.decode()
    assert not Report.objects.exists()


def test_a_request_without_csrf_token_is_refused(closed_period, administrator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    response = client.post(
        reverse("reports:request"), {"period": closed_period.pk, "audience": "omu"}
    )
    assert response.status_code == 403
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("role", "stage", "allowed"),
    [
        ("administrator", "leaders_reviewed", True),
        ("omu_member", "leaders_reviewed", False),
        ("leader_a", "leaders_reviewed", False),
        ("committee_member", "leaders_reviewed", False),
    ],
)
def test_the_leaders_meeting_step_is_recorded_by_administrators(
    make_report, standing_users, role, stage, allowed
):
    report = make_report("omu")
    response = _client(standing_users[role]).post(
        reverse("reports:sign_off", args=[report.pk]), {"stage": stage}
    )
    report.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert report.stage == stage
    else:
        assert response.status_code in {403, 404}
        assert report.stage == Report.Stage.DRAFT


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("omu_member", True),
        ("administrator", False),
        ("leader_a", False),
    ],
)
def test_omu_members_approve(make_report, standing_users, role, allowed):
    report = make_report("omu", stage=Report.Stage.LEADERS_REVIEWED)
    response = _client(standing_users[role]).post(
        reverse("reports:sign_off", args=[report.pk]), {"stage": "omu_approved"}
    )
    report.refresh_from_db()
    assert (report.stage == Report.Stage.OMU_APPROVED) is allowed
    assert response.status_code == (302 if allowed else 403)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("administrator", True),
        ("omu_member", False),
        ("committee_member", False),
    ],
)
def test_administrators_publish(make_report, standing_users, role, allowed):
    report = make_report("committee", stage=Report.Stage.OMU_APPROVED)
    response = _client(standing_users[role]).post(
        reverse("reports:sign_off", args=[report.pk]), {"stage": "published"}
    )
    report.refresh_from_db()
    assert (report.stage == Report.Stage.PUBLISHED) is allowed
    assert response.status_code == (302 if allowed else 404 if role == "committee_member" else 403)


def test_a_step_out_of_order_gets_a_danish_conflict_message(make_report, administrator):
    report = make_report("omu")
    response = _client(administrator).post(
        reverse("reports:sign_off", args=[report.pk]), {"stage": "published"}
    )
    assert response.status_code == 409
    assert "kan ikke flyttes til" in response.content.decode()


def test_the_status_partial_polls_until_the_report_is_finished(
    closed_period, administrator, make_report
):
    pending = Report.objects.create(period=closed_period, audience="leaders", version=9)
    client = _client(administrator)
    html = client.get(
        reverse("reports:status", args=[pending.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "Venter" in html
    done = make_report("omu")
    html = client.get(reverse("reports:status", args=[done.pk])).content.decode()
    assert "hx-trigger" not in html
    assert "Hent PDF" in html


def test_a_failed_report_shows_the_reason_and_can_be_retried(
    closed_period, administrator, monkeypatch
):
    from reports import services

    failed = Report.objects.create(
        period=closed_period,
        audience="omu",
        version=1,
        status=Report.Status.FAILED,
        error="Tidsgrænsen blev nået.",
    )
    client = _client(administrator)
    html = client.get(reverse("reports:detail", args=[failed.pk])).content.decode()
    assert "Tidsgrænsen blev nået." in html and "Prøv igen" in html
    monkeypatch.setattr(services, "report_dispatch", lambda report_id: True)
    assert client.post(reverse("reports:retry", args=[failed.pk])).status_code == 302
    failed.refresh_from_db()
    assert failed.status == Report.Status.PENDING


def test_comments_are_stored_and_an_empty_one_is_refused(make_report, omu_member):
    report = make_report("omu")
    client = _client(omu_member)
    client.post(reverse("reports:comment", args=[report.pk]), {"text": "   "})
    assert report.comments.count() == 0
    client.post(reverse("reports:comment", args=[report.pk]), {"text": "Fint overblik."})
    assert list(report.comments.values_list("text", flat=True)) == ["Fint overblik."]


def test_downloads_are_audited(make_report, omu_member):
    from accounts.models import AuditEvent

    report = make_report("omu")
    _client(omu_member).get(reverse("reports:download", args=[report.pk]))
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.REPORT_DOWNLOAD, username="omu_member"
    ).exists()


def test_archive_query_count_does_not_grow_with_reports(
    make_report, administrator, django_assert_max_num_queries
):
    client = _client(administrator)
    make_report("omu")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("reports:archive"))  # the first request renews the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:archive"))
    for audience in ["omu", "leaders", "committee", "omu"]:
        make_report(audience)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reports:archive"))
    assert len(many) == len(few)


def test_detail_and_status_query_counts_do_not_grow_with_comments(make_report, omu_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.models import ReportComment

    report = make_report("omu")
    client = _client(omu_member)
    ReportComment.objects.create(report=report, author=omu_member, text="Første.")
    client.get(reverse("reports:detail", args=[report.pk]))  # the first renews the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:detail", args=[report.pk]))
    with CaptureQueriesContext(connection) as status_few:
        client.get(reverse("reports:status", args=[report.pk]))
    for n in range(6):
        ReportComment.objects.create(report=report, author=omu_member, text=f"Kommentar {n}.")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reports:detail", args=[report.pk]))
    with CaptureQueriesContext(connection) as status_many:
        client.get(reverse("reports:status", args=[report.pk]))
    assert len(many) == len(few)
    assert len(status_many) == len(status_few)


# --- The half-year that is meant ----------------------------------------------------------------


def _open_period():
    from initiatives.models import Period

    return Period.objects.get(year=2026, half=2)


def test_ordering_defaults_to_the_latest_closed_half_year_and_never_offers_a_planned_one(
    closed_period, administrator
):
    from tests.initiatives.factories import PeriodFactory

    PeriodFactory(year=2027, half=1, planned=True)
    html = _client(administrator).get(reverse("reports:archive")).content.decode()
    assert f'<option value="{closed_period.pk}" selected>1. halvår 2026</option>' in html
    assert "1. halvår 2027" not in html
    # The loaded plan has 40 initiatives, one of them Afsluttet; none is reported for the open
    # 2. halvår 2026 (the demo status covers 2. halvår 2025 and 1. halvår 2026): 40 - 1 = 39.
    assert "2. halvår 2026 er stadig åbent, og 39 tiltag mangler opdatering." in html


def test_a_planned_half_year_cannot_be_reported_on(closed_period, administrator, monkeypatch):
    from reports import services
    from tests.initiatives.factories import PeriodFactory

    monkeypatch.setattr(services, "report_dispatch", lambda report_id: True)
    planned = PeriodFactory(year=2027, half=1, planned=True)
    client = _client(administrator)
    message = (
        "1. halvår 2027 er planlagt og endnu ikke åbnet. Der kan ikke dannes en rapport for det."
    )
    response = client.post(
        reverse("reports:request"),
        {"period": planned.pk, "audience": "omu", "confirm_open": "1"},
    )
    assert (response.status_code, response.content.decode()) == (400, message)
    response = client.get(reverse("reports:preview"), {"period": planned.pk, "audience": "omu"})
    assert (response.status_code, response.content.decode()) == (400, message)
    assert not Report.objects.exists()
    with pytest.raises(services.ReportError, match="planlagt og endnu ikke åbnet"):
        services.report_request(
            period=planned, audience="omu", requested_by=administrator, confirm_open=True
        )
    assert not Report.objects.exists()


def test_a_report_of_the_open_half_year_needs_confirmation(plan, administrator, monkeypatch):
    from reports import services

    monkeypatch.setattr(services, "report_dispatch", lambda report_id: True)
    open_period = _open_period()
    client = _client(administrator)
    response = client.post(
        reverse("reports:request"), {"period": open_period.pk, "audience": "omu"}
    )
    assert response.status_code == 400
    assert response.content.decode() == (
        "2. halvår 2026 er stadig åbent, og 39 tiltag mangler opdatering. Bekræft, at "
        "rapporten skal dannes af et åbent halvår."
    )
    assert not Report.objects.exists()
    preview = client.get(reverse("reports:preview"), {"period": open_period.pk, "audience": "omu"})
    assert "2. halvår 2026 er stadig åbent, og 39 tiltag mangler opdatering." in (
        preview.content.decode()
    )
    response = client.post(
        reverse("reports:request"),
        {"period": open_period.pk, "audience": "omu", "confirm_open": "1"},
    )
    assert response.status_code == 302
    assert list(Report.objects.values_list("period__year", "period__half")) == [(2026, 2)]


def test_a_report_says_when_its_half_year_was_reopened_after_it_and_stays_frozen(
    make_report, closed_period, administrator
):
    from initiatives.services import period_close, period_reopen

    report = make_report("omu")
    snapshot, sha256 = report.snapshot, report.sha256
    client = _client(administrator)
    assert "blev genåbnet" not in client.get(report.get_absolute_url()).content.decode()
    period_close(period=_open_period(), user=administrator)
    period_reopen(period=closed_period, reason="Rettelse af KRAP.", user=administrator)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "1. halvår 2026 blev genåbnet" in html
    assert "efter denne rapport blev dannet" in html
    report.refresh_from_db()
    assert (report.snapshot, report.sha256) == (snapshot, sha256)


def test_a_published_report_shows_the_committee_its_facts_and_pdf_only(
    make_report, committee_member, omu_member, administrator
):
    from reports.models import ReportComment, SignOff

    report = make_report("committee", stage=Report.Stage.PUBLISHED)
    ReportComment.objects.create(report=report, author=omu_member, text="Intern OMU-bemærkning")
    SignOff.objects.create(
        report=report, stage="omu_approved", user=omu_member, comment="Godkendt med forbehold"
    )
    url = reverse("reports:detail", args=[report.pk])
    html = _client(committee_member).get(url).content.decode()
    assert report.title in html and "1. halvår 2026" in html
    assert "<dd>1</dd>" in html  # version 1
    assert reverse("reports:download", args=[report.pk]) in html
    for hidden in ["Intern OMU-bemærkning", "Godkendt med forbehold", "Kommentarer", "Historik"]:
        assert hidden not in html, hidden
    assert report.sha256 not in html and "Kontrol" not in html

    staff = _client(administrator).get(url).content.decode()
    assert "Intern OMU-bemærkning" in staff and "Godkendt med forbehold" in staff
    # The checksum sits in a "Kontrol" detail for staff.
    assert "<summary>Kontrol</summary>" in staff and report.sha256 in staff


def test_publishing_the_omu_version_is_refused_with_a_danish_message(make_report, administrator):
    report = make_report("omu", stage=Report.Stage.OMU_APPROVED)
    response = _client(administrator).post(
        reverse("reports:sign_off", args=[report.pk]), {"stage": "published"}
    )
    assert response.status_code == 409
    assert "Kun udvalgets version kan offentliggøres" in response.content.decode()
    report.refresh_from_db()
    assert report.stage == Report.Stage.OMU_APPROVED
