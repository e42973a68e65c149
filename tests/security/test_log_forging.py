"""Logs can't be forged: control characters are escaped in log lines and audit rows."""

from __future__ import annotations

import io
import logging

import pytest
from django.urls import reverse

from accounts.audit import audit_record
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db

FORGED = "2026-11-30 12:00:00,000 INFO socialomraade.audit login user=administrator target="
USERNAME = f"leder_a\n{FORGED}"


@pytest.fixture
def log_output():
    """What the app's console handler (settings.LOGGING) writes."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def test_a_username_with_a_newline_writes_no_forged_log_line(client, leader_a, log_output):
    client.post(reverse("login"), {"username": USERNAME, "password": "forkert"})

    lines = log_output.getvalue().splitlines()
    assert not [line for line in lines if line.startswith(FORGED)]
    assert [line for line in lines if "login_failed user=leder_a\\n2026-11-30" in line] != []


def test_a_username_with_control_characters_is_stored_escaped_in_the_audit_row(client, leader_a):
    client.post(reverse("login"), {"username": "leder_a\r\n\x1b[2J", "password": "forkert"})

    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert event.username == "leder_a\\r\\n\\x1b[2J"


def test_every_text_of_an_audit_row_is_escaped():
    event = audit_record(
        kind=AuditEvent.Kind.EXPORT,
        username="a\nb",
        target="fil\n.xlsx",
        details={"filtre\t": {"q": ["x\ny", 3]}},
    )
    event.refresh_from_db()
    assert (event.username, event.target) == ("a\\nb", "fil\\n.xlsx")
    assert event.details == {"filtre\\t": {"q": ["x\\ny", 3]}}


def test_danish_letters_and_ordinary_text_are_kept():
    event = audit_record(kind=AuditEvent.Kind.EXPORT, username="søren.ærø", target="Tiltag: å")
    assert (event.username, event.target) == ("søren.ærø", "Tiltag: å")
