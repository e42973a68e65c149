"""The golden table: every figure of Bilag 2 (seed 000, September 2024), computed by hand from
the FTEs in the source and written here as literals. The same strings must read the same on
the staffing page, in every audience's PDF and, as values, in the .xlsx export.

The hand calculation, per area (sum of the column's FTEs):
  Socialpsykiatri   2,78 + 9,89 + 0,17 + 10,59 + 0,16 + 3,43                 = 27,02
  Område Ørum       21,62 + 12,97 + 0,81 + 2,65 + 6,49 + 2,73 + 6,22         = 53,49
  Område Grenå      13,30 + 20,95 + 3,81 + 2,62 + 5,00 + 5,08                = 50,76
  Område Ørsted …   12,07 + 29,70 + 1,00 + 2,81 + 5,32 + 1,00 + 3,86 + 4,28  = 60,04
  In all            27,02 + 53,49 + 50,76 + 60,04                            = 191,31
Trained (every group but Omsorgs- og pædagogmedhjælper and Øvrigt personale):
  Socialpsykiatri   27,02 − 2,78 − 3,43  = 20,81   20,81 / 27,02  = 77,017… → 77,02 %
  Område Ørum       53,49 − 21,62 − 6,22 = 25,65   25,65 / 53,49  = 47,952… → 47,95 %
  Område Grenå      50,76 − 13,30 − 5,08 = 32,38   32,38 / 50,76  = 63,790… → 63,79 %
  Område Ørsted …   60,04 − 12,07 − 4,28 = 43,69   43,69 / 60,04  = 72,768… → 72,77 %
  In all                                  122,53  122,53 / 191,31 = 64,0479… → 64,05 %
    (cut instead of rounded it would read 64,04 %)
The source prints 27,03 and 60,05 as totals and 11,53 % for Øvrigt personale in Område Ørum;
6,22 / 53,49 = 11,628… → 11,63 %. The app shows its own computation and says so.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import Audience
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

AREAS = [
    "Socialpsykiatri",
    "Område Ørum",
    "Område Grenå",
    "Område Ørsted, Auning og Allingåbro",
]

# Group -> the cells per area and the row total ("FTE (share of the column)"), by hand:
# e.g. 6,22 / 53,49 = 11,63 %; the row total's share is of all 191,31 FTE
# (19,01 / 191,31 = 9,937… → 9,94 %).
GOLDEN_ROWS = {
    "Omsorgs- og pædagogmedhjælper": [
        "2,78 (10,29 %)",  # 2,78 / 27,02 = 10,288…
        "21,62 (40,42 %)",  # 21,62 / 53,49 = 40,418…
        "13,30 (26,20 %)",  # 13,30 / 50,76 = 26,201…
        "12,07 (20,10 %)",  # 12,07 / 60,04 = 20,103…
        "49,77 (26,02 %)",  # 49,77 / 191,31 = 26,015…
    ],
    "Socialpædagog": [
        "9,89 (36,60 %)",  # 9,89 / 27,02 = 36,602…
        "12,97 (24,25 %)",  # 12,97 / 53,49 = 24,247…
        "20,95 (41,27 %)",  # 20,95 / 50,76 = 41,272…
        "29,70 (49,47 %)",  # 29,70 / 60,04 = 49,467…
        "73,51 (38,42 %)",  # 73,51 / 191,31 = 38,424…
    ],
    "Pædagogisk assistent": [
        "–",
        "0,81 (1,51 %)",  # 0,81 / 53,49 = 1,514…
        "3,81 (7,51 %)",  # 3,81 / 50,76 = 7,505… → 7,51 (half up)
        "1,00 (1,67 %)",  # 1,00 / 60,04 = 1,665…
        "5,62 (2,94 %)",  # 5,62 / 191,31 = 2,937…
    ],
    "Social- og sundhedshjælper": [
        "0,17 (0,63 %)",  # 0,17 / 27,02 = 0,629…
        "2,65 (4,95 %)",  # 2,65 / 53,49 = 4,954…
        "2,62 (5,16 %)",  # 2,62 / 50,76 = 5,161…
        "2,81 (4,68 %)",  # 2,81 / 60,04 = 4,680…
        "8,25 (4,31 %)",  # 8,25 / 191,31 = 4,312…
    ],
    "Social- og sundhedsassistent": [
        "10,59 (39,19 %)",  # 10,59 / 27,02 = 39,193…
        "6,49 (12,13 %)",  # 6,49 / 53,49 = 12,133…
        "5,00 (9,85 %)",  # 5,00 / 50,76 = 9,850…
        "5,32 (8,86 %)",  # 5,32 / 60,04 = 8,860…
        "27,40 (14,32 %)",  # 27,40 / 191,31 = 14,322…
    ],
    "Sygehjælper": [
        "–",
        "–",
        "–",
        "1,00 (1,67 %)",  # 1,00 / 60,04 = 1,665…
        "1,00 (0,52 %)",  # 1,00 / 191,31 = 0,522…
    ],
    "Sygeplejerske": [
        "0,16 (0,59 %)",  # 0,16 / 27,02 = 0,592…
        "2,73 (5,10 %)",  # 2,73 / 53,49 = 5,103…
        "–",
        "3,86 (6,43 %)",  # 3,86 / 60,04 = 6,429…
        "6,75 (3,53 %)",  # 6,75 / 191,31 = 3,528…
    ],
    "Øvrigt personale": [
        "3,43 (12,69 %)",  # 3,43 / 27,02 = 12,694…
        "6,22 (11,63 %)",  # 6,22 / 53,49 = 11,628… (the source prints 11,53 %)
        "5,08 (10,01 %)",  # 5,08 / 50,76 = 10,0078… (cut, it read 10,00 %)
        "4,28 (7,13 %)",  # 4,28 / 60,04 = 7,128…
        "19,01 (9,94 %)",  # 19,01 / 191,31 = 9,936…
    ],
}
GOLDEN_TOTALS = [
    "27,02 (100,00 %)",
    "53,49 (100,00 %)",
    "50,76 (100,00 %)",
    "60,04 (100,00 %)",
    "191,31 (100,00 %)",
]
GOLDEN_TRAINED = [
    "20,81 (77,02 %)",
    "25,65 (47,95 %)",
    "32,38 (63,79 %)",
    "43,69 (72,77 %)",
    "122,53 (64,05 %)",
]
# What the committee's PDF hides (tests/staffing/test_suppression.py): figures at or below
# 1,00 FTE (one full-time person), and thirteen more so that none can be worked out by
# subtraction or narrowed to a window under 1,00 FTE (tests/staffing/test_protection_windows.py).
# Index 4 is the row's "I alt".
SUPPRESSED = {
    ("Omsorgs- og pædagogmedhjælper", 0): "skjult",  # 2,78
    ("Omsorgs- og pædagogmedhjælper", 3): "skjult",  # 12,07
    ("Socialpædagog", 0): "skjult",  # 9,89
    ("Socialpædagog", 1): "skjult",  # 12,97
    ("Pædagogisk assistent", 1): "skjult",  # 0,81
    ("Pædagogisk assistent", 2): "skjult",  # 3,81
    ("Pædagogisk assistent", 3): "skjult",  # 1,00: at the threshold
    ("Social- og sundhedshjælper", 0): "skjult",  # 0,17
    ("Social- og sundhedshjælper", 1): "skjult",  # 2,65
    ("Social- og sundhedshjælper", 2): "skjult",  # 2,62
    ("Social- og sundhedshjælper", 3): "skjult",  # 2,81
    ("Sygehjælper", 3): "skjult",  # 1,00
    ("Sygehjælper", 4): "skjult",  # 1,00
    ("Sygeplejerske", 0): "skjult",  # 0,16
    ("Sygeplejerske", 1): "skjult",  # 2,73
    ("Sygeplejerske", 3): "skjult",  # 3,86
    ("Sygeplejerske", 4): "skjult",  # 6,75
    ("Øvrigt personale", 0): "skjult",  # 3,43
    ("Øvrigt personale", 3): "skjult",  # 4,28
}


@pytest.fixture
def snapshot(plan):
    from staffing.models import StaffingSnapshot

    return StaffingSnapshot.objects.get(label="september 2024")


class _Cells(HTMLParser):
    """The text of every row of the first table whose class contains "staffing-table"."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._depth = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "staffing-table" in (dict(attrs).get("class") or ""):
            self._depth += 1
        elif self._depth and tag == "tr":
            self.rows.append([])
        elif self._depth and tag in ("td", "th"):
            self._cell = []
        elif self._depth and tag == "span" and "area-services" in (dict(attrs).get("class") or ""):
            self._cell = None  # the services under an area's name are not part of the figure

    def handle_endtag(self, tag):
        if tag == "table" and self._depth:
            self._depth = 0
        elif self._depth and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif self._depth and tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _table_rows(html: str) -> dict[str, list[str]]:
    parser = _Cells()
    parser.feed(html)
    return {row[0]: row[1:] for row in parser.rows if row}


