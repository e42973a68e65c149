"""Import: upload, preview, confirm; every error case stores nothing; export → import round trip."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from accounts.models import AuditEvent
from staffing.models import StaffingFigure, StaffingSnapshot
from staffing.spreadsheets import MAX_UPLOAD_BYTES, parse_upload
from staffing.tables import snapshot_table
from staffing.views import PENDING_IMPORT

GRENAA, OERUM = "Område Grenå", "Område Ørum"


def xlsx(rows: list[list], sheet: str = "Personale", first_sheets: tuple[str, ...] = ()) -> bytes:
    workbook = Workbook()
    for name in first_sheets:
        workbook.create_sheet(name, 0).append(["Forside", "Noget helt andet"])
    sheet_ = workbook["Sheet"]
    sheet_.title = sheet
    for row in rows:
        sheet_.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


@pytest.fixture
def admin_client(client, administrator, bilag2):
    client.force_login(administrator)
    return client


def upload(client, name: str, content: bytes, *, label="marts 2025", date="2025-03-31"):
    return client.post(
        reverse("staffing:import"),
        {"file": SimpleUploadedFile(name, content), "label": label, "date": date, "note": "Test"},
    )


def confirm(client, action: str = "confirm", **extra):
    """The confirm form as the preview page sends it: with the preview's id and file hash."""
    pending = client.session[PENDING_IMPORT]
    return client.post(
        reverse("staffing:import_confirm"),
        {"action": action, "preview": pending["id"], "sha256": pending["sha256"], **extra},
    )


def assert_nothing_stored(client) -> None:
    assert StaffingSnapshot.objects.count() == 1  # only Bilag 2
    assert StaffingFigure.objects.count() == 27
    assert PENDING_IMPORT not in client.session


