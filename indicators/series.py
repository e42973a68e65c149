"""Reads: each indicator's values over time, its targets and its status, in a fixed number of
queries however many indicators there are.

Entered indicators read their Measurement rows; the trained share is computed from the staffing
snapshots by `staffing.tables.trained_share_trend`, the same function the staffing pages use,
so the two agree to the last digit. Who reads decides which half-years count: staff the open
and the closed ones, committee members the closed ones only (`Period.objects.visible_to`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from core import formatting
from core.change_stamp import data_stamp
from indicators.models import Computed, Direction, Indicator, Measurement, MeasureUnit, Target
from indicators.periods import covers_label
from indicators.status import STATUS_ORDER, Status, TargetPoint, indicator_status, next_target
from initiatives.models import Period
from staffing.tables import reader_suppression, trained_share_trend
from strategy.models import Objective


@dataclass(frozen=True)
class Point:
    label: str
    date: datetime.date
    value: Decimal
    is_demo: bool = False
    measurement: Measurement | None = None


def format_value(indicator: Indicator, value: Decimal | None) -> str:
    """A value in the indicator's unit and decimals, through the one number formatter."""
    if value is None:
        return "–"
    if indicator.unit == MeasureUnit.PERCENT:
        return formatting.percent(value, indicator.decimals)
    return formatting.number(value, indicator.decimals) + indicator.unit_suffix


@dataclass
class IndicatorRow:
    indicator: Indicator
    points: list[Point] = field(default_factory=list)  # oldest first
    objectives: list[Objective] = field(default_factory=list)  # with their pejlemærke
    targets: list[Target] = field(default_factory=list)  # by date

    @cached_property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @cached_property
    def baseline(self) -> tuple[Decimal | None, datetime.date | None]:
        """The stored baseline; a computed indicator without one starts at its first value."""
        ind = self.indicator
        if ind.baseline_value is not None:
            return ind.baseline_value, ind.baseline_date
        if ind.is_computed and self.points:
            return self.points[0].value, self.points[0].date
        return None, None

    @cached_property
    def target_points(self) -> list[TargetPoint]:
        return [TargetPoint(t.value, t.date) for t in self.targets]

    @cached_property
    def next_target(self) -> TargetPoint | None:
        on = self.latest.date if self.latest else datetime.date.max
        return next_target(self.target_points, on)

    @cached_property
    def next_target_row(self):
        target = self.next_target
        if target is None:
            return None
        return next(t for t in self.targets if t.date == target.date)

    @cached_property
    def status(self) -> Status:
        latest = self.latest
        baseline, baseline_date = self.baseline
        return indicator_status(
            value=latest.value if latest else None,
            on=latest.date if latest else None,
            baseline=baseline,
            baseline_date=baseline_date,
            target=self.next_target,
            higher_is_better=self.indicator.direction == Direction.HIGHER,
        )

    @cached_property
    def no_data_reason(self) -> str:
        """Why the status is Ingen data (rule 1 of indicators.status): no value yet, or a
        value but no target to measure it against. Empty for every other status."""
        if self.status != Status.NO_DATA:
            return ""
        return str(_("ingen værdi endnu") if self.latest is None else _("intet måltal"))

    def fmt(self, value: Decimal | None) -> str:
        return format_value(self.indicator, value)


def _closed_only(user, closed_only: bool) -> bool:
    return closed_only or (user is not None and not user.has_perm("initiatives.view_open_period"))


def _limit_periods(upto: Period | None, closed_only: bool):
    periods = Period.objects.readable(internal=not closed_only)
    if upto is not None:
        periods = periods.filter(year__lt=upto.year) | periods.filter(
            year=upto.year, half__lte=upto.half
        )
    return periods


def _snapshot_limit(upto: Period | None, closed_only: bool) -> datetime.date | None:
    """The last date a computed value may come from: the chosen half-year's end, and when only
    closed half-years count, the last closed half-year's end."""
    limits = []
    if upto is not None:
        limits.append(upto.end)
    if closed_only:
        closed = Period.objects.latest_closed()
        limits.append(closed.end if closed else datetime.date.min)
    return min(limits) if limits else None


