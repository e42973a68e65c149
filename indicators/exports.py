"""Measurements as a spreadsheet: one row per measurement and per computed value, through
core.spreadsheets, so no text becomes a formula. indicators.spreadsheets reads the same columns
back."""

from __future__ import annotations

from django.utils import timezone

from core.changes import person_name
from core.formatting import round_half_up
from indicators.models import Indicator
from indicators.series import indicator_rows

EXPORT_COLUMNS = [
    "Indikator",
    "Periode",
    "Værdi",
    "Enhed",
    "Kommentar",
    "Eksempel",
    "Indtastet af",
    "Opdateret",
]


def export_rows(user):
    """The export's rows: every value the user may read, oldest first per indicator."""
    rows = indicator_rows(Indicator.objects.with_relations(), user=user, full=True)
    for row in rows:
        indicator = row.indicator
        for point in row.points:
            m = point.measurement
            author = person_name(m.author) if m is not None else ""
            yield [
                indicator.name,
                point.label,
                float(round_half_up(point.value, indicator.decimals)),
                indicator.get_unit_display(),
                m.comment if m is not None else "",
                "Eksempel" if point.is_demo else "",
                author if m is not None else "Beregnet",
                timezone.localtime(m.updated_at).replace(tzinfo=None) if m is not None else None,
            ]
