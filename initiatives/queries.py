"""Read helpers for the overview, the changes page and the half-year report.

Each function costs a constant number of queries, however many initiatives there are: the
rows are fetched in a few flat queries and put together in Python.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.change_stamp import data_stamp
from initiatives.models import (
    MISSING,
    Contribution,
    Correction,
    Initiative,
    Period,
    StatusUpdate,
    TrafficLight,
    in_plan_q,
)
from strategy.models import Objective, Theme, Unit

LIGHT_ORDER = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED]

# One fill per light, for the bar's SVG (the web page's CSS sets the same colours).
BAR_FILLS = {"green": "#1d6b34", "yellow": "#e0b100", "red": "#a3201b", "none": "#c9d0d6"}


@dataclass
class LightCounts:
    """Initiatives followed up in a half-year, by traffic light, with "missing" for those
    without an update, and the progress of those that reported. Built from
    `Initiative.objects.with_period_state()` only, so every page counts the same way."""

    green: int = 0
    yellow: int = 0
    red: int = 0
    missing: int = 0
    progress_sum: int = 0

    @property
    def total(self) -> int:
        """The initiatives followed up: lights plus missing."""
        return self.green + self.yellow + self.red + self.missing

    @property
    def reported(self) -> int:
        return self.green + self.yellow + self.red

    @property
    def average_progress(self) -> Decimal | None:
        """Mean progress over the initiatives that reported in the half-year (exact)."""
        if not self.reported:
            return None
        return Decimal(self.progress_sum) / Decimal(self.reported)

    def add(self, state: str | None, progress: int | None) -> None:
        """Count one initiative by its `period_state` (None: not followed up, not counted)."""
        if state is None:
            return
        setattr(self, state, getattr(self, state) + 1)
        if state != MISSING and progress is not None:
            self.progress_sum += progress

    def as_dict(self) -> dict:
        return {
            "green": self.green,
            "yellow": self.yellow,
            "red": self.red,
            "missing": self.missing,
            "progress_sum": self.progress_sum,
        }

    def segments(self) -> list[dict]:
        """For the bar and its legend: each light with its count, share (%) and offset."""
        result, offset = [], 0.0
        for key, label, count in [
            ("green", TrafficLight.GREEN.label, self.green),
            ("yellow", TrafficLight.YELLOW.label, self.yellow),
            ("red", TrafficLight.RED.label, self.red),
            ("none", "Mangler opdatering", self.missing),
        ]:
            share = 100 * count / self.total if self.total else 0.0
            result.append(
                {
                    "key": key,
                    "label": str(label),
                    "count": count,
                    "total": self.total,
                    "share": share,
                    "x": offset,
                    "fill": BAR_FILLS[key],
                }
            )
            offset += share
        return result


# --- Trend against the previous half-year: defined once ------------------------------------

# Lower is better: Planmæssigt, Risiko, Forsinket.
LIGHT_RANK: dict[str, int] = {TrafficLight.GREEN: 0, TrafficLight.YELLOW: 1, TrafficLight.RED: 2}


@dataclass(frozen=True)
class Trend:
    """How an initiative moved from one half-year's update to the next.

    `light` is "better", "worse" or "same" (the traffic light, Planmæssigt best); `progress`
    is the change in progress in percentage points (after minus before)."""

    light: str
    progress: int
    # The two lights compared ("green", "red"), when known: the mark names them. Not part of
    # what a trend is (better/worse/same and the points), so left out of comparisons.
    before: str = field(default="", compare=False)
    after: str = field(default="", compare=False)

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"

    @property
    def label(self) -> str:
        """Danish, for text next to the mark: "Bedre", "Dårligere", "Uændret"."""
        # Only the one word is translated: the label is read in every row of the long lists.
        return str(TREND_LABELS[self.light])


TREND_LABELS = {Trend.BETTER: _("Bedre"), Trend.WORSE: _("Dårligere"), Trend.SAME: _("Uændret")}


def period_or_404(pk) -> Period:
    """The half-year of an address or a form field: a 404 in Danish for an unknown or
    malformed id."""
    try:
        return Period.objects.get(pk=int(pk))
    except (Period.DoesNotExist, TypeError, ValueError):
        raise Http404(_("Halvåret findes ikke.")) from None


def trend_between(before: StatusUpdate | None, after: StatusUpdate | None) -> Trend | None:
    """The trend from `before` (the previous half-year's update) to `after` (this one's);
    None when either is missing. Used by Mine tiltag, the initiative list and the reports
    (render with `{% trend_mark trend %}` from initiative_display)."""
    if before is None or after is None:
        return None
    old, new = LIGHT_RANK[before.traffic_light], LIGHT_RANK[after.traffic_light]
    light = Trend.SAME if old == new else (Trend.BETTER if new < old else Trend.WORSE)
    return Trend(
        light=light,
        progress=int(after.progress) - int(before.progress),
        before=before.traffic_light,
        after=after.traffic_light,
    )


@dataclass
class InitiativeStatus:
    initiative: Initiative
    update: StatusUpdate | None


@dataclass
class ObjectiveStatus:
    objective: Objective
    counts: LightCounts = field(default_factory=LightCounts)
    initiatives: list[InitiativeStatus] = field(default_factory=list)

    @property
    def average_progress(self) -> Decimal | None:
        return self.counts.average_progress


@dataclass
class ThemeStatus:
    """A pejlemærke's counts and average count each of its initiatives once, however many of
    its målsætninger an initiative serves."""

    theme: Theme
    in_focus: bool
    counts: LightCounts = field(default_factory=LightCounts)
    objectives: list[ObjectiveStatus] = field(default_factory=list)

    @property
    def average_progress(self) -> Decimal | None:
        return self.counts.average_progress


# The columns a status row (the overview's and a målsætning's lists of initiatives with their
# light) reads: of the initiative, and of its update. Written once for every such list.
STATUS_ROW_FIELDS = (
    "id",
    "title",
    "lifecycle_status",
    "parent_id",
    "order",
    "end_year",
    "end_quarter",
    "in_plan_since",
)
UPDATE_ROW_FIELDS = (
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


def _updates_by_initiative(period: Period | None) -> dict[int, StatusUpdate]:
    if period is None:
        return {}
    updates = StatusUpdate.objects.filter(period=period).only(*UPDATE_ROW_FIELDS)
    return {u.initiative_id: u for u in updates}


def _themes() -> list[Theme]:
    return list(
        Theme.objects.prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.order_by("number")),
            "focus_periods",
        )
    )


@dataclass
class StatusNumbers:
    """The half-year's counts as plain data (cacheable): per pejlemærke and per målsætning
    (id -> LightCounts.as_dict()), and the whole plan with each initiative once."""

    per_theme: dict[int, dict]
    per_objective: dict[int, dict]
    plan: dict


def _tally(
    states: dict[int, tuple[str | None, int | None]], links: list[tuple[int, int, int]]
) -> StatusNumbers:
    """Counts per målsætning, per pejlemærke (each initiative once) and for the plan (each
    initiative once) from each initiative's (period_state, progress) and its
    (initiative, målsætning, pejlemærke) links."""
    plan = LightCounts()
    for state, progress in states.values():
        plan.add(state, progress)
    per_objective: dict[int, LightCounts] = defaultdict(LightCounts)
    per_theme: dict[int, LightCounts] = defaultdict(LightCounts)
    seen_in_theme: set[tuple[int, int]] = set()
    for initiative_id, objective_id, theme_id in links:
        state, progress = states.get(initiative_id, (None, None))
        per_objective[objective_id].add(state, progress)
        if (theme_id, initiative_id) not in seen_in_theme:
            seen_in_theme.add((theme_id, initiative_id))
            per_theme[theme_id].add(state, progress)
    return StatusNumbers(
        per_theme={k: v.as_dict() for k, v in per_theme.items()},
        per_objective={k: v.as_dict() for k, v in per_objective.items()},
        plan=plan.as_dict(),
    )


def objective_links() -> list[tuple[int, int, int]]:
    """Every (initiative, målsætning, pejlemærke) link, as plain tuples in one query."""
    return list(
        Initiative.objectives.through.objects.values_list(
            "initiative_id", "objective_id", "objective__theme_id"
        )
    )


_links = objective_links


def status_numbers(period: Period | None) -> StatusNumbers:
    """Two flat queries, however many initiatives there are: each initiative's state in the
    half-year, and the målsætning links."""
    states = {
        pk: (state, progress)
        for pk, state, progress in Initiative.objects.with_period_state(period).values_list(
            "pk", "period_state", "period_progress"
        )
    }
    return _tally(states, _links())


def theme_status_rollup(
    period: Period | None, themes: list[Theme] | None = None
) -> list[ThemeStatus]:
    """Per pejlemærke and målsætning: the counts of `status_numbers`, focus for the period's
    year, and each målsætning's initiatives with their update."""
    if themes is None:
        themes = _themes()
    # The half-year's plan: an archived initiative is listed in the half-years closed before
    # the archive only (in_plan_q), and counted likewise (with_period_state).
    initiatives = {
        i.pk: i
        for i in Initiative.objects.in_plan(period)
        .with_period_state(period)
        .only(*STATUS_ROW_FIELDS)
    }
    links = _links()
    numbers = _tally(
        {pk: (i.period_state, i.period_progress) for pk, i in initiatives.items()}, links
    )
    by_objective: dict[int, list[int]] = defaultdict(list)
    for initiative_id, objective_id, _theme_id in links:
        by_objective[objective_id].append(initiative_id)
    updates = _updates_by_initiative(period)
    result = theme_status_summary(period, themes, numbers)
    for theme_status in result:
        for status in theme_status.objectives:
            ids = sorted(
                (pk for pk in by_objective.get(status.objective.pk, []) if pk in initiatives),
                key=lambda pk: (initiatives[pk].order, initiatives[pk].title),
            )
            status.initiatives = [InitiativeStatus(initiatives[pk], updates.get(pk)) for pk in ids]
    return result