def _expected_rows() -> dict[str, list[str]]:
    rows = {}
    for group, cells in GOLDEN_ROWS.items():
        label = f"{group}*" if group == "Øvrigt personale" else group
        rows[label] = cells
    return rows


def test_the_staffing_page_shows_the_golden_table(client_for, snapshot):
    html = client_for("omu_member").get(reverse("staffing:snapshot", args=[snapshot.pk])).content
    rows = _table_rows(html.decode())
    for label, cells in _expected_rows().items():
        key = next(k for k in rows if k.startswith(label))
        assert rows[key] == cells, label
    assert rows["Fuldtidspersoner i alt"] == GOLDEN_TOTALS
    assert rows["Heraf faguddannede"] == GOLDEN_TRAINED
    assert "64,05 %" in html.decode()  # the headline figure above the table


def _row_line(text: str, label: str, cells: list[str]) -> str | None:
    """The line of `pdftotext -layout` that starts with the row's label (its first line, when
    the label wraps) and holds the cells in order, each whole."""
    first_words = " ".join(label.split()[:2])
    pattern = re.compile(r"(?<!\S)" + r"\s+".join(re.escape(c) for c in cells) + r"(?!\S)")
    for line in text.replace("\u00a0", " ").splitlines():
        if line.strip().startswith(first_words) and pattern.search(line):
            return line
    return None


