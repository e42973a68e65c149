"""The readable history of an initiative: who changed what, when, from what to what.

Built from django-simple-history's records of the initiative and of its status updates, in
four queries however long the history is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from initiatives.models import (
    INITIATIVE_HISTORY_FIELDS,
    Contribution,
    FocusArea,
    Initiative,
    StatusUpdate,
)
from initiatives.services import STATUS_FIELDS, FieldChange, display_value, field_label
from strategy.models import Unit

INITIATIVE_FIELDS = INITIATIVE_HISTORY_FIELDS


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


def _initiative_value(fieldname: str, value, names: dict[str, dict[int, str]]) -> str:
    if value in (None, ""):
        return "–"
    if fieldname in ("responsible_unit", "parent"):
        return names[fieldname].get(value, "–")
    if fieldname == "lifecycle_status":
        return str(Initiative.Lifecycle(value).label)
    if fieldname == "source":
        return str(Initiative.Source(value).label)
    if fieldname == "focus_area":
        return names["focus_area"].get(value, "–")
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
    names = {
        "focus_area": dict(FocusArea.objects.values_list("id", "name")),
        "responsible_unit": dict(Unit.objects.values_list("id", "name")),
        "parent": dict(
            Initiative.objects.filter(
                pk__in={r.parent_id for r in records if r.parent_id}
            ).values_list("id", "title")
        ),
    }
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
                    _initiative_value(c.field, c.old, names),
                    _initiative_value(c.field, c.new, names),
                )
                for c in delta.changes
            ]
            if changes:
                entries.append(
                    TimelineEntry(record.history_date, _who(record), _("Tiltaget"), changes)
                )
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