# The overview's numbers are cached under the data stamp (core.change_stamp), which moves
# with every write to the strategy and the plan, so a change shows at once; the time limit only
# bounds what the stamp does not watch (a user's name).
STATUS_CACHE_SECONDS = 300


def cached_status_numbers(period: Period | None, stamp: str | None = None) -> StatusNumbers:
    """`status_numbers(period)`, counted once per change of the data."""
    stamp = stamp or data_stamp()
    key = f"initiatives:status-numbers:v2:{period.pk if period else 0}:{stamp}"
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
    """The numbers of `status_numbers` per pejlemærke and målsætning, without the initiatives
    themselves."""
    if themes is None:
        themes = _themes()
    if numbers is None:
        numbers = status_numbers(period)
    year = period.year if period else None
    result = []
    for theme in themes:
        row = numbers.per_theme.get(theme.pk)
        theme_status = ThemeStatus(
            theme=theme,
            in_focus=year is not None and theme.is_in_focus(year),
            counts=LightCounts(**row) if row else LightCounts(),
        )
        for objective in theme.objectives.all():
            objective.theme = theme  # for objective.code without a query
            row = numbers.per_objective.get(objective.pk)
            theme_status.objectives.append(
                ObjectiveStatus(
                    objective=objective, counts=LightCounts(**row) if row else LightCounts()
                )
            )
        result.append(theme_status)
    return result


