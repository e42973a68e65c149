from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Sum,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from strategy.models import Objective, Theme, Unit, units_under

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django_stubs_ext import StrOrPromise, WithAnnotations

NO_CITIZEN_DATA = _("Skriv ikke personoplysninger om borgere.")
STATUS_TEXT_MAX = 2000
DESCRIPTION_MAX = 4000
ARCHIVE_REASON_MAX = 500


class FocusArea(models.Model):
    """A fokusområde grouping initiatives (the six of the 2024 status note), editable as data."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområder")

    def __str__(self) -> str:
        return self.name


# A deadline may fall after the half-year's end, but at most this long after it: the leaders
# report on the half-year just ended, and the next one must not start before this one is in.
DEADLINE_DAYS_AFTER_END = 60


class PeriodQuerySet(models.QuerySet):
    def open(self) -> PeriodQuerySet:
        return self.filter(is_open=True)

    def closed(self) -> PeriodQuerySet:
        """Opened and closed again. A planned half-year (created, never opened) is not closed."""
        return self.filter(is_open=False, closed_at__isnull=False)

    def planned(self) -> PeriodQuerySet:
        return self.filter(is_open=False, closed_at__isnull=True)

    def current_open(self) -> Period | None:
        return self.open().order_by("-year", "-half").first()

    def latest_closed(self) -> Period | None:
        return self.closed().order_by("-year", "-half").first()

    def started(self) -> PeriodQuerySet:
        """Open or closed: the half-years that readers and reports may pick. A planned one
        (created in advance, never opened) is nobody's to read yet."""
        return self.exclude(is_open=False, closed_at__isnull=True)

    # Who reads which half-year, written once: "internal" readers (staff, and the API's intern
    # tokens) read the open half-year and the closed ones; everyone else (committee members,
    # public callers) the closed ones only, so no one outside sees a draft.

    def readable(self, *, internal: bool) -> PeriodQuerySet:
        return self.started() if internal else self.closed()

    def default_for(self, *, internal: bool) -> Period | None:
        """The half-year a reader sees first: the open one (a draft until it closes) or,
        between two half-years, the one just closed; outside, the last closed one."""
        if internal:
            return self.current_open() or self.latest_closed()
        return self.latest_closed()

    def visible_to(self, user) -> PeriodQuerySet:
        """The half-years a user may pick (`readable`)."""
        return self.readable(internal=user.has_perm("initiatives.view_open_period"))


