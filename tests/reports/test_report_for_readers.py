"""The half-year report as its readers meet it: the summary on page 2, each initiative in its
context, the committee's short version and the layout rules, read back from the printed PDF.

The scenario, by hand (1. halvår 2026 against 2. halvår 2025, both closed):

  initiative                     målsætn.  2. halvår 2025   1. halvår 2026            trend
  Fælles dokumentationspraksis   1.1       yellow 30        green 40                  better, +10
   › Delprojekt 2                2.1, 4.2  green 25         red 20                    worse, −5
  Rekruttering af "nøglefolk"    4.2       yellow 45        yellow 50                 same, +5
  Nyt tilbud                     3.1       –                – (starts 1. kvartal 2026) none

  followed 4 = 1 green + 1 yellow + 1 red + 1 missing; average progress over the 3 that
  reported: (40 + 20 + 50) / 3 = 36,67 → "37 % (3 af 4 tiltag har angivet fremdrift)".
  Changes: 1 new (Nyt tilbud starts in the half-year), 0 completed, 2 changed lights.
  Pejlemærker in focus in 2026 (seed 004): 2, 3 and 4.
  Trained share: Bilag 2 (September 2024) 122,53 / 191,31 = 64,0479… → 64,05 %; an earlier
  snapshot (March 2024) with 10,00 trained of 20,00 FTE is 50,00 %; the change is
  64,0479… − 50 = 14,0479… → +14,05 procentpoint.
"""

from __future__ import annotations

import datetime
import io
import re
import subprocess

import pikepdf
import pytest

from reports import documents
from reports.documents import build_snapshot, render_html, render_pdf
from reports.models import Audience
from staffing.models import StaffGroup
from strategy.models import Objective, Unit
from tests.initiatives.factories import InitiativeFactory, PeriodFactory, StatusUpdateFactory
from tests.staffing.factories import snapshot_with

pytestmark = pytest.mark.django_db


def _objective(code: str) -> Objective:
    theme, number = code.split(".")
    return Objective.objects.get(theme__number=int(theme), number=int(number))


@pytest.fixture
def scenario(strategy_data, monkeypatch):
    from staffing.services import staffing_load_bilag2

    monkeypatch.setattr(documents.timezone, "localdate", lambda: datetime.date(2026, 11, 30))
    staffing_load_bilag2()
    grenaa = Unit.objects.get(name="Område Grenå")
    snapshot_with(
        {
            (grenaa, StaffGroup.objects.get(name="Socialpædagog")): "10.00",
            (grenaa, StaffGroup.objects.get(name="Omsorgs- og pædagogmedhjælper")): "10.00",
        },
        label="marts 2024",
        date=datetime.date(2024, 3, 1),
    )
    before = PeriodFactory(year=2025, half=2)
    now = PeriodFactory(year=2026, half=1)
    ørum = Unit.objects.get(name="Område Ørum")
    parent = InitiativeFactory(
        title="Fælles dokumentationspraksis",
        objectives=[_objective("1.1")],
        responsible_unit=grenaa,
        start_year=2024,
        start_quarter=1,
        end_year=2027,
        end_quarter=4,
        timing_note="Fra 2024 og 3-5 år frem",
    )
    child = InitiativeFactory(
        title="Delprojekt 2",
        parent=parent,
        objectives=[_objective("2.1"), _objective("4.2")],
        responsible_unit=grenaa,
        units=[ørum],
        start_year=2025,
        start_quarter=1,
        end_year=2025,
        end_quarter=4,
        timing_note="Fra foråret 2025",
        conditions="Afhænger af fondsfinansiering.",
    )
    recruiting = InitiativeFactory(
        title='Rekruttering af "nøglefolk"',
        objectives=[_objective("4.2")],
        responsible_unit=ørum,
        start_year=2024,
        start_quarter=3,
    )
    InitiativeFactory(
        title="Nyt tilbud",
        objectives=[_objective("3.1")],
        responsible_unit=grenaa,
        start_year=2026,
        start_quarter=1,
    )
    for initiative, light, progress in [
        (parent, "yellow", 30),
        (child, "green", 25),
        (recruiting, "yellow", 45),
    ]:
        StatusUpdateFactory(
            initiative=initiative, period=before, traffic_light=light, progress=progress
        )
    StatusUpdateFactory(
        initiative=parent,
        period=now,
        traffic_light="green",
        progress=40,
        status_text="Praksis er ens i alle områder. Næste trin er auditering.",
    )
    StatusUpdateFactory(
        initiative=child,
        period=now,
        traffic_light="red",
        progress=20,
        status_text="Projektet er forsinket. Der mangler fondsmidler.",
        next_steps="Søg ny fond.",
    )
    StatusUpdateFactory(
        initiative=recruiting,
        period=now,
        traffic_light="yellow",
        progress=50,
        status_text='Der er risiko for "huller" i vagtplanen. Vi følger op.',
        is_demo=True,
    )
    from django.utils import timezone

    from initiatives.models import Contribution, Period

    # A contribution is written while the half-year is open; then it is closed.
    Period.objects.filter(pk=now.pk).update(is_open=True, closed_at=None)
    Contribution.objects.create(
        initiative=child, period=now, unit=ørum, text="Ørum har lånt to medarbejdere ud."
    )
    Period.objects.filter(pk=now.pk).update(is_open=False, closed_at=timezone.now())
    now.refresh_from_db()
    return now


