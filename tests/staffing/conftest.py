import pytest

from staffing.models import StaffGroup
from staffing.services import staffing_load_bilag2
from strategy.models import Unit


@pytest.fixture
def bilag2(strategy_data):
    """The real snapshot "september 2024", loaded as `make run` loads it."""
    return staffing_load_bilag2()


@pytest.fixture
def groups(bilag2) -> dict[str, StaffGroup]:
    return {g.name: g for g in StaffGroup.objects.all()}


@pytest.fixture
def areas(strategy_data) -> dict[str, Unit]:
    return {u.name: u for u in Unit.objects.areas()}
