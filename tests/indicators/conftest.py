"""Fixtures for the indicator tests: half-years (closed, open, planned) and indicators of
unit A (Område Grenå) and unit B (Område Ørum)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from indicators.models import Indicator, Target
from strategy.models import Objective


def make_indicator(name: str, responsible, *, objective=(2, 1), **fields) -> Indicator:
    values = {
        "definition": "Antal af noget, talt i halvåret.",
        "unit": "count",
        "decimals": 1,
        "direction": "higher",
        "responsible_unit": responsible,
        **fields,
    }
    indicator = Indicator.objects.create(name=name, **values)
    theme, number = objective
    indicator.objectives.set([Objective.objects.get(theme__number=theme, number=number)])
    return indicator


@pytest.fixture
def indicator_a(unit_a):
    """Higher is better, from 50 on 1 January 2026 to 70 by 31 December 2026."""
    indicator = make_indicator(
        "Pladser i Område Grenå",
        unit_a,
        baseline_value=Decimal(50),
        baseline_date=datetime.date(2026, 1, 1),
    )
    Target.objects.create(indicator=indicator, value=Decimal(70), date=datetime.date(2026, 12, 31))
    return indicator


@pytest.fixture
def percent_indicator_a(unit_a):
    return make_indicator("Andel i Område Grenå", unit_a, unit="percent")


@pytest.fixture
def indicator_b(unit_b):
    return make_indicator("Pladser i Område Ørum", unit_b)
