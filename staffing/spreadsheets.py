"""Staffing spreadsheets: reading an upload (.xlsx or .csv) and writing a snapshot as .xlsx.

An upload is read in full before anything is stored, and every problem is collected with its
row and column, so the administrator can fix the file in one go. Two shapes are understood:

- Bilag 2's: groups in rows, areas in columns (the shape the export writes), and
- a long list with the columns Område, Faggruppe and Fuldtidspersoner.

Danish decimal commas ("2,78"), "-" for none and Bilag 2's "2,78 (10,29 %)" are accepted.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from xml.etree.ElementTree import ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse
from django.core.files.uploadedfile import UploadedFile
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.formatting import number, round_half_up
from core.spreadsheets import sheet_append
from staffing.models import StaffGroup
from staffing.tables import StaffingTable
from strategy.models import Unit

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# Limits checked while streaming the zip, before openpyxl reads it: openpyxl keeps every shared
# string in memory, and a 121 KB file can hold 48 MB of them. A real staffing sheet unpacks to
# well under 1 MB with a few hundred strings and cells.
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 200
MAX_STRINGS = 20_000
MAX_CELLS = 100_000
MAX_FTE = Decimal(1000)  # more than this in one cell is a typing error, not a workforce
MAX_ROWS, MAX_COLUMNS = 500, 60  # a staffing sheet is small; never read a huge one
SHEET = "Personale"
HEADER_SEARCH_ROWS = 10
NONE_MARKS = {"", "-", "–", "—"}
# Rows and columns the export adds and the app computes itself; an import skips them.
COMPUTED = ("i alt", "fuldtidspersoner i alt", "heraf faguddannede", "faguddannede", "total")
LONG_AREA = {"område", "omraade", "area"}
LONG_GROUP = {"faggruppe", "group"}
LONG_FTE = {"fuldtidspersoner", "årsværk", "aarsvaerk", "fte", "antal"}


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None
    column: int | None = None  # 1-based

    def __str__(self) -> str:
        if self.row and self.column:
            return f"Række {self.row}, kolonne {get_column_letter(self.column)}: {self.message}"
        if self.row:
            return f"Række {self.row}: {self.message}"
        return self.message


@dataclass
class ParsedUpload:
    shape: str = ""  # "bilag2" or "long"
    figures: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The file's own "I alt" per area (Bilag 2's totals row), compared with the sum of the
    # figures in the preview; never stored (the app computes totals from the figures).
    file_totals: dict[int, Decimal] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # rows recognised and left out, said why

    @property
    def ok(self) -> bool:
        return not self.problems


Rows = list[tuple[int, list]]  # (1-based row number, cell values)


def _normal(value) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("*", "")
    return " ".join(text.split()).casefold()


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _danish(value: Decimal) -> str:
    return number(value)


class _Lookup:
    """Area and group names as the file may write them, to their rows."""

    def __init__(self) -> None:
        self.areas = {_normal(u.name): u for u in Unit.objects.areas()}
        self.groups = {_normal(g.name): g for g in StaffGroup.objects.all()}

    def unknown_area(self, value) -> str:
        if _is_blank(value):
            return "Området mangler."
        names = ", ".join(u.name for u in self.areas.values())
        return f"Ukendt område »{value}«. Kendte områder: {names}."

    def unknown_group(self, value) -> str:
        if _is_blank(value):
            return "Faggruppens navn mangler."
        names = ", ".join(g.name for g in self.groups.values())
        return f"Ukendt faggruppe »{value}«. Kendte faggrupper: {names}."


def _fte(value) -> tuple[Decimal | None, str]:
    """(FTE, "") or (None, the problem)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str | None):
        return None, f"»{value}« er ikke et tal."
    if value is None:
        return Decimal(0), ""
    if isinstance(value, str):
        text = value.replace("\u00a0", " ").strip()
        if text in NONE_MARKS:
            return Decimal(0), ""
        # Bilag 2 as printed: "2,78 (10,29 %)". The percentage is recomputed, not read.
        text = re.sub(r"\s*\([^)]*%\s*\)\s*$", "", text).replace(" ", "")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")  # 1.234,50
        else:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, f"»{value.strip()}« er ikke et tal."
    else:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None, f"»{value}« er ikke et tal."
    if not number.is_finite():
        return None, f"»{value}« er ikke et tal."
    number = number.quantize(Decimal("0.01"), ROUND_HALF_UP)
    if number < 0:
        return None, f"{_danish(number)} er negativt; fuldtidspersoner kan ikke være negative."
    if number > MAX_FTE:
        return None, (
            f"{_danish(number)} er urimeligt stort (mere end 1000 fuldtidspersoner i én celle)."
        )
    return number, ""


