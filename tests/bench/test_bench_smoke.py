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
