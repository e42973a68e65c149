"""Measurements from spreadsheets (the export is indicators.exports).

The import reads a file with the export's columns (Indikator, Periode, Værdi and, optionally,
Kommentar; "Halvår" is read as "Periode") through the staffing import's reader
(staffing.spreadsheets.read_upload_rows: size, zip, XML, row and column limits) and checks every
row before anything is stored; every problem is listed with its row.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile

from indicators.models import Frequency, Indicator
from indicators.periods import covers_label, parse_covers
from indicators.services import ImportRow, IndicatorError, parse_value, value_check
from initiatives.models import Period
from staffing.spreadsheets import UploadKind, read_upload_rows

REQUIRED = ("indikator", "periode", "værdi")
MEASUREMENTS = UploadKind(
    noun="en fil med målinger",
    keep="Gem kun arket med målingerne.",
    rows="Del filen op, eller fjern rækker, der ikke er målinger.",
)
FREQUENCY_WORDS: dict[str, str] = {
    Frequency.QUARTER: "et kvartal, fx »1. kvartal 2026«",
    Frequency.YEAR: "et år, fx »2026«",
    Frequency.HALF_YEAR: "et halvår, fx »2. halvår 2026«",
}


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _number(value) -> Decimal:
    if isinstance(value, bool):
        raise IndicatorError(f"»{value}« er ikke et tal.")
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    return parse_value(_text(value))


def parse_measurements(upload: UploadedFile) -> tuple[list[ImportRow], list[str]]:
    """(rows to store, problems). Rows are returned only when there are no problems."""
    raw, _sheet, _sheets, read_problems = read_upload_rows(upload, MEASUREMENTS)
    if read_problems:
        return [], [str(p) for p in read_problems]
    lines = [(n, cells) for n, cells in raw if any(_text(c) for c in cells)]
    if not lines:
        return [], ["Filen er tom."]
    header_number, header = lines[0]
    names = [_text(c).casefold() for c in header]
    names = ["periode" if n == "halvår" and "periode" not in names else n for n in names]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        return [], [
            f"Række {header_number}: overskrifterne skal omfatte Indikator, Periode og Værdi "
            f"(mangler: {', '.join(missing)})."
        ]
    col = {name: names.index(name) for name in (*REQUIRED, "kommentar") if name in names}
    indicators = {i.name.casefold(): i for i in Indicator.objects.all()}
    periods = list(Period.objects.all())
    rows: list[ImportRow] = []
    problems: list[str] = []
    seen: set[tuple[int, datetime.date]] = set()

    def cell(cells: list, name: str):
        index = col.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in lines[1:]:
        name = _text(cell(cells, "indikator"))
        indicator = indicators.get(name.casefold())
        if indicator is None:
            problems.append(f"Række {number}: der er ingen indikator, der hedder »{name[:80]}«.")
            continue
        if indicator.is_computed:
            problems.append(
                f"Række {number}: {indicator.name} beregnes ud fra personaleopgørelserne og "
                "kan ikke indlæses."
            )
            continue
        period_text = _text(cell(cells, "periode"))
        covers_end = parse_covers(indicator.frequency, period_text)
        period = None
        if covers_end is not None:
            period = next((p for p in periods if p.start <= covers_end <= p.end), None)
        if period is None and indicator.frequency == Frequency.HALF_YEAR:
            problems.append(
                f"Række {number}: »{period_text[:40]}« er ikke et halvår i appen; skriv fx "
                "»2. halvår 2026«."
            )
            continue
        if covers_end is None:
            problems.append(
                f"Række {number}: »{period_text[:40]}« er ikke en periode for "
                f"{indicator.name}, der måles {indicator.get_frequency_display().lower()}; "
                f"skriv {FREQUENCY_WORDS[indicator.frequency]}."
            )
            continue
        label = covers_label(indicator.frequency, covers_end)
        if period is None:
            problems.append(f"Række {number}: {label} ligger ikke i et halvår i appen.")
            continue
        if not period.is_open:
            state = "endnu ikke åbnet" if period.is_planned else "lukket"
            where = "" if label == period.name else f" ligger i {period.name}, som"
            problems.append(f"Række {number}: {label}{where} er {state}; kun det åbne halvår.")
            continue
        try:
            value = _number(cell(cells, "værdi"))
            value_check(indicator, value)
        except IndicatorError as error:
            problems.append(f"Række {number}: {error}")
            continue
        if (indicator.pk, covers_end) in seen:
            problems.append(f"Række {number}: {indicator.name} står to gange for {label}.")
            continue
        seen.add((indicator.pk, covers_end))
        comment = _text(cell(cells, "kommentar"))
        if len(comment) > 1000:
            problems.append(f"Række {number}: kommentaren må højst være 1000 tegn.")
            continue
        rows.append(ImportRow(indicator, period, value, comment, covers_end))
    if not rows and not problems:
        problems.append("Filen har ingen målinger under overskrifterne.")
    return ([] if problems else rows), problems
