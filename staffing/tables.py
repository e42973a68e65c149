"""Reads: the Bilag 2 table, the trained share over time and the comparison of two snapshots.

Everything here is computed from the stored FTE figures with exact decimals; rounding happens
only when a figure is written out (core.formatting, via `table_display`). Each function
runs a fixed number of queries, however many snapshots, areas or groups there are. The
reports app calls `snapshot_table`, `table_display`, `trained_share_trend` and `trend_svg`
(staffing.charts) for the half-year PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, Sum

from accounts.rules import is_staff_reader
from core import formatting
from staffing.models import StaffGroup, StaffingFigure, StaffingSnapshot
from strategy.models import Unit

HUNDRED = Decimal(100)
ZERO = Decimal(0)

Figures = Mapping[tuple[int, int], Decimal]  # (area id, group id) -> FTE


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """Exact percentage; None where the whole is zero (there is nothing to divide)."""
    return part * HUNDRED / whole if whole else None


def small_number_threshold() -> Decimal:
    return settings.STAFFING_SMALL_NUMBER_THRESHOLD


def in_app_suppression() -> Decimal | None:
    """The threshold the web pages use: none unless STAFFING_SUPPRESS_IN_APP is on."""
    return small_number_threshold() if settings.STAFFING_SUPPRESS_IN_APP else None


def committee_suppression() -> Decimal | None:
    """The threshold of the committee's reports, and so of the committee's staffing pages."""
    if settings.REPORT_SUPPRESS_SMALL_NUMBERS_FOR_COMMITTEE:
        return small_number_threshold()
    return None


def reader_suppression(*, internal: bool) -> Decimal | None:
    """The one rule for what a reader kind is shown of the staffing figures: internal readers
    (staff roles, internal API callers) the exact figures (unless STAFFING_SUPPRESS_IN_APP);
    everyone else (committee members, public API callers, the public page) the figures as the
    committee's reports print them, small ones and those that would give them away "skjult".
    Every surface passes the threshold on: the tables, their history, the trend, the
    comparison, the API, the PDF and the indicators computed from the snapshots."""
    return in_app_suppression() if internal else committee_suppression()


def user_suppression(user) -> Decimal | None:
    """`reader_suppression` for a signed-in user: staff roles are internal readers."""
    return reader_suppression(internal=bool(is_staff_reader(user)))


@dataclass(frozen=True)
class Cell:
    fte: Decimal
    share: Decimal | None  # percent of the area's total (or of the overall total)
    suppressed: bool = False  # small, or hidden so that a small one cannot be worked out


class TrainedShare:
    """The trained share of an area or of the whole table: the one definition, for both.
    The share of a hidden figure, or of a hidden total, would give the figure back, so there
    is none then."""

    trained: Decimal
    total: Decimal
    trained_suppressed: bool
    total_suppressed: bool

    @property
    def trained_share(self) -> Decimal | None:
        if self.trained_suppressed or self.total_suppressed:
            return None
        return percent(self.trained, self.total)


@dataclass(frozen=True)
class AreaColumn(TrainedShare):
    area: Unit
    services: list[Unit]
    total: Decimal
    trained: Decimal
    total_suppressed: bool = False
    trained_suppressed: bool = False

    @property
    def services_text(self) -> str:
        return join_danish([s.name for s in self.services])


@dataclass(frozen=True)
class GroupRow:
    group: StaffGroup
    cells: list[Cell]
    total: Cell


@dataclass(frozen=True)
class StaffingTable(TrainedShare):
    """Bilag 2's shape: areas as columns, groups as rows, FTE with percentages and totals."""

    snapshot: StaffingSnapshot | None
    columns: list[AreaColumn]
    rows: list[GroupRow]
    total: Decimal
    trained: Decimal
    suppress_up_to: Decimal | None = None
    total_suppressed: bool = False
    trained_suppressed: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.columns

    @property
    def has_suppressed(self) -> bool:
        return any(c.suppressed for row in self.rows for c in [*row.cells, row.total]) or any(
            c.total_suppressed or c.trained_suppressed for c in self.columns
        )

    def figures(self) -> dict[tuple[str, str], Decimal]:
        """(area name, group name) -> FTE for every non-zero cell; handy in tests and exports."""
        return {
            (column.area.name, row.group.name): cell.fte
            for row in self.rows
            for column, cell in zip(self.columns, row.cells, strict=True)
            if cell.fte
        }


