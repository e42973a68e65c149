"""Bilag 2 as loaded, and the totals and percentages computed from it, against the seed text."""

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from staffing import seed
from staffing.models import StaffGroup, StaffingFigure, StaffingSnapshot
from staffing.services import staffing_load_bilag2
from staffing.tables import compare_snapshots, snapshot_table, table_display, trained_share_trend
from tests.staffing.factories import snapshot_with

SOURCE = next((Path(__file__).resolve().parents[2] / "docs" / "kilder").glob("000_*.txt"))
# "2,78 (10,29 %)", "27,03 (100%)" or a lone "-" (no staff in that group).
TOKEN = re.compile(r"(\d+,\d+) \((\d+(?:,\d+)?) ?%\)|(?<!\S)-(?!\S)")
PRINTED_ROWS = [*seed.FTE, "Fuldtidspersoner i alt"]


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def printed_bilag2() -> list[list[tuple[Decimal, Decimal] | None]]:
    """The note's own rows as printed: per row, per area, (FTE, percent) or None for "-"."""
    text = SOURCE.read_text().split("Bilag 2: Fordeling af medarbejdere", 1)[1]
    rows = []
    for line in text.splitlines():
        tokens = [(_number(m[1]), _number(m[2])) if m[1] else None for m in TOKEN.finditer(line)]
        if len(tokens) == len(seed.AREAS):
            rows.append(tokens)
    assert len(rows) == len(PRINTED_ROWS)
    return rows


def _round_like(value: Decimal, printed: Decimal) -> Decimal:
    # The note prints some percentages with one decimal ("20,1 %"): compare at its precision.
    return value.quantize(Decimal(1).scaleb(printed.as_tuple().exponent), ROUND_HALF_UP)


@pytest.fixture
def table(bilag2):
    return snapshot_table(bilag2)


@pytest.mark.django_db
def test_bilag2_holds_every_fte_figure_of_the_status_note_exactly(bilag2, table):
    printed = printed_bilag2()
    assert [c.area.name for c in table.columns] == seed.AREAS
    assert [r.group.name for r in table.rows] == list(seed.FTE)
    for row, printed_row in zip(table.rows, printed, strict=False):
        for area, cell, printed_cell in zip(seed.AREAS, row.cells, printed_row, strict=True):
            expected = printed_cell[0] if printed_cell else Decimal(0)
            assert cell.fte == expected, (area, row.group.name)
    # "-" is no row at all: 8 groups × 4 areas less the five dashes.
    assert StaffingFigure.objects.filter(snapshot=bilag2).count() == 27
    assert bilag2.label == "september 2024"
    assert bilag2.date.isoformat() == "2024-09-30"


@pytest.mark.django_db
def test_computed_totals_match_the_note_except_two_it_adds_up_differently(table):
    printed_totals = [cell[0] for cell in printed_bilag2()[-1]]
    computed = [c.total for c in table.columns]
    assert computed == [Decimal("27.02"), Decimal("53.49"), Decimal("50.76"), Decimal("60.04")]
    disagreements = {
        area: (c, p)
        for area, c, p in zip(seed.AREAS, computed, printed_totals, strict=True)
        if c != p
    }
    # The note's totals for these two were summed before rounding; its printed figures add up
    # to one hundredth less. The app always shows the sum of the figures it shows.
    assert disagreements == {
        "Socialpsykiatri": (Decimal("27.02"), Decimal("27.03")),
        "Område Ørsted, Auning og Allingåbro": (Decimal("60.04"), Decimal("60.05")),
    }
    assert table.total == sum(computed)


@pytest.mark.django_db
def test_computed_percentages_match_the_note_except_one_misprint(table):
    disagreements = {}
    for row, printed_row in zip(table.rows, printed_bilag2(), strict=False):
        for area, cell, printed_cell in zip(seed.AREAS, row.cells, printed_row, strict=True):
            if printed_cell is None:
                assert cell.fte == 0
                continue
            if _round_like(cell.share, printed_cell[1]) != printed_cell[1]:
                disagreements[(area, row.group.name)] = (cell.share, printed_cell[1])
    # 6,22 of 53,49 is 11,63 %, not the printed 11,53 %.
    assert list(disagreements) == [("Område Ørum", "Øvrigt personale")]
    computed, printed = disagreements[("Område Ørum", "Øvrigt personale")]
    assert _round_like(computed, Decimal("0.01")) == Decimal("11.63")
    assert printed == Decimal("11.53")


@pytest.mark.django_db
def test_the_trained_share_is_computed_per_area_and_overall(table):
    shares = {c.area.name: c.trained_share.quantize(Decimal("0.01")) for c in table.columns}
    assert shares == {
        "Socialpsykiatri": Decimal("77.02"),
        "Område Ørum": Decimal("47.95"),
        "Område Grenå": Decimal("63.79"),
        "Område Ørsted, Auning og Allingåbro": Decimal("72.77"),
    }
    assert table.trained == Decimal("122.53")
    assert table.total == Decimal("191.31")
    assert table.trained_share.quantize(Decimal("0.01")) == Decimal("64.05")


@pytest.mark.django_db
def test_the_table_renders_two_decimals_with_a_decimal_comma(table):
    html = render_to_string("staffing/_bilag2_table.html", {"table": table_display(table)})
    assert '2,78 <span class="share">(10,29 %)</span>' in html
    assert '12,07 <span class="share">(20,10 %)</span>' in html
    assert "27,02" in html and "191,31" in html and "64,05 %" in html
    assert "Dolmer Have og Bofællesskaberne i Glesborg" in html
    assert "Åparken, Kornvænget, Nøddebo og Nyvang" in html
    assert "hjemmevejleder, pædagogstuderende" in html
    assert "&lt;" not in html  # nothing suppressed unless asked