def plan_status_counts(period: Period | None) -> LightCounts:
    """The whole plan for the half-year, each initiative once, in one query."""
    counts = Initiative.objects.state_counts(period)
    return LightCounts(**counts)


@dataclass
class LightChange:
    """A light that changed: `before` is None for a first light after a missing update
    ("ny: Forsinket")."""

    initiative: Initiative
    before: StatusUpdate | None
    after: StatusUpdate

    @property
    def direction(self) -> str:
        """ "better", "worse" (Grøn over Gul over Rød), or "first" after a missing update."""
        if self.before is None:
            return "first"
        rank = LIGHT_RANK[self.after.traffic_light] - LIGHT_RANK[self.before.traffic_light]
        return "better" if rank < 0 else "worse"

    @property
    def newly_red(self) -> bool:
        """Red now and not red last time (or no light last time)."""
        return self.after.traffic_light == "red"


LIGHT_RANK = {"green": 0, "yellow": 1, "red": 2}


def trends_in(
    period: Period | None, *, initiative_ids: list[int] | None = None
) -> dict[int, Trend]:
    """Every initiative's (or those of `initiative_ids`') trend in `period` against the
    half-year before (2 queries)."""
    previous = period.previous() if period is not None else None
    if previous is None:
        return {}
    fields = ("initiative_id", "traffic_light", "progress")
    updates = StatusUpdate.objects.only(*fields)
    if initiative_ids is not None:
        updates = updates.filter(initiative__in=initiative_ids)
    before = {u.initiative_id: u for u in updates.filter(period=previous)}
    trends = {}
    for update in updates.filter(period=period):
        trend = trend_between(before.get(update.initiative_id), update)
        if trend is not None:
            trends[update.initiative_id] = trend
    return trends


