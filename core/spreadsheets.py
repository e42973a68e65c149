"""Writing spreadsheet rows for export: every export row goes through `sheet_append`.

A text that starts with "=", "+", "-", "@", a tab or a carriage return is a formula to Excel
(or becomes one when the user edits the cell), so a leader's status text could turn into a live
`=HYPERLINK(...)` in a file every staff member opens. Text is therefore always written as a text
cell, and text that looks like a formula also gets Excel's quote prefix, so it stays text when
edited. Characters that XML cannot hold are dropped rather than failing the whole export.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_cell(sheet, text: str) -> Cell:
    """A cell that holds `text` as text, whatever it starts with."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would have made "=…" a formula ("f")
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def sheet_append(sheet: Worksheet, values: Iterable) -> None:
    """Append one row; text values are written through `text_cell`, others as they are."""
    sheet.append([text_cell(sheet, value) if isinstance(value, str) else value for value in values])


def rows_workbook(title: str, columns: Iterable, rows: Iterable[Iterable]) -> tuple[bytes, int]:
    """An .xlsx file with one sheet: the column names, then `rows`; and how many rows it holds.

    The workbook is write-only, so memory stays flat at 10,000 rows.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet_append(sheet, columns)
    count = 0
    for values in rows:
        sheet_append(sheet, values)
        count += 1
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
    """A CSV cell: numbers through `csv_number`, everything else through `csv_text`."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return csv_number(value)
    return csv_text(value)
