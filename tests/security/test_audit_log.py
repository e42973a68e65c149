"""The security log records denials and role changes, is readable by administrators only, and
can never be edited."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.audit import audit_record
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def _role_changes(username: str) -> list[tuple[str, dict]]:
    rows = AuditEvent.objects.filter(kind=AuditEvent.Kind.ROLE_CHANGED, target=username)
    return [(row.username, row.details) for row in rows.order_by("pk")]


# --- Denied access ----------------------------------------------------------------------------


def test_a_forbidden_page_writes_an_access_denied_row(client, leader_a):
    client.force_login(leader_a)
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 403
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ACCESS_DENIED)
    assert (event.user, event.path) == (leader_a, reverse("accounts:audit_log"))
    # Written once, by the view's access check (accounts.access), which names the permission;
    # the middleware adds no second row.
    assert (event.target, event.details) == (
        "sikkerhedslog",
        {"permission": "accounts.view_audit_log"},
    )


def test_a_post_without_csrf_token_is_refused_and_logged(leader_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader_a)
    assert client.post(reverse("logout")).status_code == 403
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, user=leader_a).exists()


def test_a_view_that_logs_its_own_denial_gets_one_row_not_two(rf, leader_a):
    from django.core.exceptions import PermissionDenied

    from accounts.middleware import AccessDeniedAuditMiddleware

    def view(request):
        audit_record(kind=AuditEvent.Kind.ACCESS_DENIED, request=request, target="tiltag 7")
        raise PermissionDenied

    from django.core.handlers.exception import convert_exception_to_response

    request = rf.get("/tiltag/7/")
    request.user = leader_a
    response = AccessDeniedAuditMiddleware(convert_exception_to_response(view))(request)
    assert response.status_code == 403
    denials = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED)
    assert list(denials.values_list("target", flat=True)) == ["tiltag 7"]


# --- Role changes -----------------------------------------------------------------------------


def test_adding_and_removing_a_group_writes_role_changed_rows(leader_a):
    omu = Group.objects.get(name=roles.OMU_MEMBER)
    leader_a.groups.add(omu)
    omu.user_set.remove(leader_a)
    assert _role_changes("leder_a")[-2:] == [
        ("system", {"change": "group_added", "group": roles.OMU_MEMBER}),
        ("system", {"change": "group_removed", "group": roles.OMU_MEMBER}),
    ]


def test_clearing_groups_and_units_names_what_was_removed(leader_a, unit_a):
    leader_a.groups.clear()
    unit_a.leaders.clear()  # (simple_history records m2m history only from the Unit side)
    assert _role_changes("leder_a")[-2:] == [
        ("system", {"change": "group_cleared", "group": roles.LEADER}),
        ("system", {"change": "leader_cleared", "unit": unit_a.name}),
    ]


def test_making_a_user_superuser_writes_a_role_changed_row(committee_member):
    committee_member.is_superuser = True
    committee_member.save()
    assert _role_changes("udvalg_member")[-1] == (
        "system",
        {"change": "flags", "is_superuser": True},
    )


def test_a_leader_change_in_the_admin_names_the_administrator(client, administrator, unit_b):
    # The admin's unit pages are for superusers (administrators use Brugere og enheder).
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    response = client.post(
        reverse("admin:strategy_unit_change", args=[unit_b.pk]),
        {
            "name": unit_b.name,
            "kind": unit_b.kind,
            "parent": unit_b.parent_id or "",
            "order": unit_b.order,
            "leaders": [administrator.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _role_changes("admin_user")[-1] == (
        "admin_user",
        {"change": "leader_added", "unit": unit_b.name},
    )


# --- Reading the log --------------------------------------------------------------------------


def test_administrators_read_the_log_filtered_by_kind(client, administrator, leader_a):
    audit_record(kind=AuditEvent.Kind.EXPORT, user=leader_a, target="Tiltag <script>.xlsx")
    audit_record(kind=AuditEvent.Kind.REPORT_DOWNLOAD, user=leader_a, target="Rapport 1")
    client.force_login(administrator)

    response = client.get(reverse("accounts:audit_log"), {"kind": "export"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tiltag &lt;script&gt;.xlsx" in html
    assert "Rapport 1" not in html
    assert '<a href="/sikkerhedslog/" aria-current="page">Sikkerhedslog</a>' in html


def test_the_log_is_paginated_with_a_fixed_number_of_queries(
    client, administrator, django_assert_max_num_queries
):
    for n in range(60):
        audit_record(kind=AuditEvent.Kind.EXPORT, user=administrator, target=f"fil {n}")
    client.force_login(administrator)
    with django_assert_max_num_queries(12):
        first = client.get(reverse("accounts:audit_log"), {"kind": "export"})
    assert "Side 1 af 2" in first.content.decode()
    assert "fil 59" in first.content.decode() and "fil 0<" not in first.content.decode()
    second = client.get(reverse("accounts:audit_log"), {"kind": "export", "side": 2})
    assert "fil 0<" in second.content.decode()


@pytest.mark.parametrize("role", ["leader_a", "leader_b", "omu_member", "committee_member"])
def test_no_other_role_reads_the_log_or_sees_its_menu_item(client, standing_users, role):
    client.force_login(standing_users[role])
    assert client.get(reverse("accounts:audit_log")).status_code == 403
    assert "Sikkerhedslog" not in client.get(reverse("pages:overview")).content.decode()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- Never editable ---------------------------------------------------------------------------


def test_rows_refuse_update_and_delete(leader_a):
    event = audit_record(kind=AuditEvent.Kind.EXPORT, user=leader_a, target="x")
    event.target = "y"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


def test_the_admin_shows_rows_but_cannot_add_change_or_delete(client, administrator):
    event = audit_record(kind=AuditEvent.Kind.EXPORT, user=administrator, target="fil.xlsx")
    client.force_login(administrator)
    changelist = client.get(reverse("admin:accounts_auditevent_changelist"))
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.content.decode()
    view = client.get(reverse("admin:accounts_auditevent_change", args=[event.pk]))
    assert view.status_code == 200
    assert 'name="_save"' not in view.content.decode()
    assert (
        client.post(
            reverse("admin:accounts_auditevent_change", args=[event.pk]), {"target": "ændret"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:accounts_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:accounts_auditevent_add")).status_code == 403
    event.refresh_from_db()
    assert event.target == "fil.xlsx"
