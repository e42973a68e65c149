"""Sign-off with a way back: OMU sends back with a required comment, the administration makes
a new version and the flow starts again; every stage change is confirmed in a step that works
without JavaScript, e-mails the next actors in Danish with a link, and the report page shows
every step with who and when, and who acts next."""

from __future__ import annotations

from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from reports.models import Audience, Report, SignOff
from reports.services import (
    ReportError,
    report_request,
    report_send_back,
    report_sign_off,
)
from tests.initiatives.factories import PeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(db):
    return PeriodFactory(year=2026, half=1, is_open=False)


@pytest.fixture
def reviewed(period, administrator) -> Report:
    """An OMU report the leaders' meeting has reviewed: OMU's turn."""
    report = Report.objects.create(
        period=period,
        audience=Audience.OMU,
        version=1,
        status=Report.Status.DONE,
        sha256="0" * 64,
        requested_by=administrator,
    )
    return report_sign_off(report=report, stage=Report.Stage.LEADERS_REVIEWED, user=administrator)


# --- Send back ------------------------------------------------------------------------------------


def test_sending_back_without_a_comment_is_refused_in_danish_and_nothing_is_stored(
    client_for, reviewed
):
    response = client_for("omu_member").post(
        reverse("reports:send_back", args=[reviewed.pk]), {"comment": "  "}
    )
    assert response.status_code == 422
    assert "Skriv, hvorfor rapporten sendes tilbage. Kommentaren er påkrævet." in unescape(
        response.content.decode()
    )
    reviewed.refresh_from_db()
    assert reviewed.stage == Report.Stage.LEADERS_REVIEWED
    assert not SignOff.objects.filter(stage=Report.Stage.SENT_BACK).exists()


