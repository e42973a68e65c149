"""The development plan in the read API: half-years, initiatives and status updates.

Public callers (`request.auth.internal` false) see closed half-years only, and no next steps:
status texts are the initiative's public account, next steps are internal working notes.
No route returns a person: no author, no leader, no user id (nor who archived an initiative).

The initiative list is the web list's: the plan of the half-year the caller sees by default
(`in_plan_q`: archived initiatives are left out of the living plan), with `arkiveret` to ask
for the archived ones or for every initiative.
"""

import datetime
from typing import Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from initiatives.models import MISSING, Initiative, Period, StatusUpdate
from strategy.api import ERRORS
from strategy.models import Objective, Unit

router = Router(tags=["Udviklingsplan"])


class PeriodOut(Schema):
    id: int
    name: str = Field(description='Fx "1. halvår 2026".')
    year: int
    half: int
    start: datetime.date
    end: datetime.date
    deadline: datetime.date = Field(description="Fristen for ledernes statusopdatering.")
    state: str = Field(description="planned, open eller closed.")
    state_label: str = Field(description='Tilstanden, som appen skriver den: "Åben".')


class InitiativeOut(Schema):
    id: int
    title: str
    description: str
    parent: int | None = Field(alias="parent_id")
    objectives: list[str] = Field(description='Målsætninger, fx ["2.1", "4.2"].')
    responsible_unit: int | None = Field(
        alias="responsible_unit_id", description="Den ansvarlige enhed (id fra /enheder)."
    )
    units: list[int] = Field(description="Deltagende enheder (id'er fra /enheder).")
    focus_area: str | None
    start_year: int | None
    start_quarter: int | None
    end_year: int | None
    end_quarter: int | None
    timing_note: str
    conditions: str
    lifecycle: str = Field(
        alias="lifecycle_status",
        description="not_started, in_progress, completed, paused eller abandoned.",
    )
    lifecycle_label: str = Field(description='Status, som appen skriver den: "I gang".')
    in_plan_since: datetime.date | None
    archived: datetime.date | None = Field(
        description="Datoen tiltaget blev arkiveret (taget ud af planen), ellers null."
    )
    archive_reason: str = Field(
        description="Begrundelsen for den seneste arkivering eller genoptagelse (tom, hvis ingen)."
    )
    state: str | None = Field(
        None,
        description=(
            "Kun med halvaar: tiltagets tilstand i halvåret: green, yellow, red (lyset i dets "
            "statusopdatering), mangler (følges op, men ingen opdatering) eller null (følges "
            "ikke op i halvåret, fx afsluttet før det)."
        ),
    )

    @staticmethod
    def resolve_state(initiative: Initiative) -> str | None:
        state = getattr(initiative, "period_state", None)
        return "mangler" if state == MISSING else state

    @staticmethod
    def resolve_lifecycle_label(initiative: Initiative) -> str:
        return str(initiative.get_lifecycle_status_display())

    @staticmethod
    def resolve_archived(initiative: Initiative) -> datetime.date | None:
        if initiative.archived_at is None:
            return None
        return timezone.localtime(initiative.archived_at).date()

    @staticmethod
    def resolve_objectives(initiative: Initiative) -> list[str]:
        return sorted(o.code for o in initiative.objectives.all())

    @staticmethod
    def resolve_units(initiative: Initiative) -> list[int]:
        return sorted(u.pk for u in initiative.units.all())

    @staticmethod
    def resolve_focus_area(initiative: Initiative) -> str | None:
        return initiative.focus_area.name if initiative.focus_area else None


class StatusOut(Schema):
    initiative: int = Field(alias="initiative_id")
    half_year: int = Field(alias="period_id")
    traffic_light: str = Field(description="green, yellow eller red.")
    traffic_light_label: str = Field(
        description='Trafiklyset, som appen skriver det: "Forsinket – kræver handling".'
    )
    progress: int = Field(description="Fremdrift i procent.")
    lifecycle: str = Field(
        alias="lifecycle_status",
        description="not_started, in_progress, completed, paused eller abandoned.",
    )
    lifecycle_label: str = Field(description='Status, som appen skriver den: "I gang".')
    status_text: str
    next_steps: str | None = Field(description="Kun for interne kald.")
    is_example: bool = Field(alias="is_demo", description="Eksempeldata, ikke en rigtig status.")
    updated: datetime.date

    @staticmethod
    def resolve_traffic_light_label(update: StatusUpdate) -> str:
        return str(update.get_traffic_light_display())

    @staticmethod
    def resolve_lifecycle_label(update: StatusUpdate) -> str:
        return str(update.get_lifecycle_status_display())

    @staticmethod
    def resolve_next_steps(update: StatusUpdate, context) -> str | None:
        return update.next_steps if context["request"].auth.internal else None

    @staticmethod
    def resolve_updated(update: StatusUpdate) -> datetime.date:
        return update.updated_at.date()


