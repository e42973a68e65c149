"""People can leave, history stays true: a user is anonymised, never deleted, and every page
that names an author survives an anonymised user and a user missing from the database.

The scenario: leader A (Leder_a Testesen, unit Område Grenå) saves the status of initiative A
in the open half-year and adds a contribution (for Område Ørum, taking part); the
administrator signs off a report, and leader A comments on it (not in the missing-user case:
a comment protects its author from deletion). Then leader A leaves."""

from __future__ import annotations

from html import unescape

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import AuditEvent
from accounts.services import user_anonymise
from initiatives.services import contribution_create, status_update_save
from reports.models import Audience, Report, ReportComment
from reports.services import report_sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_work(leader_a, administrator, initiative_a, open_period, unit_b, closed_period):
    status_update_save(
        initiative=initiative_a,
        period=open_period,
        author=leader_a,
        traffic_light="green",
        progress=40,
        status_text="Godt i gang.",
        next_steps="",
        expected_version=0,
    )
    initiative_a.units.add(unit_b)
    contribution_create(
        initiative=initiative_a,
        period=open_period,
        unit=unit_b,
        author=leader_a,
        text="Grenå har holdt to workshops.",
    )
    report = Report.objects.create(
        period=closed_period,
        audience=Audience.OMU,
        version=1,
        status=Report.Status.DONE,
        sha256="0" * 64,
        requested_by=administrator,
    )
    login = AuditEvent.objects.create(
        kind=AuditEvent.Kind.LOGIN,
        user=leader_a,
        username="leder_a",
        ip_address="10.0.0.7",
        path="/konto/log-ind/",
    )
    AccessAttempt.objects.create(
        username="leder_a", ip_address="10.0.0.7", user_agent="x", failures_since_start=1
    )
    return {"initiative": initiative_a, "report": report, "login": login}


def _pages(work) -> list[str]:
    return [
        "/",
        f"/tiltag/{work['initiative'].pk}/",
        "/tiltag/",
        "/aendringer/",
        f"/rapporter/{work['report'].pk}/",
    ]


def _read(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return unescape(response.content.decode())


def test_an_anonymised_user_is_a_former_employee_everywhere_and_the_audit_keeps_the_event(
    leader_work, leader_a, administrator
):
    ReportComment.objects.create(report=leader_work["report"], author=leader_a, text="Ser fint ud.")
    signed = report_sign_off(
        report=leader_work["report"], stage=Report.Stage.LEADERS_REVIEWED, user=administrator
    )
    number = leader_a.pk
    user_anonymise(user=leader_a, by=administrator)

    leader_a.refresh_from_db()
    assert leader_a.get_full_name() == f"Tidligere medarbejder {number}"
    assert (leader_a.username, leader_a.email) == (f"tidligere-medarbejder-{number}", "")
    assert not leader_a.is_active and not leader_a.has_usable_password()
    assert not leader_a.groups.exists() and not leader_a.led_units.exists()

    client = Client()
    client.force_login(administrator)
    detail = _read(client, f"/tiltag/{leader_work['initiative'].pk}/")
    assert f"Tidligere medarbejder {number}" in detail
    report_page = _read(client, f"/rapporter/{signed.pk}/")
    assert f"Tidligere medarbejder {number}, " in report_page  # the comment's author
    for path in _pages(leader_work):
        assert "Leder_a" not in _read(client, path), path

    login = AuditEvent.objects.get(pk=leader_work["login"].pk)
    assert (login.user, login.username, login.ip_address, login.path) == (None, "", None, "")
    assert (login.kind, login.created_at) == ("login", leader_work["login"].created_at)
    assert not AuditEvent.objects.filter(username="leder_a").exists()
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.USER_ANONYMISED,
        username="admin_user",
        target=f"Tidligere medarbejder {number}",
    ).exists()
    assert not AccessAttempt.objects.filter(username="leder_a").exists()


def test_every_author_naming_page_survives_a_user_missing_from_the_database(
    leader_work, leader_a, administrator
):
    """Deleted in the database (not through the app): the history rows keep the id of a user
    who is not there. The pages answer 200 and say "Tidligere medarbejder"."""
    get_user_model().objects.filter(pk=leader_a.pk).delete()
    client = Client()
    client.force_login(administrator)
    for path in _pages(leader_work):
        _read(client, path)
    detail = _read(client, f"/tiltag/{leader_work['initiative'].pk}/")
    assert "Tidligere medarbejder" in detail
    # What the test did without a user is the system's: the initiative made by the factory and
    # Område Ørum added as taking part. A user deleted outside the app leaves the current status
    # without an author (the foreign key is set to null), which reads as a system load too: the
    # app itself never deletes a person, it anonymises them (the test above).
    assert detail.count("Indlæst af systemet") == 3


def test_the_admin_has_no_delete_for_users_but_an_anonymise_action(leader_work, administrator):
    administrator.is_superuser = True
    administrator.save()
    client = Client()
    client.force_login(administrator)
    user = get_user_model().objects.get(username="leder_a")
    page = client.get(f"/admin/auth/user/{user.pk}/delete/")
    assert page.status_code == 403
    listing = client.get("/admin/auth/user/").content.decode()
    assert 'value="delete_selected"' not in listing
    assert 'value="anonymise"' in listing
    response = client.post(
        "/admin/auth/user/", {"action": "anonymise", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.get_full_name() == f"Tidligere medarbejder {user.pk}"