# --- Reading the file -------------------------------------------------------------------------

XLSX_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CELL_PARTS = {f"{XLSX_MAIN}v", f"{XLSX_MAIN}f", f"{XLSX_MAIN}is"}
CELL_REFERENCE = re.compile(r"([A-Z]{1,3})(\d{1,7})")


@dataclass(frozen=True)
class UploadKind:
    """What an upload is, for the limit messages: the staffing import's by default, the
    indicators import names its own (indicators.spreadsheets)."""

    noun: str = "en personaleopgørelse"
    keep: str = "Gem kun arket med personaletallene."
    rows: str = "Del filen op, eller fjern rækker, der ikke er en del af opgørelsen."


STAFFING = UploadKind()


class _Refused(Exception):
    """An upload refused before it is read; the message is Danish and shown as is."""


def _row_limit_problem(sheet: str | None, kind: UploadKind = STAFFING) -> Problem:
    place = f"Arket »{sheet}«" if sheet else "Filen"
    return Problem(
        f"{place} har mere end {MAX_ROWS} rækker med indhold; der må højst være {MAX_ROWS}. "
        f"{kind.rows}"
    )


def _column_limit_problem(sheet: str | None) -> Problem:
    place = f"Arket »{sheet}«" if sheet else "Filen"
    return Problem(f"{place} har mere end {MAX_COLUMNS} kolonner; der må højst være {MAX_COLUMNS}.")


@dataclass
class _SheetFacts:
    """What the streaming check learned about one worksheet part of the zip."""

    last_row: int = 0  # the last row with a value
    last_column: int = 0
    formulas_without_value: list[str] = field(default_factory=list)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _check_xml(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    counts: dict[str, int],
    kind: UploadKind = STAFFING,
):
    """Stream one XML part with DTDs and entities refused, counting strings and cells, so that
    nothing is handed to openpyxl (which holds all shared strings in memory) that is too large.
    Returns the worksheet facts for a worksheet part, else None."""
    worksheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    facts = _SheetFacts() if worksheet else None
    with archive.open(info) as stream:
        for _event, element in iterparse(stream, forbid_dtd=True):
            if element.tag == f"{XLSX_MAIN}si":
                counts["strings"] += 1
                if counts["strings"] > MAX_STRINGS:
                    raise _Refused(
                        f"Regnearket har mere end {MAX_STRINGS} tekster; {kind.noun} "
                        f"har langt færre. {kind.keep}"
                    )
            elif facts is not None and element.tag == f"{XLSX_MAIN}c":
                counts["cells"] += 1
                if counts["cells"] > MAX_CELLS:
                    raise _Refused(
                        f"Regnearket har mere end {MAX_CELLS} celler; {kind.noun} har "
                        f"langt færre. {kind.keep}"
                    )
                _note_cell(element, facts)
            if element.tag not in CELL_PARTS:  # a cell reads its parts when it ends
                element.clear()
    return facts


def _note_cell(element, facts: _SheetFacts) -> None:
    value = element.find(f"{XLSX_MAIN}v")
    inline = element.find(f"{XLSX_MAIN}is")
    has_value = (value is not None and bool(value.text)) or inline is not None
    reference = element.get("r", "")
    if element.find(f"{XLSX_MAIN}f") is not None and not has_value:
        facts.formulas_without_value.append(reference or "?")
    match = CELL_REFERENCE.fullmatch(reference)
    if has_value and match:
        facts.last_row = max(facts.last_row, int(match[2]))
        facts.last_column = max(facts.last_column, _column_number(match[1]))


