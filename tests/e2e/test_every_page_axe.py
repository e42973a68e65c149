"""axe finds no WCAG 2.1 A/AA violation on any page of the app, at 1280 px and at 390 px,
each page read by a role that may see it (issue 15: "on any page")."""

import pytest

from tests.conftest import axe_violations, login

pytestmark = pytest.mark.e2e

WIDTHS = [(1280, 900), (390, 844)]
# Pages drawn by a script after the page has loaded: what to wait for before axe reads them.
DRAWN = {"/api/v1/docs": ".opblock-summary"}  # Swagger UI, after it has read the schema


@pytest.fixture
def world(demo_world, settings):
    from indicators.models import Indicator
    from indicators.services import indicators_load_demo, indicators_load_norddjurs
    from initiatives.models import Initiative, Period
    from staffing.models import StaffingSnapshot

    settings.PUBLIC_STATUS_PAGE = True
    import datetime

    from django.contrib.auth import get_user_model

    from api.services import api_token_create

    token, _raw = api_token_create(
        name="Power BI",
        scope="intern",
        expires_on=datetime.date.today() + datetime.timedelta(days=30),
        user=get_user_model().objects.get(username="admin"),
    )
    indicators_load_norddjurs()
    indicators_load_demo()
    closed = Period.objects.closed().order_by("-year", "-half").first()
    return {
        "initiative": Initiative.objects.order_by("pk").first().pk,
        "snapshot": StaffingSnapshot.objects.first().pk,
        "indicator": Indicator.objects.order_by("pk").first().pk,
        "closed": closed.pk,
        "token": token.pk,
        "leader": get_user_model().objects.get(username="leder.grenaa").pk,
        "unit": Initiative.objects.order_by("pk").first().responsible_unit_id,
        "grenaa_initiative": Initiative.objects.filter(responsible_unit__name="Område Grenå")
        .order_by("pk")
        .first()
        .pk,
    }


def _pages(w: dict) -> dict[str, list[str]]:
    initiative, snapshot, indicator = w["initiative"], w["snapshot"], w["indicator"]
    return {
        "": ["/konto/log-ind/", "/tilgaengelighed/", "/offentlig/"],
        "admin": [
            "/",
            "/pejlemaerker/1/",
            "/pejlemaerker/4/maalsaetninger/2/",
            "/tiltag/",
            f"/tiltag/{initiative}/",
            f"/tiltag/{initiative}/ret/",
            f"/tiltag/{initiative}/arkiver/",
            "/tiltag/nyt/",
            "/aendringer/",
            "/halvaar/",
            "/rapporter/",
            f"/rapporter/forhaandsvisning/?period={w['closed']}&audience=committee",
            f"/rapporter/bestil/?period={w['closed']}&audience=omu",
            "/personale/",
            f"/personale/opgoerelser/{snapshot}/",
            "/personale/udvikling/",
            "/personale/sammenlign/",
            "/personale/import/",
            "/indikatorer/",
            f"/indikatorer/{indicator}/",
            "/indikatorer/import/",
            "/sikkerhedslog/",
            "/api-noegler/",
            f"/api-noegler/{w['token']}/tilbagekald/",
            "/api/v1/docs",
            "/brugere/",
            "/brugere/ny/",
            f"/brugere/{w['leader']}/",
            f"/brugere/{w['leader']}/deaktiver/",
            "/enheder/",
            "/enheder/ny/",
            f"/enheder/{w['unit']}/",
            f"/enheder/{w['unit']}/nedlaeg/",
        ],
        "leder.grenaa": [
            "/mine-tiltag/",
            f"/tiltag/{w['grenaa_initiative']}/",
            f"/tiltag/{w['grenaa_initiative']}/status/",
        ],
        "udvalg": ["/rapporter/", "/indikatorer/", "/pejlemaerker/4/maalsaetninger/2/"],
    }


@pytest.mark.parametrize("username", ["", "admin", "leder.grenaa", "udvalg"])
def test_no_axe_violation_on_any_page_at_either_width(page, live_server, world, username):
    if username:
        login(page, live_server, username, "demo1234")
    found = {}
    for path in _pages(world)[username]:
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, (username, path)
            page.wait_for_load_state("networkidle")
            if path in DRAWN:
                page.wait_for_selector(DRAWN[path])
            violations = axe_violations(page)
            if violations:
                found[(path, width)] = [(v["id"], len(v["nodes"])) for v in violations]
    assert found == {}


def test_no_axe_violation_on_the_api_docs_with_a_route_opened_and_tried(page, live_server, world):
    """The docs page as it is used: a route opened, "Try it out", "Execute" and its answer shown
    (curl, the response body, the copy buttons), at either width."""
    login(page, live_server, "admin", "demo1234")
    found = {}
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/api/v1/docs")
        page.wait_for_selector(".opblock-summary")
        page.get_by_role("button", name="/api/v1/tiltag Tiltag i udviklingsplanen").click()
        page.get_by_role("button", name="Try it out").click()
        page.get_by_role("button", name="Execute").click()
        page.wait_for_selector(".live-responses-table")
        violations = axe_violations(page)
        if violations:
            found[width] = [(v["id"], len(v["nodes"])) for v in violations]
    assert found == {}
