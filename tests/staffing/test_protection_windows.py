"""Hidden beyond narrowing: for every hidden staffing figure, the smallest and the largest value
it can take given what the committee reads (every printed figure and total, and that no figure
is below zero) lie at least 1,00 FTE apart.

The windows are computed here by linear programming (scipy.optimize.linprog), independently of
the code under test: from the printed text alone (the table's display data, the public API's
JSON, and, in tests/reports/test_small_numbers_pdf.py, the committee PDF read back with
pdftotext), with the sums written out in this file:
each group's row with its "I alt"; each area's column (and the "I alt" column) with
"Fuldtidspersoner i alt", its trained groups with "Heraf faguddannede", its other groups with
the total less the trained; and the two total rows across.
"""

from __future__ import annotations

import math
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from scipy.optimize import linprog

from staffing.tables import snapshot_table, suppress_small_numbers, table_display
from tests.staffing.test_suppression import _table, tables

ONE = Decimal("1.00")
HIDDEN = None


def windows(rows, trained, totals, trained_totals) -> dict[tuple, tuple[float, float]]:
    """{place: (smallest, largest)} of each hidden (None) figure of a printed table: `rows` are
    the group rows with "I alt" last, `totals` and `trained_totals` the two total rows with
    "I alt" last. A window open upwards has math.inf as its largest value."""
    n_rows, n_columns = len(rows), len(totals) - 1
    grid = {("cell", r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)}
    grid |= {("total", c): v for c, v in enumerate(totals)}
    grid |= {("trained", c): v for c, v in enumerate(trained_totals)}
    sums: list[dict[tuple, int]] = []
    for r in range(n_rows):
        sums.append({**{("cell", r, c): 1 for c in range(n_columns)}, ("cell", r, n_columns): -1})
    for c in range(n_columns + 1):
        sums.append({**{("cell", r, c): 1 for r in range(n_rows)}, ("total", c): -1})
        sums.append(
            {**{("cell", r, c): 1 for r in range(n_rows) if trained[r]}, ("trained", c): -1}
        )
        others = {("cell", r, c): 1 for r in range(n_rows) if not trained[r]}
        sums.append({**others, ("total", c): -1, ("trained", c): 1})
    sums.append({**{("total", c): 1 for c in range(n_columns)}, ("total", n_columns): -1})
    sums.append({**{("trained", c): 1 for c in range(n_columns)}, ("trained", n_columns): -1})

    unknown = sorted(p for p, v in grid.items() if v is HIDDEN)
    index = {p: i for i, p in enumerate(unknown)}
    a_eq, b_eq = [], []
    for signed in sums:
        row = [0.0] * len(unknown)
        known = 0.0
        for place, sign in signed.items():
            if place in index:
                row[index[place]] += sign
            else:
                known += float(grid[place]) * sign
        if any(row):
            a_eq.append(row)
            b_eq.append(-known)
    found = {}
    for place in unknown:
        goal = [0.0] * len(unknown)
        goal[index[place]] = 1.0
        low = linprog(goal, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog([-g for g in goal], A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert low.status == 0, low.message  # the printed table is feasible
        largest = math.inf if high.status == 3 else -high.fun  # 3: unbounded
        found[place] = (low.fun, largest)
    return found


def narrow(found: dict[tuple, tuple[float, float]]) -> dict[tuple, tuple[float, float]]:
    """The windows under 1,00 FTE (with a little room for floating point)."""
    return {p: w for p, w in found.items() if w[1] - w[0] < 1.0 - 1e-7}


def _figure(text: str) -> Decimal | None:
    if text == "":
        return HIDDEN
    return Decimal(text.replace(".", "").replace(",", "."))


def displayed(display: dict) -> tuple[list, list[bool], list, list]:
    """The printed table from table_display's text: "skjult" is None, "–" is 0."""

    def cell(c: dict):
        return HIDDEN if c["suppressed"] else Decimal(0) if c["none"] else _figure(c["fte"])

    rows = [[cell(c) for c in [*row["cells"], row["total"]]] for row in display["rows"]]
    trained = [row["is_trained"] for row in display["rows"]]
    columns = display["columns"]
    totals = [HIDDEN if c["total_suppressed"] else _figure(c["total"]) for c in columns]
    totals.append(HIDDEN if display["total_suppressed"] else _figure(display["total"]))
    trained_totals = [HIDDEN if c["trained_suppressed"] else _figure(c["trained"]) for c in columns]
    trained_totals.append(HIDDEN if display["trained_suppressed"] else _figure(display["trained"]))
    return rows, trained, totals, trained_totals


def test_the_check_in_this_file_finds_the_narrow_windows_of_the_old_rule():
    """The rule before this one hid 8 figures of Bilag 2 so that none could be subtracted out;
    the sums still pin Område Ørsted's Sygehjælper (y) to a window of 0,33 FTE. Hidden:
    Pædagogisk assistent in Ørum (a) and Ørsted (b), Social- og sundhedshjælper in
    Socialpsykiatri (s) and Ørum (t), Sygeplejerske in Socialpsykiatri (p), and the "I alt" of
    Sygehjælper (Y) and Sygeplejerske (P). The printed sums say:

        a + b = 5,62 − 3,81 = 1,81                                    (Pædagogisk assistent)
        s + t = 8,25 − 2,62 − 2,81 = 2,82                       (Social- og sundhedshjælper)
        s + p = 27,02 − 2,78 − 9,89 − 10,59 − 3,43 = 0,33                  (Socialpsykiatri)
        a + t = 53,49 − 21,62 − 12,97 − 6,49 − 2,73 − 6,22 = 3,46              (Område Ørum)
        b + y = 60,04 − 12,07 − 29,70 − 2,81 − 5,32 − 3,86 − 4,28 = 2,00     (Område Ørsted)

    so y = 2,00 − b = 0,19 + a = 3,65 − t = 0,83 + s, and 0 ≤ s ≤ 0,33 gives 0,83 ≤ y ≤ 1,16.
    """
    d = Decimal
    rows = [
        [d("2.78"), d("21.62"), d("13.30"), d("12.07"), d("49.77")],
        [d("9.89"), d("12.97"), d("20.95"), d("29.70"), d("73.51")],
        [d(0), HIDDEN, d("3.81"), HIDDEN, d("5.62")],
        [HIDDEN, HIDDEN, d("2.62"), d("2.81"), d("8.25")],
        [d("10.59"), d("6.49"), d("5.00"), d("5.32"), d("27.40")],
        [d(0), d(0), d(0), HIDDEN, HIDDEN],
        [HIDDEN, d("2.73"), d(0), d("3.86"), HIDDEN],
        [d("3.43"), d("6.22"), d("5.08"), d("4.28"), d("19.01")],
    ]
    trained = [False, True, True, True, True, True, True, False]
    totals = [d("27.02"), d("53.49"), d("50.76"), d("60.04"), d("191.31")]
    trained_totals = [d("20.81"), d("25.65"), d("32.38"), d("43.69"), d("122.53")]
    found = windows(rows, trained, totals, trained_totals)
    low, high = found[("cell", 5, 3)]
    assert (round(low, 2), round(high, 2)) == (0.83, 1.16)
    assert ("cell", 5, 3) in narrow(found)


@pytest.mark.django_db
def test_no_hidden_figure_of_bilag2_is_narrowed_below_one_fte(bilag2):
    """Every window of the committee's Bilag 2 is at least 1,00 FTE wide, by LP over the text
    the page prints; making the table and checking it takes under a second."""
    started = time.perf_counter()
    display = table_display(snapshot_table(bilag2, suppress_up_to=ONE))
    found = windows(*displayed(display))
    elapsed = time.perf_counter() - started
    assert narrow(found) == {}
    # 17 cells and 2 "I alt" figures hidden (listed in test_suppression).
    assert len(found) == 19
    assert elapsed < 1.0, elapsed


@settings(max_examples=150, deadline=None)
@given(tables())
def test_no_hidden_figure_of_any_table_is_narrowed_below_one_fte(drawn):
    values, trained = drawn
    table = suppress_small_numbers(_table(values, trained), ONE)
    rows, flags, totals, trained_totals = displayed(table_display(table))
    found = windows(rows, flags, totals, trained_totals)
    assert narrow(found) == {}
    # Every figure above zero and at or below 1,00 is among the hidden.
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            if 0 < value <= ONE:
                assert rows[r][c] is HIDDEN


@pytest.mark.django_db
def test_no_hidden_figure_is_narrowed_below_one_fte_in_the_public_api(bilag2, client, settings):
    settings.PUBLIC_STATUS_PAGE = True
    data = client.get(f"/api/v1/personale/{bilag2.pk}").json()

    def figure(cell: dict):
        return HIDDEN if cell["suppressed"] else Decimal(str(cell["fte"] or 0))

    rows = [[figure(c) for c in [*row["cells"], row["total"]]] for row in data["rows"]]
    trained = [row["trained"] for row in data["rows"]]
    totals = [figure(a["total"]) for a in data["areas"]] + [figure(data["total"])]
    trained_totals = [figure(a["trained"]) for a in data["areas"]] + [figure(data["trained"])]
    found = windows(rows, trained, totals, trained_totals)
    assert len(found) == 19
    assert narrow(found) == {}
