"""Schemathesis against the API's own OpenAPI schema: every route with generated parameters,
as an internal and as a public caller. No answer is a 500, every status is documented, and
every body conforms to the schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from api.services import api_token_create

pytestmark = pytest.mark.django_db(transaction=True)


def _schema():
    # Read through the app itself (the schema view touches no database).
    from socialomraade.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = _schema()


@pytest.fixture
def tokens(data) -> list[str]:
    import datetime

    return [
        api_token_create(
            name=scope, scope=scope, expires_on=datetime.date(2099, 1, 1), user=data["admin"]
        )[1]
        for scope in ("intern", "offentlig")
    ]


# One test per route, each with its own id. schemathesis' `schema.parametrize()` gives all 13
# the same node id, and pytest-xdist schedules by node id: under `make test` (-n 2) only one
# route ran (the others were collected, never run, and not reported).
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


def test_the_schema_has_every_route_the_api_serves():
    assert len(OPERATIONS) == 13


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_every_route_conforms_and_never_fails(operation, tokens, data):
    @given(case=operation.as_strategy())
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    def calls_conform(case) -> None:
        for token in tokens:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(
                response,
                checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
            )

    calls_conform()