@dataclass
class PeriodChanges:
    period: Period
    previous: Period | None
    new: list[InitiativeStatus]
    completed: list[InitiativeStatus]
    light_changed: list[LightChange]
    # False when the half-year before has no status updates at all: then no light can be
    # compared and every comparison says so ("ingen sammenligning mulig"), never "0".
    previous_has_statuses: bool = True

    @property
    def comparable(self) -> bool:
        return self.previous is not None and self.previous_has_statuses

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.completed or self.light_changed)

    def count(self, direction: str) -> int:
        return sum(1 for c in self.light_changed if c.direction == direction)

    @property
    def better(self) -> int:
        return self.count("better")

    @property
    def worse(self) -> int:
        return self.count("worse")

    @property
    def first(self) -> int:
        return self.count("first")

    @property
    def newly_red_ids(self) -> set[int]:
        return {c.initiative.pk for c in self.light_changed if c.newly_red}


def _earlier(period: Period) -> Q:
    return Q(period__year__lt=period.year) | Q(
        period__year=period.year, period__half__lt=period.half
    )


def starts_in(period: Period) -> Q:
    """Initiatives that are new in the half-year: their planned start lies in it (a start
    given as a year only counts from the year's first half-year), or, without a planned
    start, they entered the plan during it (`in_plan_since`, from the source document)."""
    if period.half == 1:
        quarters = Q(start_quarter__in=[1, 2]) | Q(start_quarter__isnull=True)
    else:
        quarters = Q(start_quarter__in=[3, 4])
    planned = Q(start_year=period.year) & quarters
    entered = Q(start_year__isnull=True, in_plan_since__range=(period.start, period.end))
    return planned | entered


def changes_since_previous(period: Period) -> PeriodChanges:
    """What changed in `period` compared with the half-year before it.

    - new: see `starts_in` (never "had no update last time");
    - completed: the lifecycle became Afsluttet in this half-year: its update here says
      Afsluttet and no earlier update did;
    - light_changed: an update in both half-years with different traffic lights, or a
      first light after a missing update (the initiative was followed up last time without
      an update); none when the half-year before has no updates at all (`comparable`).
    """
    previous = period.previous()
    current = {
        u.initiative_id: u
        for u in StatusUpdate.objects.filter(
            in_plan_q(period, "initiative__"), period=period
        ).select_related("initiative", "author")
    }
    before = {}
    if previous is not None:
        before = {
            u.initiative_id: u
            for u in StatusUpdate.objects.filter(period=previous).select_related("author")
        }
    completed_here = [
        pk for pk, u in current.items() if u.lifecycle_status == Initiative.Lifecycle.COMPLETED
    ]
    completed_earlier = set(
        StatusUpdate.objects.filter(
            _earlier(period),
            initiative_id__in=completed_here,
            lifecycle_status=Initiative.Lifecycle.COMPLETED,
        ).values_list("initiative_id", flat=True)
    )

    def sort_key(item) -> tuple:
        initiative = item.initiative
        return (initiative.order, initiative.title)

    new = [
        InitiativeStatus(initiative, current.get(initiative.pk))
        for initiative in Initiative.objects.in_plan(period).filter(starts_in(period))
    ]
    completed = [
        InitiativeStatus(current[pk].initiative, current[pk])
        for pk in completed_here
        if pk not in completed_earlier
    ]
    missing_before: set[int] = set()
    if before:
        missing_before = set(
            Initiative.objects.with_period_state(previous)
            .filter(period_state="missing", pk__in=current)
            .values_list("pk", flat=True)
        )
    changed = [
        LightChange(update.initiative, before.get(pk), update)
        for pk, update in current.items()
        if (pk in before and before[pk].traffic_light != update.traffic_light)
        or pk in missing_before
    ]
    return PeriodChanges(
        period=period,
        previous=previous,
        previous_has_statuses=bool(before),
        new=sorted(new, key=sort_key),
        completed=sorted(completed, key=sort_key),
        light_changed=sorted(changed, key=sort_key),
    )


