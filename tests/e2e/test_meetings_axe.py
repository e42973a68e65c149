"""axe finds no WCAG 2.1 A/AA violation on the meetings pages, at 1280 px and 390 px, each
read by a role that may see it; and the agenda is reordered with JavaScript (htmx) in place."""

import datetime
import hashlib

import pytest

from tests.conftest import axe_violations, login

pytestmark = pytest.mark.e2e

WIDTHS = [(1280, 900), (390, 844)]


@pytest.fixture
def world(demo_world, settings, tmp_path):
    from django.core.files.base import ContentFile

    from initiatives.models import Initiative, Period
    from meetings.models import Decision, FollowUp
    from meetings.services import agenda_item_draft, meeting_create
    from reports.documents import build_snapshot
    from reports.models import Report
    from strategy.models import Unit

    settings.MEDIA_ROOT = tmp_path
    admin = demo_world["admin"]
    period = Period.objects.get(year=2026, half=1)
    meeting = meeting_create(
        user=admin,
        kind="leaders",
        title="Ledermøde om 1. halvår 2026",
        date=datetime.date(2026, 8, 20),
        start_time=datetime.time(9),
        place="Rådhuset",
        period=period,
    )
    point = meeting.points.order_by("position")[1]
    grenaa = Unit.objects.get(name="Område Grenå")
    initiative = Initiative.objects.filter(responsible_unit=grenaa).order_by("pk").first()
    decision = Decision.objects.create(
        meeting=meeting, point=point, text="Område Grenå følger op.", decided_on=meeting.date
    )
    decision.initiatives.add(initiative)
    FollowUp.objects.create(
        decision=decision,
        initiative=initiative,
        unit=grenaa,
        due_on=datetime.date(2026, 10, 1),
        text="En plan for rekruttering.",
    )
    content = b"%PDF-1.7 e2e"
    report = Report.objects.create(
        period=period,
        audience="committee",
        version=1,
        requested_by=admin,
        status=Report.Status.DONE,
        stage=Report.Stage.PUBLISHED,
        snapshot=build_snapshot(period=period, audience="committee"),
        file=ContentFile(content, name="udvalg.pdf"),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    item = agenda_item_draft(user=admin, report=report)
    return {
        "meeting": meeting,
        "point": point,
        "initiative": initiative,
        "report": report,
        "item": item,
    }


def _pages(w: dict) -> dict[str, list[str]]:
    m, item, report = w["meeting"].pk, w["item"].pk, w["report"].pk
    return {
        "admin": [
            "/moeder/",
            "/moeder/nyt/",
            f"/moeder/{m}/",
            f"/moeder/{m}/ret/",
            f"/moeder/punkt/{w['point'].pk}/referat/",
            "/beslutninger/",
            "/kalender/",
            f"/dagsordenpunkter/{item}/",
            f"/rapporter/{report}/",
            f"/rapporter/{report}/udvalgets-beslutning/",
        ],
        "leder.grenaa": ["/mine-tiltag/", f"/tiltag/{w['initiative'].pk}/", f"/moeder/{m}/"],
        "udvalg": [
            "/moeder/",
            "/beslutninger/",
            f"/dagsordenpunkter/{item}/",
            f"/rapporter/{report}/",
        ],
    }


@pytest.mark.parametrize("username", ["admin", "leder.grenaa", "udvalg"])
def test_no_axe_violation_on_the_meetings_pages(page, live_server, world, username):
    login(page, live_server, username, "demo1234")
    found = {}
    for path in _pages(world)[username]:
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, (username, path)
            page.wait_for_load_state("networkidle")
            violations = axe_violations(page)
            if violations:
                found[(path, width)] = [(v["id"], len(v["nodes"])) for v in violations]
    assert found == {}


def test_the_agenda_is_reordered_in_place_with_javascript(page, live_server, world):
    login(page, live_server, "admin", "demo1234")
    page.goto(f"{live_server.url}/moeder/{world['meeting'].pk}/")
    first = page.locator("#dagsorden .agenda-title").nth(0).inner_text()
    page.get_by_role("button", name="Flyt punkt 1 ned").click()
    page.wait_for_function(
        "t => document.querySelectorAll('#dagsorden .agenda-title')[1].innerText === t", arg=first
    )
    assert page.url.endswith(f"/moeder/{world['meeting'].pk}/")
