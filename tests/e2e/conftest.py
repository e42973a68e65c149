"""Fixtures for the journeys: the real plan with demo status, Bilag 2 and the demo users."""

import pytest


@pytest.fixture
def demo_world(strategy_data, transactional_db) -> dict:
    """What `make run` loads; returns the demo users by username."""
    from initiatives.services import plan_load_demo_status, plan_load_norddjurs
    from staffing.services import staffing_load_bilag2
    from strategy.services import demo_users_create

    plan_load_norddjurs()
    plan_load_demo_status()
    staffing_load_bilag2()
    return {u.username: u for u in demo_users_create()}
