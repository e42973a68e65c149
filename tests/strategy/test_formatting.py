"""The one number formatter: Danish format, rounded half up at the last step, never cut."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.formats import date_format
from hypothesis import given
from hypothesis import strategies as st

from core.formatting import number, percent, plain_number, signed


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("6.22") * 100 / Decimal("53.49"), 2, "11,63"),  # 11,628…: cut it read 11,62
        (Decimal("5.08") * 100 / Decimal("50.76"), 2, "10,01"),  # 10,0078…: cut it read 10,00
        (Decimal("122.53") * 100 / Decimal("191.31"), 2, "64,05"),  # 64,0479…
        (Decimal("2.675"), 2, "2,68"),  # half up, not to even
        (2.675, 2, "2,68"),  # a float reads as the decimal it was written as
        (Decimal("44.5"), 0, "45"),
        (Decimal("45.5"), 0, "46"),  # Python's round() gives 46 here but 44 for 44.5
        (Decimal("1234.5"), 2, "1.234,50"),  # thousands point
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (Decimal("-0.004"), 2, "0,00"),  # never "-0,00"
        (Decimal("-2.5"), 0, "-3"),  # half away from zero
        (10, 2, "10,00"),
        (None, 2, "–"),
    ],
)
def test_number_rounds_half_up_with_a_decimal_comma(value, places, expected):
    assert number(value, places) == expected


def test_percent_signed_and_plain():
    assert percent(Decimal("11.628")) == "11,63 %"
    assert percent(Decimal("45"), 0) == "45 %"
    assert percent(None) == "–"
    assert signed(Decimal("1.2")) == "+1,20"
    assert signed(Decimal("-0.505")) == "−0,51"
    assert signed(Decimal("0.001")) == "0,00"
    assert plain_number(42.857142) == "42.86"  # SVG: a point, never a comma
    assert plain_number(100) == "100"
    assert plain_number(0.0) == "0"


def test_the_template_filters_use_the_same_formatter():
    html = Template(
        "{% load numbers %}{{ a|number }} {{ a|percent }} {{ b|percent:0 }} {{ c|plain_number }}"
    ).render(Context({"a": Decimal("11.625"), "b": Decimal("44.5"), "c": 42.857}))
    assert html == "11,63 11,63 % 45 % 42.86"


def test_dates_read_the_danish_way_from_the_format_module():
    import datetime

    from django.utils import translation

    with translation.override("da"):
        assert date_format(datetime.date(2024, 1, 16)) == "16. januar 2024"
        when = datetime.datetime(2026, 11, 3, 14, 5)
        assert date_format(when, "DATETIME_FORMAT") == "3. november 2026 kl. 14.05"
        rendered = Template("{{ d|date }}").render(Context({"d": datetime.date(2024, 1, 16)}))
        assert rendered == "16. januar 2024"


@given(st.decimals(min_value=-(10**7), max_value=10**7, places=6, allow_nan=False))
def test_any_figure_reads_back_within_half_a_hundredth(value):
    text = number(value)
    whole, fraction = text.replace(".", "").split(",")
    assert len(fraction) == 2
    back = Decimal(f"{whole}.{fraction}")
    assert abs(back - value) <= Decimal("0.005")
    # Exactly halfway always goes away from zero.
    if abs(back - value) == Decimal("0.005"):
        assert abs(back) > abs(value)
