"""Writing spreadsheet rows for export: every export row goes through `sheet_append`.

A text that starts with "=", "+", "-", "@", a tab or a carriage return is a formula to Excel
(or becomes one when the user edits the cell), so a leader's status text could turn into a live
`=HYPERLINK(...)` in a file every staff member opens. Text is therefore always written as a text
cell, and text that looks like a formula also gets Excel's quote prefix, so it stays text when
edited. Characters that XML cannot hold are dropped rather than failing the whole export.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO
from itertools import chain, islice

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Danish Excel's own formats: 8-12-2026 and 8-12-2026 14:05, read as dates (sortable,
# filterable), never with seconds' fractions.
DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
WIDTH_SAMPLE = 500  # rows measured for the column widths; the rest streams through
MIN_WIDTH, MAX_WIDTH = 8, 60


def text_cell(sheet, text: str) -> Cell:
    """A cell that holds `text` as text, whatever it starts with."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would have made "=…" a formula ("f")
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _cell(sheet, value):
    if isinstance(value, str):
        return text_cell(sheet, value)
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None, microsecond=0))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def sheet_append(sheet: Worksheet, values: Iterable) -> None:
    """Append one row; text values are written through `text_cell`, dates and times as dates
    in Danish format (without microseconds), others as they are."""
    sheet.append([_cell(sheet, value) for value in values])


def _shown_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return len("08-12-2026 14:05")
    if isinstance(value, datetime.date):
        return len("08-12-2026")
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(columns: list, rows: list[list]) -> list[int]:
    """Widths that fit the header and the longest value of each column, within bounds."""
    widths = []
    for index, name in enumerate(columns):
        longest = max([len(str(name)), *(_shown_length(r[index]) for r in rows if index < len(r))])
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths


def rows_workbook(title: str, columns: Iterable, rows: Iterable[Iterable]) -> tuple[bytes, int]:
    """An .xlsx file with one sheet: the column names, then `rows`; and how many rows it holds.

    It opens well in Excel: column widths fit the content (measured on the first WIDTH_SAMPLE
    rows), the bold header row is frozen and carries an autofilter over every row. The
    workbook is write-only, so memory stays flat at 10,000 rows.
    """
    columns = list(columns)
    rows = iter(rows)
    sample = [list(values) for values in islice(rows, WIDTH_SAMPLE)]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(column_widths(columns, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = text_cell(sheet, str(name))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for values in chain(sample, rows):
        sheet_append(sheet, values)
        count += 1
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def csv_text(value) -> str:
    """A CSV cell's text that Excel will not read as a formula (a leading quote marks it)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_number(value: int | float | Decimal) -> str:
    """A number as Danish Excel reads it from a CSV cell: a decimal comma, no thousands
    separator, no unit and no quote prefix (a number is never a formula, and "'-2,5" would be
    text): 11.3 -> "11,3", Decimal("-2.50") -> "-2,50", 1234 -> "1234"."""
    if isinstance(value, float):
        value = Decimal(repr(value))  # 1e-05 -> 0.00001, never an exponent
    text = f"{value:f}" if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",")


def csv_cell(value) -> str:
    """A CSV cell: booleans as "ja"/"nej", numbers through `csv_number`, everything else
    through `csv_text`."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return csv_number(value)
    return csv_text(value)