def test_omu_sends_back_and_a_new_version_starts_the_flow_again(
    client_for, reviewed, omu_member, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("omu_member").post(
            reverse("reports:send_back", args=[reviewed.pk]),
            {"comment": "Afsnittet om pejlemærke 2 mangler Ørums tal."},
        )
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.stage == Report.Stage.SENT_BACK
    step = reviewed.sign_offs.get(stage=Report.Stage.SENT_BACK)
    assert (step.user, step.comment) == (omu_member, "Afsnittet om pejlemærke 2 mangler Ørums tal.")
    # Now it is the administration's turn, and OMU has nothing waiting.
    assert list(Report.objects.awaiting(administrator)) == [reviewed]
    assert list(Report.objects.awaiting(omu_member)) == []

    new = report_request(period=reviewed.period, audience=Audience.OMU, requested_by=administrator)
    assert (new.version, new.stage) == (2, Report.Stage.DRAFT)
    # The sent-back version is superseded: nobody acts on it any more.
    assert reviewed not in Report.objects.awaiting(administrator)
    page = unescape(client_for("administrator").get(reviewed.get_absolute_url()).content.decode())
    assert "Der er en nyere version (version 2)." in page


def test_only_a_report_awaiting_omu_can_be_sent_back(period, administrator, omu_member):
    draft = Report.objects.create(
        period=period, audience=Audience.OMU, version=1, status=Report.Status.DONE, sha256="0" * 64
    )
    with pytest.raises(ReportError):
        report_send_back(report=draft, user=omu_member, comment="For tidligt.")
    draft.refresh_from_db()
    assert draft.stage == Report.Stage.DRAFT


@pytest.mark.parametrize(
    ("role", "status"),
    [("administrator", 403), ("leader_a", 403), ("omu_member", 302)],
)
def test_only_omu_members_send_back(client_for, reviewed, role, status):
    response = client_for(role).post(
        reverse("reports:send_back", args=[reviewed.pk]), {"comment": "Ret tallene."}
    )
    assert response.status_code == status


# --- Confirmation steps without JavaScript -------------------------------------------------


def test_a_stage_change_is_confirmed_on_its_own_page_first(client_for, reviewed):
    client = client_for("omu_member")
    detail = client.get(reviewed.get_absolute_url()).content.decode()
    confirm_url = reverse("reports:sign_off", args=[reviewed.pk]) + "?stage=omu_approved"
    assert confirm_url in detail
    # The detail page itself holds no form that moves the stage.
    assert 'name="stage"' not in detail
    page = client.get(confirm_url)
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert "Bekræft: Godkendt af OMU" in html
    assert 'name="stage" value="omu_approved"' in html
    reviewed.refresh_from_db()
    assert reviewed.stage == Report.Stage.LEADERS_REVIEWED  # nothing happened on GET


def test_closing_a_half_year_is_confirmed_on_its_own_page_first(client_for, db):
    open_period = PeriodFactory(year=2026, half=2, is_open=True)
    client = client_for("administrator")
    page = client.get(reverse("initiatives:period_close", args=[open_period.pk]))
    assert page.status_code == 200
    assert "Bekræft: luk 2. halvår 2026" in page.content.decode()
    open_period.refresh_from_db()
    assert open_period.is_open
    assert (
        client.post(reverse("initiatives:period_close", args=[open_period.pk])).status_code == 302
    )
    open_period.refresh_from_db()
    assert open_period.is_closed


def test_ordering_a_report_is_confirmed_and_the_token_never_goes_in_an_address(client_for, period):
    client = client_for("administrator")
    archive = client.get(reverse("reports:archive")).content.decode()
    get_form = archive[archive.index('<form method="get"') :]
    get_form = get_form[: get_form.index("</form>")]
    assert "csrfmiddlewaretoken" not in get_form
    page = client.get(reverse("reports:request"), {"period": period.pk, "audience": "omu"})
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert "Halvårsstatus til OMU for 1. halvår 2026 dannes som version 1." in html
    assert not Report.objects.exists()


# --- E-mails --------------------------------------------------------------------------------


def test_each_stage_change_emails_the_next_actors_in_danish_with_a_link(
    period,
    administrator,
    omu_member,
    committee_member,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.SITE_URL = "https://strategi.example.dk"
    report = Report.objects.create(
        period=period,
        audience=Audience.COMMITTEE,
        version=1,
        status=Report.Status.DONE,
        sha256="0" * 64,
    )
    link = f"https://strategi.example.dk/rapporter/{report.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        report_sign_off(report=report, stage=Report.Stage.LEADERS_REVIEWED, user=administrator)
    assert [m.to for m in mail.outbox] == [[omu_member.email]]
    message = mail.outbox[0]
    assert message.subject == "Halvårsrapporten for 1. halvår 2026 venter på OMU's godkendelse"
    assert link in message.body
    assert "Status til udvalget, 1. halvår 2026, version 1." in message.body
    assert "Registreret af Admin Testesen" in message.body

    with django_capture_on_commit_callbacks(execute=True):
        report_sign_off(report=report, stage=Report.Stage.OMU_APPROVED, user=omu_member)
    assert mail.outbox[1].to == [administrator.email]
    assert mail.outbox[1].subject == (
        "Halvårsrapporten for 1. halvår 2026 er godkendt af OMU og kan offentliggøres"
    )

    with django_capture_on_commit_callbacks(execute=True):
        report_sign_off(report=report, stage=Report.Stage.PUBLISHED, user=administrator)
    assert mail.outbox[2].to == [committee_member.email]
    assert mail.outbox[2].subject == "Halvårsrapporten for 1. halvår 2026 er offentliggjort"
    assert len(mail.outbox) == 3


def test_sending_back_emails_the_administration_with_the_comment(
    reviewed, administrator, omu_member, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_send_back(report=reviewed, user=omu_member, comment="Tallene for Ørum mangler.")
    assert [m.to for m in mail.outbox] == [[administrator.email]]
    message = mail.outbox[0]
    assert message.subject == (
        "Halvårsrapporten for 1. halvår 2026 er sendt tilbage af OMU – dan en ny version"
    )
    assert "Tallene for Ørum mangler." in message.body
    assert reviewed.get_absolute_url() in message.body


# --- The step list ---------------------------------------------------------------------------


def test_the_report_page_shows_every_step_with_who_and_when_and_who_is_next(client_for, reviewed):
    html = unescape(client_for("omu_member").get(reviewed.get_absolute_url()).content.decode())
    steps = html[html.index('class="signoff-steps"') :]
    steps = steps[: steps.index("</ol>")]
    assert "Dannet – Admin Testesen" in steps
    assert "Behandlet på ledermødet – Admin Testesen, " in steps
    assert " kl. " in steps  # "30. november 2026 kl. 21.55"
    assert (
        "Næste:</strong> OMU godkender rapporten eller sender den tilbage med en kommentar." in html
    )
