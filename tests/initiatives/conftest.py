"""Fixtures for the initiatives tests: half-years and one initiative per standing leader's unit."""

from __future__ import annotations

import pytest

from initiatives.models import Initiative
from strategy.models import Objective
from tests.initiatives.factories import InitiativeFactory

ROLES = ["administrator", "leader_a", "leader_b", "omu_member", "committee_member"]


@pytest.fixture
def objective_21(strategy_data) -> Objective:
    return Objective.objects.get(theme__number=2, number=1)


@pytest.fixture
def objective_42(strategy_data) -> Objective:
    return Objective.objects.get(theme__number=4, number=2)


@pytest.fixture
def initiative_a(unit_a, objective_21, objective_42) -> Initiative:
    """An initiative of unit A (Område Grenå), serving 2.1 and 4.2."""
    return InitiativeFactory(
        title="KRAP i Område Grenå",
        responsible_unit=unit_a,
        objectives=[objective_21, objective_42],
    )


@pytest.fixture
def initiative_b(unit_b, objective_42) -> Initiative:
    """An initiative of unit B (Område Ørum)."""
    return InitiativeFactory(
        title="Tiltag i Område Ørum", responsible_unit=unit_b, objectives=[objective_42]
    )