def _render(period, audience: str, version: int = 2) -> tuple[bytes, int]:
    return render_pdf(build_snapshot(period=period, audience=audience, version=version))


def _page_texts(pdf: bytes) -> list[str]:
    """Each page's text as one line of words (pdftotext, form feed between pages)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return [" ".join(page.split()) for page in out.stdout.decode().split("\f")[:-1]]


def test_page_two_gives_the_picture(scenario):
    pdf, _pages = _render(scenario, Audience.COMMITTEE)
    page = _page_texts(pdf)[1]
    assert page.startswith("Status til udvalget · 1. halvår 2026 Sammenfatning for 1. halvår 2026")
    assert "4 tiltag følges op i 1. halvår 2026. Hvert tiltag tælles én gang." in page
    assert "37 % (3 af 4 tiltag har angivet fremdrift)" in page
    assert "1 Planmæssigt 1 Risiko 1 Forsinket – kræver handling 1 Mangler opdatering" in page
    # Red first, then yellow, each with its unit(s) and only the first sentence.
    # Delprojekt 2 was Planmæssigt in 2. halvår 2025: red is news, and page 2 says so.
    red = page.index("Fælles dokumentationspraksis › Delprojekt 2 (ny i rød) – Område Grenå")
    yellow = page.index("Rekruttering af ”nøglefolk” – Område Ørum (Eksempel)")
    assert red < yellow
    assert "Projektet er forsinket." in page and "Der mangler fondsmidler" not in page
    assert "Der er risiko for ”huller” i vagtplanen." in page and "Vi følger op" not in page
    # Three boxes side by side: their headings come first in the text, then their contents.
    assert "Ændret siden 2. halvår 2025 Pejlemærker i fokus Andel faguddannede" in page
    # Fælles dokumentationspraksis Gul → Grøn (better), Delprojekt 2 Grøn → Rød (worse).
    assert "1 nyt tiltag 0 afsluttede 2 har skiftet lys (1 bedre, 1 dårligere, 0 nye lys)" in page
    assert "2. Fundamentet på plads 3. Mest muligt i eget liv 4. Helhed og fremtidssikring" in page
    assert "64,05 % (september 2024)" in page
    assert "Forrige opgørelse (marts 2024): 50,00 %, ændring +14,05 procentpoint." in page
    # The green initiative is in the totals, not in the lists.
    assert "Fælles dokumentationspraksis –" not in page


def test_the_change_counts_link_to_their_sections(scenario):
    pdf, _pages = _render(scenario, Audience.OMU)
    texts = _page_texts(pdf)
    document = pikepdf.open(io.BytesIO(pdf))
    page_numbers = {page.objgen: n for n, page in enumerate(document.pages)}
    named = pikepdf.NameTree(document.Root.Names.Dests)
    targets = {}
    for page in document.pages[1:2]:
        for annot in page.get("/Annots", []):
            destination = annot.get("/Dest") or annot.A.D
            if isinstance(destination, pikepdf.String):
                destination = named[str(destination)]
            targets[str(annot.Contents)] = page_numbers[destination[0].objgen]
    changed = "2 har skiftet lys (1 bedre, 1 dårligere, 0 nye lys)"
    assert set(targets) >= {"1 nyt tiltag", "0 afsluttede", changed}
    assert "Nye tiltag • Nyt tilbud" in texts[targets["1 nyt tiltag"]]
    assert "Skiftet lys" in texts[targets[changed]]
    # The red list links to where the initiative is printed.
    red = texts[targets["Fælles dokumentationspraksis › Delprojekt 2"]]
    assert "Fælles dokumentationspraksis › Delprojekt 2" in red


def test_each_initiative_stands_in_its_context(scenario):
    pdf, _pages = _render(scenario, Audience.OMU)
    text = " ".join(_page_texts(pdf)[2:])
    assert (
        "Fælles dokumentationspraksis › Delprojekt 2 Ansvarlig: Område Grenå · "
        "Deltager: Område Ørum · "
        "Tidsplan: 1. kvartal 2025 – 4. kvartal 2025 (kilden: ”Fra foråret 2025”) "
        "Forsinket – kræver handling · 20 % gennemført · udvikling: dårligere, −5 procentpoint "
        "· I gang · Overskredet" in text
    )
    assert "Forudsætning: Afhænger af fondsfinansiering." in text
    assert "Næste skridt: Søg ny fond." in text
    assert "Bidrag fra Område Ørum: Ørum har lånt to medarbejdere ud." in text
    assert "Tjener målsætning 2.1, 4.2" in text
    assert (
        "Tidsplan: 1. kvartal 2024 – 4. kvartal 2027 (kilden: ”Fra 2024 og 3–5 år frem”) "
        "Planmæssigt · 40 % gennemført · udvikling: bedre, +10 procentpoint · I gang" in text
    )
    assert (
        "Risiko · 50 % gennemført · udvikling: uændret, +5 procentpoint · I gang · Eksempel" in text
    )
    # A sub-project printed under both its målsætninger in the full version.
    assert text.count("Fælles dokumentationspraksis › Delprojekt 2 Ansvarlig: Område Grenå") == 2
    # The new initiative has no update: no trend, and it is missing.
    assert re.search(
        r"Nyt tilbud Ansvarlig: Område Grenå · Tidsplan: fra 1\. kvartal 2026 Mangler opdatering",
        text,
    )


def test_the_committee_reads_each_initiative_once_without_next_steps(scenario):
    pdf, _pages = _render(scenario, Audience.COMMITTEE)
    text = " ".join(_page_texts(pdf))
    start = text.index("Tiltag pr. pejlemærke Hvert tiltag står én gang")
    section = text[start : text.index("Ændret siden sidste halvår Sammenligning")]
    assert section.count("Delprojekt 2") == 1
    assert "Delprojekt 2 – Område Grenå" in section
    assert "Bidrag fra" not in text  # contributions are for staff
    assert "Tjener også 4.2" in section
    assert "Næste skridt" not in text and "Søg ny fond" not in text
    assert "Der mangler fondsmidler" not in text  # the first sentence only


def test_the_cover_says_when_and_which_version(scenario):
    pdf, _pages = _render(scenario, Audience.OMU, version=2)
    assert "Dannet 30. november 2026 · version 2" in _page_texts(pdf)[0]
    draft, _ = _render(scenario, Audience.OMU, version=0)
    assert "Dannet 30. november 2026 · udkast, ikke udsendt" in _page_texts(draft)[0]


def test_every_page_after_the_cover_carries_the_title_and_half_year(scenario):
    pdf, _pages = _render(scenario, Audience.LEADERS)
    texts = _page_texts(pdf)
    assert texts[0].startswith("Norddjurs Kommune · Socialområdet Halvårsstatus til ledermødet")
    assert all(t.startswith("Halvårsstatus til ledermødet · 1. halvår 2026") for t in texts[1:])


def test_dates_and_counts_never_break_inside(scenario):
    html = render_html(build_snapshot(period=scenario, audience=Audience.OMU, version=1))
    assert '<span class="nowrap">30. november 2026</span>' in html
    assert '<span class="nowrap">1. januar 2026</span> – <span class="nowrap">30. juni 2026' in html
    # Quarters and dates inside texts: no break between their words.
    assert "Tidsplan: 1.\u00a0kvartal\u00a02025 – 4.\u00a0kvartal\u00a02025" in html
    assert "den 16.\u00a0januar\u00a02024" in html
    assert "3&nbsp;af&nbsp;4 tiltag har angivet fremdrift" in html


def _headings_ending_pages(pdf_document) -> list[str]:
    """Headings that are the last block on a page (WeasyPrint's laid-out boxes)."""
    blocks = {"h1", "h2", "h3", "h4", "p", "li", "tr", "caption", "dt", "dd", "svg", "ul"}
    ending = []
    for page in pdf_document.pages:
        last = None
        stack = [page._page_box]
        while stack:
            box = stack.pop(0)
            tag = getattr(box, "element_tag", None)
            # A motto or a målsætning's average belongs to the heading above it.
            attached = {"motto", "objective-progress"} & set(
                (box.element.get("class", "") if box.element is not None else "").split()
            )
            if (
                tag in blocks
                and box.element is not None
                and (tag != "ul" or not len(box.element))
                and not attached
            ):
                last = box
            stack[0:0] = list(getattr(box, "children", []))
        if last is not None and last.element_tag in {"h1", "h2", "h3", "h4"}:
            ending.append(" ".join("".join(last.element.itertext()).split()))
    return ending


def test_the_heading_check_sees_a_heading_that_ends_a_page():
    from weasyprint import HTML

    html = '<p>Før</p><h3 style="break-after: page">Alene</h3><p>Efter</p>'
    assert _headings_ending_pages(HTML(string=html).render()) == ["Alene"]


@pytest.mark.parametrize("audience", [Audience.LEADERS, Audience.OMU, Audience.COMMITTEE])
def test_no_heading_ends_a_page_of_the_real_plan(plan, audience):
    from weasyprint import HTML

    from initiatives.models import Period

    period = Period.objects.get(year=2026, half=1)
    html = render_html(build_snapshot(period=period, audience=audience, version=1))
    document = HTML(
        string=html, base_url=str(documents.settings.BASE_DIR), url_fetcher=None
    ).render()
    assert _headings_ending_pages(document) == []


def test_the_committee_version_of_the_real_plan_fits_in_nine_pages(plan):
    """Eight until the changed lights counted the six first lights after a missing update
    (1. halvår 2026: 11 instead of 5), which pushed the indicator table onto a page of its own."""
    from initiatives.models import Period

    for period in Period.objects.filter(closed_at__isnull=False):
        pdf, pages = render_pdf(build_snapshot(period=period, audience=Audience.COMMITTEE))
        assert pages <= 9, (str(period), pages)
        sizes = {
            tuple(sorted(round(float(v)) for v in page.MediaBox[2:]))
            for page in pikepdf.open(io.BytesIO(pdf)).pages
        }
        assert sizes == {(595, 842)}  # A4, portrait or landscape
    omu = render_pdf(build_snapshot(period=period, audience=Audience.OMU))[1]
    assert omu > pages  # OMU keeps full detail


def test_danish_typography():
    from core.text import danish_typography, first_sentence

    assert danish_typography('Han sagde "ja" - to gange, 3-5 år...') == (
        "Han sagde ”ja” – to gange, 3–5 år…"
    )
    assert danish_typography("§ 107-pladser i 2024-2026") == "§ 107-pladser i 2024–2026"
    assert danish_typography("16. januar 2024 og 3. kvartal 2024") == (
        "16.\u00a0januar\u00a02024 og 3.\u00a0kvartal\u00a02024"
    )
    assert first_sentence("Vi er i gang, bl.a. med VUM. Det går fint.") == (
        "Vi er i gang, bl.a. med VUM."
    )
    assert first_sentence("Kun én sætning uden punktum") == "Kun én sætning uden punktum"
    assert first_sentence("") == ""


def test_the_trend_is_defined_once():
    from initiatives.models import StatusUpdate
    from initiatives.queries import Trend, trend_between

    def update(light: str, progress: int) -> StatusUpdate:
        return StatusUpdate(traffic_light=light, progress=progress)

    assert trend_between(update("red", 10), update("yellow", 25)) == Trend(Trend.BETTER, 15)
    assert trend_between(update("green", 60), update("yellow", 55)) == Trend(Trend.WORSE, -5)
    assert trend_between(update("yellow", 30), update("yellow", 30)) == Trend(Trend.SAME, 0)
    assert trend_between(None, update("green", 10)) is None
    assert trend_between(update("green", 10), None) is None


@pytest.mark.parametrize(
    ("light", "rgb"), [("green", (29, 107, 52)), ("yellow", (122, 90, 0)), ("red", (163, 32, 27))]
)
def test_traffic_light_icons_print_in_their_colour(light, rgb, tmp_path):
    """An icon alone, in black text: the PDF must still draw it in the light's colour."""
    from PIL import Image
    from weasyprint import HTML

    from initiatives.templatetags.initiative_display import _ICONS

    html = f'<p style="color: black; font-size: 40pt">{_ICONS[light]}</p>'.replace(
        'width="14" height="14"', 'width="60" height="60"'
    )
    (tmp_path / "icon.pdf").write_bytes(HTML(string=html).write_pdf())
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-singlefile", tmp_path / "icon.pdf", tmp_path / "icon"],
        check=True,
    )
    pixels = list(Image.open(tmp_path / "icon.png").convert("RGB").getdata())
    coloured = [p for p in pixels if all(abs(a - b) <= 12 for a, b in zip(p, rgb, strict=True))]
    black = [p for p in pixels if max(p) < 40]
    assert len(coloured) > 50 and not black


def test_page_two_gives_the_indicators_and_the_political_target(scenario):
    """Bilag 2's 64,05 % against a target of 70 % by 31 December 2027 set by an administrator;
    the other eight indicators (four areas without a target, four with no values yet) have
    no data, so 1 of 9 is on track."""
    from decimal import Decimal

    from indicators.models import Computed, Indicator, Target
    from indicators.services import indicators_load_norddjurs

    indicators_load_norddjurs()
    overall = Indicator.objects.get(computed=Computed.TRAINED_SHARE, computed_area=None)
    Target.objects.create(indicator=overall, value=Decimal("70"), date=datetime.date(2027, 12, 31))
    pdf, _pages = _render(scenario, Audience.COMMITTEE)
    page = _page_texts(pdf)[1]
    assert "Indikatorer: 1 af 9 på sporet, 0 i risiko, 0 bagud, 8 uden data." in page
    assert "Politisk mål: 70,00 % senest 31. december 2027." in page
    text = " ".join(_page_texts(pdf))
    assert "Indikatorer 1. halvår 2026: 1 af 9 indikatorer er på sporet" in text
