"""OMU previews and approves a report; a committee member downloads the published PDF."""

import pytest
from playwright.sync_api import expect

from reports.models import Report
from reports.services import report_render, report_sign_off
from strategy.services import DEMO_PASSWORD
from tests.conftest import axe_violations, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def rendered(demo_world):
    from initiatives.models import Period

    users = demo_world
    period = Period.objects.get(year=2026, half=1)
    report = Report.objects.create(
        period=period, audience="committee", version=1, requested_by=users["admin"]
    )
    report = report_render(report_id=report.pk)
    report_sign_off(report=report, stage="leaders_reviewed", user=users["admin"])
    return {"report": report, "users": users, "period": period}


def test_omu_previews_and_approves_then_the_committee_downloads(page, live_server, rendered):
    report = rendered["report"]
    login(page, live_server, "omu", DEMO_PASSWORD)
    # OMU lands on the report awaiting their approval.
    expect(page).to_have_url(f"{live_server.url}{report.get_absolute_url()}")
    expect(page.get_by_text("Næste: OMU godkender rapporten")).to_be_visible()
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Rapporter").click()
    assert axe_violations(page) == []
    page.get_by_label("Halvår").select_option(label="1. halvår 2026")
    page.get_by_label("Målgruppe").select_option(label="OMU")
    page.get_by_role("button", name="Forhåndsvis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Halvårsstatus til OMU")
    expect(page.get_by_text("Forhåndsvisning med aktuelle data")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    assert axe_violations(page) == []
    # Every stage change is confirmed on a page of its own (no JavaScript needed).
    page.get_by_role("link", name="Registrér: Godkendt af OMU").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekræft: Godkendt af OMU")
    assert axe_violations(page) == []
    page.get_by_label("Bemærkning (valgfri)").fill("Godkendt på OMU-mødet.")
    page.get_by_role("button", name="Bekræft: Godkendt af OMU").click()
    expect(page.get_by_text("Godkendelsestrinnet er registreret.")).to_be_visible()
    report.refresh_from_db()
    assert report.stage == Report.Stage.OMU_APPROVED

    # Not published yet: the committee sees nothing.
    page.get_by_role("button", name="Log ud").click()
    login(page, live_server, "udvalg", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Halvårsrapporter")
    expect(page.get_by_text("Der er endnu ingen rapporter.")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()

    login(page, live_server, "admin", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.get_by_role("link", name="Registrér: Offentliggjort for udvalget").click()
    page.get_by_role("button", name="Bekræft: Offentliggjort for udvalget").click()
    expect(page.get_by_text("Godkendelsestrinnet er registreret.")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()

    login(page, live_server, "udvalg", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Halvårsrapporter")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    link = page.get_by_role("link", name="Hent PDF")
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200
    assert response.body()[:5] == b"%PDF-"
    assert response.headers["content-type"] == "application/pdf"


@pytest.mark.parametrize("audience", ["omu", "committee"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_preview_has_no_axe_violations_at_either_width(
    page, live_server, rendered, audience, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "omu", DEMO_PASSWORD)
    period = rendered["period"]
    page.goto(
        f"{live_server.url}/rapporter/forhaandsvisning/?period={period.pk}&audience={audience}"
    )
    expect(
        page.get_by_role("heading", level=2, name="Sammenfatning for 1. halvår 2026")
    ).to_be_visible()
    assert axe_violations(page) == []
    # Nothing wider than the screen but the tables, which scroll in their own region.
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