@pytest.mark.django_db
def test_totals_follow_the_figures_because_they_are_never_stored(bilag2, groups, areas):
    figure = StaffingFigure.objects.get(
        snapshot=bilag2, area=areas["Område Grenå"], group=groups["Socialpædagog"]
    )
    figure.fte = Decimal("30.95")
    figure.save()
    column = snapshot_table(bilag2).columns[2]
    assert column.total == Decimal("60.76")
    assert column.trained == Decimal("42.38")
    stored = {f.name for f in StaffingFigure._meta.get_fields()}
    assert not stored & {"total", "share", "percent", "percentage"}


@pytest.mark.django_db
def test_small_numbers_at_the_threshold_are_hidden_with_no_percentage(bilag2):
    table = snapshot_table(bilag2, suppress_up_to=Decimal("1.00"))
    small = {
        (c.area.name, r.group.name)
        for r in table.rows
        for c, cell in zip(table.columns, r.cells, strict=True)
        if cell.suppressed and cell.fte <= Decimal("1.00")
    }
    assert small == {
        ("Område Ørum", "Pædagogisk assistent"),  # 0,81
        ("Område Ørsted, Auning og Allingåbro", "Pædagogisk assistent"),  # 1,00: at it
        ("Socialpsykiatri", "Social- og sundhedshjælper"),  # 0,17
        ("Område Ørsted, Auning og Allingåbro", "Sygehjælper"),  # 1,00
        ("Socialpsykiatri", "Sygeplejerske"),  # 0,16
    }
    html = render_to_string("staffing/_bilag2_table.html", {"table": table_display(table)})
    assert ">0,81 " not in html and "1,51 %" not in html
    assert "1,67 %" not in html  # 1,00 / 60,04 = 1,67 %: hidden with its figure
    assert "fordi de kan pege på en enkelt medarbejder" in html


@pytest.mark.django_db
def test_loading_bilag2_twice_changes_nothing(bilag2):
    figures = list(StaffingFigure.objects.values_list("area_id", "group_id", "fte"))
    history = StaffingFigure.history.count()
    staffing_load_bilag2()
    assert StaffingSnapshot.objects.count() == 1
    assert StaffGroup.objects.count() == 8
    assert list(StaffingFigure.objects.values_list("area_id", "group_id", "fte")) == figures
    assert StaffingFigure.history.count() == history


@pytest.mark.django_db
def test_loading_keeps_an_administrators_change_to_a_group(bilag2, groups):
    StaffGroup.objects.filter(name="Omsorgs- og pædagogmedhjælper").update(is_trained=True)
    staffing_load_bilag2()
    assert StaffGroup.objects.get(name="Omsorgs- og pædagogmedhjælper").is_trained


@pytest.mark.django_db
def test_the_default_groups_and_which_count_as_trained(groups):
    trained = {name for name, g in groups.items() if g.is_trained}
    assert trained == {
        "Socialpædagog",
        "Pædagogisk assistent",
        "Social- og sundhedshjælper",
        "Social- og sundhedsassistent",
        "Sygehjælper",
        "Sygeplejerske",
    }
    assert list(StaffGroup.objects.values_list("name", flat=True)) == list(seed.FTE)
    assert "kostfaglig leder/eneansvarlig" in groups["Øvrigt personale"].note


@pytest.mark.django_db
def test_the_trend_handles_a_single_snapshot(bilag2):
    trend = trained_share_trend()
    assert len(trend) == 1
    assert trend[0].snapshot == bilag2
    assert [s.area.name for s in trend[0].by_area] == seed.AREAS


@pytest.mark.django_db
def test_the_trend_runs_oldest_first_per_area_and_overall(bilag2, groups, areas):
    grenaa, oerum = areas["Område Grenå"], areas["Område Ørum"]
    trained, helper = groups["Socialpædagog"], groups["Omsorgs- og pædagogmedhjælper"]
    later = snapshot_with(
        {(grenaa, trained): "30", (grenaa, helper): "10", (oerum, trained): "5"},
        date=bilag2.date.replace(year=2025),
    )
    trend = trained_share_trend()
    assert [p.snapshot for p in trend] == [bilag2, later]
    last = {s.area.name: s.share for s in trend[-1].by_area}
    assert last["Område Grenå"] == Decimal(75)
    assert last["Område Ørum"] == Decimal(100)
    assert last["Socialpsykiatri"] is None  # not counted in that snapshot
    assert trend[-1].share == Decimal(35) * 100 / Decimal(45)
    only_grenaa = trained_share_trend(areas=[grenaa])
    assert [s.area for s in only_grenaa[0].by_area] == [grenaa]


@pytest.mark.django_db
def test_a_comparison_gives_the_change_in_fte_and_percentage_points(bilag2, groups, areas):
    grenaa = areas["Område Grenå"]
    later = snapshot_with(
        {(grenaa, groups["Socialpædagog"]): "25.00", (grenaa, groups["Øvrigt personale"]): "5"},
        date=bilag2.date.replace(year=2025),
    )
    comparison = compare_snapshots(bilag2, later)
    column = [c.area.name for c in comparison.columns].index("Område Grenå")
    row = next(r for r in comparison.rows if r.group.name == "Socialpædagog")
    change = row.changes[column]
    assert change.fte == Decimal("4.05")
    # 20,95 of 50,76 (41,27 %) became 25 of 30 (83,33 %).
    assert change.points.quantize(Decimal("0.01")) == Decimal("42.06")
    assert comparison.totals[column].fte == Decimal("-20.76")
    assert comparison.trained[column].points.quantize(Decimal("0.01")) == Decimal("19.54")
