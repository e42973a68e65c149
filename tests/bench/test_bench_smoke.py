"""The benchmark at a tiny scale, so `make bench` cannot rot: the generator fills the database,
the page runner answers with numbers, and no page's query count depends on the data.

No timing is asserted here; the figures are `make bench`'s (bench/results.md).
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from bench.generate import SCALES, generate
from bench.pages import PAGE_NAMES, measure_pages
from bench.run import COUNT_UNITS, RATIO_UNITS, TARGETS, check_targets, load_ratio
from initiatives.models import Initiative, Period, StatusUpdate
from initiatives.queries import theme_status_rollup, theme_status_summary


class _Measured(Exception):
    """Carries the result out of the block that is rolled back."""


def _generate_and_measure(scale: str) -> tuple:
    """Generate `scale`, measure two requests per page, and roll everything back."""
    try:
        # The bench turns the public page on (bench/run.py production_env), so does this.
        with override_settings(PUBLIC_STATUS_PAGE=True), transaction.atomic():
            summary = generate(SCALES[scale], seed=7)
            pages = {r.name: r for r in measure_pages(requests=2, time_budget=20)}
            periods = [Period.objects.current_open(), Period.objects.latest_closed(), None]
            rollups = [(theme_status_rollup(p), theme_status_summary(p)) for p in periods]
            raise _Measured(summary, pages, rollups)
    except _Measured as measured:
        return measured.args


@pytest.fixture(scope="module")
def tiny_runs(django_db_setup, django_db_blocker) -> dict:
    # Once for the module: each run is rolled back, only the figures are kept.
    with django_db_blocker.unblock():
        return {scale: _generate_and_measure(scale) for scale in ("tiny-a", "tiny-b")}


def test_the_generator_fills_the_database_at_the_asked_scale(tiny_runs, db):
    for scale, (summary, _pages, _rollups) in tiny_runs.items():
        assert summary.initiatives == SCALES[scale].initiatives
        assert summary.status_updates == SCALES[scale].updates
        assert summary.periods == SCALES[scale].periods
        assert summary.units == SCALES[scale].units
        assert summary.snapshots == SCALES[scale].snapshots
        assert summary.bench_leader_initiatives >= 2
    # Rolled back: the next test starts from an empty database.
    assert not Initiative.objects.exists()
    assert not StatusUpdate.objects.exists()


def test_the_runner_times_every_page(tiny_runs):
    for _summary, pages, _rollups in tiny_runs.values():
        assert list(pages) == PAGE_NAMES
        for result in pages.values():
            assert result.status == 200
            assert result.requests == 2
            assert result.p95_ms >= result.p50_ms > 0
            assert result.queries > 0


def test_query_counts_do_not_depend_on_the_amount_of_data(tiny_runs):
    small, large = (tiny_runs[s][1] for s in ("tiny-a", "tiny-b"))
    assert {n: r.queries for n, r in small.items()} == {n: r.queries for n, r in large.items()}


def test_the_overview_counts_in_the_database_what_the_rollup_counts_in_python(tiny_runs):
    for _summary, _pages, rollups in tiny_runs.values():
        for rollup, summary in rollups:
            for full, counted in zip(rollup, summary, strict=True):
                assert counted.counts == full.counts
                assert counted.average_progress == pytest.approx(full.average_progress)
                for a, b in zip(full.objectives, counted.objectives, strict=True):
                    assert b.counts == a.counts
                    assert b.average_progress == pytest.approx(a.average_progress)


def test_the_same_seed_gives_the_same_data(db):
    def fingerprint() -> list:
        try:
            with transaction.atomic():
                generate(SCALES["tiny-a"], seed=3)
                rows = list(
                    StatusUpdate.objects.order_by(
                        "initiative__title", "period__year", "period__half"
                    ).values_list("initiative__title", "period__year", "traffic_light", "progress")
                )
                raise _Measured(rows)
        except _Measured as measured:
            return measured.args[0]

    assert fingerprint() == fingerprint()


# --- The targets: ratios of one run, so a slower machine passes when nothing regressed --------


def test_every_target_is_a_ratio_of_one_run_or_a_count_no_machine_moves():
    """No target is a time or a rate: each is a ratio (page / floor, load / the floor's req/s,
    report / raw WeasyPrint, stress / realistic, a share of the total) or a count (queries,
    pages, megabytes), and each says why its limit is what it is."""
    for key, target in TARGETS.items():
        assert target.unit in RATIO_UNITS + COUNT_UNITS, key
        assert target.unit not in ("ms", "s", "req/s"), key
        assert target.op in ("≤", "≥"), key
        assert len(target.reason) > 40, key
    assert set(RATIO_UNITS).isdisjoint({"ms", "s", "req/s"})


def _figures(speed: float) -> tuple[dict, list[dict], dict]:
    """One run's figures on a machine `speed` times as slow as the reference: every time
    multiplied by it, every rate divided by it; queries, pages and memory unchanged."""

    def page(name: str, p50: float, queries: int) -> dict:
        return {
            "name": name,
            "p50_ms": p50 * speed,
            "p95_ms": p50 * 1.2 * speed,
            "queries": queries,
            "requests": 50,
        }

    # Stress p50 in ms: the floor 2; the lists 16 (8 × the floor); the other pages 20 (10 ×);
    # realistic half of that (stress / realistic = 2,0, on the limit).
    stress_ms = {name: 20.0 for name in PAGE_NAMES}
    stress_ms.update(sundhed=2.0, tiltag=16.0, tiltag_filter=16.0)
    pages = {
        "stress": [page(n, ms, 5) for n, ms in stress_ms.items()],
        "realistic": [page(n, ms / 2, 5) for n, ms in stress_ms.items()],
    }
    # Reports: total 3 s against 2 s raw (1,5 ×); snapshot 2 % + PDF/UA 8 % = 10 % of it.
    stages = {"snapshot": 2.0, "html": 10.0, "layout": 50.0, "write": 30.0, "pdf_ua": 8.0}
    reports = [
        {
            "scale": scale,
            "audience": "leaders",
            "total_s": 3.0 * speed,
            "raw_weasyprint_s": 2.0 * speed,
            "stages_pct": stages,
            "peak_mb": 600,
            "pages": 30,
        }
        for scale in ("realistic", "report500")
    ]
    reports.append({"scale": "real", "audience": "committee", "pages": 8})

    def levels(rps: float) -> list[dict]:
        return [
            {"connections": c, "rps": rps / speed, "p95_ms": 10.0 * speed, "errors": 0}
            for c in (2, 4, 8)
        ]

    # The floor 1000 req/s; the overview 200 (0,2 ×), the lists 120 (0,12 ×), the kept
    # answers 500 (0,5 ×).
    load = {
        "sundhed": levels(1000),
        "overblik": levels(200),
        "tiltag": levels(120),
        "tiltag_filter": levels(120),
        "api_tiltag": levels(500),
        "api_tiltag_noegle": levels(500),
        "offentlig": levels(500),
    }
    return pages, reports, load


def test_a_machine_twice_as_slow_meets_the_same_targets():
    same = check_targets(*_figures(speed=1.0))
    slower = check_targets(*_figures(speed=2.0))
    assert [c["ok"] for c in same] == [c["ok"] for c in slower]
    assert all(c["ok"] for c in slower)
    # One check per page and target kind, each of the table.
    assert {c["key"] for c in slower} == set(TARGETS)


def test_a_ratio_over_its_limit_is_missed_whatever_the_machine():
    pages, reports, load = _figures(speed=2.0)
    stress = {p["name"]: p for p in pages["stress"]}
    realistic = {p["name"]: p for p in pages["realistic"]}
    # 11 × the floor of 4 ms (limit 10 ×), and realistic half of it (growth 2,0, on its limit)
    stress["tiltag"]["p50_ms"], realistic["tiltag"]["p50_ms"] = 44.0, 22.0
    reports[0]["total_s"] = 2.0 * 2 * 2.5  # 2,5 × raw WeasyPrint (limit 2 ×)
    load["overblik"][1]["rps"] = 1000 / 2 * 0.1  # 0,1 × the floor at 4 connections (≥ 0,15)
    missed = {c["target"]: c["value"] for c in check_targets(pages, reports, load) if not c["ok"]}
    assert missed == {
        "Tiltag, ufiltreret: p50 ved stress": 11.0,
        "Rapport realistisk (leaders): i alt / rå WeasyPrint på samme HTML": 2.5,
        "Overblik / (stress): req/s under last, laveste forhold over forbindelsesniveauerne, "
        "0 fejl": 0.1,
    }


def test_a_load_level_is_compared_with_the_floor_measured_just_before_it():
    """50 / 250 = 0,2 and 60 / 200 = 0,3: the lowest is 0,2 (against the floor of the load
    test's start, 1000 req/s, it would read 0,05: the machine's drift, not the page)."""
    floor = [{"connections": 2, "rps": 1000.0}, {"connections": 4, "rps": 1000.0}]
    levels = [
        {"connections": 2, "rps": 50.0, "errors": 0, "floor_rps": 250.0},
        {"connections": 4, "rps": 60.0, "errors": 0, "floor_rps": 200.0},
    ]
    assert load_ratio(levels, floor) == 0.2
    levels[1]["errors"] = 3
    assert load_ratio(levels, floor) == 0.0