def join_danish(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} og {names[-1]}"


def _cell(fte: Decimal, whole: Decimal) -> Cell:
    return Cell(fte=fte, share=percent(fte, whole))


def build_table(
    *,
    figures: Figures,
    areas: list[Unit],
    groups: list[StaffGroup],
    snapshot: StaffingSnapshot | None = None,
    suppress_up_to: Decimal | None = None,
) -> StaffingTable:
    """The table for figures already in memory (a stored snapshot or an import's preview).

    `areas` must have their service children prefetched as `services`. With `suppress_up_to`,
    small figures are hidden as `suppress_small_numbers` says.
    """
    trained_ids = {g.pk for g in groups if g.is_trained}
    columns = []
    for area in areas:
        values = {gid: fte for (aid, gid), fte in figures.items() if aid == area.pk}
        columns.append(
            AreaColumn(
                area=area,
                services=list(getattr(area, "services", [])),
                total=sum(values.values(), ZERO),
                trained=sum((v for gid, v in values.items() if gid in trained_ids), ZERO),
            )
        )
    total = sum((c.total for c in columns), ZERO)
    rows = []
    for group in groups:
        row_values = [figures.get((c.area.pk, group.pk), ZERO) for c in columns]
        rows.append(
            GroupRow(
                group=group,
                cells=[_cell(v, c.total) for v, c in zip(row_values, columns, strict=True)],
                total=_cell(sum(row_values, ZERO), total),
            )
        )
    table = StaffingTable(
        snapshot=snapshot,
        columns=columns,
        rows=rows,
        total=total,
        trained=sum((c.trained for c in columns), ZERO),
    )
    if suppress_up_to is None:
        return table
    return suppress_small_numbers(table, suppress_up_to)


# --- Small numbers that stay hidden ----------------------------------------------------------

# A figure's place in the table: ("cell", row, column), ("row_total", row),
# ("column_total", column), ("column_trained", column), ("total",) or ("trained",).
Place = tuple


def _figures_by_place(table: StaffingTable) -> dict[Place, Decimal]:
    places: dict[Place, Decimal] = {("total",): table.total, ("trained",): table.trained}
    for r, row in enumerate(table.rows):
        places[("row_total", r)] = row.total.fte
        for c, cell in enumerate(row.cells):
            places[("cell", r, c)] = cell.fte
    for c, column in enumerate(table.columns):
        places[("column_total", c)] = column.total
        places[("column_trained", c)] = column.trained
    return places


def _sums(table: StaffingTable) -> list[frozenset[Place]]:
    """Every set of printed figures that adds up to zero with signs: a reader who sees all of
    one set but one figure can work that figure out by subtraction. Per group: its cells and
    its total. Per area (and for the "I alt" column): all groups and the total; the trained
    groups and "Heraf faguddannede"; the other groups, the total and "Heraf faguddannede".
    Across: the areas' totals and the overall total; the same for the trained; and the
    untrained (each area's total and trained against the overall two)."""
    trained = [r for r, row in enumerate(table.rows) if row.group.is_trained]
    untrained = [r for r, row in enumerate(table.rows) if not row.group.is_trained]

    def cell_in(c: int) -> Callable[[int], Place]:
        return lambda r: ("cell", r, c)

    columns: list[tuple[Callable[[int], Place], Place, Place]] = [
        (cell_in(c), ("column_total", c), ("column_trained", c)) for c in range(len(table.columns))
    ]
    columns.append((lambda r: ("row_total", r), ("total",), ("trained",)))
    sums = [
        frozenset([*(("cell", r, c) for c in range(len(table.columns))), ("row_total", r)])
        for r in range(len(table.rows))
    ]
    for place, total, trained_total in columns:
        sums.append(frozenset([*(place(r) for r in range(len(table.rows))), total]))
        sums.append(frozenset([*(place(r) for r in trained), trained_total]))
        sums.append(frozenset([*(place(r) for r in untrained), total, trained_total]))
    totals = [("column_total", c) for c in range(len(table.columns))]
    trained_totals = [("column_trained", c) for c in range(len(table.columns))]
    sums.append(frozenset([*totals, ("total",)]))
    sums.append(frozenset([*trained_totals, ("trained",)]))
    sums.append(frozenset([*totals, *trained_totals, ("total",), ("trained",)]))
    return sums


