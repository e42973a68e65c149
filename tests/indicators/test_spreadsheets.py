"""Import and export of measurements: round trips, Danish decimal commas, all or nothing,
every error listed with its row."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import AuditEvent
from indicators.models import Measurement


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("maalinger.csv", text.encode("utf-8"), content_type="text/csv")


def test_a_csv_with_decimal_commas_is_imported(client_for, indicator_a, indicator_b, open_period):
    upload = csv_file(
        "Indikator;Halvår;Værdi;Kommentar\n"
        "Pladser i Område Grenå;2. halvår 2026;12,5;Talt i juni\n"
        "Pladser i Område Ørum;2. halvår 2026;7;\n"
    )
    response = client_for("administrator").post(reverse("indicators:import"), {"file": upload})
    assert response.status_code == 302
    assert dict(Measurement.objects.values_list("indicator__name", "value")) == {
        "Pladser i Område Grenå": Decimal("12.5"),
        "Pladser i Område Ørum": Decimal(7),
    }
    assert Measurement.objects.get(indicator=indicator_a).comment == "Talt i juni"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT, target="indikatorer").exists()


def test_an_import_with_errors_stores_nothing_and_lists_every_error(
    client_for, indicator_a, indicator_b, closed_period, open_period
):
    upload = csv_file(
        "Indikator;Halvår;Værdi\n"
        "Pladser i Område Grenå;2. halvår 2026;12,5\n"  # fine, but not stored: all or nothing
        "Pladser i Område Ørum;2. halvår 2026;tolv\n"
        "Ukendt indikator;2. halvår 2026;1\n"
        "Pladser i Område Ørum;1. halvår 2026;3\n"
        "Pladser i Område Ørum;halvår 9;3\n"
        "Pladser i Område Grenå;2. halvår 2026;-2\n"
    )
    response = client_for("administrator").post(reverse("indicators:import"), {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    for expected in [
        "Række 3: »tolv« er ikke et tal.",
        "Række 4: der er ingen indikator, der hedder »Ukendt indikator«.",
        "Række 5: 1. halvår 2026 er lukket; kun det åbne halvår.",
        "Række 6: »halvår 9« er ikke et halvår i appen",
        "Række 7: Værdien kan ikke være negativ (antal).",
    ]:
        assert expected.replace("»", "&raquo;").replace("«", "&laquo;") in html or expected in html
    assert not Measurement.objects.exists()


def test_export_then_import_gives_the_same_values_back(
    client_for, indicator_a, indicator_b, closed_period, open_period
):
    Measurement.objects.create(
        indicator=indicator_a, period=open_period, value=Decimal("12.5"), comment="=HYPERLINK(1)"
    )
    Measurement.objects.create(indicator=indicator_b, period=open_period, value=Decimal("7.3"))
    client = client_for("administrator")
    exported = client.get(reverse("indicators:export"))
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Indikator", "Periode", "Værdi"]
    assert [r[:3] for r in rows[1:]] == [
        ["Pladser i Område Grenå", "2. halvår 2026", 12.5],
        ["Pladser i Område Ørum", "2. halvår 2026", 7.3],
    ]
    assert rows[1][4] == "=HYPERLINK(1)"  # text, not a formula
    assert sheet.cell(row=2, column=5).data_type == "s"
    # Change the values in the workbook and import it back: the new values, nothing else.
    workbook = Workbook()
    out = workbook.active
    out.append(rows[0])
    out.append(["Pladser i Område Grenå", "2. halvår 2026", 13.5, "antal", "Rettet"])
    out.append(["Pladser i Område Ørum", "2. halvår 2026", "8,25", "antal", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("maalinger.xlsx", buffer.getvalue())
    response = client.post(reverse("indicators:import"), {"file": upload})
    assert response.status_code == 422  # 8,25 has two decimals; the indicators have one
    assert "Række 3: Værdien må højst have 1 decimal." in response.content.decode()
    assert Measurement.objects.get(indicator=indicator_a).value == Decimal("12.5")
    out["C3"] = "8,2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("maalinger.xlsx", buffer.getvalue())
    assert client.post(reverse("indicators:import"), {"file": upload}).status_code == 302
    assert dict(Measurement.objects.values_list("indicator__name", "value")) == {
        "Pladser i Område Grenå": Decimal("13.5"),
        "Pladser i Område Ørum": Decimal("8.2"),
    }
    assert Measurement.objects.get(indicator=indicator_a).comment == "Rettet"


def _zip_of_many_parts(n: int) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(n):
            archive.writestr(f"part{i}.txt", "x")
    return buffer.getvalue()


def test_the_size_limit_messages_name_a_file_of_measurements(client_for, open_period):
    """The reader is the staffing import's; its limit messages name what this import reads
    (500 rows and 200 zip parts are the shared limits)."""
    client = client_for("administrator")
    too_many_rows = "Indikator;Periode;Værdi\n" + "Pladser;2. halvår 2026;1\n" * 501
    upload = SimpleUploadedFile("maalinger.csv", too_many_rows.encode(), "text/csv")
    response = client.post(reverse("indicators:import"), {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert (
        "Filen har mere end 500 rækker med indhold; der må højst være 500. Del filen op, eller "
        "fjern rækker, der ikke er målinger." in html
    )
    upload = SimpleUploadedFile("maalinger.xlsx", _zip_of_many_parts(201))
    html = client.post(reverse("indicators:import"), {"file": upload}).content.decode()
    assert (
        "Regnearket består af mere end 200 dele; en fil med målinger har langt færre. Gem kun "
        "arket med målingerne." in html
    )
    assert "personaleopgørelse" not in html
    assert not Measurement.objects.exists()
