"""The readable history of an initiative: who changed what, when, from what to what.

Built from django-simple-history's records of the initiative (with its målsætninger and
participating units) and of its status updates and contributions, in five queries however long
the history is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from django.db.models import Field
from django.utils.translation import gettext as _

from core.changes import FieldChange, field_label, person_name, recorded_person
from initiatives.display import STATUS_FIELDS, display_value, status_field_label
from initiatives.models import (
    INITIATIVE_HISTORY_FIELDS,
    Contribution,
    Initiative,
    StatusUpdate,
)

INITIATIVE_FIELDS = INITIATIVE_HISTORY_FIELDS


@dataclass
class TimelineEntry:
    when: datetime
    who: str
    heading: str
    changes: list[FieldChange] = field(default_factory=list)
    created: bool = False
    is_demo: bool = False
    # The changes' values alone, without "from": a reason, a contribution.
    plain: bool = False


def _who(record) -> str:
    # The saver, else the row's author; a deleted user is "Tidligere medarbejder", not a 500.
    for name in ("history_user", "author"):
        if getattr(record, f"{name}_id", None) is not None:
            return recorded_person(record, name)
    return _("Indlæst af systemet")


# Related rows, read with the history records (select_related): their name as shown.
_RELATED_NAMES = {
    "focus_area": lambda focus_area: focus_area.name,
    "responsible_unit": lambda unit: unit.name,
    "responsible_leader": person_name,
    "parent": lambda parent: parent.title,
}
# The many-to-many fields kept with each record (Initiative's HistoricalRecords m2m_fields).
MANY_TO_MANY_FIELDS = ["objectives", "units"]


def _field(fieldname: str) -> Field:
    """One of INITIATIVE_FIELDS: a concrete field, never a reverse relation."""
    return cast(Field, Initiative._meta.get_field(fieldname))


def _initiative_value(record, fieldname: str) -> str:
    if fieldname in _RELATED_NAMES:
        related = getattr(record, fieldname)
        return _RELATED_NAMES[fieldname](related) if related is not None else "–"
    value = getattr(record, fieldname)
    if value in (None, ""):
        return "–"
    if fieldname == "lifecycle_status":
        return str(Initiative.Lifecycle(value).label)
    if fieldname == "source":
        return str(Initiative.Source(value).label)
    return str(value)


def _status_entries(initiative: Initiative) -> list[TimelineEntry]:
    records = list(
        StatusUpdate.history.filter(initiative_id=initiative.pk)
        .select_related("history_user", "period", "author")
        .order_by("id", "history_date", "history_id")
    )
    entries, previous = [], None
    for record in records:
        same_row = previous is not None and previous.id == record.id
        heading = _("Status for %(period)s") % {"period": record.period.name}
        if record.history_type == "-":
            entries.append(
                TimelineEntry(record.history_date, _who(record), heading + " " + _("slettet"))
            )
        elif not same_row:
            changes = [
                FieldChange(f, status_field_label(f), "–", display_value(f, getattr(record, f)))
                for f in STATUS_FIELDS
                if getattr(record, f) not in (None, "")
            ]
            entries.append(
                TimelineEntry(
                    record.history_date,
                    _who(record),
                    heading,
                    changes,
                    created=True,
                    is_demo=record.is_demo,
                )
            )
        else:
            delta = record.diff_against(previous, included_fields=STATUS_FIELDS)
            changes = [
                FieldChange(
                    c.field,
                    status_field_label(c.field),
                    display_value(c.field, c.old),
                    display_value(c.field, c.new),
                )
                for c in delta.changes
            ]
            if changes:
                entries.append(TimelineEntry(record.history_date, _who(record), heading, changes))
        previous = record
    return entries


def _many_to_many(initiative: Initiative) -> dict[str, dict[int, str]]:
    """Per many-to-many field, each history record's values as shown ("1.1, 2.3"; units by
    name in the organisation's order): one query per field, however long the history."""
    history = Initiative.history.model  # its m2m fields give the records' link rows
    rows = {
        "objectives": history.objectives.filter(history__id=initiative.pk)
        .order_by("objective__theme__number", "objective__number")
        .values_list("history_id", "objective__theme__number", "objective__number"),
        "units": history.units.filter(history__id=initiative.pk)
        .order_by("unit__order", "unit__name")
        .values_list("history_id", "unit__name"),
    }
    values: dict[str, dict[int, str]] = {}
    for fieldname, found in rows.items():
        names: dict[int, list[str]] = defaultdict(list)
        for history_id, *name in found:
            names[history_id].append(".".join(str(part) for part in name))
        values[fieldname] = {history_id: ", ".join(shown) for history_id, shown in names.items()}
    return values


def _archive_entry(record) -> TimelineEntry:
    heading = (
        _("Tiltaget blev arkiveret")
        if record.archived_at is not None
        else _("Tiltaget blev taget ud af arkivet")
    )
    reason = FieldChange("archive_reason", _("Begrundelse"), "", record.archive_reason or "–")
    return TimelineEntry(record.history_date, _who(record), heading, [reason], plain=True)


def _initiative_entries(initiative: Initiative) -> list[TimelineEntry]:
    records = list(
        Initiative.history.filter(id=initiative.pk)
        .select_related("history_user", *_RELATED_NAMES)
        .order_by("history_date", "history_id")
    )
    many = _many_to_many(initiative)
    entries, previous = [], None
    for record in records:
        if previous is None:
            entries.append(
                TimelineEntry(
                    record.history_date,
                    _who(record),
                    _("Tiltaget blev oprettet"),
                    created=True,
                )
            )
            previous = record
            continue
        changes = [
            FieldChange(
                name,
                field_label(Initiative, name),
                _initiative_value(previous, name),
                _initiative_value(record, name),
            )
            for name in INITIATIVE_FIELDS
            if getattr(record, _field(name).attname) != getattr(previous, _field(name).attname)
        ]
        for name in MANY_TO_MANY_FIELDS:
            old = many[name].get(previous.history_id, "")
            new = many[name].get(record.history_id, "")
            if old != new:
                changes.append(
                    FieldChange(name, field_label(Initiative, name), old or "–", new or "–")
                )
        if changes:
            entries.append(TimelineEntry(record.history_date, _who(record), _("Tiltaget"), changes))
        if record.archived_at != previous.archived_at:
            entries.append(_archive_entry(record))
        previous = record
    return entries


def _contribution_entries(initiative: Initiative) -> list[TimelineEntry]:
    records = Contribution.history.filter(initiative_id=initiative.pk).select_related(
        "history_user", "period", "unit"
    )
    return [
        TimelineEntry(
            record.history_date,
            _who(record),
            _("Bidrag fra %(unit)s til %(period)s")
            % {"unit": record.unit.name, "period": record.period.name},
            [FieldChange("text", _("Bidrag"), "–", record.text)],
            created=record.history_type == "+",
        )
        for record in records
    ]


def initiative_timeline(initiative: Initiative) -> list[TimelineEntry]:
    """Newest first."""
    entries = (
        _status_entries(initiative)
        + _initiative_entries(initiative)
        + _contribution_entries(initiative)
    )
    return sorted(entries, key=lambda e: e.when, reverse=True)
