"""The committee's dagsordenpunkt: drafted from the frozen committee report, edited with
history, and downloaded as an accessible .docx (read back with python-docx and the raw XML)."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from meetings.services import agenda_item_draft, report_decision_record

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def item(committee_report, administrator):
    return agenda_item_draft(user=administrator, report=committee_report)


@pytest.mark.django_db
def test_the_draft_follows_the_seeds_structure_with_the_reports_figures(item):
    """The small plan: 3 initiatives followed up in 1. halvår 2026: 1 green, 0 yellow, 1 red,
    1 without an update. Bilag 2: 122,53 of 191,31 FTE trained = 64,05 % (september 2024); no
    target is set."""
    assert item.title == ("Status på Fælles langsigtet strategi for Socialområdet, 1. halvår 2026")
    assert item.legal_basis == "Lov om Social Service"
    assert item.case_route == "SPO"
    assert (
        "I 1. halvår 2026 følges 3 tiltag op: 1 planmæssige (grøn), 0 med risiko (gul) og "
        "1 forsinkede (rød); 1 mangler opdatering."
    ) in item.account
    assert "- Tiltag Rød: risiko → forsinket – kræver handling" in item.account
    assert "- Tiltag Rød (Område Grenå): Rekrutteringen er forsinket." in item.account
    assert (
        "Andelen af faguddannede i botilbuddene er 64,05 % (september 2024); der er ikke "
        "fastsat et måltal."
    ) in item.account
    assert item.recommendation.endswith("indstiller, at orienteringen tages til efterretning.")


@pytest.mark.django_db
def test_sections_are_edited_in_the_app_with_history(client_for, item):
    client = client_for("administrator")
    url = reverse("meetings:agenda_item", args=[item.pk])
    data = {
        "title": "Status på strategien",
        "case_route": "SPO",
        "account": "Første afsnit.\n\n- punkt et\n- punkt to",
        "context": "",
        "economy": "Punktet har ingen økonomiske konsekvenser.",
        "legal_basis": "Lov om Social Service",
        "recommendation": "Direktøren indstiller, at orienteringen tages til efterretning.",
    }
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.account == "Første afsnit.\n\n- punkt et\n- punkt to"
    assert item.history.count() == 2  # the draft, then the edit
    # Without a recommendation nothing is stored (422 with the Danish message).
    response = client.post(url, {**data, "recommendation": "", "title": "Ændret"})
    assert response.status_code == 422
    item.refresh_from_db()
    assert item.title == "Status på strategien"


@pytest.mark.django_db
def test_the_docx_is_accessible_and_holds_the_figures(client_for, item, administrator):
    """Headings are Word's Heading styles, the language is da-DK, title and author are in the
    core properties, the status table's header row is marked and repeated, the chart has alt
    text with the same figures (theme 2: 1 green, 0 yellow, 1 red, 1 missing), lists are
    Word lists, and no paragraph is empty."""
    from docx import Document

    report_decision_record(
        user=administrator,
        report=item.report,
        committee="Områdeudvalg socialområdet",
        decided_on=datetime.date(2027, 3, 14),
        text="Områdeudvalget tog orienteringen til efterretning.",
        absent="Tina Nicolajsen (FOA)\nPia Christensen (DSR)",
    )
    client = client_for("committee_member")
    url = reverse("meetings:agenda_item_docx", args=[item.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = response.content
    document = Document(io.BytesIO(data))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert [h[1] for h in headings] == [
        "Status på Fælles langsigtet strategi for Socialområdet, 1. halvår 2026",
        "Sagsgang",
        "Sagsfremstilling",
        "Sammenhæng til andre politikker/strategier og fagområder",
        "Økonomiske konsekvenser",
        "Lovgrundlag",
        "Indstilling",
        headings[7][1],
        "Bilag",
    ]
    assert headings[7][1] == "Beslutning i Områdeudvalg socialområdet den 14. marts 2027"
    assert headings[0][0] == "Heading 1" and {h[0] for h in headings[1:]} == {"Heading 2"}
    assert document.core_properties.title == headings[0][1]
    assert document.core_properties.author == "Admin Testesen"
    assert document.core_properties.language == "da-DK"
    texts = [p.text for p in document.paragraphs]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Tiltag Rød (Område Grenå): Rekrutteringen er forsinket." in bullets
    assert "Tina Nicolajsen (FOA)" in bullets and "Pia Christensen (DSR)" in bullets
    assert "Lov om Social Service" in texts
    # No empty paragraph for spacing (the chart's paragraph holds the picture).
    for paragraph in document.paragraphs:
        assert paragraph.text.strip() or paragraph._p.xpath(".//w:drawing"), "empty paragraph"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Pejlemærke",
        "Grøn",
        "Gul",
        "Rød",
        "Mangler",
        "I alt",
    ]
    theme_2 = [c.text for c in table.rows[2].cells]
    assert theme_2 == ["2. Fundamentet på plads", "1", "0", "1", "1", "3"]

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert "<w:tblHeader/>" in xml
    assert 'w:lang w:val="da-DK"' in styles
    assert "Pejlemærke 2: 1 grønne, 0 gule, 1 røde, 1 mangler opdatering" in xml, (
        "the chart's alt text (docPr descr) gives the figures"
    )
    assert 'descr="Søjlediagram over trafiklys pr. pejlemærke.' in xml
    assert "<w:numPr>" in styles or "w:numId" in styles  # List Bullet is a numbered (list) style


@pytest.mark.django_db
def test_committee_members_get_404_for_an_unpublished_reports_agenda_item(
    client_for, committee_report, administrator
):
    from reports.models import Report

    unpublished = Report.objects.create(
        period=committee_report.period,
        audience=committee_report.audience,
        version=2,
        requested_by=administrator,
        status=Report.Status.DONE,
        stage=Report.Stage.OMU_APPROVED,
        snapshot=committee_report.snapshot,
        file=committee_report.file.name,
        sha256=committee_report.sha256,
    )
    item = agenda_item_draft(user=administrator, report=unpublished)
    client = client_for("committee_member")
    assert client.get(reverse("meetings:agenda_item_docx", args=[item.pk])).status_code == 404
    assert client.get(reverse("meetings:agenda_item", args=[item.pk])).status_code == 404
    assert (
        client_for("administrator")
        .get(reverse("meetings:agenda_item_docx", args=[item.pk]))
        .status_code
        == 200
    )
    assert AgendaItem.objects.count() == 1


@pytest.mark.django_db
def test_the_docx_of_the_real_plan_renders(strategy_data, administrator, settings, tmp_path):
    import hashlib

    from django.core.files.base import ContentFile

    from initiatives.models import Period
    from initiatives.services import plan_load_demo_status, plan_load_norddjurs
    from meetings.agenda_item import render_docx
    from reports.documents import build_snapshot
    from reports.models import Report
    from staffing.services import staffing_load_bilag2

    settings.MEDIA_ROOT = tmp_path
    plan_load_norddjurs()
    plan_load_demo_status()
    staffing_load_bilag2()
    period = Period.objects.get(year=2026, half=1)
    report = Report.objects.create(
        period=period,
        audience="committee",
        version=1,
        requested_by=administrator,
        status=Report.Status.DONE,
        stage=Report.Stage.PUBLISHED,
        snapshot=build_snapshot(period=period, audience="committee"),
        file=ContentFile(b"%PDF", name="u.pdf"),
        sha256=hashlib.sha256(b"%PDF").hexdigest(),
    )
    item = agenda_item_draft(user=administrator, report=report)
    data = render_docx(item)
    assert data[:2] == b"PK"
