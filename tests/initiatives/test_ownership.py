"""One owner per initiative: the responsible side (leaders of the responsible unit or a unit
above it, the named tovholder, administrators) writes the status; leaders of participating
units add contributions, which are kept in the history, shown on the page and frozen with the
half-year."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import AuditEvent
from initiatives.models import Contribution, Initiative, StatusUpdate
from initiatives.queries import contributions_by_initiative
from initiatives.services import PeriodClosedError, contribution_create, period_close
from strategy.models import Unit
from tests.initiatives.conftest import ROLES
from tests.initiatives.factories import InitiativeFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(unit_a, unit_b, objective_42) -> Initiative:
    """Område Grenå is responsible; Område Ørum takes part."""
    return InitiativeFactory(
        title="Fælles tiltag", responsible_unit=unit_a, units=[unit_b], objectives=[objective_42]
    )


def _status_data(period, **overrides) -> dict:
    data = {
        "traffic_light": "yellow",
        "progress": "55",
        "lifecycle_status": "in_progress",
        "status_text": "Grenås tekst.",
        "next_steps": "",
        "version": "0",
        "period": str(period.pk),
    }
    data.update(overrides)
    return data


# --- Who may do what, per role (the object-level matrix) -------------------------------------

# For the shared initiative: leader A leads the responsible unit, leader B a participating one.
MAY_UPDATE = {"administrator", "leader_a"}
MAY_CONTRIBUTE = {"leader_b"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_responsible_side_updates_and_only_participants_contribute(
    role, standing_users, shared
):
    user = standing_users[role]
    assert user.has_perm("initiatives.update_status", shared) == (role in MAY_UPDATE)
    assert user.has_perm("initiatives.add_contribution", shared) == (role in MAY_CONTRIBUTE)


def test_a_leader_above_the_responsible_unit_and_the_named_tovholder_update(
    leader_a, leader_b, strategy_data
):
    skovstjernen = Unit.objects.get(name="Skovstjernen")  # under Område Grenå
    in_service = InitiativeFactory(responsible_unit=skovstjernen)
    assert leader_a.has_perm("initiatives.update_status", in_service)
    named = InitiativeFactory(
        responsible_unit=Unit.objects.get(name="Socialområdet"), responsible_leader=leader_b
    )
    assert leader_b.has_perm("initiatives.update_status", named)
    assert not leader_a.has_perm("initiatives.update_status", named)


def test_a_leader_of_a_unit_under_the_responsible_one_only_takes_part(leader_a, strategy_data):
    # Leader A leads Område Grenå; the adult department above it is responsible.
    above = InitiativeFactory(
        responsible_unit=Unit.objects.get(name="Socialafdelingen (voksenområdet)"),
        units=[Unit.objects.get(name="Område Grenå")],
    )
    assert not leader_a.has_perm("initiatives.update_status", above)
    assert leader_a.has_perm("initiatives.add_contribution", above)


# --- Bad input: a participant saving the status ------------------------------------------------


def test_a_participant_saving_the_status_gets_a_danish_403_and_nothing_is_stored(
    client_for, shared, open_period
):
    client = client_for("leader_b")
    url = reverse("initiatives:status_edit", args=[shared.pk])
    before = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED).count()
    response = client.post(url, _status_data(open_period))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Du er deltager i ”Fælles tiltag”" in body
    assert "Kun den ansvarlige enhed (Område Grenå)" in body
    assert not StatusUpdate.objects.exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED).count() == before + 1
    assert client.get(url).status_code == 403


def test_the_responsible_leaders_text_is_never_overwritten_by_a_participant(
    client_for, shared, open_period
):
    assert (
        client_for("leader_a")
        .post(reverse("initiatives:status_edit", args=[shared.pk]), _status_data(open_period))
        .status_code
        == 302
    )
    client_for("leader_b").post(
        reverse("initiatives:status_edit", args=[shared.pk]),
        _status_data(open_period, status_text="Ørums tekst.", version="1"),
    )
    assert StatusUpdate.objects.get().status_text == "Grenås tekst."


# --- Contributions --------------------------------------------------------------------------------


def test_a_participant_adds_a_contribution_that_shows_on_the_page_and_in_history(
    client_for, shared, open_period, leader_b
):
    client = client_for("leader_b")
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "Deltager" in page
    assert reverse("initiatives:contribution_add", args=[shared.pk]) in page
    assert reverse("initiatives:status_edit", args=[shared.pk]) not in page

    response = client.post(
        reverse("initiatives:contribution_add", args=[shared.pk]),
        {"text": "Ørum har holdt to workshops."},
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.unit.name, contribution.author, contribution.period) == (
        "Område Ørum",
        leader_b,
        open_period,
    )
    assert contribution.history.count() == 1
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "Ørum har holdt to workshops." in page
    # The status itself is untouched.
    assert not StatusUpdate.objects.exists()


def test_an_empty_contribution_is_refused_in_danish_and_nothing_is_stored(
    client_for, shared, open_period
):
    response = client_for("leader_b").post(
        reverse("initiatives:contribution_add", args=[shared.pk]), {"text": "   "}
    )
    assert response.status_code == 422
    assert "Skriv jeres bidrag." in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_responsible_leader_cannot_add_a_contribution(client_for, shared, open_period):
    response = client_for("leader_a").post(
        reverse("initiatives:contribution_add", args=[shared.pk]), {"text": "Fra Grenå."}
    )
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_a_closed_half_years_contributions_are_final(shared, open_period, leader_b, unit_b):
    contribution = contribution_create(
        initiative=shared, period=open_period, unit=unit_b, author=leader_b, text="Før lukning."
    )
    period_close(period=open_period)
    with pytest.raises(PeriodClosedError):
        contribution_create(
            initiative=shared, period=open_period, unit=unit_b, author=leader_b, text="Efter."
        )
    for write in (
        lambda: Contribution.objects.filter(pk=contribution.pk).update(text="Ændret"),
        lambda: Contribution.objects.filter(pk=contribution.pk).delete(),
        lambda: Contribution.objects.create(
            initiative=shared, period=open_period, unit=unit_b, text="Uden om"
        ),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            write()
    assert list(Contribution.objects.values_list("text", flat=True)) == ["Før lukning."]


def test_contributions_per_initiative_for_a_period_cost_one_query(
    shared, initiative_a, open_period, closed_period, unit_b, leader_b, django_assert_num_queries
):
    first = contribution_create(
        initiative=shared, period=open_period, unit=unit_b, author=leader_b, text="Første."
    )
    second = contribution_create(
        initiative=shared, period=open_period, unit=unit_b, author=leader_b, text="Anden."
    )
    with django_assert_num_queries(1):
        by_initiative = contributions_by_initiative(open_period)
        assert by_initiative == {shared.pk: [first, second]}
        assert by_initiative[shared.pk][0].unit.name == "Område Ørum"
    assert contributions_by_initiative(closed_period) == {}


# --- Mine tiltag: what the user is responsible for, and what they take part in apart --------


def test_mine_counts_only_what_the_leader_is_responsible_for(
    client_for, shared, initiative_b, open_period
):
    # Leader B is responsible for initiative_b (missing) and takes part in the shared one.
    StatusUpdateFactory(initiative=shared, period=open_period)
    response = client_for("leader_b").get(reverse("initiatives:mine"))
    counters = response.context["counters"]
    assert (counters["total"], counters["missing"], counters["done"]) == (1, 1, 0)
    assert [i.title for i in response.context["initiatives"]] == ["Tiltag i Område Ørum"]
    assert [i.title for i in response.context["taking_part"]] == ["Fælles tiltag"]
    body = response.content.decode()
    assert "Tiltag, I deltager i" in body


def test_the_participants_own_counters_do_not_show_a_shared_initiative_as_done(
    client_for, shared, open_period
):
    # The issue's case: Ørum's leader saw "0 mangler" for Grenå's initiative. Ørum is
    # responsible for nothing here, so nothing is counted as theirs.
    counters = client_for("leader_b").get(reverse("initiatives:mine")).context["counters"]
    assert (counters["total"], counters["missing"]) == (0, 0)


# --- The data migration ---------------------------------------------------------------------------


def test_the_data_migration_gives_every_initiative_one_responsible_unit(strategy_data):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("initiatives.migrations.0008_set_responsible_unit")
    whole = InitiativeFactory(units=[Unit.objects.get(name="Socialområdet")])
    single = InitiativeFactory(units=[Unit.objects.get(name="Område Ørum")])
    housing = InitiativeFactory(
        units=[Unit.objects.get(name="Område Ørum"), Unit.objects.get(name="Område Grenå")]
    )
    migration.forwards(apps, None)
    for initiative, responsible, participants in [
        (whole, "Socialområdet", set()),
        (single, "Område Ørum", set()),
        (housing, "Socialafdelingen (voksenområdet)", {"Område Ørum", "Område Grenå"}),
    ]:
        initiative.refresh_from_db()
        assert initiative.responsible_unit.name == responsible
        assert {u.name for u in initiative.units.all()} == participants


def test_a_contribution_is_in_the_readable_history(client_for, shared, open_period, unit_b):
    client_for("leader_b").post(
        reverse("initiatives:contribution_add", args=[shared.pk]), {"text": "Ørums bidrag."}
    )
    html = client_for("omu_member").get(shared.get_absolute_url()).content.decode()
    timeline = html[html.index('class="history-timeline"') :]
    assert "Bidrag fra Område Ørum til 2. halvår 2026" in timeline
    assert "Ørums bidrag." in timeline


def test_the_tovholder_migration_keeps_the_only_one_or_the_first_by_name(
    strategy_data, unit_a, objective_42, leader_a, leader_b, administrator
):
    """0012 on the tovholdere as they were (a many-to-many table, gone since 0013, made here
    again inside the test's transaction) and a history without the many-to-many fields."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = importlib.import_module("initiatives.migrations.0012_one_tovholder")
    apps = (
        MigrationLoader(connection)
        .project_state(("initiatives", "0012_one_tovholder"), at_end=False)
        .apps
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE initiatives_initiative_leaders (id serial PRIMARY KEY,"
            " initiative_id bigint NOT NULL, user_id integer NOT NULL)"
        )
    alone, same_name, several, nobody = InitiativeFactory.create_batch(
        4, responsible_unit=unit_a, objectives=[objective_42]
    )
    Initiative.history.model.objectives.all().delete()  # not kept before 0011
    leaders = apps.get_model("initiatives", "Initiative").leaders.through
    for initiative, named in [
        (alone, [leader_b]),
        # "Leder Testesen" twice: the username decides (leder_a before leder_b).
        (same_name, [leader_b, leader_a]),
        # "Admin Testesen" before "Leder Testesen".
        (several, [leader_b, leader_a, administrator]),
    ]:
        for user in named:
            leaders.objects.create(initiative_id=initiative.pk, user_id=user.pk)

    migration.forwards(apps, None)

    chosen = dict(Initiative.objects.values_list("pk", "responsible_leader__username"))
    assert [chosen[i.pk] for i in (alone, same_name, several, nobody)] == [
        "leder_b",
        "leder_a",
        "admin_user",
        None,
    ]
    # Every earlier record now carries the values as of the migration: no change appears
    # that did not happen.
    record = alone.history.get()
    assert record.responsible_leader_id == leader_b.pk
    assert [row.objective_id for row in record.objectives.all()] == [objective_42.pk]