def missing_updates(period: Period) -> QuerySet[Initiative]:
    """Followed-up initiatives without an update for the period, with the responsible unit,
    the tovholder, the parent and the participating units."""
    return (
        Initiative.objects.missing_in(period)
        .select_related("responsible_unit", "responsible_leader", "parent")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("order", "name")))
        .order_by("order", "title")
    )


@dataclass(frozen=True)
class UnitMissing:
    unit: str
    initiatives: list[Initiative]


def missing_by_unit(period: Period) -> list[UnitMissing]:
    """The half-year's missing updates grouped by responsible unit (in the organisation's
    order; initiatives without one last), for the warning before closing: two queries."""
    groups: dict[str, list[Initiative]] = {}
    rows = Initiative.objects.missing_in(period).select_related("responsible_unit")
    ordered = rows.order_by(
        F("responsible_unit__order").asc(nulls_last=True),
        "responsible_unit__name",
        "order",
        "title",
    )
    for initiative in ordered:
        unit = initiative.responsible_unit
        groups.setdefault(unit.name if unit else str(_("Ingen ansvarlig enhed")), []).append(
            initiative
        )
    return [UnitMissing(unit, initiatives) for unit, initiatives in groups.items()]


def leaders_to_notify(period: Period) -> dict:
    """{leader: [their initiatives missing an update]} for every leader responsible for an
    initiative in the half-year's plan: the leaders of its responsible unit and its named
    tovholder (participating units do not write the status). Leaders with nothing missing are
    there too, with an empty list."""
    missing = set(Initiative.objects.missing_in(period).values_list("pk", flat=True))
    initiatives = (
        Initiative.objects.in_plan(period)
        .select_related("responsible_unit", "responsible_leader")
        .prefetch_related("responsible_unit__leaders")
        .order_by("order", "title", "pk")
    )
    leaders: dict = {}
    for initiative in initiatives:
        unit = initiative.responsible_unit
        people = set(unit.leaders.all()) if unit is not None else set()
        if initiative.responsible_leader is not None:
            people.add(initiative.responsible_leader)
        for person in people:
            mine = leaders.setdefault(person, [])
            if initiative.pk in missing:
                mine.append(initiative)
    return leaders


@dataclass(frozen=True)
class OpenCorrection:
    correction: Correction
    initiatives: list[Initiative]  # the user's own among those it names


def open_corrections_for(user) -> list[OpenCorrection]:
    """The open corrections that name initiatives the user is responsible for, with those
    initiatives: the banner on Mine tiltag. Two queries."""
    mine = Initiative.objects.for_user(user).order_by("order", "title")
    corrections = (
        Correction.objects.open()
        .filter(initiatives__in=mine)
        .distinct()
        .select_related("period")
        .prefetch_related(Prefetch("initiatives", queryset=mine, to_attr="mine"))
        .order_by("deadline", "pk")
    )
    return [OpenCorrection(c, c.mine) for c in corrections]


def latest_updates(period: Period | None, limit: int = 6) -> list[StatusUpdate]:
    if period is None:
        return []
    return list(
        StatusUpdate.objects.filter(in_plan_q(period, "initiative__"), period=period)
        .select_related("initiative", "author")
        .order_by("-updated_at")[:limit]
    )