def _check_archive(data: bytes, kind: UploadKind = STAFFING) -> dict[str, _SheetFacts]:
    """Refuse a zip that is too large unpacked, lies about its sizes, is truncated or holds
    XML with a DTD or entities, before openpyxl sees it. Returns facts per worksheet part."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise _Refused(
                f"Regnearket består af mere end {MAX_ZIP_MEMBERS} dele; {kind.noun} "
                f"har langt færre. {kind.keep}"
            )
        # The declared sizes bound what is read: zipfile stops at them and checks the CRC.
        if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
            raise _Refused(_TOO_LARGE)
        counts = {"strings": 0, "cells": 0}
        sheets = {}
        for info in members:
            if info.filename.endswith((".xml", ".rels")):
                facts = _check_xml(archive, info, counts, kind)
                if facts is not None:
                    sheets[info.filename] = facts
        return sheets


_TOO_LARGE = (
    "Regnearket er for stort udpakket; det må højst fylde 2 MB pakket og "
    f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB udpakket."
)
_BROKEN = (
    "Regnearket er beskadiget og kan ikke læses. Åbn det i Excel, og gem det igen som "
    "”Excel-projektmappe (.xlsx)”."
)
_XML_REFUSED = (
    "Regnearket indeholder XML med en DTD eller entiteter, som ikke er tilladt. Åbn det i "
    "Excel, og gem det igen som ”Excel-projektmappe (.xlsx)”."
)


def _formula_problem(sheet_name: str, cells: str) -> Problem:
    return Problem(
        f"Arket »{sheet_name}« har formler uden en beregnet værdi i cellerne {cells}. Åbn "
        "filen i Excel, og gem den igen, så værdierne bliver beregnet, eller skriv tallene i "
        "stedet for formlerne."
    )


FORMULA_WITHOUT_VALUE = (
    "Cellen har en formel uden en beregnet værdi. Åbn filen i Excel, og gem den igen, så "
    "værdien bliver beregnet, eller skriv tallet i stedet for formlen."
)


def _xlsx_rows(
    data: bytes, kind: UploadKind = STAFFING, formula_cells: set[tuple[int, int]] | None = None
) -> tuple[Rows, str | None, list[str], list[Problem]]:
    """(rows, sheet name, all sheet names, problems). With `formula_cells`, formulas without a
    cached value are not refused here but collected as (row, column) for the caller to report
    where it reads figures; without it, any such formula refuses the sheet."""
    not_excel = Problem(
        "Filen er ikke et Excel-regneark (.xlsx), selv om navnet siger det. "
        "Gem den fra Excel som ”Excel-projektmappe (.xlsx)” eller som CSV."
    )
    if not data.startswith(b"PK\x03\x04"):
        return [], None, [], [not_excel]
    try:
        facts = _check_archive(data, kind)
    except _Refused as refused:
        return [], None, [], [Problem(str(refused))]
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        return [], None, [], [Problem(_XML_REFUSED)]
    except zipfile.BadZipFile as error:
        # A file that is no zip at all, or one whose contents do not match its directory.
        return [], None, [], [not_excel if "not a zip file" in str(error) else Problem(_BROKEN)]
    except (ParseError, EOFError, zlib.error, ValueError, NotImplementedError, RuntimeError):
        return [], None, [], [Problem(_BROKEN)]
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        names = workbook.sheetnames
        sheet_name = next((n for n in names if _normal(n) == _normal(SHEET)), names[0])
        sheet = workbook[sheet_name]
        sheet_facts = facts.get(sheet._worksheet_path.lstrip("/"), _SheetFacts())
        if sheet_facts.formulas_without_value and formula_cells is None:
            cells = ", ".join(sheet_facts.formulas_without_value[:10])
            return [], sheet_name, names, [_formula_problem(sheet_name, cells)]
        if formula_cells is not None:
            for reference in sheet_facts.formulas_without_value:
                match = CELL_REFERENCE.fullmatch(reference)
                if match:
                    formula_cells.add((int(match[2]), _column_number(match[1])))
        if sheet_facts.last_row > MAX_ROWS:
            return [], sheet_name, names, [_row_limit_problem(sheet_name, kind)]
        if sheet_facts.last_column > MAX_COLUMNS:
            return [], sheet_name, names, [_column_limit_problem(sheet_name)]
        rows = [
            (number, list(values))
            for number, values in enumerate(
                sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True), start=1
            )
        ]
        workbook.close()
    except Exception:  # openpyxl raises many kinds for a zip that is not a workbook
        return [], None, [], [not_excel]
    return rows, sheet_name, names, []


def _csv_rows(data: bytes, kind: UploadKind = STAFFING) -> tuple[Rows, list[Problem]]:
    not_text = Problem("Filen er ikke et regneark. Brug .xlsx (Excel) eller .csv.")
    if b"\x00" in data:
        return [], [not_text]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # CSV saved by a Danish Excel
    if any(ord(c) < 32 and c not in "\r\n\t" for c in text[:4096]):
        return [], [not_text]
    # The header line decides: a Danish Excel writes ";" (the comma is the decimal sign).
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = next((d for d in ";\t" if d in first_line), ",")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: Rows = []
    try:
        for number, row in enumerate(reader, start=1):
            if any(cell.strip() for cell in row[MAX_COLUMNS:]):
                return [], [_column_limit_problem(None)]
            if number > MAX_ROWS:
                if any(cell.strip() for cell in row):
                    return [], [_row_limit_problem(None, kind)]
                continue
            rows.append((number, row[:MAX_COLUMNS]))
    except csv.Error:
        # A field longer than the csv module's limit, or an unclosed quote at the end.
        return [], [
            Problem(
                f"Række {reader.line_num} kan ikke læses: et felt er for langt eller har et "
                "anførselstegn, der ikke er lukket. Gem filen igen fra Excel som CSV."
            )
        ]
    return rows, []


def read_upload_rows(
    upload: UploadedFile,
    kind: UploadKind = STAFFING,
    formula_cells: set[tuple[int, int]] | None = None,
) -> tuple[Rows, str | None, list[str], list[Problem]]:
    """The rows of an uploaded .xlsx or .csv, read within the limits above (size, zip, XML,
    rows and columns): (rows, sheet name, sheet names, problems). Also used by the
    indicators import, whose `kind` names what it reads in the limit messages."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        return [], None, [], [Problem("Filen er for stor; den må højst fylde 2 MB.")]
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        return [], None, [], [Problem("Filen er for stor; den må højst fylde 2 MB.")]
    if not data.strip():
        return [], None, [], [Problem("Filen er tom.")]
    name = (upload.name or "").lower()
    sheet: str | None = None
    sheets: list[str] = []
    if data.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        rows, sheet, sheets, problems = _xlsx_rows(data, kind, formula_cells)
    elif name.endswith((".csv", ".txt")):
        rows, problems = _csv_rows(data, kind)
    else:
        hint = " Gamle .xls-filer skal gemmes som .xlsx." if name.endswith(".xls") else ""
        rows, problems = (
            [],
            [Problem(f"Filen er ikke et regneark. Brug .xlsx (Excel) eller .csv.{hint}")],
        )
    return rows, sheet, sheets, problems


