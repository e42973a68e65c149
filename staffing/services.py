"""Writes for staffing: loading Bilag 2 and storing an imported snapshot, all or nothing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction

from accounts.audit import audit_record
from accounts.models import AuditEvent
from staffing import seed
from staffing.models import StaffGroup, StaffingFigure, StaffingSnapshot
from staffing.spreadsheets import snapshot_workbook
from staffing.tables import snapshot_table
from strategy.models import Unit


@transaction.atomic
def staff_groups_ensure() -> list[StaffGroup]:
    """Create Bilag 2's eight groups. Existing groups keep what administrators set."""
    groups = []
    for order, (name, is_trained, note) in enumerate(seed.GROUPS, start=1):
        group, _ = StaffGroup.objects.get_or_create(
            name=name, defaults={"is_trained": is_trained, "order": order, "note": note}
        )
        groups.append(group)
    return groups


@transaction.atomic
def staffing_load_bilag2() -> StaffingSnapshot:
    """Load "september 2024" from Bilag 2. Idempotent: it only adds what is missing, so a
    second run changes nothing and writes no history."""
    groups = {g.name: g for g in staff_groups_ensure()}
    areas = {u.name: u for u in Unit.objects.areas().filter(name__in=seed.AREAS)}
    missing = set(seed.AREAS) - set(areas)
    if missing:
        raise ValueError(f"Load the organisation first; missing areas: {sorted(missing)}")
    snapshot, _ = StaffingSnapshot.objects.get_or_create(
        label=seed.SNAPSHOT["label"],
        defaults={"date": seed.SNAPSHOT["date"], "note": seed.SNAPSHOT["note"]},
    )
    for area_name, group_name, fte in seed.figures():
        StaffingFigure.objects.get_or_create(
            snapshot=snapshot,
            area=areas[area_name],
            group=groups[group_name],
            defaults={"fte": fte},
        )
    return snapshot


@transaction.atomic
def staffing_snapshot_create(
    *,
    label: str,
    date: datetime.date,
    note: str = "",
    figures: Mapping[tuple[int, int], Decimal],
    created_by=None,
) -> StaffingSnapshot:
    """Store a new snapshot with its figures, (area id, group id) -> FTE. Zeros are not stored.

    Runs in one transaction: a database constraint failing on any figure stores nothing.
    """
    snapshot = StaffingSnapshot.objects.create(
        label=label, date=date, note=note, created_by=created_by
    )
    for (area_id, group_id), fte in figures.items():
        if fte:
            StaffingFigure.objects.create(
                snapshot=snapshot, area_id=area_id, group_id=group_id, fte=fte
            )
    return snapshot


@transaction.atomic
def staffing_snapshot_import(
    *,
    label: str,
    date: datetime.date,
    note: str,
    figures: Mapping[tuple[int, int], Decimal],
    filename: str,
    shape: str,
    user,
) -> StaffingSnapshot:
    """Store an imported snapshot (staffing_snapshot_create) and audit the import."""
    snapshot = staffing_snapshot_create(
        label=label, date=date, note=note, figures=figures, created_by=user
    )
    audit_record(
        kind=AuditEvent.Kind.IMPORT,
        user=user,
        target=f"staffing snapshot {snapshot.pk}: {snapshot.label}",
        details={"filename": filename, "shape": shape, "figures": len(figures)},
    )
    return snapshot


def staffing_snapshot_export(snapshot: StaffingSnapshot, *, user) -> bytes:
    """The snapshot's full table as an .xlsx file; the export is audited."""
    content = snapshot_workbook(snapshot_table(snapshot))
    audit_record(
        kind=AuditEvent.Kind.EXPORT,
        user=user,
        target=f"staffing snapshot {snapshot.pk}: {snapshot.label}",
        details={"format": "xlsx"},
    )
    return content
