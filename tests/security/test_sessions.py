"""Sessions end after the idle timeout, after an absolute lifetime, and at logout."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from strategy.middleware import SESSION_LOGIN_AT
from strategy.models import AuditEvent
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
    assert client.get(reverse("strategy:overview")).status_code == 200


def test_a_session_older_than_its_absolute_lifetime_is_ended_on_the_server(client, leader_a):
    _log_in(client, "leder_a")
    session_key = client.session.session_key
    _age_session(client, settings.SESSION_ABSOLUTE_SECONDS + 1)

    response = client.get(reverse("strategy:overview"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Session.objects.filter(session_key=session_key).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT, username="leder_a").exists()
    follow = client.get(response["Location"])
    assert "Log venligst ind igen" in follow.content.decode()
    assert client.get(reverse("strategy:overview")).status_code == 302


def test_an_expired_htmx_request_is_sent_to_the_login_page(client, leader_a):
    _log_in(client, "leder_a")
    _age_session(client, settings.SESSION_ABSOLUTE_SECONDS + 1)
    response = client.get(reverse("strategy:overview"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("login")


def test_the_idle_timeout_is_renewed_on_every_request():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE < settings.SESSION_ABSOLUTE_SECONDS


def test_logout_deletes_the_session_row(client, leader_a):
    _log_in(client, "leder_a")
    session_key = client.session.session_key
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=session_key).exists()