def parse_upload(upload: UploadedFile) -> ParsedUpload:
    """Read and check an uploaded file. Nothing is stored here."""
    formula_cells: set[tuple[int, int]] = set()
    rows, sheet, sheets, problems = read_upload_rows(upload, formula_cells=formula_cells)
    if problems:
        return ParsedUpload(problems=problems)
    return parse_rows(rows, sheet=sheet, sheets=sheets, formula_cells=formula_cells)


# --- Reading the rows -------------------------------------------------------------------------


def parse_rows(
    rows: Rows,
    *,
    sheet: str | None = None,
    sheets: Sequence[str] = (),
    formula_cells: Set[tuple[int, int]] = frozenset(),
) -> ParsedUpload:
    rows = [(n, cells) for n, cells in rows if not all(_is_blank(c) for c in cells)]
    if not rows:
        where = f"Arket »{sheet}« er tomt." if sheet else "Filen er tom."
        return ParsedUpload(problems=[Problem(where)])
    lookup = _Lookup()
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [_normal(c) for c in cells]
        if LONG_AREA & set(names) and LONG_GROUP & set(names) and LONG_FTE & set(names):
            result = _parse_long(rows[index], rows[index + 1 :], lookup, formula_cells)
            break
        if any(n in lookup.areas for n in names[1:]):
            result = _parse_bilag2(rows[index], rows[index + 1 :], lookup, formula_cells)
            break
    else:
        place = f"Arket »{sheet}«" if sheet else "Filen"
        message = (
            f"{place} ligner ikke en personaleopgørelse: der er ingen overskriftsrække med "
            "områdernes navne (Bilag 2's form) eller med kolonnerne Område, Faggruppe og "
            "Fuldtidspersoner."
        )
        if len(sheets) > 1:
            message += (
                f" Filen har arkene {', '.join(f'»{s}«' for s in sheets)}; "
                f"læg tallene i arket »{SHEET}«."
            )
        return ParsedUpload(problems=[Problem(message)])
    if not result.problems and not any(result.figures.values()):
        result.problems.append(
            Problem("Filen indeholder ingen tal (alle celler er tomme eller 0).")
        )
    return result


