"""A citizen opens the public status page without logging in, at desk and phone width."""

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [1280, 390])
def test_a_citizen_reads_the_public_page(page, live_server, demo_world, settings, width):
    settings.PUBLIC_STATUS_PAGE = True
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/offentlig/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Fælles langsigtet strategi for Socialområdet"
    )
    expect(page.get_by_role("heading", name="Status for 1. halvår 2026")).to_be_visible()
    # No way into the app's own pages from here, and no one named.
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_have_count(0)
    assert "demo1234" not in page.content()
    assert axe_violations(page) == []
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent tiltag som CSV (Excel)").click()
    assert download.value.suggested_filename == "tiltag.csv"