# Which figure to hide besides a small one: a group's figure before a group's total before an
# area's totals before the overall totals, and then the smallest (the least lost to readers).
_HIDING_ORDER = {
    "cell": 0,
    "row_total": 1,
    "column_trained": 2,
    "column_total": 3,
    "trained": 4,
    "total": 5,
}


def suppress_small_numbers(table: StaffingTable, threshold: Decimal) -> StaffingTable:
    """The table with every figure above zero and at or below `threshold` hidden, and enough
    further figures hidden that none of them can be worked out, nor narrowed down: for every
    hidden figure, the smallest and the largest value it can take, given every printed figure
    and that no figure is below zero, lie at least `threshold` apart (`_Network.width`).

    Further figures are chosen greedily. First, while a printed sum (`_sums`) holds a single
    hidden figure: the figure that completes the most such sums, then `_HIDING_ORDER`, then
    the smallest. Then, while a hidden figure's window is narrower than `threshold`: the
    printed figure sharing a sum with it that widens its window the most, then the same order.
    Zeros ("–") are never hidden. Hiding every figure above zero leaves every window open
    upwards, so this ends.
    """
    figures = _figures_by_place(table)
    sums = _sums(table)
    hidden = {place for place, fte in figures.items() if ZERO < fte <= threshold}
    while True:
        lonely = [s for s in sums if len(s & hidden) == 1]
        if not lonely:
            break
        candidates = {p for s in lonely for p in s if p not in hidden and figures[p] > ZERO}
        hidden.add(
            min(
                candidates,
                key=lambda p: (
                    -sum(p in s for s in lonely),
                    _HIDING_ORDER[p[0]],
                    figures[p],
                    p,
                ),
            )
        )
    if hidden:
        network = _Network(table)
        while narrow := [p for p in sorted(hidden) if network.width(p, hidden) < threshold]:
            candidates = {
                p
                for s in sums
                if any(n in s for n in narrow)
                for p in s
                if p not in hidden and figures[p] > ZERO
            } or {p for p, fte in figures.items() if p not in hidden and fte > ZERO}
            hidden.add(
                min(
                    candidates,
                    key=lambda p: (
                        network.shortfall(narrow, hidden | {p}, threshold),
                        _HIDING_ORDER[p[0]],
                        figures[p],
                        p,
                    ),
                )
            )
    return _with_hidden(table, hidden, threshold)


# An upper bound no window reaches: the widths are capped here and read as "open upwards".
UNBOUNDED = Decimal(10) ** 9