TOTAL_ROWS = ("i alt", "fuldtidspersoner i alt", "total")


def _is_label_row(cells: list, columns: Set[int]) -> bool:
    """Bilag 2's second header row: no group name, and text (the institutions of each area)
    where the figures would be."""
    if cells and not _is_blank(cells[0]):
        return False
    texts = [cells[i] for i in columns if i < len(cells) and not _is_blank(cells[i])]
    return bool(texts) and all(isinstance(t, str) and _fte(t)[1] for t in texts)


def _read_figure(
    result: ParsedUpload, value, row: int, column: int, formula_cells: Set[tuple[int, int]]
) -> Decimal | None:
    """One figure where figures are read, its problem (a formula without a value among them)
    noted with the others."""
    if (row, column) in formula_cells:
        result.problems.append(Problem(FORMULA_WITHOUT_VALUE, row, column))
        return None
    fte, problem = _fte(value)
    if problem:
        result.problems.append(Problem(problem, row, column))
        return None
    return fte


def _file_total(value, row: int, column: int, formula_cells: Set[tuple[int, int]]):
    """The file's own total, when it has a readable one (a totals row is not checked)."""
    if _is_blank(value) or (row, column) in formula_cells:
        return None
    fte, problem = _fte(value)
    return None if problem else fte


def _parse_bilag2(
    header: tuple[int, list], body: Rows, lookup: _Lookup, formula_cells: Set[tuple[int, int]]
) -> ParsedUpload:
    result = ParsedUpload(shape="bilag2")
    header_row, header_cells = header
    columns: dict[int, Unit] = {}  # 0-based index -> area
    seen_areas: dict[int, int] = {}
    for index, value in enumerate(header_cells[1:], start=1):
        name = _normal(value)
        if not name or name in COMPUTED:
            continue
        area = lookup.areas.get(name)
        if area is None:
            result.problems.append(Problem(lookup.unknown_area(value), header_row, index + 1))
        elif area.pk in seen_areas:
            result.problems.append(
                Problem(
                    f"Området »{area.name}« står også i kolonne "
                    f"{get_column_letter(seen_areas[area.pk] + 1)}.",
                    header_row,
                    index + 1,
                )
            )
        else:
            seen_areas[area.pk] = index
            columns[index] = area
    if body and _is_label_row(body[0][1], columns.keys()):
        result.skipped.append(
            f"Række {body[0][0]} har institutionernes navne under områderne (Bilag 2's anden "
            "overskriftsrække) og er sprunget over."
        )
        body = body[1:]
    seen_groups: dict[int, int] = {}
    for row, cells in body:
        label = cells[0] if cells else None
        name = _normal(label)
        if name in TOTAL_ROWS:
            for index, area in columns.items():
                value = cells[index] if index < len(cells) else None
                total = _file_total(value, row, index + 1, formula_cells)
                if total is not None:
                    result.file_totals[area.pk] = total
            continue
        if name.startswith(COMPUTED) or (isinstance(label, str) and label.strip()[:1] == "*"):
            continue  # a total the app computes itself, or a footnote
        group = lookup.groups.get(name) if name else None
        if group is None:
            result.problems.append(Problem(lookup.unknown_group(label), row, 1))
            continue
        if group.pk in seen_groups:
            result.problems.append(
                Problem(
                    f"Faggruppen »{group.name}« står også i række {seen_groups[group.pk]}.",
                    row,
                    1,
                )
            )
            continue
        seen_groups[group.pk] = row
        for index, area in columns.items():
            value = cells[index] if index < len(cells) else None
            fte = _read_figure(result, value, row, index + 1, formula_cells)
            if fte:
                result.figures[(area.pk, group.pk)] = fte
    return result


