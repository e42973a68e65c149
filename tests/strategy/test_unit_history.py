"""Leaders of a unit can be changed from either side, and the unit's history records it."""

import pytest

from strategy.models import Unit

pytestmark = pytest.mark.django_db


def _leaders_in_latest_history(unit: Unit) -> set[int]:
    return {row.user_id for row in unit.history.first().leaders.all()}


def test_changing_led_units_from_the_user_side_is_recorded_on_each_unit(leader_a, unit_a, unit_b):
    assert unit_a in leader_a.led_units.all()
    before = Unit.history.count()

    leader_a.led_units.add(unit_b)
    assert leader_a.pk in _leaders_in_latest_history(unit_b)

    leader_a.led_units.remove(unit_b)
    assert leader_a.pk not in _leaders_in_latest_history(unit_b)

    led = set(leader_a.led_units.values_list("pk", flat=True))
    leader_a.led_units.clear()
    assert not leader_a.led_units.exists()
    assert leader_a.pk not in _leaders_in_latest_history(unit_a)
    # One record per unit touched: add, remove, and one for each unit the clear emptied.
    assert Unit.history.count() - before == 2 + len(led)


def test_changing_leaders_from_the_unit_side_still_works(leader_b, unit_a):
    unit_a.leaders.add(leader_b)
    assert leader_b.pk in _leaders_in_latest_history(unit_a)