class _Network:
    """The printed table as a circulation: every printed sum is one node's "in equals out".

    Nodes: the source, each area, each area's trained and other groups, each group's row, the
    trained and other rows together, and "I alt". Arcs carry the figures: source → area
    (the area's total), area → its trained groups ("Heraf faguddannede") and → its other groups
    (never printed), area's trained or other groups → group's row (a cell), row → trained or
    other rows (the group's "I alt"), those → "I alt" ("Heraf faguddannede" of the I alt column
    and the never printed rest) and "I alt" → source (the overall total). So the values the
    hidden figures can take are exactly the circulations that keep the printed arcs, and a
    hidden figure's window is how far flow can be pushed round through hidden arcs
    (max-flow, Edmonds–Karp) in either direction.
    """

    def __init__(self, table: StaffingTable) -> None:
        figures = _figures_by_place(table)
        self.arcs: dict[Place, tuple[Any, Any, Decimal]] = {}
        kind = ["trained" if row.group.is_trained else "other" for row in table.rows]
        for c, column in enumerate(table.columns):
            self.arcs[("column_total", c)] = ("source", ("area", c), column.total)
            self.arcs[("column_trained", c)] = (("area", c), ("area", c, "trained"), column.trained)
            self.arcs[("column_other", c)] = (
                ("area", c),
                ("area", c, "other"),
                column.total - column.trained,
            )
            for r in range(len(table.rows)):
                self.arcs[("cell", r, c)] = (
                    ("area", c, kind[r]),
                    ("row", r),
                    figures[("cell", r, c)],
                )
        for r in range(len(table.rows)):
            self.arcs[("row_total", r)] = (("row", r), ("rows", kind[r]), figures[("row_total", r)])
        self.arcs[("trained",)] = (("rows", "trained"), "sum", table.trained)
        self.arcs[("other",)] = (("rows", "other"), "sum", table.total - table.trained)
        self.arcs[("total",)] = ("sum", "source", table.total)
        # Never printed, so always free.
        self.unprinted = {p for p in self.arcs if p[0] in ("column_other", "other")}

    def width(self, place: Place, hidden: set[Place]) -> Decimal:
        """How far apart the smallest and largest value of the hidden figure at `place` lie,
        given every figure outside `hidden` (capped at UNBOUNDED)."""
        start, end, value = self.arcs[place]
        residual: dict[Any, dict[Any, Decimal]] = {}
        for other, (u, v, flow) in self.arcs.items():
            if other == place or (other not in hidden and other not in self.unprinted):
                continue
            residual.setdefault(u, {})
            residual.setdefault(v, {})
            residual[u][v] = residual[u].get(v, ZERO) + UNBOUNDED
            residual[v][u] = residual[v].get(u, ZERO) + flow
        up = _max_flow(residual, end, start)
        down = min(value, _max_flow(residual, start, end))
        return min(up + down, UNBOUNDED)

    def shortfall(self, places: list[Place], hidden: set[Place], threshold: Decimal) -> Decimal:
        """How much the windows of `places` fall short of `threshold`, all told."""
        return sum((threshold - min(self.width(p, hidden), threshold) for p in places), ZERO)


def _max_flow(capacity: dict[Any, dict[Any, Decimal]], source: Any, sink: Any) -> Decimal:
    """Edmonds–Karp on a copy of `capacity` (node -> node -> capacity)."""
    if source not in capacity or sink not in capacity:
        return ZERO
    residual = {u: dict(vs) for u, vs in capacity.items()}
    total = ZERO
    while total < UNBOUNDED:
        parents: dict[Any, Any] = {source: None}
        queue = [source]
        for u in queue:
            if sink in parents:
                break
            for v, cap in residual[u].items():
                if cap > ZERO and v not in parents:
                    parents[v] = u
                    queue.append(v)
        if sink not in parents:
            break
        path = []
        v = sink
        while parents[v] is not None:
            path.append((parents[v], v))
            v = parents[v]
        push = min(residual[u][v] for u, v in path)
        for u, v in path:
            residual[u][v] -= push
            residual[v][u] = residual[v].get(u, ZERO) + push
        total += push
    return min(total, UNBOUNDED)


def _with_hidden(table: StaffingTable, hidden: set[Place], threshold: Decimal) -> StaffingTable:
    """The table with the `hidden` figures marked; a share goes with its figure and with its
    whole (share × total, or figure ÷ share, gives the other back)."""

    def cell(cell: Cell, place: Place, whole_hidden: bool) -> Cell:
        suppressed = place in hidden
        share = None if suppressed or whole_hidden else cell.share
        return replace(cell, share=share, suppressed=suppressed)

    total_hidden = ("total",) in hidden
    rows = [
        replace(
            row,
            cells=[
                cell(c, ("cell", r, i), ("column_total", i) in hidden)
                for i, c in enumerate(row.cells)
            ],
            total=cell(row.total, ("row_total", r), total_hidden),
        )
        for r, row in enumerate(table.rows)
    ]
    columns = [
        replace(
            column,
            total_suppressed=("column_total", i) in hidden,
            trained_suppressed=("column_trained", i) in hidden,
        )
        for i, column in enumerate(table.columns)
    ]
    return replace(
        table,
        rows=rows,
        columns=columns,
        suppress_up_to=threshold,
        total_suppressed=total_hidden,
        trained_suppressed=("trained",) in hidden,
    )


