"""Saving measurements and targets: bad input gets a Danish message and nothing is stored;
a closed half-year's measurements are frozen by the database too; every change is kept."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, InternalError, transaction

from indicators.models import Measurement, Target
from indicators.services import (
    IndicatorError,
    PeriodNotOpenError,
    StaleVersionError,
    measurement_save,
    parse_value,
    target_save,
)


def save(indicator, period, user, value, version=0, comment=""):
    return measurement_save(
        indicator=indicator,
        period=period,
        author=user,
        value=Decimal(value),
        comment=comment,
        expected_version=version,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12,5", "12.5"), ("1.234,50", "1234.50"), ("7", "7"), (" 8,0 % ", "8.0"), ("−3", "-3")],
)
def test_values_are_read_as_a_dane_writes_them(text, expected):
    assert parse_value(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["tolv", "", "1,2,3", "NaN", "1e999", "Infinity", "1e2", "1E2", "+-1", "1.", ",5"]
)
def test_a_value_that_is_not_a_number_is_refused_in_danish(text):
    with pytest.raises(IndicatorError, match="er ikke et tal"):
        parse_value(text)


def test_a_percentage_outside_0_to_100_is_refused(percent_indicator_a, open_period, administrator):
    for value in ("100.1", "-0.1"):
        with pytest.raises(IndicatorError, match="mellem 0 og 100"):
            save(percent_indicator_a, open_period, administrator, value)
    save(percent_indicator_a, open_period, administrator, "100")
    assert Measurement.objects.get().value == Decimal(100)


def test_a_negative_count_is_refused(indicator_a, open_period, administrator):
    with pytest.raises(IndicatorError, match="kan ikke være negativ"):
        save(indicator_a, open_period, administrator, "-1")
    assert not Measurement.objects.exists()


def test_more_decimals_than_the_indicator_has_are_refused(indicator_a, open_period, administrator):
    with pytest.raises(IndicatorError, match=r"Værdien må højst have 1 decimal\.$"):
        save(indicator_a, open_period, administrator, "12.25")
    save(indicator_a, open_period, administrator, "12.50")  # 12,5: one decimal
    assert not Measurement.objects.filter(value=Decimal("12.25")).exists()


def test_a_closed_or_planned_half_year_takes_no_value(
    indicator_a, closed_period, planned_period, administrator
):
    with pytest.raises(PeriodNotOpenError, match=r"1\. halvår 2026 er lukket"):
        save(indicator_a, closed_period, administrator, "60")
    with pytest.raises(PeriodNotOpenError, match=r"1\. halvår 2027 er endnu ikke åbnet"):
        save(indicator_a, planned_period, administrator, "60")
    assert not Measurement.objects.exists()


def test_a_stale_version_is_refused_with_what_changed(
    indicator_a, open_period, leader_a, administrator
):
    first = save(indicator_a, open_period, leader_a, "55")
    save(indicator_a, open_period, administrator, "57", version=first.version, comment="Rettet")
    with pytest.raises(StaleVersionError) as caught:
        save(indicator_a, open_period, leader_a, "60", version=1)
    changes = {c.field: (c.old, c.new) for c in caught.value.changes}
    assert changes == {"value": ("55,0", "57,0"), "comment": ("–", "Rettet")}
    assert "Admin Testesen har gemt en nyere måling" in str(caught.value)
    assert Measurement.objects.get().value == Decimal(57)


def test_every_change_is_kept_in_the_history(indicator_a, open_period, leader_a):
    first = save(indicator_a, open_period, leader_a, "55")
    save(indicator_a, open_period, leader_a, "56", version=first.version)
    values = list(Measurement.history.order_by("history_date").values_list("value", "version"))
    assert values == [(Decimal("55.0000"), 1), (Decimal("56.0000"), 2)]


def test_a_closed_half_years_measurement_is_frozen_in_the_database(
    indicator_a, closed_period, open_period
):
    measurement = Measurement.objects.create(
        indicator=indicator_a, period=closed_period, value=Decimal(55)
    )
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Measurement.objects.filter(pk=measurement.pk).update(value=Decimal(99))
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Measurement.objects.filter(pk=measurement.pk).delete()
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Measurement.objects.filter(pk=measurement.pk).update(period=open_period)
    assert Measurement.objects.get(pk=measurement.pk).value == Decimal(55)


def test_a_target_dated_before_the_baseline_is_refused(indicator_a):
    # The baseline is dated 1 January 2026.
    with pytest.raises(IndicatorError, match="ligger før baseline"):
        target_save(indicator=indicator_a, value=Decimal(80), date=datetime.date(2025, 12, 31))
    target_save(indicator=indicator_a, value=Decimal(80), date=datetime.date(2026, 1, 1))
    assert sorted(Target.objects.values_list("value", flat=True)) == [Decimal(70), Decimal(80)]


def test_the_admin_refuses_a_target_before_the_baseline_and_a_baseline_after_a_target(
    indicator_a,
):
    from django.core.exceptions import ValidationError

    early = Target(indicator=indicator_a, value=Decimal(60), date=datetime.date(2025, 6, 30))
    with pytest.raises(ValidationError, match="før baseline"):
        early.full_clean()
    # The target of 31 December 2026 lies before a baseline moved to 2027.
    indicator_a.baseline_date = datetime.date(2027, 1, 1)
    with pytest.raises(ValidationError, match="måltal dateret før"):
        indicator_a.full_clean()


def test_an_indicator_without_decimals_asks_for_a_whole_number(
    indicator_a, open_period, administrator
):
    indicator_a.decimals = 0
    indicator_a.save()
    with pytest.raises(IndicatorError, match="Værdien skal være et helt tal"):
        save(indicator_a, open_period, administrator, "12.5")
    assert not Measurement.objects.exists()
