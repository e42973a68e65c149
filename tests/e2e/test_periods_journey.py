"""The administrator creates next half-year in advance; what the committee member reads (the
overview and the report archive) does not change: 2. halvår 2026 stays, 1. halvår 2027 never
appears. A deadline outside the half-year's window is refused in Danish on the way."""

import pytest
from playwright.sync_api import expect

from initiatives.models import Period
from reports.models import Report
from reports.services import report_render, report_sign_off
from strategy.services import DEMO_PASSWORD
from tests.conftest import axe_violations, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def second_half_2026_closed(demo_world):
    """The real plan with 2. halvår 2026 closed and its committee report published."""
    from initiatives.services import period_close

    users = demo_world
    period = period_close(period=Period.objects.get(year=2026, half=2), user=users["admin"])
    report = Report.objects.create(
        period=period, audience="committee", version=1, requested_by=users["admin"]
    )
    report = report_render(report_id=report.pk)
    report_sign_off(report=report, stage="leaders_reviewed", user=users["admin"])
    report_sign_off(report=report, stage="omu_approved", user=users["omu"])
    report_sign_off(report=report, stage="published", user=users["admin"])
    return period


def _committee_sees_2_halvaar_2026(page, live_server) -> None:
    login(page, live_server, "udvalg", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Halvårsrapporter")
    expect(page.get_by_role("heading", name="2. halvår 2026", exact=True)).to_be_visible()
    expect(page.get_by_text("1. halvår 2027")).to_have_count(0)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Status for 2. halvår 2026")).to_be_visible()
    expect(page.get_by_text("1. halvår 2027")).to_have_count(0)
    assert "1. halvår 2027" not in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Log ud").click()


def test_creating_next_half_year_changes_nothing_the_committee_sees(
    page, live_server, second_half_2026_closed
):
    _committee_sees_2_halvaar_2026(page, live_server)

    login(page, live_server, "admin", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/halvaar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Halvår")
    assert axe_violations(page) == []
    form = page.locator("form[action$='/halvaar/opret/']")
    expect(form.get_by_label("År", exact=True)).to_have_value("2027")
    form.get_by_label("1. halvår").check()

    # Bad input first: 30 June 2027 + 60 days is 29 August 2027.
    form.get_by_label("Frist for opdatering").fill("2027-09-01")
    form.get_by_role("button", name="Opret halvår").click()
    expect(page.get_by_text("(senest 29. august 2027)")).to_be_visible()
    assert not Period.objects.filter(year=2027).exists()

    form = page.locator("form[action$='/halvaar/opret/']")
    form.get_by_label("1. halvår").check()
    form.get_by_label("Frist for opdatering").fill("2027-06-15")
    form.get_by_role("button", name="Opret halvår").click()
    expect(page.get_by_text("1. halvår 2027 er oprettet som planlagt.")).to_be_visible()
    row = page.get_by_role("row", name="1. halvår 2027")
    expect(row).to_contain_text("Planlagt")
    # Opening a planned half-year is confirmed on its own page, so "Åbn" is a link there.
    expect(row.get_by_role("link", name="Åbn 1. halvår 2027")).to_be_visible()
    expect(page.get_by_role("row", name="2. halvår 2026")).to_contain_text("Lukket")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Log ud").click()

    _committee_sees_2_halvaar_2026(page, live_server)
