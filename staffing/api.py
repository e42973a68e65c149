"""Staffing in the read API: the snapshots and each one's Bilag 2 table as numbers.

Public callers get the table the committee's PDF prints: small figures and the cells that
would give them away are null with `suppressed: true`, by the same suppression
(staffing.tables.suppress_small_numbers)."""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from core.formatting import round_half_up
from staffing.models import StaffingSnapshot
from staffing.tables import Cell, reader_suppression, snapshot_table
from strategy.api import ERRORS

router = Router(tags=["Personale"])


class SnapshotOut(Schema):
    id: int
    label: str
    date: datetime.date


class CellOut(Schema):
    fte: float | None = Field(description="Fuldtidspersoner; null når tallet er skjult.")
    share: float | None = Field(description="Procent af kolonnens fuldtidspersoner.")
    suppressed: bool


class AreaOut(Schema):
    id: int
    name: str
    total: CellOut
    trained: CellOut


class RowOut(Schema):
    group: str
    trained: bool = Field(description="Faguddannet faggruppe.")
    cells: list[CellOut] = Field(description="Én pr. område, i samme rækkefølge som areas.")
    total: CellOut


class TableOut(Schema):
    snapshot: SnapshotOut
    suppressed_up_to: float | None = Field(
        description="Tal på denne værdi eller derunder er skjult (null: intet skjult)."
    )
    areas: list[AreaOut]
    rows: list[RowOut]
    total: CellOut
    trained: CellOut


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(round_half_up(value, 2))


def _cell(cell: Cell) -> CellOut:
    if cell.suppressed:
        return CellOut(fte=None, share=None, suppressed=True)
    return CellOut(fte=_number(cell.fte), share=_number(cell.share), suppressed=False)


def _sum(value: Decimal, share: Decimal | None, suppressed: bool) -> CellOut:
    return _cell(Cell(fte=value, share=share, suppressed=suppressed))


def _snapshot(snapshot: StaffingSnapshot) -> SnapshotOut:
    return SnapshotOut(id=snapshot.pk, label=snapshot.label, date=snapshot.date)


@router.get(
    "/personale", response={200: list[SnapshotOut], **ERRORS}, summary="Personaleopgørelser"
)
def snapshot_list(request):
    return [_snapshot(s) for s in StaffingSnapshot.objects.latest_first()]


@router.get(
    "/personale/{snapshot_id}", response={200: TableOut, **ERRORS}, summary="En opgørelse som tabel"
)
def snapshot_detail(request, snapshot_id: int):
    snapshot = get_object_or_404(StaffingSnapshot, pk=snapshot_id)
    threshold = reader_suppression(internal=request.auth.internal)
    table = snapshot_table(snapshot, suppress_up_to=threshold)
    hundred = Decimal(100)
    return TableOut(
        snapshot=_snapshot(snapshot),
        suppressed_up_to=_number(threshold),
        areas=[
            AreaOut(
                id=column.area.pk,
                name=column.area.name,
                total=_sum(
                    column.total, hundred if column.total else None, column.total_suppressed
                ),
                trained=_sum(
                    column.trained,
                    column.trained_share,
                    column.trained_suppressed or column.total_suppressed,
                ),
            )
            for column in table.columns
        ],
        rows=[
            RowOut(
                group=row.group.name,
                trained=row.group.is_trained,
                cells=[_cell(c) for c in row.cells],
                total=_cell(row.total),
            )
            for row in table.rows
        ],
        total=_sum(table.total, hundred if table.total else None, table.total_suppressed),
        trained=_sum(
            table.trained, table.trained_share, table.trained_suppressed or table.total_suppressed
        ),
    )
