"""Brugere og enheder: administrators create, edit and deactivate people in one form, and keep
the organisation tree (create, rename, move, retire); bad input is refused with a Danish 4xx
and changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from accounts import roles
from accounts.models import AuditEvent
from strategy.models import Unit
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def _unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


def _person_data(**overrides) -> dict:
    data = {
        "first_name": "Sara",
        "last_name": "Psykiatrileder",
        "email": "Sara.P@Norddjurs.dk",
        "role_names": [roles.LEADER],
        "led_units": [_unit("Socialpsykiatri").pk],
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_an_administrator_creates_a_leader_for_socialpsykiatri_in_one_form(client_for):
    client = client_for("administrator")
    response = client.post(reverse("pages:person_create"), _person_data())
    person = User.objects.get(email="sara.p@norddjurs.dk")
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:person_edit", args=[person.pk])
    assert person.username == "sara.p@norddjurs.dk"
    assert person.get_full_name() == "Sara Psykiatrileder"
    assert list(person.groups.values_list("name", flat=True)) == ["Leder"]
    assert list(person.led_units.values_list("name", flat=True)) == ["Socialpsykiatri"]
    assert not person.has_usable_password()
    assert not person.is_staff
    # The security log: the person, the role and the unit, each with who did it.
    changes = set(
        AuditEvent.objects.filter(target="sara.p@norddjurs.dk").values_list(
            "kind", "details__change", "username"
        )
    )
    assert changes == {
        ("person_changed", "created", "admin_user"),
        ("role_changed", "group_added", "admin_user"),
        ("role_changed", "leader_added", "admin_user"),
    }
    # The person's page shows roles and units at a glance, and the readable history.
    page = client.get(reverse("pages:person_edit", args=[person.pk])).content.decode()
    assert "<dt>Roller</dt><dd>Leder</dd>" in page
    assert "<dt>Leder af</dt><dd>Socialpsykiatri</dd>" in page
    assert "Blev leder af Socialpsykiatri (af Admin Testesen)" in page
    assert "Fik rollen Leder (af Admin Testesen)" in page


def test_two_people_with_the_same_email_are_refused_and_nothing_is_stored(client_for):
    client = client_for("administrator")
    before = User.objects.count()
    # leder_a@example.invalid belongs to the standing leader of unit A (another case).
    response = client.post(
        reverse("pages:person_create"), _person_data(email="LEDER_A@example.invalid")
    )
    assert response.status_code == 422
    assert "Der findes allerede en person med e-mailadressen leder_a@example.invalid." in (
        response.content.decode()
    )
    assert User.objects.count() == before
    assert not _unit("Socialpsykiatri").leaders.exists()


def test_the_service_refuses_a_duplicate_email_too(administrator, leader_a):
    from django.core.exceptions import ValidationError

    from strategy.services import person_save

    with pytest.raises(ValidationError, match=r"leder_a@example\.invalid"):
        person_save(
            actor=administrator,
            first_name="X",
            last_name="Y",
            email="Leder_A@example.invalid",
            role_names={roles.LEADER},
            led_units=[],
        )


def test_editing_a_person_changes_roles_and_units_and_removals_are_audited(
    client_for, leader_a, unit_a, unit_b
):
    client = client_for("administrator")
    response = client.post(
        reverse("pages:person_edit", args=[leader_a.pk]),
        _person_data(
            first_name="Leder",
            last_name="Testesen",
            email="leder_a@example.invalid",
            role_names=[roles.LEADER, roles.OMU_MEMBER],
            led_units=[unit_b.pk],
        ),
    )
    assert response.status_code == 302
    assert set(leader_a.groups.values_list("name", flat=True)) == {"Leder", "OMU-medlem"}
    assert list(leader_a.led_units.values_list("name", flat=True)) == ["Område Ørum"]
    changes = set(
        AuditEvent.objects.filter(
            target="leder_a", kind="role_changed", username="admin_user"
        ).values_list("details__change", "details__group", "details__unit")
    )
    assert changes == {
        ("group_added", "OMU-medlem", None),
        ("leader_removed", None, "Område Grenå"),
        ("leader_added", None, "Område Ørum"),
    }


def test_an_administrator_cannot_take_away_their_own_administrator_role(client_for, administrator):
    client = client_for("administrator")
    response = client.post(
        reverse("pages:person_edit", args=[administrator.pk]),
        _person_data(email=administrator.email, role_names=[roles.LEADER]),
    )
    assert response.status_code == 422
    assert "Du kan ikke fjerne din egen rolle som Administrator." in response.content.decode()
    assert list(administrator.groups.values_list("name", flat=True)) == ["Administrator"]


def test_deactivating_a_leader_stops_their_login_and_their_leadership(client_for, leader_a, unit_a):
    client = client_for("administrator")
    page = client.get(reverse("pages:person_deactivate", args=[leader_a.pk]))
    assert "Bekræft: deaktivér Leder Testesen" in page.content.decode()
    response = client.post(reverse("pages:person_deactivate", args=[leader_a.pk]))
    assert response.status_code == 302
    leader_a.refresh_from_db()
    assert not leader_a.is_active
    assert not unit_a.leaders.exists()
    assert AuditEvent.objects.filter(
        kind="person_changed", target="leder_a", details__change="deactivated"
    ).exists()
    assert AuditEvent.objects.filter(
        kind="role_changed", target="leder_a", details__change="flags", details__is_active=False
    ).exists()


def test_the_people_page_names_people_and_warns_about_leaders_without_units_and_vice_versa(
    client_for, leader_a, omu_member, unit_b
):
    leader_a.led_units.clear()
    unit_b.leaders.add(omu_member)  # an OMU member leading a unit, without the role Leder
    client = client_for("administrator")
    response = client.get(reverse("pages:people"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Leder Testesen har rollen Leder, men er ikke leder af nogen enhed." in html
    assert "Omu Testesen er leder af Område Ørum, men har ikke rollen Leder." in html
    assert "leder_a</" not in html  # names, never usernames


def test_the_people_list_costs_the_same_queries_for_five_and_fifty_people(client_for):
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    client = client_for("administrator")
    client.get(reverse("pages:people"))  # the session's first read is not the list's
    with CaptureQueriesContext(conn) as few:
        client.get(reverse("pages:people"))
    for number in range(45):
        user = User.objects.create_user(f"p{number}", email=f"p{number}@example.invalid")
        user.led_units.add(_unit("Nyvang"))
    with CaptureQueriesContext(conn) as many:
        client.get(reverse("pages:people"))
    # The session, the user, the user's groups (the menu); the people, their groups, the units
    # they lead: six, at either size.
    assert len(few) == 6
    assert [q["sql"][:60] for q in many] == [q["sql"][:60] for q in few]


def test_the_tree_shows_units_nested_with_their_leaders_by_name(client_for, leader_a):
    html = client_for("administrator").get(reverse("pages:units")).content.decode()
    grenaa = html.index("Område Grenå</a>")
    # Skovstjernen lies under Område Grenå: after it, inside its list.
    assert grenaa < html.index("Skovstjernen</a>")
    assert "Leder Testesen</a>" in html
    assert ">leder_a<" not in html


def test_a_unit_under_its_own_descendant_is_refused_and_nothing_changes(client_for):
    client = client_for("administrator")
    psychiatry = _unit("Socialpsykiatri")
    response = client.post(
        reverse("pages:unit_edit", args=[psychiatry.pk]),
        {
            "name": "Socialpsykiatri",
            "kind": "area",
            "parent": _unit("Dolmer Have").pk,
            "order": psychiatry.order,
        },
    )
    assert response.status_code == 422
    assert (
        "Socialpsykiatri kan ikke ligge under Dolmer Have, som er en af dens underenheder."
        in response.content.decode()
    )
    psychiatry.refresh_from_db()
    assert psychiatry.parent.name == "Socialafdelingen (voksenområdet)"
    own = client.post(
        reverse("pages:unit_edit", args=[psychiatry.pk]),
        {"name": "Socialpsykiatri", "kind": "area", "parent": psychiatry.pk, "order": 0},
    )
    assert own.status_code == 422
    assert "som er enheden selv" in own.content.decode()


def test_the_service_refuses_a_cycle_too(administrator):
    from django.core.exceptions import ValidationError

    from strategy.services import unit_update

    psychiatry = _unit("Socialpsykiatri")
    with pytest.raises(ValidationError):
        unit_update(
            unit=psychiatry,
            actor=administrator,
            name="Socialpsykiatri",
            kind="area",
            parent=_unit("Bofællesskaberne i Glesborg"),
            order=0,
        )


def test_the_database_refuses_a_cycle_whoever_writes(strategy_data):
    """The suite runs on PostgreSQL, whose trigger (strategy.tree_guard) is the floor."""
    assert connection.vendor == "postgresql"
    psychiatry = _unit("Socialpsykiatri")
    with pytest.raises(IntegrityError, match="kan ikke ligge under sig selv"), transaction.atomic():
        Unit.objects.filter(pk=psychiatry.pk).update(parent=_unit("Dolmer Have"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=psychiatry.pk).update(parent=psychiatry)
    psychiatry.refresh_from_db()
    assert psychiatry.parent.name == "Socialafdelingen (voksenområdet)"


def test_a_move_that_takes_initiatives_along_asks_first(client_for, unit_a):
    InitiativeFactory(title="Skovstjernens tiltag", responsible_unit=_unit("Skovstjernen"))
    InitiativeFactory(title="Grenås tiltag", responsible_unit=unit_a)
    client = client_for("administrator")
    data = {
        "name": "Område Grenå",
        "kind": "area",
        "parent": _unit("Børne- og Familieafdelingen").pk,
        "order": 3,
    }
    first = client.post(reverse("pages:unit_edit", args=[unit_a.pk]), data)
    # Område Grenå (1) and Skovstjernen under it (1): 2 initiatives follow.
    assert first.status_code == 200
    assert (
        "Område Grenå og enhederne under den har 2 tiltag. De følger med til "
        "Børne- og Familieafdelingen." in first.content.decode()
    )
    unit_a.refresh_from_db()
    assert unit_a.parent.name == "Socialafdelingen (voksenområdet)"
    confirmed = client.post(
        reverse("pages:unit_edit", args=[unit_a.pk]), {**data, "confirm": "move"}
    )
    assert confirmed.status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.parent.name == "Børne- og Familieafdelingen"
    event = AuditEvent.objects.get(kind="unit_changed", target="Område Grenå")
    assert event.details == {
        "change": "updated",
        "parent": ["Socialafdelingen (voksenområdet)", "Børne- og Familieafdelingen"],
    }
    assert unit_a.history.first().parent.name == "Børne- og Familieafdelingen"


def test_create_rename_and_retire_a_unit(client_for, leader_a):
    client = client_for("administrator")
    created = client.post(
        reverse("pages:unit_create"),
        {"name": "Nyt botilbud", "kind": "service", "parent": _unit("Område Grenå").pk, "order": 9},
    )
    assert created.status_code == 302
    unit = _unit("Nyt botilbud")
    renamed = client.post(
        reverse("pages:unit_edit", args=[unit.pk]),
        {"name": "Botilbuddet Lyngen", "kind": "service", "parent": unit.parent_id, "order": 9},
    )
    assert renamed.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Botilbuddet Lyngen"
    # Område Grenå still has services under it: refused, 409, nothing changes.
    grenaa = _unit("Område Grenå")
    refused = client.post(reverse("pages:unit_retire", args=[grenaa.pk]))
    assert refused.status_code == 409
    assert "Område Grenå har aktive underenheder" in refused.content.decode()
    grenaa.refresh_from_db()
    assert grenaa.retired_at is None and grenaa.leaders.exists()
    retired = client.post(reverse("pages:unit_retire", args=[unit.pk]))
    assert retired.status_code == 302
    unit.refresh_from_db()
    assert unit.retired_at is not None
    # A retired unit is offered in no picker.
    form_page = client.get(reverse("pages:person_create")).content.decode()
    assert "Botilbuddet Lyngen (Område Grenå)" not in form_page
    assert "Skovstjernen (Område Grenå)" in form_page
    assert list(
        AuditEvent.objects.filter(kind="unit_changed")
        .order_by("pk")
        .values_list("target", "details__change")
    ) == [
        ("Nyt botilbud", "created"),
        ("Botilbuddet Lyngen", "updated"),
        ("Botilbuddet Lyngen", "retired"),
    ]


@pytest.mark.parametrize("role", ["leader_a", "omu_member", "committee_member"])
def test_only_administrators_manage_people_and_units(client_for, role, leader_b):
    client = client_for(role)
    for url in [
        reverse("pages:people"),
        reverse("pages:person_create"),
        reverse("pages:person_edit", args=[leader_b.pk]),
        reverse("pages:units"),
        reverse("pages:unit_edit", args=[_unit("Område Ørum").pk]),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("pages:person_deactivate", args=[leader_b.pk]))
    assert response.status_code == 403
    leader_b.refresh_from_db()
    assert leader_b.is_active


def test_no_page_shows_a_password_hash(client_for, leader_a):
    html = client_for("administrator").get(reverse("pages:person_edit", args=[leader_a.pk]))
    assert leader_a.password.split("$")[0] not in html.content.decode()


def test_the_django_admin_keeps_people_and_units_for_superusers_only(client_for, unit_a):
    """The administrator works under Brugere og enheder: the admin's user, group and unit pages
    (with their English permission lists) are hidden from them; a superuser still has them."""
    client = client_for("administrator")
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in index
    assert reverse("admin:strategy_unit_changelist") not in index
    for url in [
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_group_changelist"),
        reverse("admin:strategy_unit_changelist"),
        reverse("admin:strategy_unit_change", args=[unit_a.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    superuser = User.objects.create_superuser("root", "root@example.invalid", "x")
    client.force_login(superuser)
    page = client.get(reverse("admin:strategy_unit_change", args=[unit_a.pk])).content.decode()
    # The leaders' picker names people (the standing leader is "Leder Testesen").
    assert ">Leder Testesen</option>" in page
    assert ">leder_a</option>" not in page


def test_people_not_seen_for_the_configured_days_are_deactivated(leader_a, leader_b, unit_a):
    """180 days: leader A last logged in 181 days before `now`, leader B 179 days before."""
    import datetime

    from strategy.services import people_deactivate_unseen
    from strategy.tasks import deactivate_unseen_people

    now = datetime.datetime(2026, 12, 8, 3, 0, tzinfo=datetime.UTC)
    User.objects.filter(pk=leader_a.pk).update(last_login=now - datetime.timedelta(days=181))
    User.objects.filter(pk=leader_b.pk).update(last_login=now - datetime.timedelta(days=179))
    # Everyone else joined today (the fixtures) and has never logged in: not yet due.
    assert people_deactivate_unseen(days=180, now=now) == ["leder_a"]
    leader_a.refresh_from_db()
    leader_b.refresh_from_db()
    assert not leader_a.is_active and leader_b.is_active
    assert not unit_a.leaders.exists()
    assert AuditEvent.objects.filter(
        kind="person_changed", target="leder_a", details__unseen_days=180
    ).exists()
    # The beat task calls the same service with the setting; nothing more is due today.
    assert deactivate_unseen_people() == []
