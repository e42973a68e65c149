"""The API's scenario: the real strategy and Bilag 2, two closed half-years and an open one,
two initiatives with status in each (written by a named leader), one published committee
report and one OMU draft."""

import hashlib

import pytest
from django.contrib.auth import get_user_model

from reports.documents import build_snapshot
from reports.models import Audience, Report
from staffing.services import staffing_load_bilag2
from strategy.models import Objective, Unit
from tests.initiatives.factories import InitiativeFactory, PeriodFactory, StatusUpdateFactory

LEADER_NAME = "Birte Lederlund"


@pytest.fixture
def data(strategy_data, administrator):
    leader = get_user_model().objects.create_user(
        username="birte", first_name="Birte", last_name="Lederlund", password="x" * 20
    )
    closed = PeriodFactory(year=2026, half=1)
    older = PeriodFactory(year=2025, half=2)
    open_ = PeriodFactory(year=2026, half=2, is_open=True)
    grenaa = Unit.objects.get(name="Område Grenå")
    objective = Objective.objects.get(theme__number=2, number=1)
    initiatives = [
        InitiativeFactory(title=f"Tiltag {n}", units=[grenaa], objectives=[objective])
        for n in range(2)
    ]
    for period, light in [(older, "yellow"), (closed, "green"), (open_, "red")]:
        for initiative in initiatives:
            StatusUpdateFactory(
                initiative=initiative,
                period=period,
                traffic_light=light,
                status_text=f"Status {period}.",
                next_steps="Intern arbejdsnote.",
                author=leader,
            )
    snapshot = staffing_load_bilag2()
    for audience, stage in [
        (Audience.COMMITTEE, Report.Stage.PUBLISHED),
        (Audience.OMU, Report.Stage.DRAFT),
    ]:
        Report.objects.create(
            period=closed,
            audience=audience,
            version=1,
            stage=stage,
            status=Report.Status.DONE,
            sha256=hashlib.sha256(audience.encode()).hexdigest(),
            snapshot=build_snapshot(period=closed, audience=audience),
            requested_by=administrator,
        )
    from decimal import Decimal

    from indicators.models import Indicator, Measurement

    indicator = Indicator.objects.create(
        name="Sygefravær",
        definition="Sygefraværsdage pr. fuldtidsansat.",
        unit="days",
        decimals=1,
        direction="lower",
        responsible_unit=grenaa,
    )
    indicator.objectives.set([objective])
    for period, value in [(older, "12.5"), (closed, "11.25"), (open_, "10.0")]:
        Measurement.objects.create(
            indicator=indicator,
            period=period,
            value=Decimal(value),
            comment="Målt af Birte.",
            author=leader,
        )
    return {
        "indicator": indicator,
        "closed": closed,
        "older": older,
        "open": open_,
        "snapshot": snapshot,
        "initiatives": initiatives,
        "admin": administrator,
    }
