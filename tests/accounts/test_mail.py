"""Mail leaves through the outbox (accounts.mail): a sign-off with the mail server down or
silent answers at once; the e-mail waits as a row, is retried with backoff, and a failed one
is visible to the administrator, who can send it again.

The standing users: an administrator, an OMU member (Omu Testesen) and the others."""

from __future__ import annotations

import datetime
import socket
import threading
import time

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts import mail as outbox
from accounts.models import OutboundMail
from reports.models import Audience, Report
from tests.initiatives.factories import PeriodFactory

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says a word (no SMTP greeting)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    return settings


@pytest.fixture
def report(administrator, omu_member):
    return Report.objects.create(
        period=PeriodFactory(year=2026, half=1, is_open=False),
        audience=Audience.OMU,
        version=1,
        status=Report.Status.DONE,
        sha256="0" * 64,
        requested_by=administrator,
    )


def _sign_off(report) -> tuple:
    client = Client()
    client.force_login(report.requested_by)
    started = time.monotonic()
    response = client.post(
        f"/rapporter/{report.pk}/godkend/", {"stage": Report.Stage.LEADERS_REVIEWED}
    )
    return response, time.monotonic() - started, client


def test_a_sign_off_with_the_mail_server_down_answers_at_once_and_queues_the_notice(
    smtp, report, django_capture_on_commit_callbacks
):
    """The port is closed: the sign-off is stored and answered with its success message; the
    notice to OMU waits as a row with the refusal as its error, due again in 1 minute."""
    smtp.EMAIL_PORT = _closed_port()
    with django_capture_on_commit_callbacks(execute=True):
        response, seconds, client = _sign_off(report)
    assert response.status_code == 302
    assert seconds < 1
    page = client.get(response["Location"]).content.decode()
    assert (
        "Godkendelsestrinnet er registreret. Besked til Omu Testesen sendes, når mailserveren "
        "svarer."
    ) in page
    report.refresh_from_db()
    assert report.stage == Report.Stage.LEADERS_REVIEWED
    row = OutboundMail.objects.get()
    assert row.to == ["omu_member@example.invalid"]
    assert row.status == OutboundMail.Status.PENDING
    assert row.attempts == 1
    assert row.last_error.startswith("ConnectionRefusedError")
    wait = row.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < wait <= datetime.timedelta(minutes=1)
    assert mail.outbox == []


def test_a_silent_mail_server_holds_neither_the_request_nor_the_worker_long(
    smtp, report, silent_server, django_capture_on_commit_callbacks
):
    """The server accepts and never answers: the request only wrote the row (the delivery runs
    after it, as a worker would); the delivery gives up after EMAIL_TIMEOUT (1 s), not 60 s."""
    smtp.EMAIL_PORT = silent_server
    with django_capture_on_commit_callbacks(execute=True):
        response, seconds, _client = _sign_off(report)
        assert OutboundMail.objects.get().attempts == 0  # not tried inside the request
        delivery_started = time.monotonic()
    delivery_seconds = time.monotonic() - delivery_started
    assert response.status_code == 302
    assert seconds < 1
    assert 0.9 < delivery_seconds < 5
    row = OutboundMail.objects.get()
    assert (row.status, row.attempts) == (OutboundMail.Status.PENDING, 1)
    assert "timed out" in row.last_error


def test_a_failing_mail_is_retried_with_backoff_then_marked_failed_for_the_administrator(
    smtp, settings, administrator
):
    """Attempts at 0, +1, +3 minutes (waits of 1 and 2 minutes); a run before the next is due
    tries nothing; after MAIL_MAX_ATTEMPTS (3) the row is failed and listed in the admin with
    its error, and "send again" makes it pending and due at once."""
    smtp.EMAIL_PORT = _closed_port()
    settings.MAIL_MAX_ATTEMPTS = 3
    start = timezone.now()
    row = outbox.mail_enqueue(to="a@example.invalid", subject="Emne", body="Tekst")
    OutboundMail.objects.filter(pk=row.pk).update(next_attempt_at=start)
    assert outbox.mail_deliver_pending(now=start) == 0
    row.refresh_from_db()
    assert (row.attempts, row.next_attempt_at) == (1, start + datetime.timedelta(minutes=1))
    outbox.mail_deliver_pending(now=start + datetime.timedelta(seconds=59))  # not due yet
    row.refresh_from_db()
    assert row.attempts == 1
    outbox.mail_deliver_pending(now=start + datetime.timedelta(minutes=1))
    row.refresh_from_db()
    assert (row.attempts, row.next_attempt_at) == (2, start + datetime.timedelta(minutes=3))
    outbox.mail_deliver_pending(now=start + datetime.timedelta(minutes=3))
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (
        OutboundMail.Status.FAILED,
        3,
        None,
    )

    client = Client()
    client.force_login(administrator)
    listing = client.get("/admin/accounts/outboundmail/", {"status__exact": "failed"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Emne" in html and "ConnectionRefusedError" in html and "a@example.invalid" in html
    resend = client.post(
        "/admin/accounts/outboundmail/",
        {"action": "send_again", "_selected_action": [row.pk]},
    )
    assert resend.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboundMail.Status.PENDING, 0)


def test_a_mail_the_broker_missed_is_sent_by_the_beat_task(monkeypatch, _mail_worker_inline):
    """The broker is down at the commit: the row stays pending; the beat task sends it."""
    from celery import current_app

    monkeypatch.setattr(outbox, "_to_broker", _mail_worker_inline)
    monkeypatch.setitem(current_app.conf, "broker_url", f"redis://127.0.0.1:{_closed_port()}/0")
    row = OutboundMail.objects.create(to=["b@example.invalid"], subject="S", body="B")
    assert outbox.mail_dispatch(mail_id=row.pk) is False
    OutboundMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert outbox.mail_deliver_pending() == 1
    row.refresh_from_db()
    assert row.status == OutboundMail.Status.SENT
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [(["b@example.invalid"], "S", "B")]


def test_an_html_alternative_goes_with_the_text(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.mail_enqueue(
            to=["c@example.invalid", ""], subject="S", body="Tekst", html="<p>Tekst</p>"
        )
    assert [m.to for m in mail.outbox] == [["c@example.invalid"]]
    assert mail.outbox[0].alternatives[0][0] == "<p>Tekst</p>"
