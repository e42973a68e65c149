"""The initiatives' fixtures (an initiative of unit A), for the tests of people leaving."""

from tests.initiatives.conftest import initiative_a, objective_21, objective_42  # noqa: F401
