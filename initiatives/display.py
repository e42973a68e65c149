"""How the status of an initiative is shown as a change: the fields a status holds, their
Danish names and values. The readable history and the stale-edit conflict both use it."""

from __future__ import annotations

from core.changes import FieldChange, field_label
from initiatives.models import Initiative, StatusUpdate, TrafficLight

STATUS_FIELDS = ["traffic_light", "progress", "lifecycle_status", "status_text", "next_steps"]


def display_value(field: str, value) -> str:
    if value in (None, ""):
        return "–"
    if field == "traffic_light":
        return str(TrafficLight(value).label)
    if field == "lifecycle_status":
        return str(Initiative.Lifecycle(value).label)
    if field == "progress":
        return f"{value} %"
    return str(value)


def status_field_label(field: str) -> str:
    return field_label(StatusUpdate, field)


def status_changes(old: dict | None, new: StatusUpdate) -> list[FieldChange]:
    """What differs between an earlier state (dict of field values, None if it did not exist)
    and the current update, as readable changes."""
    changes = []
    for field in STATUS_FIELDS:
        before = None if old is None else old.get(field)
        after = getattr(new, field)
        if before != after:
            changes.append(
                FieldChange(
                    field,
                    status_field_label(field),
                    display_value(field, before),
                    display_value(field, after),
                )
            )
    return changes
