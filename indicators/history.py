"""The readable history of an indicator's measurements: who entered or changed which value,
for which period (half-year, quarter or year), and when (from simple-history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from core.changes import recorded_person
from indicators.models import Indicator, Measurement
from indicators.periods import covers_label
from indicators.series import format_value

KINDS = {"+": "Indtastet", "~": "Ændret", "-": "Slettet"}


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    period: str
    kind: str
    value: str
    comment: str
    is_demo: bool


def measurement_timeline(indicator: Indicator, limit: int = 50) -> list[HistoryEntry]:
    records = (
        Measurement.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    entries = []
    for record in records:
        who = recorded_person(record, "history_user", unknown=_("Indlæst af systemet"))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who,
                period=covers_label(indicator.frequency, record.covers_end),
                kind=KINDS.get(record.history_type, ""),
                value=format_value(indicator, record.value),
                comment=record.comment,
                is_demo=record.is_demo,
            )
        )
    return entries
