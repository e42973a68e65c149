"""A reader of the committee's PDF tries to work the hidden staffing figures out by subtraction
from what the page prints, and fails. Everything here comes from `pdftotext -layout`: the
figures, which cells say "skjult" and which groups are marked "faguddannet"."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from reports.models import Audience
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

GROUPS = [
    "Omsorgs- og pædagogmedhjælper",
    "Socialpædagog",
    "Pædagogisk assistent",
    "Social- og sundhedshjælper",
    "Social- og sundhedsassistent",
    "Sygehjælper",
    "Sygeplejerske",
    "Øvrigt personale",
]
HIDDEN = None  # a printed "skjult"
FIGURE = re.compile(r"(\d+,\d\d)(?: \([\d,]+ %\))?|skjult|–")


def _value(token: str) -> Decimal | None:
    if token == "skjult":
        return HIDDEN
    if token == "–":
        return Decimal(0)
    return Decimal(token.replace(",", "."))


def printed_table(text: str) -> tuple[list[list], list[bool], list, list]:
    """The group rows (4 areas and "I alt"), which groups are trained, and the two total rows,
    as printed."""
    lines = [line.replace("\u00a0", " ") for line in text.splitlines()]

    def figures(label: str) -> tuple[int, list]:
        for i, line in enumerate(lines):
            if line.strip().startswith(label):
                tokens = [m.group(1) or m.group(0) for m in FIGURE.finditer(line[len(label) :])]
                if len(tokens) == 5:
                    return i, [_value(t) for t in tokens]
        raise AssertionError(f"no printed row {label}")

    rows, trained = [], []
    for group in GROUPS:
        i, values = figures(group)
        rows.append(values)
        following = next(line.strip() for line in lines[i + 1 :] if line.strip())
        trained.append(following == "faguddannet")
    return rows, trained, figures("Fuldtidspersoner i alt")[1], figures("Heraf faguddannede")[1]


def subtract(rows, trained, totals, trained_totals) -> dict[tuple, Decimal]:
    """Every hidden figure a reader finds by subtraction, over and over with what was found,
    from the sums the table prints: each row with its "I alt", each column (and "I alt") with
    its total, its trained groups with "Heraf faguddannede", its other groups with the total
    less the trained, and the two total rows across."""
    grid = {("cell", r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)}
    grid |= {("total", c): v for c, v in enumerate(totals)}
    grid |= {("trained", c): v for c, v in enumerate(trained_totals)}
    n = len(rows)
    sums: list[dict[tuple, int]] = []  # {place: sign}, adding up to zero
    for r in range(n):
        sums.append({**{("cell", r, c): 1 for c in range(4)}, ("cell", r, 4): -1})
    for c in range(5):
        sums.append({**{("cell", r, c): 1 for r in range(n)}, ("total", c): -1})
        sums.append({**{("cell", r, c): 1 for r in range(n) if trained[r]}, ("trained", c): -1})
        others = {("cell", r, c): 1 for r in range(n) if not trained[r]}
        sums.append({**others, ("total", c): -1, ("trained", c): 1})
    sums.append({**{("total", c): 1 for c in range(4)}, ("total", 4): -1})
    sums.append({**{("trained", c): 1 for c in range(4)}, ("trained", 4): -1})
    found = {}
    progress = True
    while progress:
        progress = False
        for signed in sums:
            unknown = [p for p in signed if grid[p] is HIDDEN]
            if len(unknown) == 1:
                (place,) = unknown
                known = sum(grid[p] * s for p, s in signed.items() if p != place)
                grid[place] = found[place] = -known * signed[place]
                progress = True
    return found


def test_no_hidden_figure_can_be_worked_out_or_narrowed_from_the_committee_pdf(make_report):
    """17 group figures and 2 "I alt" figures print as "skjult" (the list is in
    tests/staffing/test_suppression.py); none is found by subtraction, and by linear
    programming over the printed page (tests/staffing/test_protection_windows.py) each can still
    take values at least 1,00 FTE apart."""
    from tests.staffing.test_protection_windows import narrow, windows

    text = pdf_text(make_report(Audience.COMMITTEE).file.read())
    rows, trained, totals, trained_totals = printed_table(text)
    assert sum(v is HIDDEN for row in rows for v in row) == 19
    # The groups marked "faguddannet" on the page: all but the first and the last.
    assert trained == [False, True, True, True, True, True, True, False]
    # Every total row is printed: the trained share of each area stays readable.
    assert totals == [Decimal(x) for x in ["27.02", "53.49", "50.76", "60.04", "191.31"]]
    assert trained_totals == [Decimal(x) for x in ["20.81", "25.65", "32.38", "43.69", "122.53"]]
    assert subtract(rows, trained, totals, trained_totals) == {}
    found = windows(rows, trained, totals, trained_totals)
    assert len(found) == 19
    assert narrow(found) == {}


def test_the_omu_pdf_hides_nothing(make_report):
    rows, _, _, _ = printed_table(pdf_text(make_report(Audience.OMU).file.read()))
    assert not any(v is HIDDEN for row in rows for v in row)
    assert rows[3][0] == Decimal("0.17")
