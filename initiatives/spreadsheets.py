"""The initiative list as a spreadsheet: one row per initiative with its half-year's status."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from core.changes import person_name
from core.text import file_name
from initiatives.models import Initiative, Period, StatusUpdate

EXPORT_COLUMNS = [
    "Titel",
    "Del af",
    "Pejlemærker",
    "Målsætninger",
    "Fokusområde",
    "Ansvarlig enhed",
    "Deltagende enheder",
    "Tovholder",
    "Start",
    "Forventet slut",
    "Status",
    "Forudsætninger",
    "Kilde",
    "Arkiveret",
    "Halvår",
    "Trafiklys",
    "Fremdrift (%)",
    "Statustekst",
    "Næste skridt",
    "Opdateret af",
    "Opdateret",
]


# The traffic light as a file name says it: "tiltag-2-halvaar-2026-roede.xlsx".
LIGHT_IN_FILE_NAMES = {
    "green": _("grønne"),
    "yellow": _("gule"),
    "red": _("røde"),
    "missing": _("mangler opdatering"),
}


def export_file_name(filters: dict, period: Period | None) -> str:
    """The export's name from the half-year and the filters that were used (the filter
    form's cleaned values), e.g. "tiltag-2-halvaar-2026-pejlemaerke-2-roede.xlsx"."""
    parts: list[str] = [str(_("tiltag")), period.name if period else ""]
    if filters.get("theme"):
        parts.append(_("pejlemærke %(n)s") % {"n": filters["theme"].number})
    if filters.get("objective"):
        parts.append(_("målsætning %(code)s") % {"code": filters["objective"].code})
    if filters.get("focus_area"):
        parts.append(filters["focus_area"].name)
    if filters.get("unit"):
        parts.append(filters["unit"].name)
    if filters.get("light"):
        parts.append(str(LIGHT_IN_FILE_NAMES.get(filters["light"], "")))
    if filters.get("status"):
        parts.append(str(Initiative.Lifecycle(filters["status"]).label))
    if filters.get("q", "").strip():
        parts.append(_("søgning"))
    if filters.get("archived") == "only":
        parts.append(_("arkiverede"))
    elif filters.get("archived"):
        parts.append(_("med arkiverede"))
    return file_name(*parts, extension="xlsx")


def export_state(initiative: Initiative, update: StatusUpdate | None) -> str:
    """The half-year's state as the pages count it (Initiative.objects.with_period_state)."""
    if update is not None:
        return f"{update.light_colour}: {update.get_traffic_light_display()}"
    if initiative.is_missing:
        return str(_("Mangler opdatering"))
    return str(
        _("Følges ikke op (%(status)s)") % {"status": initiative.get_lifecycle_status_display()}
    )


def export_rows(initiatives: Iterable[Initiative], period: Period | None) -> Iterator[list]:
    """The rows of `initiatives`, fetched with_relations(leader=True).with_status(period)."""
    for initiative in initiatives:
        update = initiative.period_update
        yield [
            initiative.title,
            initiative.parent.title if initiative.parent else "",
            ", ".join(f"{t.number}. {t.title}" for t in initiative.themes()),
            ", ".join(o.code for o in initiative.objectives.all()),
            initiative.focus_area.name if initiative.focus_area else "",
            initiative.responsible_unit.name if initiative.responsible_unit else "",
            ", ".join(u.name for u in initiative.units.all()),
            person_name(initiative.responsible_leader),
            initiative.start_label,
            initiative.end_label,
            initiative.get_lifecycle_status_display(),
            initiative.conditions,
            initiative.get_source_display(),
            initiative.archive_note,
            period.name if period else "",
            export_state(initiative, update),
            update.progress if update else None,
            update.status_text if update else "",
            update.next_steps if update else "",
            person_name(update.author) if update else "",
            timezone.localtime(update.updated_at).replace(tzinfo=None) if update else None,
        ]
