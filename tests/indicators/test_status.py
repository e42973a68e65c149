"""The status rule (indicators.status) at its boundaries, for both directions.

The scenario: baseline on 1 January 2024, target date 200 days later (19 July 2024); the latest
value is from 10 April 2024, 100 days after the baseline (31 + 29 + 31 + 9 days in the leap
year 2024), so half the time has passed: `expected` = 100 / 200 = 0,5.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from indicators.status import Status, TargetPoint, indicator_status, next_target

BASELINE_DATE = datetime.date(2024, 1, 1)
TARGET_DATE = datetime.date(2024, 7, 19)
HALF_WAY = datetime.date(2024, 4, 10)
AFTER = datetime.date(2024, 7, 20)


def status(value, *, baseline, target, higher=True, on=HALF_WAY, baseline_date=BASELINE_DATE):
    return indicator_status(
        value=None if value is None else Decimal(value),
        on=on,
        baseline=None if baseline is None else Decimal(baseline),
        baseline_date=baseline_date,
        target=None if target is None else TargetPoint(Decimal(target), TARGET_DATE),
        higher_is_better=higher,
    )


def test_half_the_time_is_half_the_way():
    assert (HALF_WAY - BASELINE_DATE).days == 100
    assert (TARGET_DATE - BASELINE_DATE).days == 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # From 50 towards 70: half the way is 60.
        ("60", Status.ON_TRACK),  # (60 − 50) / 20 = 0,5 ≥ 0,5
        ("59.99", Status.AT_RISK),  # 9,99 / 20 = 0,4995 < 0,5
        ("55", Status.AT_RISK),  # 5 / 20 = 0,25 = 0,5 − 0,25, the boundary belongs to Risiko
        ("54.99", Status.OFF_TRACK),  # 4,99 / 20 = 0,2495 < 0,25
        ("49", Status.OFF_TRACK),  # the wrong way: −1 / 20 = −0,05
        ("70", Status.ON_TRACK),  # the target itself is reached
        ("75", Status.ON_TRACK),
    ],
)
def test_higher_is_better_at_the_boundaries(value, expected):
    assert status(value, baseline="50", target="70") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # From 10 down to 6: half the way is 8.
        ("8", Status.ON_TRACK),  # (8 − 10) / (6 − 10) = 0,5
        ("8.01", Status.AT_RISK),  # −1,99 / −4 = 0,4975
        ("9", Status.AT_RISK),  # −1 / −4 = 0,25
        ("9.01", Status.OFF_TRACK),  # −0,99 / −4 = 0,2475
        ("11", Status.OFF_TRACK),  # the wrong way: 1 / −4 = −0,25
        ("6", Status.ON_TRACK),
        ("5", Status.ON_TRACK),
    ],
)
def test_lower_is_better_at_the_boundaries(value, expected):
    assert status(value, baseline="10", target="6", higher=False) == expected


def test_a_target_date_passed_without_the_target_reached_is_off_track_in_both_directions():
    assert status("69.99", baseline="50", target="70", on=AFTER) == Status.OFF_TRACK
    assert status("70", baseline="50", target="70", on=AFTER) == Status.ON_TRACK
    assert status("6.01", baseline="10", target="6", higher=False, on=AFTER) == Status.OFF_TRACK
    assert status("6", baseline="10", target="6", higher=False, on=AFTER) == Status.ON_TRACK
    # On the target date itself it is still judged against the line: all the time has passed.
    assert status("69.99", baseline="50", target="70", on=TARGET_DATE) == Status.AT_RISK


def test_no_value_or_no_target_is_no_data():
    assert status(None, baseline="50", target="70") == Status.NO_DATA
    assert status("60", baseline="50", target=None) == Status.NO_DATA


def test_without_a_baseline_a_value_short_of_the_target_is_at_risk_until_the_target_date():
    assert status("10", baseline=None, target="70", baseline_date=None) == Status.AT_RISK
    assert status("70", baseline=None, target="70", baseline_date=None) == Status.ON_TRACK
    assert status("10", baseline=None, target="70", baseline_date=None, on=AFTER) == (
        Status.OFF_TRACK
    )


def test_the_next_target_is_the_first_not_yet_passed_else_the_last():
    first = TargetPoint(Decimal(60), datetime.date(2025, 12, 31))
    last = TargetPoint(Decimal(80), datetime.date(2026, 12, 31))
    assert next_target([last, first], datetime.date(2025, 12, 31)) == first
    assert next_target([last, first], datetime.date(2026, 1, 1)) == last
    assert next_target([last, first], datetime.date(2027, 1, 1)) == last
    assert next_target([], datetime.date(2027, 1, 1)) is None
