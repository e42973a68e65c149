"""Measurements on their own dates: a quarterly indicator has a value per quarter, a yearly one
per year (dated 31 December), a half-yearly one per half-year.

The scenario: 1. halvår 2026 is closed, 2. halvår 2026 open. »Ventetid pr. kvartal« is
quarterly, higher is better, from 40 on 30 June 2026 towards 80 by 31 December 2026 (184 days).

- 60 for 3. kvartal 2026 is dated 30 September 2026: 92 of the 184 days have passed, expected
  0,5; achieved (60 − 40) / (80 − 40) = 0,5 ≥ 0,5: **På sporet**. Dated at the half-year's end
  (31 December) the same value would be expected to have come all the way: Bagud.
- 55 for 3. kvartal 2026: achieved 15 / 40 = 0,375; 0,375 ≥ 0,5 − 0,25: **Risiko**.
- The chart (640 × 260, plot from x 64 to 616, y 16 to 224): the dates run from the baseline
  (30 June) to the target (31 December); 30 September is 92/184 of the way, x = 64 + 552 × 0,5
  = 340,0, and 31 December x = 616,0. The values run from 0 to 100, the round tick above
  80 × 1,05 = 84 in steps of 25 (84 / 4 = 21, the next round step): 60 is at
  y = 16 + 208 × (1 − 60/100) = 99,2 and 70 at 16 + 208 × 30/100 = 78,4.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from indicators.api import _out
from indicators.charts import indicator_svg
from indicators.models import Measurement, Target
from indicators.report import report_snapshot
from indicators.series import indicator_rows
from indicators.services import CoveredPeriodError, PeriodNotOpenError, measurement_save
from indicators.status import Status
from tests.indicators.conftest import make_indicator

Q3 = datetime.date(2026, 9, 30)
Q4 = datetime.date(2026, 12, 31)


@pytest.fixture
def quarterly(unit_a):
    indicator = make_indicator(
        "Ventetid pr. kvartal",
        unit_a,
        frequency="quarter",
        baseline_value=Decimal(40),
        baseline_date=datetime.date(2026, 6, 30),
    )
    Target.objects.create(indicator=indicator, value=Decimal(80), date=Q4)
    return indicator


@pytest.fixture
def yearly(unit_a):
    return make_indicator("Borgere pr. år", unit_a, frequency="year")


def _save(indicator, value, covers_end=None, period=None, version=0, user=None):
    return measurement_save(
        indicator=indicator,
        author=user,
        value=Decimal(value),
        expected_version=version,
        covers_end=covers_end,
        period=period,
    )


def _row(indicator):
    return indicator_rows([indicator])[0]


def test_a_quarter_gets_its_own_date_label_and_the_status_uses_the_quarter(
    quarterly, closed_period, open_period
):
    m = _save(quarterly, "60", covers_end=Q3)
    assert (m.covers_end, m.period, m.covers_label) == (Q3, open_period, "3. kvartal 2026")
    row = _row(quarterly)
    assert [(p.label, p.date, p.value) for p in row.points] == [
        ("3. kvartal 2026", Q3, Decimal(60))
    ]
    assert row.status == Status.ON_TRACK
    Measurement.objects.filter(pk=m.pk).update(value=Decimal(55))
    assert _row(quarterly).status == Status.AT_RISK


def test_the_two_quarters_of_the_open_half_year_are_two_measurements(quarterly, open_period):
    _save(quarterly, "60", covers_end=Q3)
    _save(quarterly, "70", covers_end=Q4)
    assert list(Measurement.objects.values_list("covers_end", "value", "period")) == [
        (Q3, Decimal(60), open_period.pk),
        (Q4, Decimal(70), open_period.pk),
    ]
    svg = str(indicator_svg(_row(quarterly)))
    assert 'points="340.0,99.2 616.0,78.4"' in svg


def test_a_date_that_is_not_a_quarter_end_is_refused(quarterly, open_period):
    with pytest.raises(CoveredPeriodError) as error:
        _save(quarterly, "60", covers_end=datetime.date(2026, 10, 31))
    assert str(error.value) == (
        "31. oktober 2026 er ikke sidste dag i et kvartal. Vælg fx 1. kvartal 2026."
    )
    assert not Measurement.objects.exists()


def test_a_quarter_of_a_closed_half_year_is_refused(quarterly, closed_period, open_period):
    with pytest.raises(PeriodNotOpenError) as error:
        _save(quarterly, "60", covers_end=datetime.date(2026, 3, 31))
    assert str(error.value) == "1. halvår 2026 er lukket, og dets målinger kan ikke ændres."
    assert not Measurement.objects.exists()


def test_a_yearly_value_is_dated_31_december_in_the_second_half_year(
    yearly, closed_period, open_period
):
    m = _save(yearly, "12", period=open_period)
    assert (m.covers_end, m.covers_label) == (datetime.date(2026, 12, 31), "2026")
    with pytest.raises(CoveredPeriodError):
        _save(yearly, "12", covers_end=datetime.date(2026, 6, 30))
    assert Measurement.objects.count() == 1


def test_the_page_offers_the_open_half_years_two_quarters_and_saves_one(
    client_for, quarterly, closed_period, open_period
):
    client = client_for("administrator")
    html = client.get(quarterly.get_absolute_url()).content.decode()
    assert "Indtast værdi for 3. kvartal 2026" in html
    assert "Indtast værdi for 4. kvartal 2026" in html
    url = reverse("indicators:measurement_edit", args=[quarterly.pk])
    post = {"value": "60", "comment": "", "version": 0, "period": open_period.pk}
    response = client.post(url, {**post, "covers_end": "2026-09-30"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3. kvartal 2026" in html and "På sporet" in html
    assert Measurement.objects.get().covers_end == Q3


@pytest.mark.parametrize(
    ("covers_end", "status", "message"),
    [
        ("2026-10-31", 422, "31. oktober 2026 er ikke sidste dag i et kvartal."),
        ("2026-03-31", 409, "1. kvartal 2026 ligger ikke i det åbne halvår"),
        ("ikke en dato", 422, "Perioden skal angives som en dato, fx 2026-03-31."),
        ("", 422, "Vælg det kvartal, værdien gælder."),
    ],
)
def test_a_bad_quarter_on_the_page_gets_a_danish_4xx_and_nothing_is_stored(
    client_for, quarterly, closed_period, open_period, covers_end, status, message
):
    url = reverse("indicators:measurement_edit", args=[quarterly.pk])
    response = client_for("administrator").post(
        url,
        {"value": "60", "version": 0, "period": open_period.pk, "covers_end": covers_end},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Measurement.objects.exists()


def test_export_and_import_name_the_period_in_the_indicators_frequency(
    client_for, quarterly, yearly, indicator_a, closed_period, open_period
):
    _save(quarterly, "60", covers_end=Q3)
    _save(yearly, "12", period=open_period)
    _save(indicator_a, "65", period=open_period)
    client = client_for("administrator")
    exported = client.get(reverse("indicators:export")).content
    rows = [
        list(r)[:3] for r in load_workbook(io.BytesIO(exported)).active.iter_rows(values_only=True)
    ]
    assert sorted(rows[1:]) == [
        ["Borgere pr. år", "2026", 12],
        ["Pladser i Område Grenå", "2. halvår 2026", 65],
        ["Ventetid pr. kvartal", "3. kvartal 2026", 60],
    ]
    Measurement.objects.all().delete()
    upload = SimpleUploadedFile("maalinger.xlsx", exported)
    response = client.post(reverse("indicators:import"), {"file": upload})
    assert response.status_code == 302
    assert sorted(Measurement.objects.values_list("indicator__name", "covers_end", "value")) == [
        ("Borgere pr. år", datetime.date(2026, 12, 31), Decimal(12)),
        ("Pladser i Område Grenå", datetime.date(2026, 12, 31), Decimal(65)),
        ("Ventetid pr. kvartal", Q3, Decimal(60)),
    ]


def test_an_import_of_a_bad_or_closed_quarter_lists_the_rows_and_stores_nothing(
    client_for, quarterly, closed_period, open_period
):
    upload = SimpleUploadedFile(
        "maalinger.csv",
        (
            "Indikator;Periode;Værdi\n"
            "Ventetid pr. kvartal;4. kvartal 2026;70\n"
            "Ventetid pr. kvartal;1. kvartal 2026;50\n"
            "Ventetid pr. kvartal;2. halvår 2026;50\n"
        ).encode(),
        content_type="text/csv",
    )
    response = client_for("administrator").post(reverse("indicators:import"), {"file": upload})
    assert response.status_code == 422
    html = response.content.decode().replace("&raquo;", "»").replace("&laquo;", "«")
    assert (
        "Række 3: 1. kvartal 2026 ligger i 1. halvår 2026, som er lukket; kun det åbne halvår."
        in html
    )
    assert (
        "Række 4: »2. halvår 2026« er ikke en periode for Ventetid pr. kvartal, der måles pr. "
        "kvartal; skriv et kvartal, fx »1. kvartal 2026«." in html
    )
    assert not Measurement.objects.exists()


def test_the_api_and_the_report_give_the_covered_date(quarterly, closed_period, open_period):
    _save(quarterly, "60", covers_end=Q3)
    out = _out(_row(quarterly)).model_dump(mode="json")
    assert out["measurements"] == [
        {"label": "3. kvartal 2026", "date": "2026-09-30", "value": 60.0, "is_example": False}
    ]
    assert out["status"] == "on_track"
    item = report_snapshot(open_period, committee=False)["items"][0]
    assert (item["latest_label"], item["status"]) == ("3. kvartal 2026", "on_track")