def _parse_long(
    header: tuple[int, list], body: Rows, lookup: _Lookup, formula_cells: Set[tuple[int, int]]
) -> ParsedUpload:
    result = ParsedUpload(shape="long")
    names = [_normal(c) for c in header[1]]
    area_col = next(i for i, n in enumerate(names) if n in LONG_AREA)
    group_col = next(i for i, n in enumerate(names) if n in LONG_GROUP)
    fte_col = next(i for i, n in enumerate(names) if n in LONG_FTE)
    seen: dict[tuple[int, int], int] = {}
    for row, cells in body:

        def cell(index: int, cells=cells):
            return cells[index] if index < len(cells) else None

        area_value, group_value = cell(area_col), cell(group_col)
        area = lookup.areas.get(_normal(area_value))
        if _normal(group_value) in TOTAL_ROWS and area is not None:
            total = _file_total(cell(fte_col), row, fte_col + 1, formula_cells)
            if total is not None:
                result.file_totals[area.pk] = total
            continue
        if _normal(area_value).startswith(COMPUTED) or _normal(group_value).startswith(COMPUTED):
            continue
        group = lookup.groups.get(_normal(group_value))
        if area is None:
            result.problems.append(Problem(lookup.unknown_area(area_value), row, area_col + 1))
        if group is None:
            result.problems.append(Problem(lookup.unknown_group(group_value), row, group_col + 1))
        count = len(result.problems)
        fte = _read_figure(result, cell(fte_col), row, fte_col + 1, formula_cells)
        if area is None or group is None or len(result.problems) > count:
            continue
        key = (area.pk, group.pk)
        if key in seen:
            result.problems.append(
                Problem(
                    f"{area.name} / {group.name} står også i række {seen[key]}.",
                    row,
                    group_col + 1,
                )
            )
            continue
        seen[key] = row
        if fte:
            result.figures[key] = fte
    return result


# --- Writing a snapshot -----------------------------------------------------------------------


def _share_cell(share: Decimal | None) -> Decimal | None:
    """A percentage as a spreadsheet fraction, rounded like every shown figure."""
    return None if share is None else round_half_up(share, 2) / 100


def snapshot_workbook(table: StaffingTable) -> bytes:
    """The snapshot in Bilag 2's shape (sheet "Personale"), which imports back unchanged,
    plus the computed percentages and a note. Exact figures: never suppressed."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    bold = Font(bold=True)
    sheet_append(sheet, ["Faggruppe", *[c.area.name for c in table.columns], "I alt"])
    for row in table.rows:
        sheet_append(
            sheet, [row.group.name, *[c.fte or None for c in row.cells], row.total.fte or None]
        )
    sheet_append(sheet, ["Fuldtidspersoner i alt", *[c.total for c in table.columns], table.total])
    sheet_append(sheet, ["Heraf faguddannede", *[c.trained for c in table.columns], table.trained])
    for cells in sheet.iter_rows(min_row=2, min_col=2):
        for cell in cells:
            cell.number_format = "0.00"
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=sheet.max_row - 1):
        cells[0].font = bold
    sheet.column_dimensions["A"].width = 34
    for index in range(2, len(table.columns) + 3):
        sheet.column_dimensions[get_column_letter(index)].width = 20
    sheet.freeze_panes = "B2"

    percent = workbook.create_sheet("Procent")
    sheet_append(
        percent,
        ["Andel af områdets fuldtidspersoner", *[c.area.name for c in table.columns], "I alt"],
    )
    # The shares as the pages and the PDF show them (rounded half up to two decimals), so the
    # same figure reads the same in all three: 6,22 / 53,49 = 11,63 % is stored as 0.1163.
    for row in table.rows:
        sheet_append(
            percent,
            [
                row.group.name,
                *[_share_cell(c.share) if c.fte else None for c in [*row.cells, row.total]],
            ],
        )
    sheet_append(
        percent,
        [
            "Heraf faguddannede",
            *[_share_cell(c.trained_share) for c in table.columns],
            _share_cell(table.trained_share),
        ],
    )
    for cells in percent.iter_rows(min_row=2, min_col=2):
        for cell in cells:
            cell.number_format = "0.00%"
    percent.column_dimensions["A"].width = 34

    about = workbook.create_sheet("Om tallene")
    snapshot = table.snapshot
    sheet_append(about, ["Opgørelse", snapshot.label if snapshot else ""])
    sheet_append(about, ["Opgjort pr.", snapshot.date if snapshot else None])
    about["B2"].number_format = "dd-mm-yyyy"
    sheet_append(about, ["Note", snapshot.note if snapshot else ""])
    for row in table.rows:
        if row.group.note:
            sheet_append(about, [f"{row.group.name}*", row.group.note])
    sheet_append(
        about,
        [
            "Beregning",
            "Ansættelsesbrøker omregnet til fuldtidspersoner. Totaler og procenter er beregnet "
            "ud fra tallene i arket Personale. Ved import læses kun arket Personale.",
        ],
    )
    about.column_dimensions["A"].width = 26
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