def indicator_rows(
    indicators: Iterable[Indicator],
    *,
    user=None,
    upto: Period | None = None,
    closed_only: bool = False,
    full: bool = False,
    latest_only: bool = False,
) -> list[IndicatorRow]:
    """The rows for `indicators` (loaded `with_relations()`), in their order: one query each
    for their målsætninger (and the 14 målsætninger), targets and measurements and,
    when a computed one is among them, the three of `trained_share_trend`.

    Values come from the half-years up to `upto` (all when None), and from closed half-years
    only when `closed_only` or when `user` may not read the open one (committee members).
    With `full`, each point carries its Measurement (comment, author, times) for the export.
    With `latest_only`, an entered indicator gets its latest value only (enough for its status:
    `cached_statuses`)."""
    closed_only = _closed_only(user, closed_only)
    rows = [IndicatorRow(indicator) for indicator in indicators]
    by_id = {row.indicator.pk: row for row in rows}
    if not rows:
        return rows
    objectives = {o.pk: o for o in Objective.objects.select_related("theme")}
    links = Indicator.objectives.through.objects.filter(indicator_id__in=by_id)
    for indicator_id, objective_id in links.values_list("indicator_id", "objective_id"):
        by_id[indicator_id].objectives.append(objectives[objective_id])
    for row in rows:
        row.objectives.sort(key=lambda o: (o.theme.number, o.number))
    for target in Target.objects.filter(indicator_id__in=by_id).order_by("date", "pk"):
        by_id[target.indicator_id].targets.append(target)
    entered = [row.indicator.pk for row in rows if not row.indicator.is_computed]
    if entered:
        _add_measurements(by_id, entered, upto, closed_only, full=full, latest_only=latest_only)
    computed = [row for row in rows if row.indicator.computed == Computed.TRAINED_SHARE]
    if computed:
        limit = _snapshot_limit(upto, closed_only)
        # Readers of closed half-years only (committee, public, the committee's report) read
        # the snapshots as the committee's table shows them: no share of a hidden figure.
        threshold = reader_suppression(internal=not closed_only)
        trend = [
            p
            for p in trained_share_trend(suppress_up_to=threshold)
            if limit is None or p.snapshot.date <= limit
        ]
        for row in computed:
            area_id = row.indicator.computed_area_id
            for point in trend:
                if area_id is None:
                    share = point.share
                else:
                    share = next((a.share for a in point.by_area if a.area.pk == area_id), None)
                if share is not None:
                    row.points.append(Point(point.snapshot.label, point.snapshot.date, share))
    return rows


def _add_measurements(by_id, entered, upto, closed_only, *, full=False, latest_only=False):
    periods = _limit_periods(upto, closed_only)
    measurements = Measurement.objects.filter(indicator_id__in=entered, period__in=periods)
    if latest_only:
        latest = Measurement.objects.filter(
            indicator_id=OuterRef("indicator_id"), period__in=periods
        ).order_by("-covers_end")
        measurements = measurements.filter(covers_end=Subquery(latest.values("covers_end")[:1]))
    measurements = measurements.order_by("covers_end")
    if full:
        for m in measurements.select_related("author"):
            row = by_id[m.indicator_id]
            label = covers_label(row.indicator.frequency, m.covers_end)
            row.points.append(Point(label, m.covers_end, m.value, m.is_demo, m))
        return
    # Plain values: a page of 500 indicators with 20 values each builds no model instance per
    # value.
    for indicator_id, covers_end, value, is_demo in measurements.values_list(
        "indicator_id", "covers_end", "value", "is_demo"
    ):
        row = by_id[indicator_id]
        label = covers_label(row.indicator.frequency, covers_end)
        row.points.append(Point(label, covers_end, value, is_demo))


# The status of every indicator, kept once per change of the data (core.change_stamp: the
# indicators, targets, measurements, staffing tables and half-years all move it) and per kind
# of reader; the status depends on the values and targets only, never on today's date.
STATUS_CACHE_SECONDS = 300


def cached_statuses(*, user=None, closed_only: bool = False) -> dict[int, str]:
    """{indicator id: status value} for every indicator, from its latest value."""
    closed_only = _closed_only(user, closed_only)
    key = f"indicators:statuses:v1:{int(closed_only)}:{data_stamp()}"
    statuses = cache.get(key)
    if statuses is None:
        rows = indicator_rows(
            Indicator.objects.with_relations(), closed_only=closed_only, latest_only=True
        )
        statuses = {row.indicator.pk: row.status.value for row in rows}
        cache.set(key, statuses, STATUS_CACHE_SECONDS)
    return statuses


def status_counts(rows: Iterable[IndicatorRow | str]) -> dict[str, int]:
    """{"on_track", "at_risk", "off_track", "no_data", "total"} -> how many, of rows or of
    status values."""
    counts = dict.fromkeys((s.value for s in STATUS_ORDER), 0)
    for row in rows:
        counts[row if isinstance(row, str) else row.status.value] += 1
    counts["total"] = sum(counts.values())
    return counts
