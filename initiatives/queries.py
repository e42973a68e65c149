"""Read helpers for the overview, the changes page and the half-year report.

Each function costs a constant number of queries, however many initiatives there are: the
rows are fetched in a few flat queries and put together in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from django.core.cache import cache
from django.db.models import Avg, Count, FilteredRelation, Prefetch, Q, QuerySet

from initiatives.models import Initiative, Period, StatusUpdate, TrafficLight
from strategy.change_stamp import data_stamp
from strategy.models import Objective, Theme, Unit

LIGHT_ORDER = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED]


@dataclass
class LightCounts:
    """Initiatives by traffic light; `missing` are followed-up initiatives without an update."""

    green: int = 0
    yellow: int = 0
    red: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.green + self.yellow + self.red + self.missing

    @property
    def reported(self) -> int:
        return self.green + self.yellow + self.red

    def add(self, initiative: Initiative, update: StatusUpdate | None) -> None:
        if update is not None:
            setattr(self, update.traffic_light, getattr(self, update.traffic_light) + 1)
        elif initiative.is_followed_up:
            self.missing += 1

    def segments(self) -> list[dict]:
        """For bars and legends: each light with its count, share (%) and running offset."""
        result, offset = [], 0.0
        for key, label, count in [
            ("green", TrafficLight.GREEN.label, self.green),
            ("yellow", TrafficLight.YELLOW.label, self.yellow),
            ("red", TrafficLight.RED.label, self.red),
            ("none", "Mangler opdatering", self.missing),
        ]:
            share = 100 * count / self.total if self.total else 0.0
            result.append(
                {"key": key, "label": str(label), "count": count, "share": share, "x": offset}
            )
            offset += share
        return result


@dataclass
class InitiativeStatus:
    initiative: Initiative
    update: StatusUpdate | None

    @property
    def needs_update(self) -> bool:
        return self.update is None and self.initiative.is_followed_up


@dataclass
class ObjectiveStatus:
    objective: Objective
    counts: LightCounts = field(default_factory=LightCounts)
    average_progress: float | None = None
    initiatives: list[InitiativeStatus] = field(default_factory=list)


@dataclass
class ThemeStatus:
    theme: Theme
    in_focus: bool
    counts: LightCounts = field(default_factory=LightCounts)
    average_progress: float | None = None
    objectives: list[ObjectiveStatus] = field(default_factory=list)


def _average(values: list[float]) -> float | None:
    return mean(values) if values else None


def _updates_by_initiative(period: Period | None) -> dict[int, StatusUpdate]:
    if period is None:
        return {}
    updates = StatusUpdate.objects.filter(period=period).only(
        "id",
        "initiative_id",
        "period_id",
        "traffic_light",
        "progress",
        "lifecycle_status",
        "updated_at",
        "version",
        "is_demo",
    )
    return {u.initiative_id: u for u in updates}


def theme_status_rollup(
    period: Period | None, themes: list[Theme] | None = None
) -> list[ThemeStatus]:
    """Per pejlemærke and målsætning: initiatives by traffic light (with "mangler opdatering"),
    average progress, focus for the period's year, and each objective's initiatives.

    Progress rolls up initiative → målsætning (mean of its initiatives' progress) → pejlemærke
    (mean of its målsætninger that have any). An initiative serving several målsætninger of one
    pejlemærke counts once in the pejlemærke's traffic-light counts.
    """
    if themes is None:
        themes = list(
            Theme.objects.prefetch_related(
                Prefetch("objectives", queryset=Objective.objects.order_by("number")),
                "focus_periods",
            )
        )
    initiatives = {
        i.pk: i
        for i in Initiative.objects.only("id", "title", "lifecycle_status", "parent_id", "order")
    }
    links = Initiative.objectives.through.objects.values_list("initiative_id", "objective_id")
    by_objective: dict[int, list[int]] = defaultdict(list)
    for initiative_id, objective_id in links:
        if objective_id is not None:
            by_objective[objective_id].append(initiative_id)
    updates = _updates_by_initiative(period)
    year = period.year if period else None

    result = []
    for theme in themes:
        theme_status = ThemeStatus(
            theme=theme, in_focus=year is not None and theme.is_in_focus(year)
        )
        seen: set[int] = set()
        for objective in theme.objectives.all():
            objective.theme = theme  # for objective.code without a query
            status = ObjectiveStatus(objective=objective)
            ids = sorted(
                by_objective.get(objective.pk, []),
                key=lambda pk: (initiatives[pk].order, initiatives[pk].title),
            )
            progress = []
            for pk in ids:
                initiative, update = initiatives[pk], updates.get(pk)
                status.initiatives.append(InitiativeStatus(initiative, update))
                status.counts.add(initiative, update)
                if update is not None:
                    progress.append(update.progress)
                if pk not in seen:
                    seen.add(pk)
                    theme_status.counts.add(initiative, update)
            status.average_progress = _average(progress)
            theme_status.objectives.append(status)
        theme_status.average_progress = _average(
            [o.average_progress for o in theme_status.objectives if o.average_progress is not None]
        )
        result.append(theme_status)
    return result


def _light_aggregates(prefix: str, initiative: str, distinct: bool) -> dict:
    """COUNT(…) FILTER per traffic light and for "mangler opdatering", for a query whose rows
    carry the period's update as the FilteredRelation `period_status`."""
    not_followed = [Initiative.Lifecycle.COMPLETED, Initiative.Lifecycle.ABANDONED]
    aggregates = {
        light: Count(initiative, distinct=distinct, filter=Q(period_status__traffic_light=light))
        for light in TrafficLight.values
    }
    aggregates["missing"] = Count(
        initiative,
        distinct=distinct,
        filter=Q(period_status__id__isnull=True)
        & ~Q(**{f"{prefix}lifecycle_status__in": not_followed}),
    )
    return aggregates


def _counts_from(row: dict) -> LightCounts:
    return LightCounts(
        green=row["green"], yellow=row["yellow"], red=row["red"], missing=row["missing"]
    )


@dataclass
class StatusNumbers:
    """The overview's numbers as plain data (cacheable): rows per pejlemærke and målsætning
    (id -> counts and average progress) and the whole plan's counts."""

    per_theme: dict[int, dict]
    per_objective: dict[int, dict]
    plan: dict


def status_numbers(period: Period | None) -> StatusNumbers:
    """Counted in the database in three queries, however many initiatives there are."""
    links = Initiative.objectives.through.objects.annotate(
        period_status=FilteredRelation(
            "initiative__status_updates",
            condition=Q(initiative__status_updates__period=period),
        )
    )
    per_objective = {
        row.pop("objective_id"): row
        for row in links.values("objective_id").annotate(
            **_light_aggregates("initiative__", "initiative_id", distinct=False),
            progress=Avg("period_status__progress"),
        )
    }
    per_theme = {
        row.pop("objective__theme_id"): row
        for row in links.values("objective__theme_id").annotate(
            **_light_aggregates("initiative__", "initiative_id", distinct=True)
        )
    }
    return StatusNumbers(
        per_theme=per_theme, per_objective=per_objective, plan=_plan_counts_row(period)
    )


# The overview's numbers are cached under the data stamp (strategy.change_stamp), which moves
# with every write to the strategy and the plan, so a change shows at once; the time limit only
# bounds what the stamp does not watch (a user's name).
STATUS_CACHE_SECONDS = 300


def cached_status_numbers(period: Period | None, stamp: str | None = None) -> StatusNumbers:
    """`status_numbers(period)`, counted once per change of the data."""
    stamp = stamp or data_stamp()
    key = f"initiatives:status-numbers:{period.pk if period else 0}:{stamp}"
    numbers = cache.get(key)
    if numbers is None:
        numbers = status_numbers(period)
        cache.set(key, numbers, STATUS_CACHE_SECONDS)
    return numbers


def theme_status_summary(
    period: Period | None,
    themes: list[Theme] | None = None,
    numbers: StatusNumbers | None = None,
) -> list[ThemeStatus]:
    """The numbers of `theme_status_rollup` (counts by traffic light and average progress per
    pejlemærke and målsætning) without the initiatives themselves, counted in the database
    (`status_numbers`), so the overview costs the same at 60 and at 10,000 initiatives."""
    if themes is None:
        themes = list(
            Theme.objects.prefetch_related(
                Prefetch("objectives", queryset=Objective.objects.order_by("number")),
                "focus_periods",
            )
        )
    if numbers is None:
        numbers = status_numbers(period)
    year = period.year if period else None
    result = []
    for theme in themes:
        row = numbers.per_theme.get(theme.pk)
        theme_status = ThemeStatus(
            theme=theme,
            in_focus=year is not None and theme.is_in_focus(year),
            counts=_counts_from(row) if row else LightCounts(),
        )
        for objective in theme.objectives.all():
            objective.theme = theme  # for objective.code without a query
            row = numbers.per_objective.get(objective.pk)
            theme_status.objectives.append(
                ObjectiveStatus(
                    objective=objective,
                    counts=_counts_from(row) if row else LightCounts(),
                    average_progress=row["progress"] if row else None,
                )
            )
        theme_status.average_progress = _average(
            [o.average_progress for o in theme_status.objectives if o.average_progress is not None]
        )
        result.append(theme_status)
    return result


def _plan_counts_row(period: Period | None) -> dict:
    initiatives = Initiative.objects.annotate(
        period_status=FilteredRelation("status_updates", condition=Q(status_updates__period=period))
    )
    return initiatives.aggregate(**_light_aggregates("", "pk", distinct=False))


def plan_status_counts(period: Period | None) -> LightCounts:
    """The whole plan by traffic light for the period (each initiative once), in one query."""
    return _counts_from(_plan_counts_row(period))


@dataclass
class LightChange:
    initiative: Initiative
    before: StatusUpdate
    after: StatusUpdate


@dataclass
class PeriodChanges:
    period: Period
    previous: Period | None
    new: list[InitiativeStatus]
    completed: list[InitiativeStatus]
    light_changed: list[LightChange]

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.completed or self.light_changed)


