"""Read helpers: roll-up, changes since the previous half-year, missing updates, for_user."""

import datetime

import pytest

from initiatives.models import Initiative
from initiatives.queries import (
    changes_since_previous,
    missing_updates,
    period_for,
    plan_status_counts,
    theme_status_rollup,
)
from strategy.models import Theme, ThemeFocus, Unit
from tests.initiatives.factories import InitiativeFactory, StatusUpdateFactory


@pytest.fixture
def focus_2026(strategy_data):
    ThemeFocus.objects.get_or_create(
        theme=Theme.objects.get(number=2), start_year=2025, end_year=2026
    )


@pytest.mark.django_db
def test_rollup_counts_lights_and_missing_and_averages_up_the_hierarchy(
    initiative_a, initiative_b, open_period, objective_42, focus_2026
):
    StatusUpdateFactory(
        initiative=initiative_a, period=open_period, traffic_light="red", progress=20
    )
    completed = InitiativeFactory(
        objectives=[objective_42], lifecycle_status=Initiative.Lifecycle.COMPLETED
    )
    rollup = {t.theme.number: t for t in theme_status_rollup(open_period)}
    theme4 = rollup[4]
    assert (theme4.counts.red, theme4.counts.missing, theme4.counts.total) == (1, 1, 2)
    objective = next(o for o in theme4.objectives if o.objective.number == 2)
    assert objective.average_progress == 20
    statuses = {s.initiative: s for s in objective.initiatives}
    assert set(statuses) == {initiative_a, initiative_b, completed}
    assert statuses[initiative_b].initiative.is_missing
    assert not statuses[completed].initiative.is_missing  # completed: never missing
    assert statuses[initiative_a].update.traffic_light == "red"
    assert theme4.average_progress == 20
    assert rollup[2].in_focus and not rollup[1].in_focus
    assert rollup[2].counts.red == 1  # initiative A serves 2.1 too
    assert rollup[1].average_progress is None


@pytest.mark.django_db
def test_theme_progress_is_over_its_initiatives_each_once_not_a_mean_of_means(
    open_period, strategy_data
):
    from strategy.models import Objective

    o41, o42, o43 = (Objective.objects.get(theme__number=4, number=n) for n in (1, 2, 3))
    both = InitiativeFactory(objectives=[o41, o42])
    only_42 = InitiativeFactory(objectives=[o42])
    only_43 = InitiativeFactory(objectives=[o43])
    silent = InitiativeFactory(objectives=[o43])
    StatusUpdateFactory(initiative=both, period=open_period, progress=80)
    StatusUpdateFactory(initiative=only_42, period=open_period, progress=20)
    StatusUpdateFactory(initiative=only_43, period=open_period, progress=50)
    rollup = {t.theme.number: t for t in theme_status_rollup(open_period)}
    theme4 = rollup[4]
    # Målsætninger: 4.1 = 80, 4.2 = (80 + 20) / 2 = 50, 4.3 = 50; a mean of those would be 60.
    # Each initiative once: (80 + 20 + 50) / 3 = 50, over the 3 of 4 that reported.
    assert theme4.average_progress == 50
    assert (theme4.counts.reported, theme4.counts.total) == (3, 4)
    by_code = {o.objective.number: o for o in theme4.objectives}
    assert by_code[2].average_progress == 50
    assert (by_code[3].counts.reported, by_code[3].counts.total) == (1, 2)
    assert silent.pk in {s.initiative.pk for s in by_code[3].initiatives}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 50])
def test_rollup_costs_the_same_queries_at_any_size(
    count, open_period, objective_42, unit_a, django_assert_num_queries
):
    for initiative in InitiativeFactory.create_batch(
        count, objectives=[objective_42], responsible_unit=unit_a
    ):
        StatusUpdateFactory(initiative=initiative, period=open_period)
    # themes, objectives, focus periods, initiatives, links, updates
    with django_assert_num_queries(6):
        theme_status_rollup(open_period)


@pytest.mark.django_db
def test_changes_since_previous_lists_new_completed_and_changed_lights(
    open_period, closed_period, objective_42
):
    stays, turns_red, completes, first_time = InitiativeFactory.create_batch(
        4, objectives=[objective_42]
    )
    starts_now = InitiativeFactory(start_year=2026, start_quarter=4)
    # Without a planned start: new when it entered the plan during the half-year.
    entered_now = InitiativeFactory(in_plan_since=datetime.date(2026, 9, 1))
    InitiativeFactory(in_plan_since=datetime.date(2026, 6, 30))  # the half-year before
    # Started long ago and reported for the first time now: not new.
    InitiativeFactory(start_year=2024, start_quarter=3)
    for initiative in [stays, turns_red, completes]:
        StatusUpdateFactory(initiative=initiative, period=closed_period, traffic_light="green")
    StatusUpdateFactory(initiative=stays, period=open_period, traffic_light="green")
    StatusUpdateFactory(initiative=turns_red, period=open_period, traffic_light="red")
    StatusUpdateFactory(
        initiative=completes, period=open_period, lifecycle_status="completed", progress=100
    )
    StatusUpdateFactory(initiative=first_time, period=open_period)

    changes = changes_since_previous(open_period)
    assert changes.previous == closed_period
    # `first_time` had no update last time, but that does not make it new.
    assert {s.initiative for s in changes.new} == {starts_now, entered_now}
    assert [s.initiative for s in changes.completed] == [completes]
    # `turns_red` changed its light; `first_time` was followed up last time without an update
    # and has a light now: a first light ("ny"), counted as changed.
    changed = {c.initiative: c for c in changes.light_changed}
    assert set(changed) == {turns_red, first_time}
    red = changed[turns_red]
    assert (red.before.traffic_light, red.after.traffic_light) == ("green", "red")
    assert red.direction == "worse" and red.newly_red
    assert changed[first_time].before is None and changed[first_time].direction == "first"
    assert (changes.better, changes.worse, changes.first) == (0, 1, 1)


@pytest.mark.django_db
def test_missing_updates_skips_completed_and_reported(
    initiative_a, initiative_b, open_period, leader_a, django_assert_num_queries
):
    initiative_b.responsible_leader = leader_a
    initiative_b.save()
    StatusUpdateFactory(initiative=initiative_a, period=open_period)
    InitiativeFactory(lifecycle_status=Initiative.Lifecycle.ABANDONED)
    # the initiatives with their responsible unit, tovholder and parent; the units
    with django_assert_num_queries(2):
        missing = list(missing_updates(open_period))
        assert [i.title for i in missing] == [initiative_b.title]
        assert missing[0].responsible_unit.name == "Område Ørum"
        assert list(missing[0].units.all()) == []
        assert missing[0].responsible_leader == leader_a
    assert plan_status_counts(open_period).missing == 1


@pytest.mark.django_db
def test_for_user_covers_led_units_their_children_and_named_leaders(
    initiative_a, initiative_b, leader_a, leader_b, strategy_data
):
    in_service = InitiativeFactory(
        responsible_unit=Unit.objects.get(name="Skovstjernen")
    )  # under Grenå
    named = InitiativeFactory(
        responsible_unit=Unit.objects.get(name="Socialområdet"), responsible_leader=leader_a
    )
    assert set(Initiative.objects.for_user(leader_a)) == {initiative_a, in_service, named}
    assert set(Initiative.objects.for_user(leader_b)) == {initiative_b}


@pytest.mark.django_db
def test_committee_members_see_the_last_closed_half_year(
    open_period, closed_period, committee_member, omu_member
):
    assert period_for(committee_member) == closed_period
    assert period_for(omu_member) == open_period
