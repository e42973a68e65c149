"""The public status page: off by default; when on, anonymous, cacheable, person-free."""

import pytest
from django.test import Client

from strategy.models import Objective
from tests.api.conftest import LEADER_NAME
from tests.initiatives.factories import InitiativeFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db

PATHS = ["/offentlig/", "/offentlig/tiltag.csv", "/offentlig/tiltag.json"]
PATHS += ["/offentlig/rapporter.csv", "/offentlig/rapporter.json"]


def test_the_public_page_is_off_unless_turned_on(data):
    for path in PATHS:
        assert Client().get(path).status_code == 404, path


@pytest.fixture
def public(data, settings):
    settings.PUBLIC_STATUS_PAGE = True
    return data


def test_anyone_reads_it_cached_and_revalidated(public):
    response = Client().get("/offentlig/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    etag = response["ETag"]
    assert Client().get("/offentlig/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert "Et nyt tiltag" not in response.content.decode()
    # The change stamp moves, so the page (rendered once per change) is new.
    InitiativeFactory(
        title="Et nyt tiltag", objectives=[Objective.objects.get(theme__number=1, number=1)]
    )
    again = Client().get("/offentlig/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and "Et nyt tiltag" in again.content.decode()


def test_it_shows_the_latest_closed_half_year_and_no_person(public):
    html = Client().get("/offentlig/").content.decode()
    assert "Status for 1. halvår 2026" in html
    # Status texts are set in Danish typography: no break inside "1. halvår 2026".
    assert "Status 1.\u00a0halvår\u00a02026." in html
    assert (
        "halvår\u00a02026." in html and "2.\u00a0halvår\u00a02026" not in html
    )  # not the open one
    for private in [LEADER_NAME, "Birte", "Intern arbejdsnote", public["admin"].username]:
        for path in PATHS:
            assert private not in Client().get(path).content.decode(), (path, private)


def test_the_lists_download_as_excel_csv_and_as_json(public):
    StatusUpdateFactory(
        initiative=InitiativeFactory(
            title="Formel", objectives=[Objective.objects.get(theme__number=2, number=1)]
        ),
        period=public["closed"],
        status_text='=HYPERLINK("http://x")',
    )
    csv = Client().get("/offentlig/tiltag.csv")
    body = csv.content.decode("utf-8")
    assert body.startswith("\ufeffid;pejlemaerke;maalsaetning;tiltag;halvaar;lys;")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert ';"\'=HYPERLINK(""http://x"")"\r\n' in body  # never a live formula in Excel
    rows = Client().get("/offentlig/tiltag.json").json()
    assert [(r["tiltag"], r["lys"], r["fremdrift"]) for r in rows] == [
        ("Formel", "green", 40),
        ("Tiltag 0", "green", 40),
        ("Tiltag 1", "green", 40),
    ]
    assert isinstance(rows[0]["fremdrift"], int)
    reports = Client().get("/offentlig/rapporter.json").json()
    assert [r["titel"] for r in reports] == ["Status til udvalget"]
    assert Client().get("/offentlig/tiltag.xml").status_code == 404


def test_only_published_committee_reports_download(public):
    from reports.models import Report

    published = Report.objects.get(stage=Report.Stage.PUBLISHED)
    draft = Report.objects.get(stage=Report.Stage.DRAFT)
    assert Client().get(f"/offentlig/rapporter/{draft.pk}.pdf").status_code == 404
    # The published one has no file in this scenario: a 404, never a 500.
    assert Client().get(f"/offentlig/rapporter/{published.pk}.pdf").status_code == 404


def test_the_indicators_show_the_closed_half_years_value(public):
    """Sygefravær: 12,5 then 11,25 days in the closed half-years, 10,0 in the open one,
    shown with one decimal: the public sees 11,3 (11,25 rounded half up), never 10,0."""
    rows = Client().get("/offentlig/indikatorer.json").json()
    (row,) = [r for r in rows if r["indikator"] == "Sygefravær"]
    assert (row["seneste"], row["enhed"], row["maaling"]) == (11.3, "dage", "1. halvår 2026")
    html = Client().get("/offentlig/").content.decode()
    assert "11,3 dage" in html and "10,0 dage" not in html


def test_the_initiatives_table_is_shown_a_page_at_a_time(public, monkeypatch):
    """At 10,000 initiatives one page cannot hold them all: the table is paged (the whole
    list is the download), each page cached and revalidated on its own."""
    monkeypatch.setattr("api.public.ROWS_PER_PAGE", 1)
    first = Client().get("/offentlig/")
    second = Client().get("/offentlig/", {"side": 2})
    first_html, second_html = first.content.decode(), second.content.decode()
    assert "(1–1 af 2)" in first_html and "(2–2 af 2)" in second_html
    assert "Side 1 af 2" in first_html and "Side 2 af 2" in second_html
    shown = [("Tiltag 0" in html, "Tiltag 1" in html) for html in (first_html, second_html)]
    assert sorted(shown) == [(False, True), (True, False)]
    assert first["ETag"] != second["ETag"]
    assert (
        Client().get("/offentlig/", {"side": 2}, HTTP_IF_NONE_MATCH=second["ETag"]).status_code
        == 304
    )
    assert Client().get("/offentlig/", HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 200
    # The download still holds every initiative.
    assert len(Client().get("/offentlig/tiltag.json").json()) == 2


def test_the_plan_is_counted_once_and_a_completed_initiative_says_so(public):
    """The page's scenario: two initiatives, both green in 1. halvår 2026, both serving
    målsætning 2.1 only. A third, completed without an update, is followed no more: not
    missing, and its row names its lifecycle instead of blanks."""
    done = InitiativeFactory(
        title="Et afsluttet tiltag",
        objectives=[Objective.objects.get(theme__number=2, number=1)],
        lifecycle_status="completed",
    )
    html = Client().get("/offentlig/").content.decode()
    assert "Hele udviklingsplanen" in html
    assert "kan ikke lægges sammen" in html
    row = html[html.index("Et afsluttet tiltag") :].split("</tr>")[0]
    assert "Afsluttet" in row and "Mangler opdatering" not in row
    rows = {r["id"]: r for r in Client().get("/offentlig/tiltag.json").json()}
    assert (rows[done.pk]["lys"], rows[done.pk]["lys_tekst"], rows[done.pk]["mangler"]) == (
        None,
        "Afsluttet",
        False,
    )


def test_indicator_values_download_as_numbers_excel_and_json_read_as_numbers(public):
    """Sygefravær (1 decimal, days): 11,25 in the closed half-year is 11.3; its måltal 9,75 is
    9.8. A change indicator (2 decimals) at -2,5. The CSV has Danish decimal commas, no unit,
    no quotes and no quote prefix (Excel reads "'-2,5" as text); the JSON has JSON numbers."""
    import datetime
    from decimal import Decimal

    from indicators.models import Indicator, Measurement, Target
    from strategy.models import Unit

    sick = public["indicator"]
    Target.objects.create(indicator=sick, value=Decimal("9.75"), date=datetime.date(2027, 12, 31))
    change = Indicator.objects.create(
        name="Ændring i ventetid",
        definition="Dage i forhold til året før.",
        unit="count",
        decimals=2,
        direction="lower",
        responsible_unit=Unit.objects.get(name="Område Grenå"),
    )
    Measurement.objects.create(indicator=change, period=public["closed"], value=Decimal("-2.5"))

    body = Client().get("/offentlig/indikatorer.csv").content.decode("utf-8")
    lines = body.split("\r\n")
    assert lines[0] == (
        "\ufeffid;indikator;maalsaetninger;seneste;enhed;maaling;maaltal;maaltal_dato;status;"
        "status_kode;eksempel"
    )
    (sick_line,) = [line for line in lines if ";Sygefravær;" in line]
    assert sick_line.startswith(
        f"{sick.pk};Sygefravær;2.1;11,3;dage;1. halvår 2026;9,8;2027-12-31;"
    )
    (change_line,) = [line for line in lines if ";Ændring i ventetid;" in line]
    assert change_line.startswith(f"{change.pk};Ændring i ventetid;;-2,5;antal;1. halvår 2026;;;")

    rows = {r["indikator"]: r for r in Client().get("/offentlig/indikatorer.json").json()}
    assert (rows["Sygefravær"]["seneste"], rows["Sygefravær"]["maaltal"]) == (11.3, 9.8)
    assert (rows["Ændring i ventetid"]["seneste"], rows["Ændring i ventetid"]["maaltal"]) == (
        -2.5,
        None,
    )
    assert "seneste_tekst" not in rows["Sygefravær"]
    html = Client().get("/offentlig/").content.decode()
    assert "11,3 dage" in html and "9,8 dage" in html  # the page shows them formatted


def test_a_csv_number_is_written_with_a_danish_decimal_comma():
    from decimal import Decimal

    from core.spreadsheets import csv_cell, csv_number

    assert csv_number(11.3) == "11,3"
    assert csv_number(Decimal("-2.50")) == "-2,50"
    assert csv_number(1234) == "1234"
    assert csv_number(0.00001) == "0,00001"
    assert csv_cell(-3) == "-3"  # a number: no quote prefix
    assert csv_cell("-3 dage") == "'-3 dage"  # text that starts like a formula: prefixed
    assert csv_cell(None) == ""


def test_a_sub_project_carries_its_parent_on_the_page_and_in_the_downloads(public):
    objective = Objective.objects.get(theme__number=2, number=1)
    parent = InitiativeFactory(title="Fælles dokumentationspraksis", objectives=[objective])
    StatusUpdateFactory(
        initiative=InitiativeFactory(title="Delprojekt 2", parent=parent, objectives=[objective]),
        period=public["closed"],
    )
    html = Client().get("/offentlig/").content.decode()
    assert '<th scope="row">Fælles dokumentationspraksis › Delprojekt 2</th>' in html
    assert '<th scope="row">Tiltag 0</th>' in html  # no parent, no prefix
    body = Client().get("/offentlig/tiltag.csv").content.decode("utf-8")
    header = body.splitlines()[0]
    assert header.endswith(";eksempel;del_af;fuld_titel;status_tekst")
    line = next(row for row in body.splitlines() if ";Delprojekt 2;" in row)
    # The demo flag as ja/nej, then the parent and the full title.
    assert ";nej;Fælles dokumentationspraksis;Fælles dokumentationspraksis › Delprojekt 2;" in line
    rows = Client().get("/offentlig/tiltag.json").json()
    sub = next(r for r in rows if r["tiltag"] == "Delprojekt 2")
    assert (sub["del_af"], sub["fuld_titel"]) == (
        "Fælles dokumentationspraksis",
        "Fælles dokumentationspraksis › Delprojekt 2",
    )


def test_the_header_links_to_the_public_page_and_never_carries_who_rendered_it(
    public, client_for, omu_member
):
    """The page is cached for everyone: rendered first for a signed-in member, it still shows
    the anonymous header (no name, no log-out form, no CSRF token), linking to itself."""
    signed_in = client_for("omu_member").get("/offentlig/").content.decode()
    anonymous = Client().get("/offentlig/").content.decode()
    for html in (signed_in, anonymous):
        assert '<a class="brand" href="/offentlig/">' in html
        assert omu_member.get_full_name() not in html
        assert "Log ud" not in html and "X-CSRFToken" not in html
        assert "<body>" in html


def test_each_initiative_is_listed_once_under_its_first_pejlemaerke_in_plan_order(
    public, monkeypatch
):
    """The fixture's "Tiltag 0" and "Tiltag 1" serve 2.1 (order 0). "Børn" serves 3.1 and
    1.2 and "Alfa" 1.2, both order 0; "Cirkel" serves 2.1 with order 1. Pejlemærke 1 comes
    first: 1.2 holds Alfa and Børn (by title); then 2.1: Tiltag 0, Tiltag 1 (order 0), Cirkel
    (order 1). Børn is not listed again under 3.1. With 2 rows a page: Alfa, Børn | Tiltag 0,
    Tiltag 1 | Cirkel."""
    objective = {
        (t, n): Objective.objects.get(theme__number=t, number=n)
        for t, n in [(1, 2), (2, 1), (3, 1)]
    }
    InitiativeFactory(title="Børn", objectives=[objective[3, 1], objective[1, 2]])
    InitiativeFactory(title="Alfa", objectives=[objective[1, 2]])
    InitiativeFactory(title="Cirkel", objectives=[objective[2, 1]], order=1)
    rows = Client().get("/offentlig/tiltag.json").json()
    assert [(r["tiltag"], r["maalsaetning"]) for r in rows] == [
        ("Alfa", "1.2"),
        ("Børn", "1.2"),
        ("Tiltag 0", "2.1"),
        ("Tiltag 1", "2.1"),
        ("Cirkel", "2.1"),
    ]
    monkeypatch.setattr("api.public.ROWS_PER_PAGE", 2)
    pages = []
    for side in (1, 2, 3):
        html = Client().get("/offentlig/", {"side": side}).content.decode()
        table = html[html.index("<tbody>") : html.index("</tbody>")].replace("\u00a0", " ")
        pages.append(
            [
                name
                for name in ("Alfa", "Børn", "Tiltag 0", "Tiltag 1", "Cirkel")
                if f">{name}</th>" in table
            ]
        )
    assert pages == [["Alfa", "Børn"], ["Tiltag 0", "Tiltag 1"], ["Cirkel"]]


def test_the_page_builds_only_the_rows_it_shows(public, monkeypatch):
    """The first view after a change reads the same number of queries with 5 or 50 more
    initiatives: the order comes from two flat queries, the rows from the page's ids."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    objective = Objective.objects.get(theme__number=2, number=1)
    counts = []
    for more in (5, 45):
        for _ in range(more):
            StatusUpdateFactory(
                initiative=InitiativeFactory(objectives=[objective]), period=public["closed"]
            )
        with CaptureQueriesContext(connection) as captured:  # the stamp moved: not kept
            assert Client().get("/offentlig/", {"side": 2}).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