def period_for(user) -> Period | None:
    """The half-year a user sees by default: staff the open one (a draft until it closes),
    everyone else the last closed one, so committee members never see a draft."""
    return Period.objects.default_for(internal=user.has_perm("initiatives.view_open_period"))


# --- Contributions of participating units --------------------------------------------------


def _contributions() -> QuerySet[Contribution]:
    return Contribution.objects.select_related("unit", "author", "period").order_by(
        "created_at", "pk"
    )


def contributions_by_initiative(
    period: Period | None, initiative_ids: list[int] | None = None
) -> dict[int, list[Contribution]]:
    """The participating units' contributions in a half-year, per initiative id, oldest
    first: one query. For the leaders' and OMU reports beside each initiative's status
    (render each list with `initiatives/_contributions.html`)."""
    if period is None:
        return {}
    rows = _contributions().filter(period=period)
    if initiative_ids is not None:
        rows = rows.filter(initiative_id__in=initiative_ids)
    result: dict[int, list[Contribution]] = defaultdict(list)
    for contribution in rows:
        result[contribution.initiative_id].append(contribution)
    return dict(result)


def initiative_contributions(initiative: Initiative) -> list[Contribution]:
    """Every contribution to one initiative, all half-years, oldest first: one query."""
    return list(_contributions().filter(initiative=initiative))


# A målsætning's page lists its initiatives a page at a time: at stress scale 4.2 has 1,325,
# more than a reader can use, and rendering them all took most of the page's time.
OBJECTIVE_PAGE_SIZE = 50


def objective_status_page(
    period: Period | None, objective: Objective, page_number
) -> tuple[ObjectiveStatus, Page]:
    """One målsætning's counts per light over all its initiatives (counted in the database)
    and one page of its initiatives with their update. Four queries, however many there are:
    the counts, the paginator's count, the page, and the page's updates."""
    linked = Initiative.objects.filter(objectives=objective)
    counts = LightCounts(**linked.state_counts(period))
    rows = (
        linked.with_period_state(period).only(*STATUS_ROW_FIELDS).order_by("order", "title", "pk")
    )
    page = Paginator(rows, OBJECTIVE_PAGE_SIZE).get_page(page_number)
    items = list(page.object_list)
    updates: dict[int, StatusUpdate] = {}
    if period is not None and items:
        updates = {
            u.initiative_id: u
            for u in StatusUpdate.objects.filter(
                period=period, initiative_id__in=[i.pk for i in items]
            ).only(*UPDATE_ROW_FIELDS)
        }
    status = ObjectiveStatus(
        objective, counts, [InitiativeStatus(i, updates.get(i.pk)) for i in items]
    )
    return status, page


# --- A probable duplicate of a new initiative ----------------------------------------------

DUPLICATE_SIMILARITY = 0.8  # difflib's ratio of the two titles, normalised


def _title_words(title: str) -> list[str]:
    return re.findall(r"[\wæøå.]+", title.casefold())


def titles_look_alike(a: str, b: str) -> bool:
    """ "VUM 2.0 og SMART-mål" and "VUM 2.0": one title's words all begin the other's, or the
    two are nearly the same text (a typo, another word order of a short title)."""
    words_a, words_b = _title_words(a), _title_words(b)
    if not words_a or not words_b:
        return False
    shorter, longer = sorted((words_a, words_b), key=len)
    if longer[: len(shorter)] == shorter:
        return True
    return SequenceMatcher(None, " ".join(words_a), " ".join(words_b)).ratio() >= (
        DUPLICATE_SIMILARITY
    )


def probable_duplicates(*, title: str, objectives) -> list[Initiative]:
    """Initiatives in the living plan (not archived) that serve one of the same målsætninger
    and whose title looks like `title`: what a new initiative probably repeats."""
    candidates = (
        Initiative.objects.filter(archived_at__isnull=True, objectives__in=list(objectives))
        .distinct()
        .only("pk", "title")
        .order_by("title", "pk")
    )
    return [i for i in candidates if titles_look_alike(title, i.title)]
