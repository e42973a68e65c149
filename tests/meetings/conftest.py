import hashlib

import pytest
from django.core.files.base import ContentFile

from initiatives.models import TrafficLight
from reports.documents import build_snapshot
from reports.models import Audience, Report
from tests.initiatives.factories import InitiativeFactory, PeriodFactory, StatusUpdateFactory


@pytest.fixture
def half_years(strategy_data):
    """2. halvår 2025 (closed) and 1. halvår 2026 (closed), and 2. halvår 2026 open."""
    return (
        PeriodFactory(year=2025, half=2, is_open=False),
        PeriodFactory(year=2026, half=1, is_open=False),
        PeriodFactory(year=2026, half=2, is_open=True),
    )


@pytest.fixture
def small_plan(half_years, unit_a, objective_21):
    """Three initiatives of unit A under 2.1: one green both times, one yellow → red, one
    without an update in 1. halvår 2026."""
    before, period, _open = half_years
    green = InitiativeFactory(
        title="Tiltag Grøn", responsible_unit=unit_a, objectives=[objective_21]
    )
    red = InitiativeFactory(title="Tiltag Rød", responsible_unit=unit_a, objectives=[objective_21])
    missing = InitiativeFactory(
        title="Tiltag Mangler", responsible_unit=unit_a, objectives=[objective_21]
    )
    StatusUpdateFactory(initiative=green, period=before, traffic_light=TrafficLight.GREEN)
    StatusUpdateFactory(initiative=green, period=period, traffic_light=TrafficLight.GREEN)
    StatusUpdateFactory(initiative=red, period=before, traffic_light=TrafficLight.YELLOW)
    StatusUpdateFactory(
        initiative=red,
        period=period,
        traffic_light=TrafficLight.RED,
        status_text="Rekrutteringen er forsinket. Vi søger igen i efteråret.",
    )
    StatusUpdateFactory(initiative=missing, period=before, traffic_light=TrafficLight.GREEN)
    return {"green": green, "red": red, "missing": missing, "period": period}


@pytest.fixture
def objective_21(strategy_data):
    from strategy.models import Objective

    return Objective.objects.get(theme__number=2, number=1)


@pytest.fixture
def committee_report(small_plan, administrator, settings, tmp_path):
    from staffing.services import staffing_load_bilag2

    settings.MEDIA_ROOT = tmp_path
    staffing_load_bilag2()
    content = b"%PDF-1.7 test"
    period = small_plan["period"]
    return Report.objects.create(
        period=period,
        audience=Audience.COMMITTEE,
        version=1,
        requested_by=administrator,
        status=Report.Status.DONE,
        stage=Report.Stage.PUBLISHED,
        snapshot=build_snapshot(period=period, audience=Audience.COMMITTEE),
        file=ContentFile(content, name="udvalg.pdf"),
        sha256=hashlib.sha256(content).hexdigest(),
    )