ERROR_CASES = {
    "not a number": (
        "tal.csv",
        csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;abc\n"),
        ["Række 2, kolonne B: »abc« er ikke et tal."],
    ),
    "a date is not a number": (
        "tal.xlsx",
        xlsx([["Faggruppe", GRENAA], ["Socialpædagog", datetime.date(2024, 1, 1)]]),
        ["Række 2, kolonne B: »2024-01-01"],
    ),
    "negative": (
        "tal.csv",
        csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;-2,50\n"),
        ["Række 2, kolonne B: -2,50 er negativt; fuldtidspersoner kan ikke være negative."],
    ),
    "unreasonably large": (
        "tal.xlsx",
        xlsx([["Faggruppe", GRENAA], ["Socialpædagog", 1500]]),
        ["Række 2, kolonne B: 1.500,00 er urimeligt stort"],
    ),
    "unknown area": (
        "tal.csv",
        csv_bytes(f"Faggruppe;{GRENAA};Område Aarhus\nSocialpædagog;2;3\n"),
        ["Række 1, kolonne C: Ukendt område »Område Aarhus«. Kendte områder: Socialpsykiatri"],
    ),
    "unknown group": (
        "tal.csv",
        csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;2\nPilot;3\n"),
        ["Række 3, kolonne A: Ukendt faggruppe »Pilot«. Kendte faggrupper:"],
    ),
    "duplicate group": (
        "tal.csv",
        csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;2\nSocialpædagog;3\n"),
        ["Række 3, kolonne A: Faggruppen »Socialpædagog« står også i række 2."],
    ),
    "duplicate area": (
        "tal.csv",
        csv_bytes(f"Faggruppe;{GRENAA};{GRENAA}\nSocialpædagog;2;3\n"),
        [f"Række 1, kolonne C: Området »{GRENAA}« står også i kolonne B."],
    ),
    "duplicate in the long shape": (
        "lang.csv",
        csv_bytes(
            f"Område;Faggruppe;Fuldtidspersoner\n{GRENAA};Socialpædagog;2\n"
            f"{GRENAA};Socialpædagog;3\n"
        ),
        [f"Række 3, kolonne B: {GRENAA} / Socialpædagog står også i række 2."],
    ),
    "unknown area and group in the long shape": (
        "lang.csv",
        csv_bytes("Område;Faggruppe;Fuldtidspersoner\nÅrhus;Pilot;2\n"),
        ["Række 2, kolonne A: Ukendt område »Århus«", "Række 2, kolonne B: Ukendt faggruppe"],
    ),
    "empty file": ("tom.csv", b"", ["Den indsendte fil er tom."]),
    "only blank lines": ("tom.csv", b"\n;;\n\n", ["Filen er tom."]),
    "empty sheet": ("tom.xlsx", xlsx([]), ["Arket »Personale« er tomt."]),
    "no figures": (
        "nul.csv",
        csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;0\nSygehjælper;-\n"),
        ["Filen indeholder ingen tal"],
    ),
    "wrong sheet": (
        "ark.xlsx",
        xlsx([["Noter"], ["intet her"]], sheet="Data", first_sheets=("Forside",)),
        [
            "Arket »Forside« ligner ikke en personaleopgørelse",
            "Filen har arkene »Forside«, »Data«; læg tallene i arket »Personale«.",
        ],
    ),
    "not a spreadsheet at all": (
        "rapport.pdf",
        b"%PDF-1.7\n%binary",
        ["Filen er ikke et regneark. Brug .xlsx (Excel) eller .csv."],
    ),
    "text pretending to be xlsx": (
        "tal.xlsx",
        b"Faggruppe;Grenaa\n",
        ["Filen er ikke et Excel-regneark (.xlsx), selv om navnet siger det."],
    ),
    "a broken xlsx": (
        "tal.xlsx",
        b"PK\x03\x04" + b"\x00" * 200,
        ["Filen er ikke et Excel-regneark (.xlsx)"],
    ),
    "binary pretending to be csv": (
        "tal.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ["Filen er ikke et regneark."],
    ),
    "a zip bomb": ("bombe.xlsx", zip_bomb(), ["Regnearket er for stort udpakket"]),
    "an old xls": ("tal.xls", b"\xd0\xcf\x11\xe0", ["Gamle .xls-filer skal gemmes som .xlsx."]),
    "over the size limit": (
        "stor.csv",
        b"a" * (MAX_UPLOAD_BYTES + 1),
        ["Filen fylder 2,1 MB; den må højst fylde 2 MB."],
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_a_bad_file_is_refused_in_danish_and_nothing_is_stored(admin_client, case):
    name, content, messages = ERROR_CASES[case]
    response = upload(admin_client, name, content)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Filen kan ikke importeres" in html and "Intet er gemt" in html
    for message in messages:
        assert message in html
    assert_nothing_stored(admin_client)


@pytest.mark.django_db
def test_every_problem_in_a_file_is_listed_at_once(admin_client):
    content = csv_bytes(
        f"Faggruppe;{GRENAA};{OERUM}\nSocialpædagog;abc;-1\nPilot;2;3\nSygeplejerske;2;5000\n"
    )
    html = upload(admin_client, "fejl.csv", content).content.decode()
    for message in [
        "Række 2, kolonne B: »abc« er ikke et tal.",
        "Række 2, kolonne C: -1,00 er negativt",
        "Række 3, kolonne A: Ukendt faggruppe »Pilot«",
        "Række 4, kolonne C: 5.000,00 er urimeligt stort",
    ]:
        assert message in html
    assert_nothing_stored(admin_client)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "date", "message"),
    [
        ("September 2024", "2025-03-31", "Der findes allerede en opgørelse med den betegnelse."),
        ("marts 2025", "2024-09-30", "Der findes allerede en opgørelse pr. den dato."),
        ("marts 2025", "31/13/2025", "Indtast en gyldig dato."),
    ],
)
def test_a_taken_label_or_date_is_refused(admin_client, label, date, message):
    content = csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;2\n")
    response = upload(admin_client, "tal.csv", content, label=label, date=date)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    # The message is linked to its input by Django's own ids.
    field = "label" if "betegnelse" in message else "date"
    assert f'<ul class="errorlist" id="id_{field}_error">' in html
    linked = re.search(rf'<input[^>]*aria-describedby="[^"]*id_{field}_error"[^>]*>', html)
    assert linked and 'aria-invalid="true"' in linked.group(0)
    assert_nothing_stored(admin_client)