class InitiativeFilters(Schema):
    pejlemaerke: int | None = Field(default=None, ge=1, le=99, description="Pejlemærkets nummer.")
    enhed: int | None = Field(
        default=None,
        ge=1,
        description=(
            "En enheds id: tiltag, som enheden eller en enhed under den er ansvarlig for eller "
            "deltager i (som tiltagslistens filter)."
        ),
    )


class InitiativeListFilters(InitiativeFilters):
    halvaar: int | None = Field(
        default=None,
        ge=1,
        description=(
            "Et halvårs id (fra /halvaar): planen for det halvår i stedet for standardhalvåret, "
            "og hvert tiltags tilstand i det (feltet state, også mangler)."
        ),
    )
    arkiveret: Literal["false", "true", "alle"] = Field(
        "false",
        description=(
            "false (standard): tiltagene i planen for det halvår, kalderen ser (det åbne for "
            "interne kald, ellers det senest lukkede), som tiltagslisten i appen viser dem; "
            "arkiverede tiltag er taget ud af planen. true: kun arkiverede tiltag. alle: alle."
        ),
    )


class StatusFilters(InitiativeFilters):
    halvaar: int | None = Field(default=None, ge=1, description="Et halvårs id (fra /halvaar).")


def _periods(request):
    return Period.objects.readable(internal=request.auth.internal)


def _plan_period(request) -> Period | None:
    """The half-year whose plan the initiative list shows by default, as the web list's
    (initiatives.queries.period_for): the open one for internal callers (or, between two
    half-years, the one just closed), the last closed one for everyone else."""
    return Period.objects.default_for(internal=request.auth.internal)


def _initiatives(filters: InitiativeFilters):
    # Only what the answer shows of the målsætninger (their code) and the units (their id).
    initiatives = Initiative.objects.select_related("focus_area").prefetch_related(
        Prefetch(
            "objectives",
            queryset=Objective.objects.select_related("theme").only("number", "theme__number"),
        ),
        Prefetch("units", queryset=Unit.objects.only("pk")),
    )
    # The web list's filters (InitiativeQuerySet.for_*): no join, so no DISTINCT.
    if filters.pejlemaerke is not None:
        initiatives = initiatives.for_theme(filters.pejlemaerke)
    if filters.enhed is not None:
        initiatives = initiatives.for_unit(filters.enhed)
    return initiatives.order_by("order", "title", "pk")


@router.get("/halvaar", response={200: list[PeriodOut], **ERRORS}, summary="Halvår")
def period_list(request):
    return [
        PeriodOut(
            id=p.pk,
            name=str(p),
            year=p.year,
            half=p.half,
            start=p.start,
            end=p.end,
            deadline=p.deadline,
            state=str(p.state),
            state_label=str(Period.State(p.state).label),
        )
        for p in _periods(request).order_by("-year", "-half")
    ]


@router.get(
    "/tiltag", response={200: list[InitiativeOut], **ERRORS}, summary="Tiltag i udviklingsplanen"
)
@paginate
def initiative_list(request, filters: Query[InitiativeListFilters]):
    initiatives = _initiatives(filters)
    if filters.halvaar is not None:
        # A half-year the caller may not read does not exist for them.
        period = get_object_or_404(_periods(request), pk=filters.halvaar)
        initiatives = initiatives.with_period_state(period)
        if filters.arkiveret == "false":
            return initiatives.in_plan(period)
    if filters.arkiveret == "false":
        return initiatives.in_plan(_plan_period(request))
    if filters.arkiveret == "true":
        return initiatives.archived()
    return initiatives


@router.get("/tiltag/{initiative_id}", response={200: InitiativeOut, **ERRORS}, summary="Et tiltag")
def initiative_detail(request, initiative_id: int):
    return get_object_or_404(_initiatives(InitiativeFilters()), pk=initiative_id)


@router.get(
    "/status", response={200: list[StatusOut], **ERRORS}, summary="Statusopdateringer pr. halvår"
)
@paginate
def status_list(request, filters: Query[StatusFilters]):
    updates = StatusUpdate.objects.filter(period__in=_periods(request))
    if filters.halvaar is not None:
        updates = updates.filter(period=filters.halvaar)
    if filters.pejlemaerke is not None or filters.enhed is not None:
        updates = updates.filter(initiative__in=_initiatives(filters).values("pk"))
    return updates.order_by("-period__year", "-period__half", "initiative_id")
