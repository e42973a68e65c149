"""Comparisons as readers read them, on the real plan with its demo statuses (`make run`):
"Skiftet lys" counts a first light after a missing update ("ny: Forsinket") and says how many
got better and worse; page 2 marks a red that was not red last time; a half-year compared
with one that has no status updates says "ingen sammenligning mulig", never "0". Read back
from the committee's PDF with pdftotext; the web's Ændringer page says the same."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from initiatives.models import Period
from initiatives.queries import changes_since_previous
from reports.documents import build_snapshot, render_pdf
from reports.models import Audience

pytestmark = pytest.mark.django_db


def _text(period: Period) -> str:
    pdf, _pages = render_pdf(build_snapshot(period=period, audience=Audience.COMMITTEE))
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().replace("\u00a0", " ").split())


def test_first_lights_after_a_missing_update_count_as_changed(plan):
    """1. halvår 2026 against 2. halvår 2025 (the demo statuses of initiatives/seed.py). Five
    initiatives have an update in both with another light: better are Delprojekt 4 and
    Styrkelse af ledelsen (Risiko → Planmæssigt) and Etablering af flere § 107-pladser
    (Forsinket → Planmæssigt), 3; worse are Kompetenceudvikling i dokumentation og
    mål-arbejde and Fælles ledelsesforløb (Planmæssigt → Risiko), 2. Six were followed up in
    2. halvår 2025 without an update and have a light now (KRAP i Område Grenå, Psykologisk
    tryghed i forandringsprocesser, Delprojekt 1, Gruppebostøtte, Understøttelse af
    arbejdsfællesskaber, SMART-mål): 5 + 6 = 11. Psykologisk tryghed is now Forsinket: new in
    red on page 2."""
    period = Period.objects.get(year=2026, half=1)
    changes = changes_since_previous(period)
    assert changes.comparable
    assert (len(changes.light_changed), changes.better, changes.worse, changes.first) == (
        11,
        3,
        2,
        6,
    )
    text = _text(period)
    assert "11 har skiftet lys (3 bedre, 2 dårligere, 6 nye lys)" in text
    assert (
        "11 har skiftet lys (3 bedre, 2 dårligere, 6 første lys efter en manglende "
        "opdatering). Skiftet lys er et andet trafiklys end sidste halvår eller et første lys "
        "efter en manglende opdatering (”ny”)."
    ) in text
    assert "Psykologisk tryghed i forandringsprocesser: ny: Forsinket – kræver handling" in text
    assert "Psykologisk tryghed i forandringsprocesser (ny i rød)" in text


def test_no_comparison_with_a_half_year_without_statuses(plan, client_for):
    """2. halvår 2025 against 1. halvår 2025, which has no status updates at all: no light is
    compared, and no "0 har skiftet lys" is printed."""
    period = Period.objects.get(year=2025, half=2)
    changes = changes_since_previous(period)
    assert changes.previous.name == "1. halvår 2025"
    assert not changes.comparable and changes.light_changed == []
    text = _text(period)
    assert (
        "Skiftet lys: ingen sammenligning mulig (1. halvår 2025 har ingen statusopdateringer)"
        in text
    )
    assert "Ingen sammenligning mulig (1. halvår 2025 har ingen statusopdateringer)." in text
    assert "0 har skiftet lys" not in text
    page = (
        client_for("omu_member")
        .get(reverse("initiatives:changes") + f"?halvaar={period.pk}")
        .content.decode()
    )
    assert "Ingen sammenligning mulig (1. halvår 2025 har ingen statusopdateringer)." in page
    assert "Skiftet trafiklys (ingen sammenligning mulig)" in page