def areas_with_services(area_ids: Iterable[int]) -> list[Unit]:
    services = Unit.objects.filter(kind=Unit.Kind.SERVICE).order_by("order", "name")
    return list(
        Unit.objects.filter(pk__in=set(area_ids))
        .order_by("order", "name")
        .prefetch_related(Prefetch("children", queryset=services, to_attr="services"))
    )


def snapshot_tables(
    snapshots: list[StaffingSnapshot], *, suppress_up_to: Decimal | None = None
) -> list[StaffingTable]:
    """Tables for several snapshots over the same columns (the areas any of them has)."""
    rows = StaffingFigure.objects.filter(snapshot__in=snapshots).values_list(
        "snapshot_id", "area_id", "group_id", "fte"
    )
    by_snapshot: dict[int, dict[tuple[int, int], Decimal]] = {s.pk: {} for s in snapshots}
    for snapshot_id, area_id, group_id, fte in rows:
        by_snapshot[snapshot_id][(area_id, group_id)] = fte
    areas = areas_with_services(aid for f in by_snapshot.values() for aid, _ in f)
    groups = list(StaffGroup.objects.all())
    return [
        build_table(
            figures=by_snapshot[s.pk],
            areas=areas,
            groups=groups,
            snapshot=s,
            suppress_up_to=suppress_up_to,
        )
        for s in snapshots
    ]


def snapshot_table(
    snapshot: StaffingSnapshot, *, suppress_up_to: Decimal | None = None
) -> StaffingTable:
    """Bilag 2 for one snapshot. With `suppress_up_to`, small figures are hidden
    (`suppress_small_numbers`)."""
    return snapshot_tables([snapshot], suppress_up_to=suppress_up_to)[0]


# --- The trained share over time --------------------------------------------------------------


@dataclass(frozen=True)
class AreaShare:
    area: Unit
    total: Decimal
    trained: Decimal
    hidden: bool = False  # the total or the trained figure is hidden in the reader's table

    @property
    def share(self) -> Decimal | None:
        return None if self.hidden else percent(self.trained, self.total)


@dataclass(frozen=True)
class TrendPoint:
    snapshot: StaffingSnapshot
    by_area: list[AreaShare]  # the same areas, in the same order, at every point
    total: Decimal
    trained: Decimal
    total_hidden: bool = False
    trained_hidden: bool = False

    @property
    def share(self) -> Decimal | None:
        if self.total_hidden or self.trained_hidden:
            return None
        return percent(self.trained, self.total)


def _hide_as_tables_do(points: list[TrendPoint], threshold: Decimal) -> list[TrendPoint]:
    """The points with a share hidden wherever the snapshot's suppressed table hides the total
    or the trained figure it is made of (a share of two hidden figures ties them together)."""
    tables = snapshot_tables([p.snapshot for p in points], suppress_up_to=threshold)
    hidden_points = []
    for point, table in zip(points, tables, strict=True):
        hidden = {column.area.pk for column in table.columns if column.trained_share is None}
        hidden_points.append(
            replace(
                point,
                by_area=[replace(s, hidden=s.area.pk in hidden) for s in point.by_area],
                total_hidden=table.total_suppressed,
                trained_hidden=table.trained_suppressed,
            )
        )
    return hidden_points


