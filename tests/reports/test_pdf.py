"""The rendered PDF read back as text and as structure: content, Danish, tagged, frozen."""

import hashlib
import io

import pytest
from pypdf import PdfReader

from reports.documents import build_snapshot, render_pdf
from reports.models import Audience, Report
from tests.reports.conftest import correct_closed_status, pdf_text

pytestmark = pytest.mark.django_db


def test_the_omu_report_contains_period_themes_status_text_and_staffing(
    closed_period, administrator
):
    from initiatives.models import Initiative

    update = correct_closed_status(
        closed_period,
        text="Forløbet i Område Grenå kører efter planen med stor deltagelse.",
        user=administrator,
    )
    pdf, pages = render_pdf(build_snapshot(period=closed_period, audience=Audience.OMU))
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Halvårsstatus til OMU" in flat
    assert "1. halvår 2026" in flat
    for title in [
        "Borgeren først",
        "Fundamentet på plads",
        "Mest muligt i eget liv",
        "Helhed og fremtidssikring",
    ]:
        assert title in flat
    assert "Forløbet i Område Grenå kører efter planen med stor deltagelse." in flat
    assert update.initiative.title.split()[0] in flat
    # The staffing appendix in the shape of Bilag 2, Danish decimal commas.
    assert "Bilag: Personalesammensætning" in flat
    assert "Socialpædagog" in flat
    for figure in ["9,89", "21,62", "20,95", "29,70", "10,59"]:  # Bilag 2's FTE figures
        assert figure in flat
    # Totals are computed from the figures (the seed's own totals were rounded separately).
    assert "27,02" in flat and "53,49" in flat and "50,76" in flat and "60,04" in flat
    assert f"Side 1 af {pages}" in flat
    assert f"Side {pages} af {pages}" in flat
    assert Initiative.objects.count() > 20


def test_the_pdf_is_tagged_with_a_structure_tree_title_and_danish_language(closed_period):
    pdf, _ = render_pdf(build_snapshot(period=closed_period, audience=Audience.COMMITTEE))
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "da"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "Status til udvalget" in reader.metadata.title
    struct_types = set()

    def walk(node, depth=0):
        node = node.get_object()
        if "/S" in node:
            struct_types.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is None or depth > 40:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table"} <= struct_types


def test_the_leaders_report_adds_next_steps_and_missing_updates(closed_period):
    text = " ".join(
        pdf_text(
            render_pdf(build_snapshot(period=closed_period, audience=Audience.LEADERS))[0]
        ).split()
    )
    omu = " ".join(
        pdf_text(render_pdf(build_snapshot(period=closed_period, audience=Audience.OMU))[0]).split()
    )
    assert "Halvårsstatus til ledermødet" in text
    assert "Manglende opdateringer" in text
    assert "Manglende opdateringer" not in omu


def test_the_committee_report_suppresses_small_staffing_numbers(closed_period):
    committee = " ".join(
        pdf_text(
            render_pdf(build_snapshot(period=closed_period, audience=Audience.COMMITTEE))[0]
        ).split()
    )
    omu = " ".join(
        pdf_text(render_pdf(build_snapshot(period=closed_period, audience=Audience.OMU))[0]).split()
    )
    # Bilag 2: Social- og sundhedshjælper in Socialpsykiatri is 0,17 FTE.
    assert "0,17" in omu
    assert "0,17" not in committee
    assert "skjult" in committee


def test_an_issued_report_never_changes_when_the_data_changes(
    make_report, closed_period, administrator
):
    report = make_report(Audience.OMU)
    original = report.file.open("rb").read()
    assert hashlib.sha256(original).hexdigest() == report.sha256
    # The half-year is reopened (with a reason) and a status text corrected after the report.
    correct_closed_status(closed_period, text="Ændret bagefter.", user=administrator)
    report.refresh_from_db()
    assert report.file.open("rb").read() == original
    assert "Ændret bagefter." not in str(report.snapshot)
    again = make_report(Audience.OMU)
    assert again.version == report.version + 1
    assert "Ændret bagefter." in str(again.snapshot)


def test_rendering_a_finished_report_again_changes_nothing(make_report):
    from reports.services import report_render

    report = make_report(Audience.LEADERS)
    assert report_render(report_id=report.pk).sha256 == report.sha256
    assert Report.objects.filter(period=report.period, audience=report.audience).count() == 1


def test_the_summary_counts_each_initiative_once(closed_period):
    # The real plan holds 40 initiatives; one ("Udarbejdelse af strategi …") was completed in
    # 2024 and has no update in 1. halvår 2026, so 39 are followed up, each counted once.
    doc = build_snapshot(period=closed_period, audience=Audience.OMU)
    assert doc["totals"]["counts"]["total"] == 39
    per_theme = sum(theme["counts"]["total"] for theme in doc["themes"])
    assert per_theme > 39  # initiatives serve several pejlemærker and count under each
    text = " ".join(pdf_text(render_pdf(doc)[0]).split())
    assert "39 tiltag følges op i 1. halvår 2026. Hvert tiltag tælles én gang" in text
    assert "Hele planen (hvert tiltag" in text  # the total row; its label wraps in the table
