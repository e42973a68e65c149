import pytest
from django.core import mail
from django.test import override_settings

from accounts.models import AuditEvent
from reports import services
from reports.models import Audience, Reminder, Report, SignOff

pytestmark = pytest.mark.django_db


def test_requests_get_increasing_versions_per_period_and_audience(
    closed_period, administrator, django_capture_on_commit_callbacks, monkeypatch
):
    dispatched = []
    monkeypatch.setattr(services, "report_dispatch", lambda report_id: dispatched.append(report_id))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.report_request(
            period=closed_period, audience="omu", requested_by=administrator
        )
        second = services.report_request(
            period=closed_period, audience="omu", requested_by=administrator
        )
        other = services.report_request(
            period=closed_period, audience="committee", requested_by=administrator
        )
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert dispatched == [first.pk, second.pk, other.pk]
    assert first.status == Report.Status.PENDING


def test_an_unknown_audience_is_refused(closed_period, administrator):
    with pytest.raises(services.ReportError):
        services.report_request(period=closed_period, audience="press", requested_by=administrator)
    assert not Report.objects.exists()


def test_a_request_while_the_broker_is_down_is_kept_and_sent_later(
    closed_period, administrator, django_capture_on_commit_callbacks
):
    from socialomraade.celery import app

    real = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there: the broker is down
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = services.report_request(
                period=closed_period, audience="omu", requested_by=administrator
            )
        report.refresh_from_db()
        assert report.status == Report.Status.PENDING
        assert report.dispatched_at is None
        assert services.reports_dispatch_pending() == 0
    finally:
        app.conf.broker_url = real
    assert services.reports_dispatch_pending() == 1
    report.refresh_from_db()
    assert report.dispatched_at is not None
    assert services.reports_dispatch_pending() == 0


@override_settings(REPORT_MAX_ATTEMPTS=2)
def test_a_report_that_keeps_dying_ends_as_a_visible_failure(closed_period, administrator):
    report = Report.objects.create(
        period=closed_period,
        audience="omu",
        version=1,
        requested_by=administrator,
        attempts=2,
        status=Report.Status.RENDERING,
    )
    report = services.report_render(report_id=report.pk)
    assert report.status == Report.Status.FAILED
    assert "2 forsøg" in report.error


def test_a_stalled_render_is_sent_again(closed_period, administrator):
    from datetime import timedelta

    from django.utils import timezone

    report = Report.objects.create(
        period=closed_period,
        audience="omu",
        version=1,
        requested_by=administrator,
        attempts=1,
        status=Report.Status.RENDERING,
        dispatched_at=timezone.now(),
    )
    Report.objects.filter(pk=report.pk).update(started_at=timezone.now() - timedelta(hours=1))
    services.reports_dispatch_pending()
    report.refresh_from_db()
    assert report.status == Report.Status.PENDING
    assert report.dispatched_at is not None  # sent again, to the real broker


def test_sign_off_goes_step_by_step_and_records_who_and_when(
    make_report, administrator, omu_member
):
    report = make_report(Audience.COMMITTEE)
    with pytest.raises(services.ReportError):
        services.report_sign_off(report=report, stage="omu_approved", user=omu_member)
    services.report_sign_off(report=report, stage="leaders_reviewed", user=administrator)
    services.report_sign_off(
        report=report, stage="omu_approved", user=omu_member, comment="Godkendt på OMU-mødet."
    )
    report = services.report_sign_off(report=report, stage="published", user=administrator)
    assert report.stage == Report.Stage.PUBLISHED
    steps = list(SignOff.objects.filter(report=report).values_list("stage", "user__username"))
    assert steps == [
        ("leaders_reviewed", "admin_user"),
        ("omu_approved", "omu_member"),
        ("published", "admin_user"),
    ]
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGN_OFF).count() == 3
    with pytest.raises(services.ReportError):
        services.report_sign_off(report=report, stage="published", user=administrator)
    reasons = [h.history_change_reason for h in report.history.all()]
    assert "Offentliggjort for udvalget" in reasons


def test_an_unfinished_report_cannot_be_signed_off(closed_period, administrator):
    report = Report.objects.create(period=closed_period, audience="omu", version=1)
    with pytest.raises(services.ReportError):
        services.report_sign_off(report=report, stage="leaders_reviewed", user=administrator)
    assert not SignOff.objects.exists()


def test_closing_a_half_year_generates_drafts_for_omu_and_the_leaders_meeting(
    plan, administrator, django_capture_on_commit_callbacks, monkeypatch
):
    from initiatives.models import Period
    from initiatives.services import period_close

    monkeypatch.setattr(services, "report_dispatch", lambda report_id: True)
    period = Period.objects.current_open()
    period_close(period=period, user=administrator)
    with django_capture_on_commit_callbacks(execute=True):
        created = services.drafts_for_closed_periods()
    assert sorted(r.audience for r in created) == [Audience.LEADERS, Audience.OMU]
    assert all(r.period == period and r.stage == Report.Stage.DRAFT for r in created)
    assert services.drafts_for_closed_periods() == []  # only once