def trained_share_trend(
    areas: Iterable[Unit] | None = None,
    latest: int | None = None,
    *,
    suppress_up_to: Decimal | None = None,
) -> list[TrendPoint]:
    """The trained share per area and overall at every snapshot (or the `latest` n), oldest
    first (3 queries; 3 more with `suppress_up_to`, which hides a share as that reader's
    table hides its figures)."""
    newest = StaffingSnapshot.objects.latest_first()
    if latest is not None:
        newest = newest[:latest]
    snapshots = sorted(newest, key=lambda s: (s.date, s.pk))
    figures = StaffingFigure.objects.filter(snapshot__in=[s.pk for s in snapshots])
    if areas is not None:
        figures = figures.filter(area__in=[a.pk for a in areas])
    sums = figures.values("snapshot_id", "area_id").annotate(
        total=Sum("fte"), trained=Sum("fte", filter=Q(group__is_trained=True))
    )
    by_cell = {(r["snapshot_id"], r["area_id"]): r for r in sums}
    area_list = list(
        Unit.objects.filter(pk__in={aid for _, aid in by_cell}).order_by("order", "name")
    )
    points = []
    for snapshot in snapshots:
        shares = []
        for area in area_list:
            row: Mapping[str, Any] = by_cell.get((snapshot.pk, area.pk), {})
            shares.append(
                AreaShare(
                    area=area,
                    total=row.get("total") or ZERO,
                    trained=row.get("trained") or ZERO,
                )
            )
        points.append(
            TrendPoint(
                snapshot=snapshot,
                by_area=shares,
                total=sum((s.total for s in shares), ZERO),
                trained=sum((s.trained for s in shares), ZERO),
            )
        )
    if suppress_up_to is not None and points:
        return _hide_as_tables_do(points, suppress_up_to)
    return points


# --- Two snapshots side by side ---------------------------------------------------------------


JUMP_FTE = Decimal("1.00")
JUMP_SHARE = Decimal("0.25")


@dataclass(frozen=True)
class Change:
    before: Cell
    after: Cell

    @property
    def fte(self) -> Decimal:
        return self.after.fte - self.before.fte

    @property
    def large_jump(self) -> bool:
        """A change an import preview points out as a possible typo: at least JUMP_FTE, and
        at least JUMP_SHARE of the earlier figure (any such change from none)."""
        change = abs(self.fte)
        if change < JUMP_FTE:
            return False
        return not self.before.fte or change >= JUMP_SHARE * self.before.fte

    @property
    def points(self) -> Decimal | None:
        """Change in percentage points; None where either side has no share."""
        if self.before.share is None or self.after.share is None:
            return None
        return self.after.share - self.before.share


@dataclass(frozen=True)
class ChangeRow:
    group: StaffGroup
    changes: list[Change]
    total: Change


@dataclass(frozen=True)
class Comparison:
    before: StaffingTable
    after: StaffingTable
    rows: list[ChangeRow]
    totals: list[Change]  # per area: total FTE (share 100 %)
    trained: list[Change]  # per area: trained FTE and share
    overall_total: Change
    overall_trained: Change

    @property
    def columns(self) -> list[AreaColumn]:
        return self.after.columns


def _total_cell(total: Decimal, suppressed: bool = False) -> Cell:
    if suppressed:
        return Cell(fte=total, share=None, suppressed=True)
    return Cell(fte=total, share=HUNDRED if total else None)


def compare_snapshots(
    before: StaffingSnapshot, after: StaffingSnapshot, *, suppress_up_to: Decimal | None = None
) -> Comparison:
    """The two tables side by side; with `suppress_up_to`, each hides as the committee's does
    (and the template hides a change where either side is hidden)."""
    table_before, table_after = snapshot_tables([before, after], suppress_up_to=suppress_up_to)
    return compare_tables(table_before, table_after)


def compare_with_figures(
    before: StaffingSnapshot, *, figures: Figures, after: StaffingSnapshot
) -> Comparison:
    """A stored snapshot beside figures not stored yet (an import's preview; `after` is the
    unsaved snapshot they would become), over the areas either has."""
    stored = dict(
        ((a, g), fte)
        for a, g, fte in StaffingFigure.objects.filter(snapshot=before).values_list(
            "area_id", "group_id", "fte"
        )
    )
    areas = areas_with_services([*(a for a, _g in stored), *(a for a, _g in figures)])
    groups = list(StaffGroup.objects.all())
    return compare_tables(
        build_table(figures=stored, areas=areas, groups=groups, snapshot=before),
        build_table(figures=figures, areas=areas, groups=groups, snapshot=after),
    )


