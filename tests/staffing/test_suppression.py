"""Small numbers that stay hidden: the rule of staffing.tables.suppress_small_numbers.

The sums a reader of Bilag 2 can subtract in, written out here independently of the code:
each group's row with its "I alt"; each area's column (and the "I alt" column) with its
"Fuldtidspersoner i alt"; its trained groups with "Heraf faguddannede"; its other groups with
the total less the trained; and the two total rows across. Each must hold no hidden figure or
at least two.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template.loader import render_to_string
from hypothesis import given, settings
from hypothesis import strategies as st

from staffing.models import StaffGroup
from staffing.tables import StaffingTable, build_table, snapshot_table, table_display
from strategy.models import Unit

ONE = Decimal("1.00")


def hidden_places(table: StaffingTable) -> dict[tuple, Decimal]:
    """Every hidden figure by place, with its true value."""
    hidden = {}
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell.suppressed:
                hidden[("cell", r, c)] = cell.fte
        if row.total.suppressed:
            hidden[("row_total", r)] = row.total.fte
    for c, column in enumerate(table.columns):
        if column.total_suppressed:
            hidden[("column_total", c)] = column.total
        if column.trained_suppressed:
            hidden[("column_trained", c)] = column.trained
    if table.total_suppressed:
        hidden[("total",)] = table.total
    if table.trained_suppressed:
        hidden[("trained",)] = table.trained
    return hidden


def signed_sums(table: StaffingTable) -> list[dict[tuple, int]]:
    """Each printed sum as {place: sign}, where the signed figures add up to zero."""
    n_rows, n_columns = len(table.rows), len(table.columns)
    trained = [r for r in range(n_rows) if table.rows[r].group.is_trained]
    untrained = [r for r in range(n_rows) if r not in trained]
    sums = [
        {**{("cell", r, c): 1 for c in range(n_columns)}, ("row_total", r): -1}
        for r in range(n_rows)
    ]
    columns = [
        (lambda r, c=c: ("cell", r, c), ("column_total", c), ("column_trained", c))
        for c in range(n_columns)
    ]
    columns.append((lambda r: ("row_total", r), ("total",), ("trained",)))
    for place, total, trained_total in columns:
        sums.append({**{place(r): 1 for r in range(n_rows)}, total: -1})
        sums.append({**{place(r): 1 for r in trained}, trained_total: -1})
        sums.append({**{place(r): 1 for r in untrained}, total: -1, trained_total: 1})
    sums.append({**{("column_total", c): 1 for c in range(n_columns)}, ("total",): -1})
    sums.append({**{("column_trained", c): 1 for c in range(n_columns)}, ("trained",): -1})
    return sums


def recoverable(table: StaffingTable) -> set[tuple]:
    """The hidden figures that linear algebra over every printed sum pins down exactly: those
    whose unit vector lies in the row space of the sums restricted to the hidden places
    (Gaussian elimination over exact fractions)."""
    hidden = sorted(hidden_places(table))
    index = {place: i for i, place in enumerate(hidden)}
    rows = []
    for signed in signed_sums(table):
        row = [Fraction(0)] * len(hidden)
        for place, sign in signed.items():
            if place in index:
                row[index[place]] = Fraction(sign)
        if any(row):
            rows.append(row)
    # Reduced row echelon form.
    pivots = []
    r = 0
    for c in range(len(hidden)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c]), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        rows[r] = [x / rows[r][c] for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c]:
                rows[i] = [a - rows[i][c] * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(c)
        r += 1
    # A figure is determined when some reduced row is its unit vector.
    return {
        hidden[c] for row, c in zip(rows, pivots, strict=False) if sum(1 for x in row if x) == 1
    }


@pytest.mark.django_db
def test_bilag2_hides_these_nineteen_figures_for_the_committee(bilag2):
    """The six figures at or below 1,00 FTE, and the thirteen the rule adds so that none can be
    worked out and none narrowed to a window under 1,00 FTE (checked by linear programming in
    test_protection_windows.py). Hiding only enough to stop subtraction (8 figures) left
    Område Ørsted's Sygehjælper between 0,83 and 1,16. No total row is touched: every area's
    total and trained share stays printed."""
    table = snapshot_table(bilag2, suppress_up_to=ONE)
    rows = [row.group.name for row in table.rows]
    areas = [column.area.name for column in table.columns]

    def name(place):
        if place[0] == "cell":
            return (rows[place[1]], areas[place[2]])
        return (rows[place[1]], "I alt")

    psyk, oerum, grenaa, oersted = areas
    assert {name(p): fte for p, fte in hidden_places(table).items()} == {
        # At or below 1,00 FTE:
        ("Pædagogisk assistent", oerum): Decimal("0.81"),
        ("Pædagogisk assistent", oersted): Decimal("1.00"),
        ("Social- og sundhedshjælper", psyk): Decimal("0.17"),
        ("Sygehjælper", oersted): Decimal("1.00"),
        ("Sygehjælper", "I alt"): Decimal("1.00"),
        ("Sygeplejerske", psyk): Decimal("0.16"),
        # And so that none of those can be worked out or narrowed down:
        ("Omsorgs- og pædagogmedhjælper", psyk): Decimal("2.78"),
        ("Omsorgs- og pædagogmedhjælper", oersted): Decimal("12.07"),
        ("Socialpædagog", psyk): Decimal("9.89"),
        ("Socialpædagog", oerum): Decimal("12.97"),
        ("Pædagogisk assistent", grenaa): Decimal("3.81"),
        ("Social- og sundhedshjælper", oerum): Decimal("2.65"),
        ("Social- og sundhedshjælper", grenaa): Decimal("2.62"),
        ("Social- og sundhedshjælper", oersted): Decimal("2.81"),
        ("Sygeplejerske", oerum): Decimal("2.73"),
        ("Sygeplejerske", oersted): Decimal("3.86"),
        ("Sygeplejerske", "I alt"): Decimal("6.75"),
        ("Øvrigt personale", psyk): Decimal("3.43"),
        ("Øvrigt personale", oersted): Decimal("4.28"),
    }
    assert areas == [
        "Socialpsykiatri",
        "Område Ørum",
        "Område Grenå",
        "Område Ørsted, Auning og Allingåbro",
    ]
    # No total is hidden, so every printed total stays as in the source.
    assert not any(c.total_suppressed or c.trained_suppressed for c in table.columns)
    assert not table.total_suppressed and not table.trained_suppressed
    # Not even all the sums together pin one down.
    assert recoverable(table) == set()


@pytest.mark.django_db
def test_hidden_figures_print_as_skjult_without_their_share(bilag2):
    table = snapshot_table(bilag2, suppress_up_to=ONE)
    html = render_to_string("staffing/_bilag2_table.html", {"table": table_display(table)})
    assert html.count('<span class="suppressed">skjult</span>') == 19
    assert ">0,81 " not in html and "1,51 %" not in html  # 0,81 / 53,49 = 1,51 %
    assert ">2,65 " not in html and "4,95 %" not in html  # 2,65 / 53,49 = 4,95 %
    assert ">6,75 " not in html and "3,53 %" not in html  # 6,75 / 191,31 = 3,53 %
    assert "eller derunder" in html and "kan pege på en enkelt medarbejder" in html


def test_the_algebra_in_this_file_finds_a_lone_hidden_figure():
    # Only the primary cell hidden: 2,00 in a row (2,00 + 5,00 = 7,00) is found again.
    table = _table([[Decimal("2.00"), Decimal("5.00")], [Decimal("4.00"), Decimal("6.00")]])
    cell = table.rows[0].cells[0]
    object.__setattr__(cell, "suppressed", True)
    assert recoverable(table) == {("cell", 0, 0)}


def _table(values: list[list[Decimal]], trained: list[bool] | None = None) -> StaffingTable:
    """A table over unsaved groups and areas (ids set by hand; no database)."""
    trained = trained or [True] * len(values)
    groups = [
        StaffGroup(pk=r + 1, name=f"G{r}", is_trained=t)
        for r, t in enumerate(trained[: len(values)])
    ]
    areas = [Unit(pk=c + 1, name=f"A{c}") for c in range(len(values[0]))]
    figures = {
        (areas[c].pk, groups[r].pk): v
        for r, row in enumerate(values)
        for c, v in enumerate(row)
        if v
    }
    return build_table(figures=figures, areas=areas, groups=groups)


def _with_rule(values, trained) -> StaffingTable:
    from staffing.tables import suppress_small_numbers

    return suppress_small_numbers(_table(values, trained), ONE)


fte = st.one_of(
    st.just(Decimal(0)),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1.50"), places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("40.00"), places=2),
)


@st.composite
def tables(draw):
    n_rows = draw(st.integers(min_value=1, max_value=8))
    n_columns = draw(st.integers(min_value=1, max_value=5))
    values = draw(
        st.lists(
            st.lists(fte, min_size=n_columns, max_size=n_columns),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
    trained = draw(st.lists(st.booleans(), min_size=n_rows, max_size=n_rows))
    return values, trained


@settings(max_examples=300, deadline=None)
@given(tables())
def test_every_printed_sum_holds_no_hidden_figure_or_at_least_two(drawn):
    values, trained = drawn
    table = _with_rule(values, trained)
    hidden = hidden_places(table)
    # Every figure above zero and at or below 1,00 is hidden …
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            if 0 < value <= ONE:
                assert ("cell", r, c) in hidden
            if value == 0:
                assert ("cell", r, c) not in hidden  # "–" stays "–"
    # … and no printed sum gives one back by subtraction.
    for signed in signed_sums(table):
        assert len(set(signed) & set(hidden)) != 1, signed
    # A hidden figure hides its share; so does a hidden area total for its column.
    for row in table.rows:
        for c, cell in enumerate(row.cells):
            if cell.suppressed or table.columns[c].total_suppressed:
                assert cell.share is None
