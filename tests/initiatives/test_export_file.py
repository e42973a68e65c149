"""The initiative export opens well in Excel: widths, frozen header, autofilter, Danish dates
without microseconds, and a file name that says what it holds."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from initiatives.models import StatusUpdate
from tests.initiatives.factories import StatusUpdateFactory


@pytest.mark.django_db
def test_the_export_is_named_by_its_half_year_and_filters(
    client_for, initiative_a, initiative_b, open_period
):
    StatusUpdateFactory(initiative=initiative_a, period=open_period, traffic_light="red")
    client = client_for("omu_member")
    response = client.get(reverse("initiatives:export"), {"light": "red"})
    assert response["Content-Disposition"] == (
        'attachment; filename="tiltag-2-halvaar-2026-roede.xlsx"'
    )
    response = client.get(reverse("initiatives:export"), {"theme": 2, "light": "missing"})
    assert response["Content-Disposition"] == (
        'attachment; filename="tiltag-2-halvaar-2026-pejlemaerke-2-mangler-opdatering.xlsx"'
    )
    response = client.get(reverse("initiatives:export"))
    assert response["Content-Disposition"] == 'attachment; filename="tiltag-2-halvaar-2026.xlsx"'


@pytest.mark.django_db
def test_the_export_has_fitted_widths_a_frozen_filtered_header_and_danish_dates(
    client_for, initiative_a, initiative_b, open_period
):
    update = StatusUpdateFactory(initiative=initiative_a, period=open_period)
    moment = datetime.datetime(2026, 11, 3, 14, 5, 7, 123456, tzinfo=datetime.UTC)
    StatusUpdate.objects.filter(pk=update.pk).update(updated_at=moment)
    response = client_for("omu_member").get(reverse("initiatives:export"))
    sheet = load_workbook(BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2"
    # 21 columns (A–U), a header and two initiatives: rows 1–3.
    assert sheet.auto_filter.ref == "A1:U3"
    assert sheet["A1"].font.b is True
    # "Titel": the longest value "Tiltag i Område Ørum" has 20 characters, + 2 = 22.
    assert sheet.column_dimensions["A"].width == 22
    # "Fremdrift (%)": 13 characters of header beat the values, + 2 = 15.
    assert sheet.column_dimensions["Q"].width == 15
    updated = sheet.cell(row=2, column=header.index("Opdateret") + 1)
    # Copenhagen is UTC+1 in November: 14:05:07.123456 UTC is 15:05:07, the fraction dropped.
    assert updated.value == datetime.datetime(2026, 11, 3, 15, 5, 7)
    assert updated.number_format == "dd-mm-yyyy hh:mm"


def test_a_file_name_spells_danish_letters_out():
    from core.text import file_name

    assert file_name("Tiltag", "2. halvår 2026", "røde", extension="xlsx") == (
        "tiltag-2-halvaar-2026-roede.xlsx"
    )
    assert file_name("Æblegrød på Ørum", "", extension="csv") == "aeblegroed-paa-oerum.csv"


def test_csv_cells_write_booleans_as_ja_and_nej():
    from core.spreadsheets import csv_cell

    assert csv_cell(True) == "ja"
    assert csv_cell(False) == "nej"
    assert csv_cell(1) == "1"  # an int stays a number