@pytest.mark.django_db
def test_bilag2_as_printed_imports_with_decimal_commas_and_dashes(admin_client, groups, areas):
    content = csv_bytes(
        f"Faggruppe;Socialpsykiatri;{OERUM}\n"
        "Omsorgs- og pædagogmedhjælper;2,78 (10,29 %);21,62 (40,42 %)\n"
        "Pædagogisk assistent;-;0,81\n"
        "Øvrigt personale*;3.43;\n"
        "Fuldtidspersoner i alt;999;999\n"
        "* Omfatter hjemmevejleder m.fl.;;\n",
        encoding="cp1252",
    )
    response = upload(admin_client, "bilag2.csv", content)
    assert response.status_code == 302
    assert response["Location"] == reverse("staffing:import_confirm")
    preview = admin_client.get(response["Location"]).content.decode()
    assert "Forhåndsvisning" in preview and "2,78" in preview
    # The file's totals (999) are shown beside the sums (2,78 + 3,43 = 6,21), never stored.
    assert '<td class="num">999,00</td><td class="num">6,21</td>' in preview
    assert "bilag2.csv" in preview
    assert StaffingSnapshot.objects.count() == 1  # nothing stored before confirming
    response = confirm(admin_client)
    snapshot = StaffingSnapshot.objects.get(label="marts 2025")
    assert response["Location"] == snapshot.get_absolute_url()
    assert snapshot_table(snapshot).figures() == {
        ("Socialpsykiatri", "Omsorgs- og pædagogmedhjælper"): Decimal("2.78"),
        ("Socialpsykiatri", "Øvrigt personale"): Decimal("3.43"),
        (OERUM, "Omsorgs- og pædagogmedhjælper"): Decimal("21.62"),
        (OERUM, "Pædagogisk assistent"): Decimal("0.81"),
    }
    assert snapshot.created_by.username == "admin_user"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.IMPORT)
    assert event.details == {"filename": "bilag2.csv", "shape": "bilag2", "figures": 4}
    assert PENDING_IMPORT not in admin_client.session


@pytest.mark.django_db
def test_the_long_shape_imports_from_xlsx(admin_client):
    content = xlsx(
        [
            ["Område", "Faggruppe", "Fuldtidspersoner"],
            [GRENAA, "Socialpædagog", 21.5],
            [GRENAA, "Sygeplejerske", "1,25"],
            [OERUM, "Socialpædagog", 12],
        ]
    )
    assert upload(admin_client, "lang.xlsx", content).status_code == 302
    confirm(admin_client)
    assert snapshot_table(StaffingSnapshot.objects.get(label="marts 2025")).figures() == {
        (GRENAA, "Socialpædagog"): Decimal("21.50"),
        (GRENAA, "Sygeplejerske"): Decimal("1.25"),
        (OERUM, "Socialpædagog"): Decimal("12.00"),
    }


