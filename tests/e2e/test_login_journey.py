"""Each demo role logs in through the real form in Chromium and reads the strategy."""

import pytest
from playwright.sync_api import expect

from strategy.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_users_create
from tests.conftest import axe_violations, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_accounts(strategy_data):
    demo_users_create()


@pytest.mark.parametrize("username", [a.username for a in DEMO_ACCOUNTS])
def test_each_demo_role_logs_in_and_reads_the_overview(page, live_server, demo_accounts, username):
    login(page, live_server, username, DEMO_PASSWORD)
    # Each role lands on its own work: committee members on the report archive, leaders on
    # Mine tiltag; OMU (nothing awaits them here) and administrators on the overview.
    if username == "udvalg":
        expect(page.get_by_role("heading", level=1)).to_have_text("Halvårsrapporter")
        page.get_by_role("link", name="Overblik").click()
    elif username.startswith("leder."):
        expect(page.get_by_role("heading", level=1)).to_have_text("Mine tiltag")
        page.get_by_role("navigation", name="Hovedmenu").get_by_role(
            "link", name="Overblik"
        ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Fælles langsigtet strategi for Socialområdet"
    )
    for title in [
        "Borgeren først",
        "Fundamentet på plads",
        "Mest muligt i eget liv",
        "Helhed og fremtidssikring",
    ]:
        expect(page.locator(".theme-grid").get_by_role("link", name=title)).to_be_visible()
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()


def test_a_wrong_password_is_refused_in_danish(page, live_server, demo_accounts):
    login(page, live_server, "omu", "forkert-kode")
    expect(page.get_by_role("alert")).to_contain_text("Indtast venligst korrekt brugernavn")


def test_keyboard_reaches_the_skip_link_and_the_theme_page(page, live_server, demo_accounts):
    login(page, live_server, "udvalg", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Gå til indhold")).to_be_focused()
    page.locator(".theme-grid").get_by_role("link", name="Fundamentet på plads").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Om pejlemærket")).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/konto/log-ind/",
        "/",
        "/pejlemaerker/1/",
        "/pejlemaerker/4/",
        "/pejlemaerker/2/maalsaetninger/4/",
        "/tilgaengelighed/",
    ],
)
def test_axe_finds_no_violations(page, live_server, demo_accounts, path):
    if path != "/konto/log-ind/":
        login(page, live_server, "leder.grenaa", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{path}")
    assert axe_violations(page) == []


def test_phone_width_has_no_horizontal_scroll(page, live_server, demo_accounts):
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, "omu", DEMO_PASSWORD)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
