"""Counting defined once: the invariants over random plans, and the same figures on every page.

The oracle is the scenario itself: each drawn initiative says whether it has an update in the
half-year, its light and progress, its lifecycle and when it entered the plan, so the expected
counts are read off the drawn data, never from the code under test.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from initiatives.models import Initiative
from initiatives.queries import (
    changes_since_previous,
    plan_status_counts,
    status_numbers,
    theme_status_rollup,
)
from reports.documents import build_snapshot
from reports.models import Audience
from strategy.models import Objective
from tests.initiatives.factories import InitiativeFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db

LIFECYCLES = ["not_started", "in_progress", "paused", "completed", "abandoned"]
INITIATIVE = st.fixed_dictionaries(
    {
        "lifecycle": st.sampled_from(LIFECYCLES),
        # Indexes into six målsætninger spread over the four pejlemærker.
        "objectives": st.sets(st.integers(0, 5), max_size=3),
        "update": st.one_of(
            st.none(),
            st.tuples(st.sampled_from(["green", "yellow", "red"]), st.integers(0, 100)),
        ),
        # Entered the plan before the half-year, during it, after it, or unknown.
        "entered": st.sampled_from([None, (2025, 3, 1), (2026, 9, 1), (2027, 2, 1)]),
        # Archived during the (open) half-year: out of its plan, update or not.
        "archived": st.booleans(),
    }
)


def _expected(plan: list[dict], period) -> dict:
    """Read off the scenario: followed up = not archived, and has an update or is neither
    completed nor abandoned and entered the plan by the half-year's end."""
    counts = {"green": 0, "yellow": 0, "red": 0, "missing": 0}
    progress = []
    for item in plan:
        if item.get("archived"):
            continue
        if item["update"] is not None:
            counts[item["update"][0]] += 1
            progress.append(item["update"][1])
        elif item["lifecycle"] not in ("completed", "abandoned") and (
            item["entered"] is None or datetime.date(*item["entered"]) <= period.end
        ):
            counts["missing"] += 1
    return {**counts, "progress": progress}


def _build(plan: list[dict], period, objectives: list[Objective]) -> list[Initiative]:
    made = []
    for item in plan:
        initiative = InitiativeFactory(
            lifecycle_status=item["lifecycle"],
            objectives=[objectives[i] for i in sorted(item["objectives"])],
            in_plan_since=datetime.date(*item["entered"]) if item["entered"] else None,
            archived_at=timezone.now() if item.get("archived") else None,
        )
        if item["update"] is not None:
            light, progress = item["update"]
            StatusUpdateFactory(
                initiative=initiative,
                period=period,
                traffic_light=light,
                progress=progress,
                lifecycle_status=item["lifecycle"],
            )
        made.append(initiative)
    return made