@pytest.mark.django_db
def test_confirming_stores_what_was_previewed_not_what_the_form_says(admin_client):
    upload(admin_client, "tal.csv", csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;2\n"))
    confirm(admin_client, label="snyd", figures="[[1, 1, '999']]")
    snapshot = StaffingSnapshot.objects.get(label="marts 2025")
    assert snapshot_table(snapshot).figures() == {(GRENAA, "Socialpædagog"): Decimal("2.00")}
    assert not StaffingSnapshot.objects.filter(label="snyd").exists()


@pytest.mark.django_db
def test_cancelling_the_preview_stores_nothing(admin_client):
    upload(admin_client, "tal.csv", csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;2\n"))
    response = confirm(admin_client, "cancel")
    assert response["Location"] == reverse("staffing:import")
    assert_nothing_stored(admin_client)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT).exists()


@pytest.mark.django_db
def test_an_export_imports_back_to_the_same_figures(admin_client, bilag2):
    export = admin_client.get(reverse("staffing:export", args=[bilag2.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="personale-september-2024.xlsx"' in export["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames == ["Personale", "Procent", "Om tallene"]
    assert workbook["Personale"]["B2"].value == 2.78
    response = upload(admin_client, "personale-september-2024.xlsx", export.content)
    assert response.status_code == 302
    confirm(admin_client)
    copy = StaffingSnapshot.objects.get(label="marts 2025")
    assert snapshot_table(copy).figures() == snapshot_table(bilag2).figures()
    assert len(snapshot_table(copy).figures()) == 27
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.EXPORT, target=f"staffing snapshot {bilag2.pk}: september 2024"
    ).exists()


@pytest.mark.django_db
def test_the_confirm_page_without_a_pending_import_goes_back_to_the_upload(admin_client):
    response = admin_client.get(reverse("staffing:import_confirm"))
    assert response["Location"] == reverse("staffing:import")


@pytest.mark.django_db
def test_a_leader_cannot_upload_a_file(client, leader_a, bilag2):
    client.force_login(leader_a)
    response = upload(client, "tal.csv", csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;2\n"))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.ACCESS_DENIED, target="staffing import"
    ).exists()
    assert StaffingSnapshot.objects.count() == 1


@pytest.mark.django_db
@given(
    values=st.lists(
        st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False), min_size=8, max_size=8
    ),
    decimal_comma=st.booleans(),
)
@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_figures_written_in_bilag2_shape_read_back_exactly(
    bilag2, groups, areas, values, decimal_comma
):
    names = list(groups)
    lines = [f"Faggruppe;{GRENAA}"]
    for name, value in zip(names, values, strict=True):
        text = str(value).replace(".", ",") if decimal_comma else str(value)
        lines.append(f"{name};{text}")
    parsed = parse_upload(SimpleUploadedFile("tal.csv", "\n".join(lines).encode()))
    expected = {
        (areas[GRENAA].pk, groups[name].pk): value
        for name, value in zip(names, values, strict=True)
        if value
    }
    if expected:
        assert parsed.ok, parsed.problems
        assert parsed.figures == expected
    else:
        assert [str(p) for p in parsed.problems] == [
            "Filen indeholder ingen tal (alle celler er tomme eller 0)."
        ]


@pytest.mark.django_db
def test_the_preview_shows_each_areas_file_total_beside_the_sum_and_warns_when_they_differ(
    admin_client,
):
    """Ørum: 20,00 + 33,20 = 53,20 against the file's 55,00, a difference of 53,20 − 55,00 =
    −1,80; Grenå: 10,00 against 10,00 agrees. The figures are stored, the totals never."""
    content = csv_bytes(
        f"Faggruppe;{OERUM};{GRENAA}\n"
        "Socialpædagog;20,00;10,00\n"
        "Omsorgs- og pædagogmedhjælper;33,20;-\n"
        "Fuldtidspersoner i alt;55,00;10,00\n"
    )
    assert upload(admin_client, "totaler.csv", content).status_code == 302
    preview = admin_client.get(reverse("staffing:import_confirm")).content.decode()
    assert "Filens totaler stemmer ikke med summen af dens tal." in preview
    assert (
        f'<tr class="large-jump"><th scope="row">{OERUM}</th><td class="num">55,00</td>'
        '<td class="num">53,20</td><td class="num">−1,80 <strong class="jump-mark">'
        "Stemmer ikke</strong></td></tr>"
    ) in preview
    assert (
        f'<tr><th scope="row">{GRENAA}</th><td class="num">10,00</td><td class="num">10,00</td>'
        '<td class="num">Stemmer</td></tr>'
    ) in preview
    assert "Gem opgørelsen, selv om totalerne ikke stemmer" in preview
    saved = confirm(admin_client)
    response = admin_client.get(saved["Location"])
    assert (
        "Opgørelsen marts 2025 er gemt med 3 tal. Filens totaler stemmer ikke med tallene for "
        f"{OERUM}; totalerne er beregnet ud fra tallene."
    ) in response.content.decode()
    snapshot = StaffingSnapshot.objects.get(label="marts 2025")
    assert snapshot_table(snapshot).figures() == {
        (OERUM, "Socialpædagog"): Decimal("20.00"),
        (OERUM, "Omsorgs- og pædagogmedhjælper"): Decimal("33.20"),
        (GRENAA, "Socialpædagog"): Decimal("10.00"),
    }


@pytest.mark.django_db
def test_agreeing_totals_give_no_warning(admin_client):
    content = csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;2,50\nI alt;2,50\n")
    upload(admin_client, "tal.csv", content)
    preview = admin_client.get(reverse("staffing:import_confirm")).content.decode()
    assert "Filens totaler stemmer ikke" not in preview
    assert '<td class="num">2,50</td><td class="num">2,50</td><td class="num">Stemmer</td>' in (
        preview
    )


@pytest.mark.django_db
def test_the_preview_shows_the_change_from_the_previous_snapshot_and_marks_large_jumps(
    admin_client,
):
    """Against Bilag 2 (september 2024, the snapshot before 31 March 2025): Ørum's
    Socialpædagog 12,97 → 129,70 is +116,73 (a typo: ≥ 1,00 and ≥ 25 % of 12,97), marked;
    its Omsorgs- og pædagogmedhjælper 21,62 → 22,00 is +0,38, below 1,00, not marked.
    Share points: 129,70 / 151,70 = 85,50 %, was 12,97 / 53,49 = 24,25 %, +61,25 pp;
    22,00 / 151,70 = 14,50 %, was 21,62 / 53,49 = 40,42 %, −25,92 pp."""
    content = csv_bytes(
        f"Faggruppe;{OERUM}\nSocialpædagog;129,70\nOmsorgs- og pædagogmedhjælper;22,00\n"
    )
    upload(admin_client, "hop.csv", content)
    preview = admin_client.get(reverse("staffing:import_confirm")).content.decode()
    assert "Fra september 2024 til marts 2025" in preview
    assert (
        '<td class="num large-jump">12,97 → 129,70<span class="change">+116,73</span>'
        '<span class="change">+61,25 pp</span><strong class="jump-mark">Stor ændring</strong>'
        "</td>"
    ) in preview
    assert (
        '<td class="num">21,62 → 22,00<span class="change">+0,38</span>'
        '<span class="change">−25,92 pp</span></td>'
    ) in preview
    assert "De er markeret ”Stor ændring” i sammenligningen nedenfor." in preview


@pytest.mark.django_db
def test_bilag2s_second_header_row_of_institution_names_is_recognised_and_skipped(admin_client):
    content = csv_bytes(
        f";Socialpsykiatri;{OERUM}\n"
        ";Dolmer Have og bofællesskaberne i Glesborg;Åparken, Kornvænget\n"
        "Socialpædagog;9,89;12,97\n"
    )
    assert upload(admin_client, "bilag2.csv", content).status_code == 302
    preview = admin_client.get(reverse("staffing:import_confirm")).content.decode()
    assert (
        "Række 2 har institutionernes navne under områderne (Bilag 2&#x27;s anden "
        "overskriftsrække) og er sprunget over."
    ) in preview
    confirm(admin_client)
    assert snapshot_table(StaffingSnapshot.objects.get(label="marts 2025")).figures() == {
        ("Socialpsykiatri", "Socialpædagog"): Decimal("9.89"),
        (OERUM, "Socialpædagog"): Decimal("12.97"),
    }


@pytest.mark.django_db
def test_formulas_without_values_are_listed_with_every_other_error_only_where_figures_are_read(
    admin_client,
):
    """B2 is text, B3 a formula without a cached value: both listed. B4 (the totals row the
    page says is skipped) and B5 (a footnote, also skipped) hold such formulas too: not
    reported."""
    content = xlsx(
        [
            ["Faggruppe", GRENAA],
            ["Socialpædagog", "abc"],
            ["Sygehjælper", "=B2*2"],
            ["Fuldtidspersoner i alt", "=SUM(B2:B3)"],
            ["* Note", "=LEN(A2)"],
        ]
    )
    response = upload(admin_client, "formler.xlsx", content)
    assert response.status_code == 422
    problems = re.findall(r"<li>(Række [^<]*)</li>", response.content.decode())
    assert problems == [
        "Række 2, kolonne B: »abc« er ikke et tal.",
        "Række 3, kolonne B: Cellen har en formel uden en beregnet værdi. Åbn filen i Excel, "
        "og gem den igen, så værdien bliver beregnet, eller skriv tallet i stedet for formlen.",
    ]
    assert_nothing_stored(admin_client)


def test_confirming_a_preview_replaced_in_another_tab_is_refused_and_stores_nothing(
    admin_client,
):
    """Tab A previews file A (2 FTE); tab B uploads file B (7 FTE); tab A confirms with A's
    preview id and hash: refused with 409, nothing stored, the page shows B's preview. B's
    own confirmation then stores B."""
    upload(admin_client, "a.csv", csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;2\n"))
    tab_a = dict(admin_client.session[PENDING_IMPORT])
    upload(admin_client, "b.csv", csv_bytes(f"Faggruppe;{GRENAA}\nSocialpædagog;7\n"))
    assert tab_a["sha256"] != admin_client.session[PENDING_IMPORT]["sha256"]

    refused = admin_client.post(
        reverse("staffing:import_confirm"),
        {"action": "confirm", "preview": tab_a["id"], "sha256": tab_a["sha256"]},
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "er erstattet af en nyere upload" in page and "Intet er gemt" in page
    assert "b.csv" in page
    assert StaffingSnapshot.objects.count() == 1  # only Bilag 2

    confirm(admin_client)
    snapshot = StaffingSnapshot.objects.get(label="marts 2025")
    assert snapshot_table(snapshot).figures() == {(GRENAA, "Socialpædagog"): Decimal("7.00")}