def test_closing_makes_fresh_drafts_when_the_existing_ones_predate_the_close(
    plan, administrator, django_capture_on_commit_callbacks, monkeypatch
):
    """An OMU draft requested while the half-year was open (version 1) holds pre-close data:
    closing still makes a fresh OMU draft (version 2) and a leaders' draft (1), once."""
    from initiatives.models import Period
    from initiatives.services import period_close

    monkeypatch.setattr(services, "report_dispatch", lambda report_id: True)
    period = Period.objects.current_open()
    with django_capture_on_commit_callbacks(execute=True):
        early = services.report_request(
            period=period, audience=Audience.OMU, requested_by=administrator, confirm_open=True
        )
    period_close(period=period, user=administrator)
    with django_capture_on_commit_callbacks(execute=True):
        created = services.drafts_for_closed_periods()
    assert sorted((r.audience, r.version) for r in created) == [
        (Audience.LEADERS, 1),
        (Audience.OMU, 2),
    ]
    assert early.version == 1
    assert services.drafts_for_closed_periods() == []


def test_reminders_go_once_to_leaders_with_missing_updates(
    plan, leader_a, leader_b, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from initiatives.models import Period

    period = Period.objects.current_open()
    assert services.reminders_send(today=period.deadline - timedelta(days=30)) == 0
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after the commit
        sent = services.reminders_send(today=period.deadline - timedelta(days=3))
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert sent == len(mail.outbox) >= 1
    assert leader_a.email in recipients
    message = next(m for m in mail.outbox if leader_a.email in m.to)
    assert message.subject == f"Påmindelse: status for {period} mangler"
    assert "/mine-tiltag/" in message.body
    assert "Kære" in message.body
    assert services.reminders_send(today=period.deadline - timedelta(days=2)) == 0
    assert Reminder.objects.count() == sent


def test_a_reminders_link_is_built_from_site_url_not_from_the_sender(
    plan, leader_a, leader_b, settings, django_capture_on_commit_callbacks
):
    """A worker (beat) sends reminders without any request: the link is SITE_URL plus the
    path of Mine tiltag, and no other address appears."""
    import re
    from datetime import timedelta

    from initiatives.models import Period

    settings.SITE_URL = "https://strategi.example.dk"
    period = Period.objects.current_open()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after the commit
        services.reminders_send(today=period.deadline - timedelta(days=3))
    message = next(m for m in mail.outbox if leader_a.email in m.to)
    assert "Opdatér dem under Mine tiltag: https://strategi.example.dk/mine-tiltag/" in (
        message.body
    )
    assert re.findall(r"https?://\S+", message.body) == ["https://strategi.example.dk/mine-tiltag/"]


def test_absolute_url_joins_site_url_and_a_path_with_one_slash(settings):
    from core.urls import absolute_url

    settings.SITE_URL = "https://strategi.example.dk/"
    assert absolute_url("/rapporter/3/") == "https://strategi.example.dk/rapporter/3/"
    assert absolute_url("mine-tiltag/") == "https://strategi.example.dk/mine-tiltag/"


def test_a_leader_named_on_an_initiative_is_reminded_and_queries_stay_flat(
    plan, leader_a, leader_b, committee_member, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives.models import Initiative, Period, StatusUpdate

    period = Period.objects.current_open()
    day = period.deadline - timedelta(days=1)
    missing = list(Initiative.objects.missing_in(period))
    assert len(missing) > 10
    # First only two initiatives lack an update …
    StatusUpdate.objects.bulk_create(
        StatusUpdate(initiative=i, period=period, traffic_light="green", progress=10)
        for i in missing[2:]
    )
    with CaptureQueriesContext(connection) as few:
        services.reminders_send(today=day)
    # … then all of them do, and one person is named directly on an initiative.
    StatusUpdate.objects.filter(period=period).delete()
    Reminder.objects.all().delete()
    mail.outbox.clear()
    Initiative.objects.filter(pk=missing[5].pk).update(responsible_leader=committee_member)
    # The outbox sends after the commit, outside the counted queries.
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as many,
    ):
        services.reminders_send(today=day)
    assert committee_member.email in {a for m in mail.outbox for a in m.to}
    reads = [q for q in many.captured_queries if q["sql"].startswith("SELECT")]
    reads_before = [q for q in few.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) == len(reads_before)


@pytest.mark.parametrize("audience", [Audience.LEADERS, Audience.OMU])
def test_only_the_committee_version_can_be_published_for_the_committee(
    make_report, administrator, audience
):
    report = make_report(audience, stage=Report.Stage.OMU_APPROVED)
    with pytest.raises(services.ReportError, match="Kun udvalgets version"):
        services.report_sign_off(report=report, stage="published", user=administrator)
    report.refresh_from_db()
    assert report.stage == Report.Stage.OMU_APPROVED
    assert not SignOff.objects.filter(report=report, stage="published").exists()
