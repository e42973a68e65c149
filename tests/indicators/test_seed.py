"""The loader creates the indicators the sources name, linked to their målsætninger with a
reason, and enters no values; --demo-status adds examples marked as such."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from indicators.models import Indicator, Measurement, Target


def test_the_loader_creates_the_indicators_of_the_sources_without_values(strategy_data):
    call_command("load_plan", stdout=StringIO())
    names = set(Indicator.objects.values_list("name", flat=True))
    assert {
        "Andel faguddannede i botilbuddene",
        "Sygefravær",
        "Antal § 107-pladser",
        "Borgere i gruppebaseret bostøtte og bostøtte-café",
        "Andel indsatser med SMART-mål",
    } <= names
    assert len(names) == 9  # the five above and the trained share in each of Bilag 2's 4 areas
    assert not Measurement.objects.exists()
    assert not Target.objects.exists()
    assert not Indicator.objects.filter(baseline_value__isnull=False).exists()
    assert all(i.link_reason for i in Indicator.objects.all())
    trained = Indicator.objects.get(name="Andel faguddannede i botilbuddene")
    assert [o.code for o in trained.objectives.all()] == ["4.2"]
    assert trained.is_headline and trained.computed == "trained_share"
    sick = Indicator.objects.get(name="Sygefravær")
    assert sick.direction == "lower"
    assert sorted(
        o.code for o in Indicator.objects.get(name="Antal § 107-pladser").objectives.all()
    ) == [
        "3.2",
        "4.1",
    ]


def test_demo_status_adds_examples_marked_as_examples_and_is_idempotent(strategy_data):
    call_command("load_plan", "--demo-status", stdout=StringIO())
    call_command("load_plan", "--demo-status", stdout=StringIO())
    # Four entered indicators with three closed half-years each (1. and 2. halvår 2025,
    # 1. halvår 2026): 12, and none for the open 2. halvår 2026.
    assert Measurement.objects.count() == 12
    assert not Measurement.objects.filter(is_demo=False).exists()
    assert not Measurement.objects.filter(period__is_open=True).exists()
    assert not Target.objects.filter(is_demo=False).exists()
    assert not Indicator.objects.filter(
        baseline_value__isnull=False, baseline_is_demo=False
    ).exists()
