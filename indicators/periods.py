"""The period a measurement covers, from the indicator's frequency.

A measurement belongs to the half-year it is entered in (`Measurement.period`, which decides
whether it is frozen) and covers a period that ends on `Measurement.covers_end`:

- per half-year: the half-year itself, ending 30 June or 31 December ("1. halvår 2026");
- per quarter: a quarter, ending 31 March, 30 June, 30 September or 31 December
  ("1. kvartal 2026"); a half-year holds two;
- per year: the calendar year, ending 31 December ("2026"); it is entered in the half-year that
  holds 31 December (the second).

The status rule, the chart, the table, the export and the API use `covers_end` as the date of
the value.
"""

from __future__ import annotations

import datetime
import re

from indicators.models import Frequency

QUARTER_ENDS = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
HALF_ENDS = {1: (6, 30), 2: (12, 31)}

_QUARTER = re.compile(r"^\s*([1-4])\.\s*kvartal\s+(\d{4})\s*$", re.IGNORECASE)
_HALF = re.compile(r"^\s*([12])\.\s*halvår\s+(\d{4})\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


def _ends(frequency: str, year: int) -> list[datetime.date]:
    if frequency == Frequency.QUARTER:
        table = QUARTER_ENDS
    elif frequency == Frequency.YEAR:
        table = {1: (12, 31)}
    else:
        table = HALF_ENDS
    return [datetime.date(year, month, day) for month, day in table.values()]


def is_period_end(frequency: str, day: datetime.date) -> bool:
    """Whether `day` is the last day of a period of this frequency."""
    return day in _ends(frequency, day.year)


def ends_within(frequency: str, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The period ends of this frequency from `start` to `end` (both included), in order."""
    return [
        day
        for year in range(start.year, end.year + 1)
        for day in _ends(frequency, year)
        if start <= day <= end
    ]


def covers_label(frequency: str, day: datetime.date) -> str:
    """ "1. kvartal 2026", "2026" or "1. halvår 2026" for the period ending on `day`."""
    if frequency == Frequency.QUARTER:
        return f"{(day.month - 1) // 3 + 1}. kvartal {day.year}"
    if frequency == Frequency.YEAR:
        return str(day.year)
    return f"{1 if day.month <= 6 else 2}. halvår {day.year}"


def parse_covers(frequency: str, text: str) -> datetime.date | None:
    """The end of the period named by `text` in this frequency's words, or None."""
    if frequency == Frequency.QUARTER:
        match = _QUARTER.match(text)
        if match:
            month, day = QUARTER_ENDS[int(match[1])]
            return datetime.date(int(match[2]), month, day)
    elif frequency == Frequency.YEAR:
        match = _YEAR.match(text)
        if match:
            return datetime.date(int(match[1]), 12, 31)
    else:
        match = _HALF.match(text)
        if match:
            month, day = HALF_ENDS[int(match[1])]
            return datetime.date(int(match[2]), month, day)
    return None


def example_label(frequency: str) -> str:
    examples: dict[str, str] = {Frequency.QUARTER: "1. kvartal 2026", Frequency.YEAR: "2026"}
    return examples.get(frequency, "2. halvår 2026")
