"""Indicators in the read API: each indicator with its definition, baseline, targets, status
and measurements. Public callers get the closed half-years' values only and no comments or
authors; internal callers also the open half-year's. Computed values (the trained share)
come from the staffing snapshots, as on the pages."""

import datetime
from decimal import Decimal
from typing import overload

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from core.formatting import round_half_up
from indicators.models import Indicator
from indicators.series import IndicatorRow, indicator_rows
from strategy.api import ERRORS

router = Router(tags=["Indikatorer"])


class TargetOut(Schema):
    value: float
    date: datetime.date
    is_example: bool


class MeasurementOut(Schema):
    label: str = Field(
        description='Perioden eller opgørelsen, fx "1. halvår 2026", "1. kvartal 2026", "2026".'
    )
    date: datetime.date = Field(
        description="Sidste dag i perioden, værdien dækker (ISO), fx 2026-03-31 for 1. kvartal."
    )
    value: float
    is_example: bool


class IndicatorOut(Schema):
    id: int
    name: str
    definition: str
    unit: str
    unit_label: str = Field(description='Enheden, som appen skriver den: "procent".')
    decimals: int
    direction: str = Field(description="higher eller lower er bedre.")
    direction_label: str = Field(description="Retningen, som appen skriver den.")
    objectives: list[str]
    responsible_unit: int | None
    computed: bool
    headline: bool
    baseline: float | None
    baseline_date: datetime.date | None
    targets: list[TargetOut]
    status: str = Field(description="on_track, at_risk, off_track eller no_data.")
    status_label: str = Field(description='Status, som appen skriver den: "På sporet".')
    measurements: list[MeasurementOut]


@overload
def _number(value: Decimal) -> float: ...
@overload
def _number(value: Decimal | None) -> float | None: ...
def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(round_half_up(value, 4))


def _out(row: IndicatorRow) -> IndicatorOut:
    indicator = row.indicator
    baseline, baseline_date = row.baseline
    return IndicatorOut(
        id=indicator.pk,
        name=indicator.name,
        definition=indicator.definition,
        unit=indicator.unit,
        unit_label=str(indicator.get_unit_display()),
        decimals=indicator.decimals,
        direction=indicator.direction,
        direction_label=str(indicator.get_direction_display()),
        objectives=[f"{o.theme.number}.{o.number}" for o in row.objectives],
        responsible_unit=indicator.responsible_unit_id,
        computed=indicator.is_computed,
        headline=indicator.is_headline,
        baseline=_number(baseline),
        baseline_date=baseline_date,
        targets=[
            TargetOut(value=_number(t.value), date=t.date, is_example=t.is_demo)
            for t in row.targets
        ],
        status=row.status.value,
        status_label=str(row.status.label),
        measurements=[
            MeasurementOut(label=p.label, date=p.date, value=_number(p.value), is_example=p.is_demo)
            for p in row.points
        ],
    )


def _rows(request, indicators) -> list[IndicatorRow]:
    return indicator_rows(indicators, closed_only=not request.auth.internal)


@router.get(
    "/indikatorer", response={200: list[IndicatorOut], **ERRORS}, summary="Indikatorer med målinger"
)
def indicator_list(request):
    return [_out(row) for row in _rows(request, Indicator.objects.with_relations())]


@router.get(
    "/indikatorer/{indicator_id}", response={200: IndicatorOut, **ERRORS}, summary="En indikator"
)
def indicator_detail(request, indicator_id: int):
    indicator = get_object_or_404(Indicator.objects.with_relations(), pk=indicator_id)
    return _out(_rows(request, [indicator])[0])
