"""The cache is a cache: with Redis on a closed port every key page, the public page and every
API route answer from the database, the API's budget is counted per process, and the warning
is logged once, not once per request.

The scenario is the API's (tests/api/conftest.py): two closed half-years and an open one, two
initiatives with status in each, a published committee report and an OMU draft."""

import datetime
import logging
import socket

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from api.services import api_token_create
from core.cache import redis_breaker, redis_down_warning

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    """A port on the loopback that nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    from api.setup import near_answers

    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    near_answers.clear()  # an answer kept in memory would hide the database path
    redis_breaker.reset()
    redis_down_warning.reset()
    yield
    near_answers.clear()
    redis_breaker.reset()
    redis_down_warning.reset()


def _token(data, scope: str) -> str:
    return api_token_create(
        name=scope, scope=scope, expires_on=datetime.date(2099, 1, 1), user=data["admin"]
    )[1]


def test_the_key_pages_answer_from_the_database_with_redis_down(data, redis_down, caplog):
    """The overview (where administrators land), a pejlemærke, a målsætning, the list, Mine
    tiltag, an initiative, the reports and staffing each answer 200 with their content; the
    warning is logged once for all of them (once a minute at most)."""
    admin = Client()
    admin.force_login(data["admin"])
    initiative = data["initiatives"][0]
    pages = {
        "/": "Tiltag",
        "/pejlemaerker/2/": "Pejlemærke 2",
        "/pejlemaerker/2/maalsaetninger/1/": "Tiltag 0",
        "/tiltag/": "Tiltag 1",
        "/mine-tiltag/": "Mine tiltag",
        f"/tiltag/{initiative.pk}/": "Tiltag 0",
        "/rapporter/": "Rapporter",
        "/personale/": "Personale",
        "/indikatorer/": "Sygefravær",
    }
    with caplog.at_level(logging.WARNING, logger="socialomraade.cache"):
        for path, text in pages.items():
            response = admin.get(path)
            assert response.status_code == 200, path
            assert text in response.content.decode(), path
    warnings = [r for r in caplog.records if r.name == "socialomraade.cache"]
    assert len(warnings) == 1
    assert "Redis kan ikke nås" in warnings[0].getMessage()


def test_the_public_page_answers_from_the_database_with_redis_down(data, redis_down, settings):
    settings.PUBLIC_STATUS_PAGE = True
    for path, text in [
        ("/offentlig/", "Tiltag 0"),
        ("/offentlig/tiltag.csv", "Tiltag 0"),
        ("/offentlig/tiltag.json", "Tiltag 0"),
    ]:
        response = Client().get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode(), path


def test_every_api_route_answers_from_the_database_with_redis_down(data, redis_down):
    """All 13 routes of the schema: 200 with JSON (the report PDF with the PDF)."""
    from reports.models import Audience, Report

    raw = _token(data, "intern")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    schema = Client().get("/api/v1/openapi.json", **headers)
    assert schema.status_code == 200
    routes = [p.replace("/api/v1/", "") for p in schema.json()["paths"]]
    assert len(routes) == 13
    report = Report(
        period=data["closed"],
        audience=Audience.COMMITTEE,
        version=2,
        stage=Report.Stage.PUBLISHED,
        status=Report.Status.DONE,
        sha256="a" * 64,
        requested_by=data["admin"],
    )
    report.file.save("udvalg.pdf", ContentFile(b"%PDF-1.7 udvalget"), save=False)
    report.save()
    for route in routes:
        path = route.format(
            initiative_id=data["initiatives"][0].pk,
            snapshot_id=data["snapshot"].pk,
            indicator_id=data["indicator"].pk,
            report_id=report.pk,
        )
        response = Client().get(f"/api/v1/{path}", **headers)
        assert response.status_code == 200, route
        if path.endswith("pdf"):
            assert b"".join(response.streaming_content) == b"%PDF-1.7 udvalget"
        else:
            assert response["Content-Type"].startswith("application/json"), route
            response.json()


def test_the_api_budget_is_counted_per_process_with_redis_down(data, redis_down, settings):
    """README: with Redis unreachable each web process counts its own budget (a 2/min budget
    refuses this process's third call)."""
    settings.API_RATE_LIMIT = "2/min"
    raw = _token(data, "offentlig")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    codes = [Client().get("/api/v1/enheder", **headers).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_an_api_error_is_json_with_a_danish_detail_even_a_500(data, monkeypatch):
    """A route that raises: 500 with JSON, not the HTML error page; an address no route has:
    404 with JSON."""
    from strategy.models import Unit

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Unit.objects, "order_by", broken)
    raw = _token(data, "intern")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/enheder", **headers)
    assert response.status_code == 500
    assert response.json() == {"detail": "Der skete en fejl på serveren. Prøv igen om lidt."}
    missing = client.get("/api/v1/findes-ikke", **headers)
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Findes ikke."}


def test_a_500_outside_the_api_handler_is_json_too(rf):
    from pages.views import server_error

    response = server_error(rf.get("/api/v1/tiltag"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.content.decode() == (
        '{"detail": "Der skete en fejl p\\u00e5 serveren. Pr\\u00f8v igen om lidt."}'
    )
