"""The readable history of an initiative: who changed what, when, from what to what.

Built from django-simple-history's records of the initiative and of its status updates, in
four queries however long the history is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from initiatives.models import FocusArea, Initiative, StatusUpdate
from initiatives.services import STATUS_FIELDS, FieldChange, display_value, field_label

INITIATIVE_FIELDS = [
    "title",
    "description",
    "lifecycle_status",
    "focus_area",
    "start_year",
    "start_quarter",
    "end_year",
    "end_quarter",
    "timing_note",
    "conditions",
    "source",
    "source_document",
]


@dataclass
class TimelineEntry:
    when: datetime
    who: str
    heading: str
    changes: list[FieldChange] = field(default_factory=list)
    created: bool = False
    is_demo: bool = False


def _who(record) -> str:
    user = record.history_user or getattr(record, "author", None)
    if user is None:
        return _("Indlæst af systemet")
    return user.get_full_name() or user.get_username()


def _initiative_value(fieldname: str, value, focus_areas: dict[int, str]) -> str:
    if value in (None, ""):
        return "–"
    if fieldname == "lifecycle_status":
        return str(Initiative.Lifecycle(value).label)
    if fieldname == "source":
        return str(Initiative.Source(value).label)
    if fieldname == "focus_area":
        return focus_areas.get(value, "–")
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
                FieldChange(f, field_label(f), "–", display_value(f, getattr(record, f)))
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
                    field_label(c.field),
                    display_value(c.field, c.old),
                    display_value(c.field, c.new),
                )
                for c in delta.changes
            ]
            if changes:
                entries.append(TimelineEntry(record.history_date, _who(record), heading, changes))
        previous = record
    return entries


def _initiative_entries(initiative: Initiative) -> list[TimelineEntry]:
    records = list(
        Initiative.history.filter(id=initiative.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    focus_areas = dict(FocusArea.objects.values_list("id", "name"))
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
        else:
            delta = record.diff_against(previous, included_fields=INITIATIVE_FIELDS)
            changes = [
                FieldChange(
                    c.field,
                    str(Initiative._meta.get_field(c.field).verbose_name).capitalize(),
                    _initiative_value(c.field, c.old, focus_areas),
                    _initiative_value(c.field, c.new, focus_areas),
                )
                for c in delta.changes
            ]
            if changes:
                entries.append(
                    TimelineEntry(record.history_date, _who(record), _("Tiltaget"), changes)
                )
        previous = record
    return entries


def initiative_timeline(initiative: Initiative) -> list[TimelineEntry]:
    """Newest first."""
    entries = _status_entries(initiative) + _initiative_entries(initiative)
    return sorted(entries, key=lambda e: e.when, reverse=True)
