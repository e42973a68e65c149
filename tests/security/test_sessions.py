"""Sessions end after the idle timeout, after an absolute lifetime, and at logout."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import SESSION_LOGIN_AT, SESSION_RENEWED_AT
from accounts.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _log_in(client, username: str) -> None:
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def _age_session(client, seconds: float) -> None:
    session = client.session
    session[SESSION_LOGIN_AT] = time.time() - seconds
    session.save()


def test_logging_in_stamps_the_login_time_in_the_session(client, leader_a):
    before = time.time()
    _log_in(client, "leder_a")
    assert before <= client.session[SESSION_LOGIN_AT] <= time.time()


def test_an_active_session_within_its_lifetime_keeps_working(client, leader_a):
    _log_in(client, "leder_a")
    _age_session(client, settings.SESSION_ABSOLUTE_SECONDS - 60)
    assert client.get(reverse("pages:overview")).status_code == 200


def test_a_session_older_than_its_absolute_lifetime_is_ended_on_the_server(client, leader_a):
    _log_in(client, "leder_a")
    session_key = client.session.session_key
    _age_session(client, settings.SESSION_ABSOLUTE_SECONDS + 1)

    response = client.get(reverse("pages:overview"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Session.objects.filter(session_key=session_key).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT, username="leder_a").exists()
    follow = client.get(response["Location"])
    assert "Log venligst ind igen" in follow.content.decode()
    assert client.get(reverse("pages:overview")).status_code == 302


def test_an_expired_htmx_request_is_sent_to_the_login_page(client, leader_a):
    _log_in(client, "leder_a")
    _age_session(client, settings.SESSION_ABSOLUTE_SECONDS + 1)
    response = client.get(reverse("pages:overview"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("login")


def _expiry(client) -> datetime.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_the_idle_timeout_is_renewed_by_activity_at_most_once_a_renewal_interval(client, leader_a):
    assert settings.SESSION_COOKIE_AGE < settings.SESSION_ABSOLUTE_SECONDS
    _log_in(client, "leder_a")
    client.get(reverse("pages:overview"))
    first = _expiry(client)

    # Within the interval: no write, the expiry stands.
    client.get(reverse("pages:overview"))
    assert _expiry(client) == first

    # After the interval: the next request renews it.
    session = client.session
    session[SESSION_RENEWED_AT] = time.time() - settings.SESSION_RENEW_SECONDS - 1
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=30)
    )
    client.get(reverse("pages:overview"))
    renewed = _expiry(client)
    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((renewed - expected).total_seconds()) < 30


def test_a_session_idle_past_its_timeout_is_refused(client, leader_a):
    _log_in(client, "leder_a")
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("pages:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_logout_deletes_the_session_row(client, leader_a):
    _log_in(client, "leder_a")
    session_key = client.session.session_key
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=session_key).exists()