class Period(models.Model):
    """A halvår: the half-year a status update belongs to. A closed one is read-only."""

    class Half(models.IntegerChoices):
        FIRST = 1, _("1. halvår")
        SECOND = 2, _("2. halvår")

    class State(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        OPEN = "open", _("Åben")
        CLOSED = "closed", _("Lukket")

    year = models.PositiveSmallIntegerField(_("år"))
    half = models.PositiveSmallIntegerField(_("halvår"), choices=Half.choices)
    start = models.DateField(_("første dag"))
    end = models.DateField(_("sidste dag"))
    deadline = models.DateField(_("frist for opdatering"))
    is_open = models.BooleanField(_("åben for opdateringer"), default=False)
    opened_at = models.DateTimeField(_("åbnet"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("genåbnet"), null=True, blank=True)
    reopen_reason = models.TextField(_("begrundelse for genåbning"), blank=True, max_length=1000)
    history = HistoricalRecords()
    _change_reason: str  # not a column: read by simple-history on save (period_reopen)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-half"]
        verbose_name = _("halvår")
        verbose_name_plural = _("halvår")
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="period_unique_half_year"),
            models.UniqueConstraint(
                fields=["is_open"], condition=Q(is_open=True), name="period_only_one_open"
            ),
            models.CheckConstraint(condition=Q(half__in=[1, 2]), name="period_half_is_1_or_2"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_dates"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.half}. halvår {self.year}"

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def state(self) -> Period.State:
        """Planlagt (created, never opened), åben or lukket; `closed_at` is set when it closes
        and only then, so a half-year created in advance is never taken for a closed one."""
        if self.is_open:
            return self.State.OPEN
        if self.closed_at is None:
            return self.State.PLANNED
        return self.State.CLOSED

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED

    @property
    def is_planned(self) -> bool:
        return self.state == self.State.PLANNED

    @property
    def latest_deadline(self) -> datetime.date:
        return self.end + datetime.timedelta(days=DEADLINE_DAYS_AFTER_END)

    def deadline_error(self, deadline: datetime.date) -> str | None:
        """The Danish message if `deadline` lies outside the half-year and the days after it."""
        if self.start <= deadline <= self.latest_deadline:
            return None
        return _(
            "Fristen skal ligge i halvåret eller højst %(days)s dage efter dets afslutning "
            "(senest %(latest)s)."
        ) % {"days": DEADLINE_DAYS_AFTER_END, "latest": date_format(self.latest_deadline)}

    def deadline_note(self, today: datetime.date | None = None) -> str:
        """The deadline and how far off it is: "Fristen er 15. december 2026, om 7 dage",
        "Fristen er i dag, 15. december 2026", "Fristen var 15. december 2026, for 2 dage
        siden"."""
        days = (self.deadline - (today or timezone.localdate())).days
        when = date_format(self.deadline)
        if days > 0:
            return ngettext(
                "Fristen er %(date)s, om %(n)s dag", "Fristen er %(date)s, om %(n)s dage", days
            ) % {"date": when, "n": days}
        if days == 0:
            return _("Fristen er i dag, %(date)s") % {"date": when}
        return ngettext(
            "Fristen var %(date)s, for %(n)s dag siden",
            "Fristen var %(date)s, for %(n)s dage siden",
            -days,
        ) % {"date": when, "n": -days}

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.deadline:
            error = self.deadline_error(self.deadline)
            if error:
                raise ValidationError({"deadline": error})

    @staticmethod
    def dates_for(year: int, half: int) -> tuple[datetime.date, datetime.date]:
        if half == 1:
            return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
        return datetime.date(year, 7, 1), datetime.date(year, 12, 31)

    def previous(self) -> Period | None:
        """The half-year before this one (read once per instance: pages ask several times)."""
        if not hasattr(self, "_previous_period"):
            year, half = self.previous_year_half()
            self._previous_period = Period.objects.filter(year=year, half=half).first()
        return self._previous_period

    def previous_year_half(self) -> tuple[int, int]:
        return (self.year, 1) if self.half == 2 else (self.year - 1, 2)

    def next_year_half(self) -> tuple[int, int]:
        return (self.year, 2) if self.half == 1 else (self.year + 1, 1)

    def contains_quarter(self, year: int | None, quarter: int | None) -> bool:
        if year != self.year:
            return False
        if quarter is None:
            return False
        return (quarter + 1) // 2 == self.half

    @property
    def days_to_deadline(self) -> int:
        return (self.deadline - timezone.localdate()).days


# The state of an initiative in a half-year besides its traffic light.
MISSING = "missing"
PERIOD_STATES = ("green", "yellow", "red", MISSING)
# Lifecycles that end the follow-up: such an initiative is never "missing".
CLOSED_LIFECYCLES = ("completed", "abandoned")


def quarter_label(year: int | None, quarter: int | None) -> str:
    if year is None:
        return ""
    if quarter is None:
        return str(year)
    return f"{quarter}. kvartal {year}"


def in_plan_q(period: Period | None, prefix: str = "") -> Q:
    """Q: the initiative (through `prefix`, e.g. "initiative__") belongs to the plan of the
    half-year `period`, the one definition of the living plan.

    An administrator archives an initiative that has left the plan (initiative_archive). It
    then leaves the plan of the open half-year (and of any planned one): the lists, Mine
    tiltag, the counts and banners, "missing", and the reports of the half-years that close
    after it. A half-year closed before the archive keeps it: what was counted there is
    history, and history is final, so it counts there exactly as it did when the half-year
    closed (`archived_at` at or after `closed_at`). A closed half-year that is reopened is a
    living half-year again and leaves archived initiatives out, also once it closes anew;
    the reports issued before the reopening keep their frozen data.
    """
    kept = Q(**{f"{prefix}archived_at__isnull": True})
    if period is not None and period.is_closed:
        kept |= Q(**{f"{prefix}archived_at__gte": period.closed_at})
    return kept


def relation_prefetches(*, objectives: bool = True) -> list[Prefetch]:
    """The participating units and (unless not shown) the målsætninger with their
    pejlemærke, for `with_relations` and for rows already fetched (prefetch_related_objects)."""
    lookups: list[Prefetch] = [Prefetch("units", queryset=Unit.objects.order_by("order", "name"))]
    if objectives:
        lookups.append(
            Prefetch(
                "objectives",
                queryset=Objective.objects.select_related("theme").order_by(
                    "theme__number", "number"
                ),
            )
        )
    return lookups


class InPeriod(TypedDict):
    """The annotation of the updates `status_prefetch` loads: this half-year's, or the previous."""

    in_period: bool


def status_prefetch(period: Period | None, *, trend: bool = False) -> Prefetch:
    """The updates behind `Initiative.period_update` and, with `trend`, `previous_update`: the
    half-year's (and the previous half-year's) in one query, for `with_status` and for rows
    already fetched (prefetch_related_objects)."""
    updates = StatusUpdate.objects.none()
    if period is not None:
        which = Q(period=period)
        if trend:
            # By year and half through the join, so the previous half-year is not read first.
            year, half = period.previous_year_half()
            which |= Q(period__year=year, period__half=half)
        updates = (
            StatusUpdate.objects.filter(which)
            .select_related("author")
            .annotate(in_period=ExpressionWrapper(Q(period=period), output_field=BooleanField()))
            .order_by()
        )
    return Prefetch(
        "status_updates", queryset=updates, to_attr="_with_previous" if trend else "_updates"
    )


class InitiativeQuerySet(models.QuerySet):
    def with_relations(self, *, objectives: bool = True, leader: bool = True) -> InitiativeQuerySet:
        """Parent, focus area, responsible unit and (unless a page does not show it) the
        tovholder, joined; the participating units and (unless a page does not show them) the
        målsætninger with their pejlemærke: one query each.

        Every joined table costs the planner time at every request: with the tovholder and the
        status table joined twice, the initiative list's query took 25-40 ms to plan and 1-5 ms
        to run (EXPLAIN at either scale)."""
        joined = ["focus_area", "parent", "responsible_unit"]
        if leader:
            joined.append("responsible_leader")
        return self.select_related(*joined).prefetch_related(
            *relation_prefetches(objectives=objectives)
        )

    def with_status(self, period: Period | None, *, trend: bool = False) -> InitiativeQuerySet:
        """Attach `period_update` (the StatusUpdate for the period, or None) and the
        half-year's `period_state` (see `with_period_state`); with `trend`, the previous
        half-year's update too (`previous_update`, for `Initiative.trend`), in the same query."""
        return self.with_period_state(period).prefetch_related(status_prefetch(period, trend=trend))

    # The filters of the web list, the export and the API. The many-to-many ones use
    # `pk IN (subquery)` rather than a join, so no row repeats and no list needs a DISTINCT over
    # every column (COUNT over it: 12 ms at 10,000 initiatives, EXPLAIN ANALYZE).

    def for_theme(self, theme: Theme | int) -> InitiativeQuerySet:
        """Initiatives serving one of the pejlemærke's målsætninger (`theme`: it, or its
        number)."""
        links = Initiative.objectives.through.objects.filter(
            objective__theme__number=theme if isinstance(theme, int) else theme.number
        )
        return self.filter(pk__in=links.values("initiative_id"))

    def for_objective(self, objective: Objective) -> InitiativeQuerySet:
        links = Initiative.objectives.through.objects.filter(objective=objective)
        return self.filter(pk__in=links.values("initiative_id"))

    def for_unit(self, unit_id: int) -> InitiativeQuerySet:
        """Initiatives that the unit, or a unit under it, is responsible for or takes part in."""
        units = Unit.objects.ids_under(unit_id)
        links = Initiative.units.through.objects.filter(unit__in=units)
        return self.filter(Q(responsible_unit__in=units) | Q(pk__in=links.values("initiative_id")))

    def for_user(self, user) -> InitiativeQuerySet:
        """The initiatives a leader is responsible for: the responsible unit is one they lead
        (or a unit under one they lead), or they are its named tovholder. What they only take
        part in is `taken_part_in_by(user)`."""
        if not user.is_authenticated:
            return self.none()
        # Two indexed columns of the initiative itself: PostgreSQL answers the OR with a
        # BitmapOr of the two indexes (EXPLAIN ANALYZE over 10,000 rows: 0,3 ms), so the ids
        # are no longer read first, as they had to be while the tovholdere were a many-to-many
        # table (two subqueries joined by OR scanned every initiative: 17 ms at stress scale).
        return self.filter(
            Q(responsible_unit_id__in=led_unit_ids(user)) | Q(responsible_leader_id=user.pk)
        )

    def taken_part_in_by(self, user) -> InitiativeQuerySet:
        """The initiatives a leader's units take part in (deltager) without the leader being
        responsible for them: listed apart in Mine tiltag, never counted there."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = led_unit_ids(user)
        # The ids are read first (one query, an index lookup in the link table) and the rest
        # filters on primary keys: as a subquery PostgreSQL scanned every initiative.
        ids = (
            Initiative.units.through.objects.filter(unit_id__in=unit_ids)
            .exclude(initiative__responsible_unit_id__in=unit_ids)
            .exclude(initiative__responsible_leader_id=user.pk)
            .values_list("initiative_id", flat=True)
        )
        return self.filter(pk__in=list(ids))

    # --- The living plan, defined once ---------------------------------------------------
    # See `in_plan_q`: archived initiatives leave the plan of the open half-year and of every
    # half-year closed after the archive, and stay in those closed before it.

    def in_plan(self, period: Period | None) -> InitiativeQuerySet:
        """The initiatives of the plan in the half-year (`in_plan_q`)."""
        return self.filter(in_plan_q(period))

    def archived(self) -> InitiativeQuerySet:
        return self.filter(archived_at__isnull=False)

    # --- Counting, defined once ----------------------------------------------------------
    # Every count the app shows (overview, Ændringer, Mine tiltag, the list's filter, the
    # reports, reminders, the export) comes from `with_period_state()`: an initiative is
    # *followed up* in a half-year when it belongs to the half-year's plan (`in_plan_q`: not
    # archived, or archived only after the half-year closed) and either has an update in it or
    # is neither completed nor abandoned and had entered the plan by the half-year's end. A
    # followed-up initiative without an update is *missing*. Completed or abandoned
    # initiatives are never missing; in the half-year they were completed they show the light
    # of that update.

    def with_period_state(self, period: Period | None) -> InitiativeQuerySet:
        """Annotate `period_state` ("green", "yellow", "red", "missing", or None when the
        initiative is not followed up in the half-year) and `period_progress`."""
        not_followed = Q(lifecycle_status__in=CLOSED_LIFECYCLES)
        if period is not None:
            not_followed |= Q(in_plan_since__gt=period.end)
        return self.annotate(
            period_status=FilteredRelation(
                "status_updates", condition=Q(status_updates__period=period)
            ),
            period_state=Case(
                # Out of the half-year's plan (archived): not followed, even with an update.
                When(~in_plan_q(period), then=Value(None)),
                When(period_status__id__isnull=False, then=F("period_status__traffic_light")),
                When(not_followed, then=Value(None)),
                default=Value(MISSING),
                output_field=models.CharField(null=True),
            ),
            period_progress=Case(
                When(~in_plan_q(period), then=Value(None)),
                default=F("period_status__progress"),
                output_field=models.PositiveSmallIntegerField(null=True),
            ),
        )

    def followed_in(self, period: Period | None) -> InitiativeQuerySet:
        return self.with_period_state(period).filter(period_state__isnull=False)

    def missing_in(self, period: Period | None) -> InitiativeQuerySet:
        return self.with_period_state(period).filter(period_state=MISSING)

    def state_counts(self, period: Period | None) -> dict[str, int]:
        """{"green", "yellow", "red", "missing"} -> how many, each initiative once, and
        "progress_sum" over those that reported."""
        counts = self.with_period_state(period).aggregate(
            **{state: Count("pk", filter=Q(period_state=state)) for state in PERIOD_STATES},
            progress_sum=Sum("period_progress"),
        )
        counts["progress_sum"] = counts["progress_sum"] or 0
        return counts

    def status_counters(self, period: Period | None) -> dict:
        """For "Mine tiltag": initiatives followed up in the period, how many of them lack an
        update and how many have one, and (`listed`) how many rows the queryset has: one
        aggregate query."""
        counts = self.with_period_state(period).aggregate(
            **{state: Count("pk", filter=Q(period_state=state)) for state in PERIOD_STATES},
            listed=Count("pk"),
        )
        total = sum(counts[state] for state in PERIOD_STATES)
        return {
            "total": total,
            "missing": counts[MISSING],
            "done": total - counts[MISSING],
            "listed": counts["listed"],
        }

    def with_closed_history(self) -> InitiativeQuerySet:
        """Initiatives with a status update in a closed half-year: they cannot be deleted
        (that history is final); they are marked Opgivet instead."""
        return self.filter(pk__in=StatusUpdate.objects.in_closed_period().values("initiative_id"))

    def search(self, text: str) -> InitiativeQuerySet:
        return self.filter(
            Q(title__icontains=text)
            | Q(description__icontains=text)
            | Q(conditions__icontains=text)
        )


def led_unit_ids(user) -> set[int]:
    """The units a user leads and every unit under them. Cached on the user for the request,
    so permission checks in a loop cost no extra queries."""
    cached = getattr(user, "_led_unit_ids", None)
    if cached is not None:
        return cached
    # One query: the organisation's tree (a few hundred units at most), each unit marked when
    # the user leads it.
    leads = Unit.leaders.through.objects.filter(unit=OuterRef("pk"), user_id=user.pk)
    rows = list(
        Unit.objects.order_by()
        .annotate(is_led=Exists(leads))
        .values_list("id", "parent_id", "is_led", "order", "name")
    )
    led = {row[0] for row in rows if row[2]}
    result = units_under(led, ((row[0], row[1]) for row in rows))
    user._led_unit_ids = result
    led_rows = sorted((row for row in rows if row[2]), key=lambda row: (row[3], row[4]))
    user._led_unit_names = [row[4] for row in led_rows]
    return result


def led_unit_names(user) -> list[str]:
    """The names of the units the user leads themselves (not those under them), in the
    organisation's order; read with `led_unit_ids`, in the same query."""
    if not user.is_authenticated:
        return []
    led_unit_ids(user)
    return user._led_unit_names


# The fields of an initiative its readable history shows (and the stale-edit conflict lists).
INITIATIVE_HISTORY_FIELDS = [
    "title",
    "description",
    "lifecycle_status",
    "focus_area",
    "responsible_unit",
    "responsible_leader",
    "parent",
    "start_year",
    "start_quarter",
    "end_year",
    "end_quarter",
    "timing_note",
    "conditions",
    "source",
    "source_document",
]


# The målsætninger and participating units are kept with every record, so the readable
# history shows their changes too. Held here as well as on the model (simple-history keeps no
# reference to it) for `one_history_record`.
INITIATIVE_HISTORY = HistoricalRecords(
    excluded_fields=["updated_at", "order"], m2m_fields=["objectives", "units"]
)


def record_initiative_history(initiative: Initiative, *, created: bool) -> None:
    """A history record of the initiative as it is now, with its many-to-many fields."""
    INITIATIVE_HISTORY.create_historical_record(initiative, "+" if created else "~")


@contextmanager
def one_history_record(initiative: Initiative) -> Iterator[None]:
    """The saves of the initiative and of its many-to-many fields inside the block make one
    history record, when the block ends, with everything as saved. (simple-history makes one
    for the row, with the målsætninger and units as they were before, and one more for each
    many-to-many change: one edit would read as up to five.)"""
    created = initiative.pk is None
    initiative.skip_history_when_saving = True
    try:
        yield
    finally:
        del initiative.skip_history_when_saving
    record_initiative_history(initiative, created=created)


class Initiative(models.Model):
    """An udviklingstiltag of the development plan."""

    class Lifecycle(models.TextChoices):
        NOT_STARTED = "not_started", _("Ikke startet")
        IN_PROGRESS = "in_progress", _("I gang")
        COMPLETED = "completed", _("Afsluttet")
        PAUSED = "paused", _("Sat på pause")
        ABANDONED = "abandoned", _("Opgivet")

    class Source(models.TextChoices):
        DEVELOPMENT_PLAN = "development_plan", _("Udviklingsplanen")
        WELFARE_PLAN = "welfare_plan", _("Velfærdsplanen")
        POLITICAL_DECISION = "political_decision", _("Politisk beslutning")
        STATUS_NOTE = "status_note", _("Statusnotat")
        COMMITTEE = "committee", _("Udvalgsorientering")
        OTHER = "other", _("Andet")

    QUARTERS = [
        (1, _("1. kvartal")),
        (2, _("2. kvartal")),
        (3, _("3. kvartal")),
        (4, _("4. kvartal")),
    ]

    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(
        _("beskrivelse"), max_length=DESCRIPTION_MAX, blank=True, help_text=NO_CITIZEN_DATA
    )
    objectives = models.ManyToManyField(
        Objective, related_name="initiatives", blank=True, verbose_name=_("målsætninger")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("fokusområde"),
    )
    # One owner per initiative: the responsible unit and, optionally, a named leader (the
    # tovholder) keep its status; the participating units take part and add contributions,
    # never the status itself.
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_initiatives",
        verbose_name=_("ansvarlig enhed"),
    )
    responsible_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_initiatives",
        verbose_name=_("tovholder"),
        help_text=_("Valgfri: en navngiven leder, som også opdaterer tiltagets status."),
    )
    units = models.ManyToManyField(
        Unit, related_name="initiatives", blank=True, verbose_name=_("deltagende enheder")
    )
    start_year = models.PositiveSmallIntegerField(_("startår"), null=True, blank=True)
    start_quarter = models.PositiveSmallIntegerField(
        _("startkvartal"), choices=QUARTERS, null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(_("forventet slutår"), null=True, blank=True)
    end_quarter = models.PositiveSmallIntegerField(
        _("forventet slutkvartal"), choices=QUARTERS, null=True, blank=True
    )
    timing_note = models.CharField(
        _("tidsangivelse i kilden"),
        max_length=300,
        blank=True,
        help_text=_("Kildens egne ord om tidsplanen, fx ”opstart i efteråret 2024”."),
    )
    lifecycle_status = models.CharField(
        _("status"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.NOT_STARTED
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("del af tiltag"),
    )
    conditions = models.TextField(
        _("forudsætninger"),
        max_length=1000,
        blank=True,
        help_text=_("Fx ”afhænger af fondsfinansiering”. Skriv ikke personoplysninger om borgere."),
    )
    source = models.CharField(
        _("kilde"), max_length=30, choices=Source.choices, default=Source.DEVELOPMENT_PLAN
    )
    source_document = models.CharField(_("kildedokument"), max_length=300, blank=True)
    in_plan_since = models.DateField(
        _("i planen siden"),
        null=True,
        blank=True,
        help_text=_("Datoen tiltaget kom ind i planen, fx kildedokumentets dato."),
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    # Optimistic locking for the plan's editing pages, as for status updates.
    version = models.PositiveIntegerField(_("version"), default=1)
    # Out of the living plan since then (see `in_plan_q`); set and cleared only by
    # initiative_archive / initiative_unarchive, each with a reason (the last one given).
    archived_at = models.DateTimeField(_("arkiveret"), null=True, blank=True)
    archive_reason = models.CharField(
        _("begrundelse"), max_length=ARCHIVE_REASON_MAX, blank=True, help_text=NO_CITIZEN_DATA
    )
    history = INITIATIVE_HISTORY

    objects = InitiativeQuerySet.as_manager()

    # Not columns: the annotation of `with_period_state()`, and the attributes simple-history
    # reads when set (see `one_history_record`, initiatives.services).
    period_state: str | None
    skip_history_when_saving: bool
    _history_user: AbstractBaseUser | None

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("udviklingstiltag")
        verbose_name_plural = _("udviklingstiltag")
        constraints = [
            models.UniqueConstraint(
                fields=["title", "parent"], name="initiative_unique_title_under_parent"
            ),
            models.CheckConstraint(
                condition=Q(start_quarter__isnull=True) | Q(start_quarter__range=(1, 4)),
                name="initiative_start_quarter_1_4",
            ),
            models.CheckConstraint(
                condition=Q(end_quarter__isnull=True) | Q(end_quarter__range=(1, 4)),
                name="initiative_end_quarter_1_4",
            ),
        ]
        indexes = [
            models.Index(fields=["lifecycle_status"], name="initiative_lifecycle_idx"),
            models.Index(fields=["order", "title"], name="initiative_order_idx"),
            # The living plan (`in_plan_q`) filters on `archived_at`: with the index, counting
            # the plan is an index-only scan, not a read of every row (EXPLAIN ANALYZE at
            # stress scale, 10,000 initiatives: the list's count 9 ms -> 1,5 ms).
            models.Index(fields=["archived_at"], name="initiative_archived_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.pk])

    @property
    def start_label(self) -> str:
        return quarter_label(self.start_year, self.start_quarter)

    @property
    def end_label(self) -> str:
        return quarter_label(self.end_year, self.end_quarter)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def archive_note(self) -> str:
        """ "Arkiveret 3. december 2026: <begrundelse>" (its page, the list, the export), or ""
        when it is in the plan."""
        if not self.is_archived:
            return ""
        return _("Arkiveret %(date)s: %(reason)s") % {
            "date": date_format(timezone.localtime(self.archived_at)),
            "reason": self.archive_reason,
        }

    def _loaded_updates(
        self, attrs: tuple[str, ...]
    ) -> list[WithAnnotations[StatusUpdate, InPeriod]]:
        for attr in attrs:
            updates = getattr(self, attr, None)
            if updates is not None:
                return updates
        trend = ", trend=True" if "_updates" not in attrs else ""
        raise AttributeError(f"Call Initiative.objects.with_status(period{trend}) first.")

    @property
    def period_update(self) -> StatusUpdate | None:
        """The status update for the period given to `with_status()`."""
        updates = self._loaded_updates(("_updates", "_with_previous"))
        return next((u for u in updates if u.in_period), None)

    @property
    def previous_update(self) -> StatusUpdate | None:
        """The previous half-year's update (see `with_status(period, trend=True)`)."""
        updates = self._loaded_updates(("_with_previous",))
        return next((u for u in updates if not u.in_period), None)

    @property
    def trend(self):
        """The trend from the previous half-year to this one (initiatives.queries.Trend), or
        None; needs `with_status(period, trend=True)`."""
        from initiatives.queries import trend_between

        return trend_between(self.previous_update, self.period_update)

    @property
    def is_missing(self) -> bool:
        """Followed up in the half-year and without an update; needs `with_period_state()`."""
        return self.period_state == MISSING

    def is_overdue_in(self, period: Period | None) -> bool:
        """ "Overskredet": its planned end (the end of its end quarter, or of its end year) lies
        before the half-year's end, and it is neither completed nor abandoned."""
        if period is None or self.end_year is None:
            return False
        if self.lifecycle_status in CLOSED_LIFECYCLES:
            return False
        end_quarter = self.end_quarter or 4
        return (self.end_year, end_quarter) < (period.end.year, (period.end.month + 2) // 3)

    def is_responsible(self, user) -> bool:
        """The user leads the responsible unit (or a unit above it) or is the named
        tovholder."""
        if self.responsible_leader_id is not None and self.responsible_leader_id == user.pk:
            return True
        return self.responsible_unit_id is not None and self.responsible_unit_id in led_unit_ids(
            user
        )

    def takes_part(self, user) -> bool:
        """One of the user's units is a participating unit (deltager) and the user is not
        responsible. Needs `units` loaded (with_relations) to cost no query."""
        unit_ids = led_unit_ids(user)
        return not self.is_responsible(user) and any(u.pk in unit_ids for u in self.units.all())

    def plan_errors(self) -> dict[str, str]:
        """Danish messages for a plan that cannot hold: an end before the start, a parent
        that would make a cycle. Used by the editing form and the service alike."""
        errors = {}
        if self.start_year is not None and self.end_year is not None:
            start = (self.start_year, self.start_quarter or 1)
            end = (self.end_year, self.end_quarter or 4)
            if end < start:
                errors["end_year"] = str(
                    _("Forventet slut (%(end)s) kan ikke ligge før start (%(start)s).")
                    % {"end": self.end_label, "start": self.start_label}
                )
        if self.parent_id is not None:
            seen: set[int] = set()
            current: int | None = self.parent_id
            while current is not None and current not in seen:
                if self.pk is not None and current == self.pk:
                    errors["parent"] = str(
                        _(
                            "Et tiltag kan ikke være del af sig selv eller af et af sine egne "
                            "delprojekter."
                        )
                    )
                    break
                seen.add(current)
                current = (
                    Initiative.objects.filter(pk=current)
                    .values_list("parent_id", flat=True)
                    .first()
                )
        return errors

    def themes(self) -> list[Theme]:
        seen: dict[int, Theme] = {}
        for objective in self.objectives.all():
            seen.setdefault(objective.theme_id, objective.theme)
        return sorted(seen.values(), key=lambda t: t.number)


class TrafficLight(models.TextChoices):
    GREEN = "green", _("Planmæssigt")
    YELLOW = "yellow", _("Risiko")
    RED = "red", _("Forsinket – kræver handling")


LIGHT_COLOUR_NAMES: dict[str, StrOrPromise] = {
    TrafficLight.GREEN: _("Grøn"),
    TrafficLight.YELLOW: _("Gul"),
    TrafficLight.RED: _("Rød"),
}


class StatusUpdateQuerySet(models.QuerySet):
    def in_closed_period(self) -> StatusUpdateQuerySet:
        """Updates of a closed half-year: final, never changed or deleted."""
        return self.filter(period__in=Period.objects.closed())


class StatusUpdate(models.Model):
    """The status of one initiative in one half-year. Saved with optimistic locking (`version`);
    every change is kept by simple-history."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="status_updates",
        verbose_name=_("tiltag"),
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="status_updates", verbose_name=_("halvår")
    )
    traffic_light = models.CharField(_("trafiklys"), max_length=10, choices=TrafficLight.choices)
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"))
    lifecycle_status = models.CharField(
        _("status for tiltaget"),
        max_length=20,
        choices=Initiative.Lifecycle.choices,
        default=Initiative.Lifecycle.IN_PROGRESS,
    )
    status_text = models.TextField(
        _("status"), max_length=STATUS_TEXT_MAX, blank=True, help_text=NO_CITIZEN_DATA
    )
    next_steps = models.TextField(
        _("næste skridt"), max_length=STATUS_TEXT_MAX, blank=True, help_text=NO_CITIZEN_DATA
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opdateret af"),
    )
    is_demo = models.BooleanField(
        _("demodata"), default=False, help_text=_("Oprettet af indlæseren som eksempel.")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()
    _history_date: datetime.datetime  # not a column: read by simple-history (the demo data)

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-period__year", "-period__half"]
        verbose_name = _("statusopdatering")
        verbose_name_plural = _("statusopdateringer")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "period"], name="status_one_per_initiative_and_period"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="status_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(traffic_light__in=["green", "yellow", "red"]),
                name="status_traffic_light_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "traffic_light"], name="status_period_light_idx"),
            models.Index(fields=["period", "-updated_at"], name="status_period_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} – {self.period}"

    @property
    def light_colour(self) -> str:
        return str(LIGHT_COLOUR_NAMES[self.traffic_light])


CONTRIBUTION_TEXT_MAX = 2000


class ContributionQuerySet(models.QuerySet):
    def in_closed_period(self) -> ContributionQuerySet:
        """Contributions to a closed half-year: final, never changed or deleted."""
        return self.filter(period__in=Period.objects.closed())


class Contribution(models.Model):
    """A participating unit's contribution (bidrag) to an initiative's status in a half-year.
    The responsible side writes the status; participants add to it here instead of
    overwriting it. Kept in the history; frozen with the half-year (migration 0009)."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("tiltag"),
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("halvår")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("enhed"),
    )
    text = models.TextField(
        _("bidrag"), max_length=CONTRIBUTION_TEXT_MAX, help_text=NO_CITIZEN_DATA
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bidrag")
        verbose_name_plural = _("bidrag")
        indexes = [
            models.Index(fields=["period", "initiative"], name="contribution_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.initiative} – {self.period}"


class CorrectionQuerySet(models.QuerySet):
    def open(self) -> CorrectionQuerySet:
        """Corrections still taking changes: not closed, and not past their deadline."""
        return self.filter(closed_at__isnull=True, deadline__gte=timezone.localdate())

    def covering(self, initiative: Initiative, period: Period) -> CorrectionQuerySet:
        return self.open().filter(period=period, initiatives=initiative)


class Correction(models.Model):
    """A correction (rettelse) of a closed half-year for named initiatives, after a report was
    sent back: their responsible leaders may change those initiatives' status in that
    half-year, and only those, until they are done or the deadline passes. The open half-year
    stays open meanwhile."""

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("halvår")
    )
    initiatives = models.ManyToManyField(
        Initiative, related_name="corrections", verbose_name=_("tiltag")
    )
    reason = models.TextField(_("begrundelse"), max_length=2000)
    deadline = models.DateField(_("frist"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("åbnet af"),
    )
    opened_at = models.DateTimeField(_("åbnet"), auto_now_add=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("rettelse")
        verbose_name_plural = _("rettelser")

    def __str__(self) -> str:
        return f"Rettelse af {self.period}"
