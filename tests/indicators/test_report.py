"""The report's Indikatorer section: plain data, headline indicators only for the committee,
the counts per status for every version, and the partial that renders it."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django.template.loader import render_to_string

from indicators.models import Measurement, Target
from indicators.report import report_snapshot
from tests.indicators.conftest import make_indicator


def test_the_committee_gets_headline_indicators_and_every_version_the_counts(
    indicator_a, indicator_b, unit_a, closed_period, open_period
):
    headline = make_indicator("Hovedindikator", unit_a, is_headline=True)
    Target.objects.create(indicator=headline, value=Decimal(10), date=datetime.date(2026, 12, 31))
    Measurement.objects.create(indicator=headline, period=closed_period, value=Decimal(10))
    # indicator_a: 50 on 1 January 2026 -> 70 by 31 December 2026 (364 days). A value for
    # 1. halvår 2026 covers 30 June, 180 days in: 180 / 364 = 0,4945 of the time. 55 has come
    # (55 − 50) / 20 = 0,25 of the way; 0,25 ≥ 0,4945 − 0,25 = 0,2445: Risiko.
    Measurement.objects.create(indicator=indicator_a, period=closed_period, value=Decimal(55))
    # A value in the open half-year is not in the committee's version.
    Measurement.objects.create(indicator=indicator_b, period=open_period, value=Decimal(3))

    committee = report_snapshot(closed_period, committee=True)
    json.dumps(committee)  # plain data
    assert committee["counts"] == {
        "on_track": 1,  # the headline indicator: 10 of 10
        "at_risk": 1,  # indicator_a
        "off_track": 0,
        "no_data": 1,  # indicator_b: no target, and its value is in the open half-year
        "total": 3,
    }
    assert [item["name"] for item in committee["items"]] == ["Hovedindikator"]
    assert committee["items"][0]["latest"] == "10,0"
    assert committee["items"][0]["target_date"] == "31. december 2026"

    staff = report_snapshot(open_period, committee=False)
    assert [item["name"] for item in staff["items"]] == [
        "Hovedindikator",
        "Pladser i Område Grenå",
        "Pladser i Område Ørum",
    ]
    assert staff["items"][2]["latest"] == "3,0"

    html = render_to_string("indicators/_report_section.html", {"indicators": committee})
    assert (
        "1. halvår 2026: 1 af 3 indikatorer er på sporet, 1 i risiko, 0 bagud og 1 uden data."
        in html
    )
    assert "Hovedindikator" in html and "På sporet" in html
    assert "Pladser i Område Grenå" not in html