@pytest.mark.parametrize("audience", [Audience.LEADERS, Audience.OMU, Audience.COMMITTEE])
def test_every_audience_pdf_prints_the_golden_table(make_report, audience):
    report = make_report(audience)
    text = pdf_text(report.file.read())
    for group, cells in GOLDEN_ROWS.items():
        shown = [
            SUPPRESSED.get((group, index), cell) if audience == Audience.COMMITTEE else cell
            for index, cell in enumerate(cells)
        ]
        assert _row_line(text, group, shown), (group, shown)
    assert _row_line(text, "Fuldtidspersoner i alt", GOLDEN_TOTALS)
    assert _row_line(text, "Heraf faguddannede", GOLDEN_TRAINED)
    flat = " ".join(text.split())
    # The source's own, different figures are named once, beside the app's computation.
    assert flat.count("Kildens egne totaler") == 1
    assert "(27,03)" in flat and "(60,05)" in flat and "11,53 %" in flat
    # Never the cut figures of before.
    assert "11,62 %" not in flat and "10,00 %" not in flat and "64,04 %" not in flat


def test_the_export_holds_the_golden_values(client_for, snapshot):
    response = client_for("administrator").get(reverse("staffing:export", args=[snapshot.pk]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    people = {row[0].value: [c.value for c in row[1:]] for row in workbook["Personale"].iter_rows()}
    assert people["Øvrigt personale"] == [3.43, 6.22, 5.08, 4.28, 19.01]
    assert people["Fuldtidspersoner i alt"] == [27.02, 53.49, 50.76, 60.04, 191.31]
    assert people["Heraf faguddannede"] == [20.81, 25.65, 32.38, 43.69, 122.53]
    shares = {row[0].value: [c.value for c in row[1:]] for row in workbook["Procent"].iter_rows()}
    # The shares as the page and the PDF print them: 6,22 / 53,49 = 11,63 % -> 0.1163.
    assert shares["Øvrigt personale"] == [0.1269, 0.1163, 0.1001, 0.0713, 0.0994]
    assert shares["Pædagogisk assistent"] == [None, 0.0151, 0.0751, 0.0167, 0.0294]
    assert shares["Heraf faguddannede"] == [0.7702, 0.4795, 0.6379, 0.7277, 0.6405]
