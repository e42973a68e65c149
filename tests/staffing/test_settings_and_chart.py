"""The small-number settings, the SVG chart and the load_staffing command."""

import datetime
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from staffing.charts import trend_svg
from staffing.models import StaffingFigure, StaffingSnapshot
from staffing.tables import trained_share_trend
from tests.staffing.factories import snapshot_with

ROOT = Path(__file__).resolve().parents[2]
PRINT_STAFFING = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.STAFFING_SMALL_NUMBER_THRESHOLD, s.STAFFING_SUPPRESS_IN_APP)"
)


def _staffing_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "STAFFING_"))}
    return subprocess.run(
        [sys.executable, "-c", PRINT_STAFFING],
        cwd=ROOT,
        env={**clean, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "socialomraade.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_small_numbers_are_shown_in_the_app_and_the_threshold_is_one_fte_by_default():
    result = _staffing_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1.0", "False"]


def test_the_threshold_accepts_a_danish_decimal_comma():
    result = _staffing_settings(
        STAFFING_SMALL_NUMBER_THRESHOLD="2,5", STAFFING_SUPPRESS_IN_APP="true"
    )
    assert result.stdout.split() == ["2.5", "True"]


@pytest.mark.parametrize("value", ["en", "-1", "NaN"])
def test_a_bad_threshold_stops_start_up_with_a_clear_sentence(value):
    result = _staffing_settings(STAFFING_SMALL_NUMBER_THRESHOLD=value)
    assert result.returncode != 0
    assert "STAFFING_SMALL_NUMBER_THRESHOLD must be" in result.stderr


@pytest.mark.django_db
def test_the_chart_is_plain_svg_with_a_title_and_one_marker_shape_per_series(bilag2, groups, areas):
    snapshot_with(
        {(areas["Område Grenå"], groups["Socialpædagog"]): "10"},
        date=datetime.date(2025, 3, 31),
    )
    svg = str(trend_svg(trained_share_trend(), title="Andel <faguddannede>"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and "<title" in svg and "Andel &lt;faguddannede&gt;" in svg
    # The latest overall share, in words, in the title (what the PDF's /Alt reads).
    assert "100,00 %" in svg.split("</title>")[0]
    assert "style" not in svg and "<script" not in svg
    # Five series (four areas and the total), each with its own dash pattern and marker.
    assert svg.count('data-series="') == 5
    assert len(set(re.findall(r'stroke-dasharray="([^"]+)"', svg))) == 4
    assert "<polyline" in svg and "<circle" in svg and "<rect" in svg and "<polygon" in svg


@pytest.mark.django_db
def test_the_chart_copes_with_one_snapshot_and_with_none(bilag2):
    one = str(trend_svg(trained_share_trend(), title="Trend"))
    assert "<polyline" not in one and one.count("<circle") == 2  # the point and the legend
    StaffingSnapshot.objects.all().delete()
    none = str(trend_svg([], title="Trend"))
    assert "Der er endnu ingen opgørelser." in none


@pytest.mark.django_db
def test_load_staffing_loads_bilag2_and_can_run_again(strategy_data, capsys):
    call_command("load_staffing")
    call_command("load_staffing")
    out = capsys.readouterr().out
    assert "Opgørelse september 2024: 4 områder, 27 tal, 191,31 fuldtidspersoner i alt." in out
    assert StaffingSnapshot.objects.count() == 1
    assert StaffingFigure.objects.count() == 27
    assert sum(f.fte for f in StaffingFigure.objects.all()) == Decimal("191.31")


@pytest.mark.django_db
def test_the_database_refuses_a_negative_figure_and_a_second_figure_for_a_cell(bilag2):
    from django.db import IntegrityError, transaction

    figure = StaffingFigure.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffingFigure.objects.filter(pk=figure.pk).update(fte=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffingFigure.objects.create(
            snapshot=figure.snapshot, area=figure.area, group=figure.group, fte=Decimal(1)
        )
