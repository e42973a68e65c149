"""Retention, stated and enforced: each kind of personal data is purged at its limit and not
before (the clock is the `now` the daily task is given), and a person's own audit entries can
be exported as CSV by an administrator.

The limits (settings, .env.example): login attempts 30 days, logins and logouts 90, the audit
log's addresses 180, sent or failed e-mails 30; sessions when they expire."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import AuditEvent, OutboundMail
from accounts.retention import personal_data_purge

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def stored_at_t0():
    """One row of each kind, made at T0."""
    who = {"username": "leder_a", "ip_address": "10.0.0.7", "user_agent": "ua"}
    AccessAttempt.objects.create(**who, failures_since_start=1)
    AccessFailureLog.objects.create(**who)
    AccessLog.objects.create(**who)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):  # their times are auto_now_add
        model.objects.update(attempt_time=T0)
    event = AuditEvent.objects.create(
        kind=AuditEvent.Kind.LOGIN, username="leder_a", ip_address="10.0.0.7", path="/konto/"
    )
    mail = OutboundMail.objects.create(
        to=["a@example.invalid"], subject="S", body="B", status=OutboundMail.Status.SENT
    )
    waiting = OutboundMail.objects.create(to=["b@example.invalid"], subject="S", body="B")
    AuditEvent.objects.filter(pk=event.pk).update(created_at=T0)
    OutboundMail.objects.filter(pk__in=[mail.pk, waiting.pk]).update(created_at=T0)
    Session.objects.create(session_key="a" * 32, session_data="x", expire_date=T0)
    return {"event": event.pk}


def test_each_kind_is_purged_at_its_limit_and_not_before(stored_at_t0):
    event = stored_at_t0["event"]
    # A second before the session expires: nothing at all goes.
    assert personal_data_purge(now=T0 - SECOND) == {
        "sessions": 0,
        "login_attempts": 0,
        "access_log": 0,
        "audit_addresses": 0,
        "mail": 0,
    }
    assert personal_data_purge(now=T0 + SECOND)["sessions"] == 1

    assert personal_data_purge(now=T0 + _days(30) - SECOND)["login_attempts"] == 0
    purged = personal_data_purge(now=T0 + _days(30) + SECOND)
    assert (purged["login_attempts"], purged["mail"]) == (2, 1)  # attempt + failure log
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()
    # The e-mail still on its way is kept.
    assert list(OutboundMail.objects.values_list("to", flat=True)) == [["b@example.invalid"]]

    assert personal_data_purge(now=T0 + _days(90) - SECOND)["access_log"] == 0
    assert personal_data_purge(now=T0 + _days(90) + SECOND)["access_log"] == 1

    assert personal_data_purge(now=T0 + _days(180) - SECOND)["audit_addresses"] == 0
    assert AuditEvent.objects.get(pk=event).ip_address == "10.0.0.7"
    assert personal_data_purge(now=T0 + _days(180) + SECOND)["audit_addresses"] == 1
    kept = AuditEvent.objects.get(pk=event)
    assert (kept.kind, kept.username, kept.created_at, kept.ip_address, kept.path) == (
        "login",
        "leder_a",
        T0,
        None,
        "",
    )


def test_the_limits_come_from_the_settings(stored_at_t0, settings):
    settings.RETENTION_LOGIN_ATTEMPT_DAYS = 7
    assert personal_data_purge(now=T0 + _days(7) + SECOND)["login_attempts"] == 2


def test_an_administrator_exports_one_persons_audit_entries_as_csv(
    administrator, leader_a, leader_b
):
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.LOGIN, user=leader_a, username="leder_a", ip_address="10.0.0.7"
    )
    AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, user=leader_b, username="leder_b")
    AuditEvent.objects.filter(username="leder_a").update(created_at=T0)
    # The admin's user pages are for superusers (administrators use Brugere og enheder).
    administrator.is_superuser = True
    administrator.save()
    client = Client()
    client.force_login(administrator)
    response = client.post(
        "/admin/auth/user/", {"action": "export_audit_events", "_selected_action": [leader_a.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    # T0 is 12:00 UTC, 13:00 in Copenhagen in January.
    assert lines == [
        "Tidspunkt;Hændelse;Brugernavn;IP-adresse;Adresse;Genstand",
        "2026-01-01 13:00:00;Log ind;leder_a;10.0.0.7;;",
    ]
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.EXPORT, username="admin_user", target="Logposter for leder_a"
    ).exists()