def _text(html: str) -> str:
    """The page as a reader sees it: tags gone, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def six_objectives(strategy_data) -> list[Objective]:
    codes = [(1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (4, 2)]
    return [Objective.objects.get(theme__number=t, number=n) for t, n in codes]


def test_counting_invariants_hold_for_any_plan(open_period, six_objectives):
    @hypothesis_settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(plan=st.lists(INITIATIVE, max_size=8))
    def run(plan):
        with transaction.atomic():
            made = _build(plan, open_period, six_objectives)
            expected = _expected(plan, open_period)
            counts = plan_status_counts(open_period)
            # Lights plus missing equals the initiatives followed up; each counted once.
            assert (counts.green, counts.yellow, counts.red, counts.missing) == (
                expected["green"],
                expected["yellow"],
                expected["red"],
                expected["missing"],
            )
            assert counts.total == sum(expected[k] for k in ("green", "yellow", "red", "missing"))
            assert counts.total <= len(made)
            if expected["progress"]:
                assert counts.average_progress == Decimal(sum(expected["progress"])) / len(
                    expected["progress"]
                )
            else:
                assert counts.average_progress is None
            # The cached overview numbers, the roll-up and Mine tiltag's counters agree.
            numbers = status_numbers(open_period)
            assert {k: numbers.plan[k] for k in ("green", "yellow", "red", "missing")} == {
                k: expected[k] for k in ("green", "yellow", "red", "missing")
            }
            counters = Initiative.objects.all().status_counters(open_period)
            assert counters["total"] == counts.total and counters["missing"] == counts.missing
            # Per pejlemærke: each initiative once, however many of its målsætninger it serves.
            for theme_status in theme_status_rollup(open_period):
                serving = [
                    item
                    for item in plan
                    if any(
                        six_objectives[i].theme_id == theme_status.theme.pk
                        for i in item["objectives"]
                    )
                ]
                sub = _expected(serving, open_period)
                assert theme_status.counts.missing == sub["missing"]
                assert theme_status.counts.reported == len(sub["progress"])
            transaction.set_rollback(True)

    run()


def test_the_same_figures_on_overview_changes_report_and_export(
    client_for, open_period, closed_period, six_objectives
):
    """A fixed plan: 2 green, 1 red, 1 missing, 1 completed earlier (not followed), 1 not yet
    in the plan. 4 followed up; progress 40 + 60 + 20 over 3 reported = 40 %."""
    plan = [
        {
            "lifecycle": "in_progress",
            "objectives": {0, 2},
            "update": ("green", 40),
            "entered": None,
        },
        {"lifecycle": "in_progress", "objectives": {2}, "update": ("green", 60), "entered": None},
        {"lifecycle": "in_progress", "objectives": {5}, "update": ("red", 20), "entered": None},
        {"lifecycle": "not_started", "objectives": {5}, "update": None, "entered": None},
        {"lifecycle": "completed", "objectives": {5}, "update": None, "entered": None},
        {"lifecycle": "in_progress", "objectives": {1}, "update": None, "entered": (2027, 2, 1)},
    ]
    _build(plan, open_period, six_objectives)
    client = client_for("administrator")

    overview = _text(client.get(reverse("pages:overview")).content.decode())
    assert "4 tiltag følges op i halvåret" in overview
    assert "Fremdrift i gennemsnit: 40 % (3 af 4 tiltag har angivet fremdrift)" in overview
    assert "1 tiltag mangler opdatering" in overview

    changes = client.get(reverse("initiatives:changes"), {"halvaar": open_period.pk})
    html = _text(changes.content.decode())
    assert "4 tiltag følges op i 2. halvår 2026" in html
    assert "Fremdrift i gennemsnit: 40 % (3 af 4 tiltag har angivet fremdrift)" in html

    snapshot = build_snapshot(period=open_period, audience=Audience.OMU)
    totals = snapshot["totals"]["counts"]
    assert (totals["green"], totals["yellow"], totals["red"], totals["missing"]) == (2, 0, 1, 1)
    assert (totals["total"], totals["reported"], totals["progress"]) == (4, 3, "40")

    export = client.get(reverse("initiatives:export"), {"halvaar": open_period.pk})
    sheet = load_workbook(io.BytesIO(export.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    states = [
        row[header.index("Trafiklys")] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert sum(s.startswith("Grøn") for s in states) == 2
    assert sum(s.startswith("Rød") for s in states) == 1
    assert states.count("Mangler opdatering") == 1
    assert sum(s.startswith("Følges ikke op") for s in states) == 2
    assert changes_since_previous(open_period).completed == []


def test_a_completed_initiative_is_never_missing_and_shows_its_final_status(
    client_for, open_period, closed_period, six_objectives
):
    done_now = InitiativeFactory(
        title="Afsluttet nu", lifecycle_status="completed", objectives=[six_objectives[5]]
    )
    StatusUpdateFactory(
        initiative=done_now,
        period=open_period,
        traffic_light="green",
        progress=100,
        lifecycle_status="completed",
    )
    done_before = InitiativeFactory(
        title="Afsluttet før", lifecycle_status="completed", objectives=[six_objectives[5]]
    )
    StatusUpdateFactory(
        initiative=done_before,
        period=closed_period,
        traffic_light="green",
        progress=100,
        lifecycle_status="completed",
    )
    counts = plan_status_counts(open_period)
    assert (counts.green, counts.missing, counts.total) == (1, 0, 1)
    changes = changes_since_previous(open_period)
    assert [s.initiative.title for s in changes.completed] == ["Afsluttet nu"]
    snapshot = build_snapshot(period=open_period, audience=Audience.OMU)
    entries = {
        e["title"]: e
        for theme in snapshot["themes"]
        for objective in theme["objectives"]
        for e in objective["initiatives"]
    }
    assert entries["Afsluttet nu"]["light"] == "green"
    assert entries["Afsluttet før"]["light"] is None  # not "Mangler opdatering"
    assert entries["Afsluttet før"]["lifecycle_label"] == "Afsluttet"
    page = client_for("administrator").get(reverse("initiatives:list"), {"halvaar": open_period.pk})
    row = re.search(r"Afsluttet før.*?</tr>", page.content.decode(), re.S).group(0)
    assert "Mangler opdatering" not in row


def test_an_initiative_past_its_planned_end_is_overdue(
    client_for, open_period, six_objectives, unit_a, leader_a
):
    # Planned to end in 3. kvartal 2026, still in progress at the end of 2. halvår 2026.
    late = InitiativeFactory(
        title="Forsinket tiltag", end_year=2026, end_quarter=3, responsible_unit=unit_a
    )
    on_time = InitiativeFactory(
        title="Til tiden", end_year=2026, end_quarter=4, responsible_unit=unit_a
    )
    done = InitiativeFactory(
        title="Færdigt",
        end_year=2025,
        end_quarter=1,
        lifecycle_status="completed",
        responsible_unit=unit_a,
    )
    assert late.is_overdue_in(open_period)
    assert not on_time.is_overdue_in(open_period)
    assert not done.is_overdue_in(open_period)
    html = client_for("leader_a").get(reverse("initiatives:mine")).content.decode()
    rows = {
        title: re.search(re.escape(title) + r".*?</li>", html, re.S).group(0)
        for title in ("Forsinket tiltag", "Til tiden")
    }
    assert "Overskredet" in rows["Forsinket tiltag"]
    assert "Overskredet" not in rows["Til tiden"]
    detail = client_for("leader_a").get(late.get_absolute_url()).content.decode()
    assert "Overskredet" in detail
    assert (
        "Overskredet" not in client_for("leader_a").get(on_time.get_absolute_url()).content.decode()
    )