def _earlier(period: Period) -> Q:
    return Q(period__year__lt=period.year) | Q(
        period__year=period.year, period__half__lt=period.half
    )


def changes_since_previous(period: Period) -> PeriodChanges:
    """What changed in `period` compared with the half-year before it.

    - new: initiatives reported for the first time in this period (no update in any earlier
      half-year), and initiatives whose start quarter lies in this period without earlier updates;
    - completed: the update for this period marks the initiative "Afsluttet" and the previous
      half-year's did not;
    - light_changed: reported in both half-years with different traffic lights (both values).
    """
    previous = period.previous()
    current = {
        u.initiative_id: u
        for u in StatusUpdate.objects.filter(period=period).select_related("initiative", "author")
    }
    before = {}
    if previous is not None:
        before = {
            u.initiative_id: u
            for u in StatusUpdate.objects.filter(period=previous).select_related("author")
        }
    quarters = [1, 2] if period.half == 1 else [3, 4]
    starting = {
        i.pk: i
        for i in Initiative.objects.filter(start_year=period.year, start_quarter__in=quarters)
    }
    candidates = set(current) | set(starting)
    reported_earlier = set(
        StatusUpdate.objects.filter(_earlier(period), initiative_id__in=candidates)
        .values_list("initiative_id", flat=True)
        .distinct()
    )

    def initiative_of(pk: int) -> Initiative:
        return current[pk].initiative if pk in current else starting[pk]

    def sort_key(item) -> tuple:
        initiative = item.initiative
        return (initiative.order, initiative.title)

    new = [
        InitiativeStatus(initiative_of(pk), current.get(pk))
        for pk in candidates
        if pk not in reported_earlier
    ]
    completed = [
        InitiativeStatus(update.initiative, update)
        for pk, update in current.items()
        if update.lifecycle_status == Initiative.Lifecycle.COMPLETED
        and (pk not in before or before[pk].lifecycle_status != Initiative.Lifecycle.COMPLETED)
    ]
    changed = [
        LightChange(update.initiative, before[pk], update)
        for pk, update in current.items()
        if pk in before and before[pk].traffic_light != update.traffic_light
    ]
    return PeriodChanges(
        period=period,
        previous=previous,
        new=sorted(new, key=sort_key),
        completed=sorted(completed, key=sort_key),
        light_changed=sorted(changed, key=sort_key),
    )


def missing_updates(period: Period) -> QuerySet[Initiative]:
    """Followed-up initiatives without an update for the period, with units and leaders."""
    return (
        Initiative.objects.missing_update_for(period)
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by("order", "name")), "leaders"
        )
        .order_by("order", "title")
    )


def latest_updates(period: Period | None, limit: int = 6) -> list[StatusUpdate]:
    if period is None:
        return []
    return list(
        StatusUpdate.objects.filter(period=period)
        .select_related("initiative", "author")
        .order_by("-updated_at")[:limit]
    )


def period_for(user) -> Period | None:
    """The half-year a user sees by default: staff the open one (a draft until it closes),
    everyone else the last closed one, so committee members never see a draft."""
    if user.has_perm("initiatives.view_open_period"):
        return Period.objects.current_open() or Period.objects.latest_closed()
    return Period.objects.latest_closed()
