"""The overview counts, per pejlemærke, how many indicators are on track as of the overview's
half-year; a committee member's overview (the last closed half-year) never counts a draft."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse

from indicators.models import Measurement, Target
from indicators.templatetags.indicators import indicator_theme_counts
from strategy.models import Theme
from tests.indicators.conftest import make_indicator


def test_the_overview_counts_indicators_per_pejlemaerke(
    unit_a, closed_period, open_period, client_for
):
    # Under 2.1: one reaches its target in the open half-year (på sporet), one has no target
    # (ingen data). Under 3.2: one reaches its target in the closed half-year.
    reached = make_indicator("Når målet", unit_a, objective=(2, 1))
    Target.objects.create(indicator=reached, value=Decimal(5), date=datetime.date(2027, 1, 1))
    Measurement.objects.create(indicator=reached, period=open_period, value=Decimal(5))
    make_indicator("Uden måltal", unit_a, objective=(2, 1))
    early = make_indicator("Nået tidligt", unit_a, objective=(3, 2))
    Target.objects.create(indicator=early, value=Decimal(5), date=datetime.date(2027, 1, 1))
    Measurement.objects.create(indicator=early, period=closed_period, value=Decimal(6))

    themes = list(Theme.objects.all())
    staff = {
        i["theme"].number: i["counts"]
        for i in indicator_theme_counts(themes, open_period)["per_theme"]
    }
    assert staff[2] == {"on_track": 1, "at_risk": 0, "off_track": 0, "no_data": 1, "total": 2}
    assert staff[3] == {"on_track": 1, "at_risk": 0, "off_track": 0, "no_data": 0, "total": 1}
    assert staff[1]["total"] == 0 and staff[4]["total"] == 0
    # As of the closed half-year, the open half-year's value is not counted.
    closed = {
        i["theme"].number: i["counts"]
        for i in indicator_theme_counts(themes, closed_period)["per_theme"]
    }
    assert closed[2] == {"on_track": 0, "at_risk": 0, "off_track": 0, "no_data": 2, "total": 2}

    page = client_for("committee_member").get(reverse("pages:overview")).content.decode()
    assert "Indikatorer pr. pejlemærke, 1. halvår 2026" in page