def compare_tables(table_before: StaffingTable, table_after: StaffingTable) -> Comparison:
    """Two tables over the same columns and rows, cell by cell."""
    rows = [
        ChangeRow(
            group=b.group,
            changes=[Change(x, y) for x, y in zip(b.cells, a.cells, strict=True)],
            total=Change(b.total, a.total),
        )
        for b, a in zip(table_before.rows, table_after.rows, strict=True)
    ]
    column_pairs = list(zip(table_before.columns, table_after.columns, strict=True))
    return Comparison(
        before=table_before,
        after=table_after,
        rows=rows,
        totals=[
            Change(
                _total_cell(b.total, b.total_suppressed), _total_cell(a.total, a.total_suppressed)
            )
            for b, a in column_pairs
        ],
        trained=[
            Change(
                Cell(b.trained, b.trained_share, b.trained_suppressed),
                Cell(a.trained, a.trained_share, a.trained_suppressed),
            )
            for b, a in column_pairs
        ],
        overall_total=Change(
            _total_cell(table_before.total, table_before.total_suppressed),
            _total_cell(table_after.total, table_after.total_suppressed),
        ),
        overall_trained=Change(
            Cell(table_before.trained, table_before.trained_share, table_before.trained_suppressed),
            Cell(table_after.trained, table_after.trained_share, table_after.trained_suppressed),
        ),
    )


@dataclass(frozen=True)
class LatestShare:
    current: TrendPoint
    previous: TrendPoint | None

    @property
    def change_points(self) -> Decimal | None:
        if self.previous is None or self.previous.share is None or self.current.share is None:
            return None
        return self.current.share - self.previous.share


def latest_trained_share(*, suppress_up_to: Decimal | None = None) -> LatestShare | None:
    """The newest snapshot's trained share and the one before it, or None without snapshots;
    with `suppress_up_to`, hidden where that reader's table hides its figures."""
    trend = trained_share_trend(suppress_up_to=suppress_up_to)
    if not trend:
        return None
    return LatestShare(current=trend[-1], previous=trend[-2] if len(trend) > 1 else None)


# --- The table as text, for the web page and the PDF alike -----------------------------------


def _cell_display(cell: Cell) -> dict:
    # A hidden figure is not written out at all: the page, the PDF and a report's stored
    # snapshot carry only "skjult".
    return {
        "fte": "" if cell.suppressed else formatting.number(cell.fte),
        "share": formatting.percent(cell.share, empty=""),
        "suppressed": cell.suppressed,
        "none": not cell.fte,
    }


def table_display(table: StaffingTable) -> dict:
    """Every figure of the Bilag 2 table written out once (core.formatting: Danish, rounded
    half up), as plain data. The web page renders it and the report snapshot stores it, both
    through staffing/_bilag2_table.html, so the page and the PDF cannot disagree."""
    return {
        "label": table.snapshot.label if table.snapshot else "",
        "columns": [
            {
                "area": column.area.name,
                "services": column.services_text,
                "total": "" if column.total_suppressed else formatting.number(column.total),
                "total_suppressed": column.total_suppressed,
                "trained": "" if column.trained_suppressed else formatting.number(column.trained),
                "trained_suppressed": column.trained_suppressed,
                "trained_share": formatting.percent(column.trained_share),
            }
            for column in table.columns
        ],
        "rows": [
            {
                "group": row.group.name,
                "is_trained": row.group.is_trained,
                "note": row.group.note,
                "cells": [_cell_display(cell) for cell in row.cells],
                "total": _cell_display(row.total),
            }
            for row in table.rows
        ],
        "total": "" if table.total_suppressed else formatting.number(table.total),
        "total_suppressed": table.total_suppressed,
        "trained": "" if table.trained_suppressed else formatting.number(table.trained),
        "trained_suppressed": table.trained_suppressed,
        "trained_share": formatting.percent(table.trained_share),
        "whole_share": formatting.percent(HUNDRED),
        "trained_groups": join_danish(
            [row.group.name for row in table.rows if row.group.is_trained]
        ),
        # The key predates "at or below"; stored report snapshots carry it, so it stays.
        "suppressed_below": (
            formatting.number(table.suppress_up_to) if table.suppress_up_to is not None else ""
        ),
    }
