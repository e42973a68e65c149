"""The trained-staff share is computed from the staffing snapshots, never typed, and agrees
to the last digit with the staffing pages.

Bilag 2 (seed 000), trained groups = Socialpædagog, Pædagogisk assistent, Social- og
sundhedshjælper, Social- og sundhedsassistent, Sygehjælper, Sygeplejerske:
- Socialpsykiatri: 9,89 + 0,17 + 10,59 + 0,16 = 20,81 of 27,02 = 77,017 % -> 77,02 %
- Område Ørum: 12,97 + 0,81 + 2,65 + 6,49 + 2,73 = 25,65 of 53,49 = 47,953 % -> 47,95 %
- Område Grenå: 20,95 + 3,81 + 2,62 + 5,00 = 32,38 of 50,76 = 63,790 % -> 63,79 %
- Område Ørsted, Auning og Allingåbro: 29,70 + 1,00 + 2,81 + 5,32 + 1,00 + 3,86 = 43,69 of
  60,04 = 72,768 % -> 72,77 %
- In all: 122,53 of 191,31 = 64,048 % -> 64,05 %
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, Measurement
from indicators.series import indicator_rows
from indicators.services import IndicatorError, indicators_load_norddjurs, measurement_save
from initiatives.services import plan_load_norddjurs
from staffing.services import staffing_load_bilag2

EXPECTED = {
    "Andel faguddannede i botilbuddene": "64,05 %",
    "Andel faguddannede – Socialpsykiatri": "77,02 %",
    "Andel faguddannede – Område Ørum": "47,95 %",
    "Andel faguddannede – Område Grenå": "63,79 %",
    "Andel faguddannede – Område Ørsted, Auning og Allingåbro": "72,77 %",
}


@pytest.fixture
def loaded(strategy_data):
    plan_load_norddjurs()  # the half-years
    indicators_load_norddjurs()
    return staffing_load_bilag2()


def test_the_trained_share_per_area_and_overall_is_computed_from_bilag_2(loaded, administrator):
    rows = indicator_rows(
        Indicator.objects.with_relations().filter(computed="trained_share"), user=administrator
    )
    shown = {row.indicator.name: row.fmt(row.latest.value) for row in rows}
    assert shown == EXPECTED
    overall = next(r for r in rows if r.indicator.computed_area is None)
    assert overall.latest.label == "september 2024"
    assert overall.latest.date == datetime.date(2024, 9, 30)


def test_nothing_is_stored_for_the_trained_share(loaded, administrator):
    assert not Measurement.objects.filter(indicator__computed="trained_share").exists()
    indicator = Indicator.objects.get(name="Andel faguddannede i botilbuddene")
    assert indicator.baseline_value is None  # its baseline is its first computed value


def test_the_trained_share_cannot_be_entered(loaded, administrator):
    from initiatives.models import Period

    indicator = Indicator.objects.get(name="Andel faguddannede i botilbuddene")
    with pytest.raises(IndicatorError, match="beregnes ud fra personaleopgørelserne"):
        measurement_save(
            indicator=indicator,
            period=Period.objects.current_open(),
            author=administrator,
            value=Decimal(70),
            expected_version=0,
        )


def test_the_indicator_page_and_the_staffing_page_show_the_same_figure(loaded, client_for):
    indicator = Indicator.objects.get(name="Andel faguddannede i botilbuddene")
    client = client_for("omu_member")
    indicator_page = client.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    staffing_page = client.get(reverse("staffing:trend")).content.decode()
    assert "64,05 %" in indicator_page
    assert "64,05 %" in staffing_page
    objective_page = client.get(reverse("pages:objective", args=[4, 2])).content.decode()
    for figure in EXPECTED.values():
        assert figure in objective_page
