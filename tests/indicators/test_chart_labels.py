"""Indicator charts and summaries in the app's words: months and dates in Danish, round ticks."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from indicators.charts import chart_description, indicator_svg, round_ticks
from indicators.models import Measurement, Target
from indicators.series import indicator_rows
from tests.indicators.conftest import make_indicator


@pytest.fixture
def trained_share(unit_a, closed_period):
    """A percentage with two decimals: baseline 29,05 % on 30 September 2024, target 40 % by
    31 December 2027, and 31,50 % measured for the closed 1. halvår 2026 (30 June 2026)."""
    indicator = make_indicator(
        "Andel faguddannede",
        unit_a,
        unit="percent",
        decimals=2,
        baseline_value=Decimal("29.05"),
        baseline_date=datetime.date(2024, 9, 30),
    )
    Target.objects.create(indicator=indicator, value=Decimal(40), date=datetime.date(2027, 12, 31))
    Measurement.objects.create(
        indicator=indicator,
        period=closed_period,
        covers_end=datetime.date(2026, 6, 30),
        value=Decimal("31.50"),
    )
    return indicator


@pytest.mark.django_db
def test_the_chart_reads_months_in_danish_and_ticks_in_round_figures(trained_share):
    """Dates from the baseline (30 September 2024) to the target (31 December 2027). Values
    up to 40 × 1,05 = 42; 42 / 4 = 10,5, so steps of 20 (the next of 1, 2, 2,5, 5 × 10) up
    to 60: 0 %, 20 %, 40 %, 60 %."""
    svg = str(indicator_svg(indicator_rows([trained_share])[0]))
    ticks = re.findall(r'x="56" y="[0-9.]+" text-anchor="end" fill="#4a5663">([^<]*)</text>', svg)
    assert ticks == ["0 %", "20 %", "40 %", "60 %"]
    months = re.findall(r'y="250" text-anchor="(?:start|end)" fill="#4a5663">([^<]*)<', svg)
    assert months == ["september 2024", "december 2027"]
    assert "09.2024" not in svg and "29,05 %" not in ticks


@pytest.mark.django_db
def test_the_summary_writes_the_target_date_in_danish(trained_share):
    row = indicator_rows([trained_share])[0]
    assert "måltal 40,00 % senest 31. december 2027" in chart_description(row)
    assert "31.12.2027" not in chart_description(row)


def test_round_ticks_are_round_steps_above_the_largest_value():
    # 29,05 × 1,05 = 30,50; 30,50 / 4 = 7,63 → steps of 10 up to 40.
    assert round_ticks(Decimal(0), Decimal("29.05")) == [0, 10, 20, 30, 40]
    # 7 × 1,05 = 7,35; / 4 = 1,84 → steps of 2 up to 8.
    assert round_ticks(Decimal(0), Decimal(7)) == [0, 2, 4, 6, 8]
    # 96 × 1,05 = 100,8; / 4 = 25,2 → steps of 50 up to 150, cut at 100 for a percentage.
    assert round_ticks(Decimal(0), Decimal(96), at_most=Decimal(100)) == [0, 50, 100]


@pytest.mark.django_db
def test_every_history_names_a_load_without_a_user_indlaest_af_systemet(trained_share, client_for):
    """The measurement above was created without a user (as load_indicators does), and
    load_staffing stores Bilag 2 without one: both histories say "Indlæst af systemet"."""
    from django.urls import reverse

    from indicators.history import measurement_timeline
    from staffing.services import staffing_load_bilag2

    assert [entry.who for entry in measurement_timeline(trained_share)] == ["Indlæst af systemet"]
    snapshot = staffing_load_bilag2()
    html = client_for("administrator").get(reverse("staffing:snapshot", args=[snapshot.pk]))
    assert "<td>Indlæst af systemet</td>" in html.content.decode()
