"""Indicators in Chromium: a leader enters a value and sees status and chart change; axe on
the new pages at 1280 and 390 px."""

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from indicators.models import Indicator, Target
from indicators.services import indicators_load_demo, indicators_load_norddjurs
from initiatives.services import plan_load_demo_status, plan_load_norddjurs
from staffing.services import staffing_load_bilag2
from tests.conftest import axe_violations, login
from tests.indicators.conftest import make_indicator

pytestmark = pytest.mark.e2e

SCREENSHOTS = os.environ.get("INDICATOR_SCREENSHOTS")  # a folder, to look at the pages by eye


@pytest.fixture
def indicators(strategy_data, administrator, leader_a, omu_member, committee_member):
    plan_load_norddjurs()
    plan_load_demo_status()
    staffing_load_bilag2()
    indicators_load_norddjurs()
    indicators_load_demo()
    # Unit A's own indicator: from 50 on 1 January 2026 to 70 by 31 December 2026. A value for
    # 2. halvår 2026 covers 31 December, when all the time has passed: 65 is 0,75 of the way
    # (Risiko), 70 reaches it (På sporet).
    from strategy.models import Unit

    indicator = make_indicator(
        "Pladser i Område Grenå",
        Unit.objects.get(name="Område Grenå"),
        baseline_value=Decimal(50),
        baseline_date=datetime.date(2026, 1, 1),
    )
    Target.objects.create(indicator=indicator, value=Decimal(70), date=datetime.date(2026, 12, 31))
    return indicator


def _shoot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_a_leader_enters_a_value_and_sees_the_status_and_the_chart_change(
    page, live_server, indicators
):
    login(page, live_server, "leder_a")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Indikatorer").click()
    page.get_by_role("link", name="Pladser i Område Grenå").click()
    figures = page.locator("#indicator-figures")
    expect(figures.locator(".indicator-status")).to_contain_text("Ingen data")
    chart = figures.locator("svg.indicator-chart:visible")
    expect(chart.locator("circle")).to_have_count(0)
    page.get_by_role("textbox", name="Værdi", exact=True).fill("65")
    page.get_by_role("button", name="Gem værdi").click()
    expect(figures.get_by_role("status")).to_have_text("Målingen er gemt.")
    expect(figures.locator(".indicator-status")).to_contain_text("Risiko")
    expect(figures.locator(".latest-value")).to_have_text("65,0")
    expect(figures.locator("svg.indicator-chart:visible circle")).to_have_count(1)
    expect(figures.locator("svg.indicator-chart:visible title")).to_contain_text(
        "Seneste værdi 65,0"
    )
    expect(figures.locator("table.indicator-values")).to_contain_text("65,0")
    assert page.url.endswith(f"/indikatorer/{indicators.pk}/")  # swapped in place (htmx)
    page.get_by_role("textbox", name="Værdi", exact=True).fill("70")
    page.get_by_role("button", name="Gem værdi").click()
    expect(figures.locator(".indicator-status")).to_contain_text("På sporet")
    expect(figures.locator(".latest-value")).to_have_text("70,0")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_on_the_indicator_pages(page, live_server, indicators, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "admin_user")
    sick = Indicator.objects.get(name="Sygefravær")
    trained = Indicator.objects.get(name="Andel faguddannede i botilbuddene")
    pages = {
        "list": "/indikatorer/",
        "detail": f"/indikatorer/{sick.pk}/",
        "trained-share": f"/indikatorer/{trained.pk}/",
        "entry": f"/indikatorer/{sick.pk}/maaling/",
        "import": "/indikatorer/import/",
        "objective-4-2": "/pejlemaerker/4/maalsaetninger/2/",
        "overview": "/",
    }
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        _shoot(page, f"indicators-{name}-{width}")
        assert axe_violations(page) == [], path
        if width == 390:
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    # The chart is drawn for the width: at 390 px its 14-unit labels are about 14 px, not 8.
    page.goto(f"{live_server.url}/indikatorer/{trained.pk}/")
    charts = page.locator("svg.indicator-chart:visible:not(.indicator-chart-small)")
    expected = {1280: "0 0 640 260", 390: "0 0 360 240"}[width]
    assert [charts.nth(i).get_attribute("viewBox") for i in range(charts.count())] == [expected]
