"""The real development plan is loaded from the source documents, and loading is idempotent."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from initiatives import seed
from initiatives.models import FocusArea, Initiative, Period, StatusUpdate
from initiatives.services import plan_load_demo_status, plan_load_norddjurs

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "kilder"


def _normalised(name: str) -> str:
    text = (SOURCES / name).read_text()
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def plan(strategy_data):
    plan_load_norddjurs()


def _get(title: str) -> Initiative:
    return Initiative.objects.prefetch_related("units", "objectives__theme").get(title=title)


def _codes(initiative: Initiative) -> set[str]:
    return {o.code for o in initiative.objectives.all()}


def _units(initiative: Initiative) -> set[str]:
    return {u.name for u in initiative.units.all()}


@pytest.mark.django_db
def test_it_loads_the_six_focus_areas_in_the_notes_order(plan):
    assert list(FocusArea.objects.values_list("name", flat=True)) == [
        "Faglighed og kompetenceudvikling",
        "Arbejdskultur og arbejdsmiljø",
        "Økonomi og styring",
        "Driftsnær og borgerorienteret faglig ledelse",
        "Administrativ understøttelse",
        "Kommunikation og transparens",
    ]


@pytest.mark.django_db
def test_krap_is_for_omraade_grenaa_from_autumn_2024(plan):
    krap = _get("Kompetenceudviklingsforløb i KRAP for alle medarbejdere i Område Grenå")
    assert krap.responsible_unit.name == "Område Grenå"
    assert _units(krap) == set()
    assert krap.start_year == 2024
    assert krap.timing_note == "Opstart i efteråret 2024"
    assert krap.focus_area.name == "Faglighed og kompetenceudvikling"
    assert "4.2" in _codes(krap)


@pytest.mark.django_db
def test_the_autism_plan_with_via_depends_on_fund_financing(plan):
    parent = _get("Samlet udviklingsplan for arbejdet med borgere med autisme")
    children = {c.title: c for c in parent.children.all()}
    key_staff = children["Fælles kompetenceudvikling for nøglemedarbejdere i autisme"]
    assert key_staff.start_label == "4. kvartal 2024"
    via = children["Kompetenceudviklingsforløb i autisme i samarbejde med VIA"]
    assert "fondsfinansiering" in via.conditions
    assert via.lifecycle_status == Initiative.Lifecycle.NOT_STARTED


@pytest.mark.django_db
def test_the_documentation_project_has_four_sub_projects_the_first_on_goals(plan):
    project = _get("Styrket, ensartet og borgernær dokumentationspraksis")
    titles = list(project.children.order_by("order").values_list("title", flat=True))
    assert titles == ["Delprojekt 1: Mål", "Delprojekt 2", "Delprojekt 3", "Delprojekt 4"]
    first = project.children.get(title="Delprojekt 1: Mål")
    assert (first.start_year, first.start_quarter) == (2024, 3)
    assert first.timing_note == "Påbegyndt i august 2024"
    assert project.focus_area.name == "Administrativ understøttelse"
    assert {"2.4", "3.1"} <= _codes(project)


@pytest.mark.django_db
def test_the_budget_model_goes_for_political_approval_in_q1_2025(plan):
    model = _get("Ny budget- og økonomistyringsmodel på Socialområdet")
    assert model.end_label == "1. kvartal 2025"
    assert model.source == Initiative.Source.POLITICAL_DECISION
    assert model.parent.title.startswith("Tilpasning af økonomiske styringsprincipper")


ALL = "Socialområdet"
ADULT = "Socialafdelingen (voksenområdet)"
ORSTED = "Område Ørsted, Auning og Allingåbro"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "responsible", "participants", "focus"),
    [
        # Two named units: Skovstjernen (under Område Grenå) and Område Ørsted share the adult
        # department, which is responsible; the two take part.
        (
            "ETIKOS-forløb på Skovstjernen og i Område Ørsted, Auning og Allingåbro",
            ADULT,
            {"Skovstjernen", ORSTED},
            "Arbejdskultur og arbejdsmiljø",
        ),
        ("Kompetenceudvikling til rådgivere i takstforhandling", ALL, set(), None),
        ("Fast undervisning to gange om året i magtanvendelsesregler", ALL, set(), None),
        ("Psykologisk tryghed i forandringsprocesser", ALL, set(), None),
        ("Forebyggelse og nedbringelse af sygefravær", ALL, set(), None),
        (
            "Nyt økonomisystem til overblik over økonomi i myndighed",
            "Myndighed og visitation",
            set(),
            None,
        ),
        ("Arbejdstidsplanlægning", ALL, set(), "Økonomi og styring"),
        ("Kommunikationsstrategi for Socialområdet", ALL, set(), "Kommunikation og transparens"),
        ("Bostøtte-café", ADULT, set(), None),
        ("Gruppebostøtte", ADULT, set(), None),
        ("Etablering af flere § 107-pladser", ADULT, set(), None),
        ("VUM 2.0", ALL, set(), None),
        ("SMART-mål", ALL, set(), None),
        # The four housing areas all sit under the adult department.
        (
            "Opfølgning på personalesammensætningen i botilbuddene",
            ADULT,
            {"Socialpsykiatri", "Område Ørum", "Område Grenå", ORSTED},
            None,
        ),
        # Myndighed og visitation sits directly under Socialområdet: the whole area owns it.
        (
            "Ekstern bistand til kulturproces",
            ALL,
            {ORSTED, "Skovstjernen", "Myndighed og visitation"},
            None,
        ),
        # The source names the whole area and both departments: the area owns it.
        (
            "Opdeling af Socialområdet i to fagchefområder",
            ALL,
            {"Børne- og Familieafdelingen", ADULT},
            None,
        ),
    ],
)
def test_every_named_initiative_has_one_responsible_unit_and_its_participants(
    plan, title, responsible, participants, focus
):
    initiative = _get(title)
    assert initiative.responsible_unit.name == responsible
    assert _units(initiative) == participants
    assert initiative.objectives.exists()
    if focus:
        assert initiative.focus_area.name == focus


@pytest.mark.django_db
def test_etikos_continues_into_2025_and_kkc_runs_2024_2025(plan):
    assert (
        _get("ETIKOS-forløb på Skovstjernen og i Område Ørsted, Auning og Allingåbro").end_label
        == "2025"
    )
    kkc = _get("Fælles ledelsesforløb og ledelsesgrundlag med afsæt i KKC")
    assert (kkc.start_label, kkc.end_label) == ("2024", "2025")
    assert "KKC" in kkc.description


@pytest.mark.django_db
def test_communication_strategy_starts_in_q4_2024(plan):
    assert _get("Kommunikationsstrategi for Socialområdet").start_label == "4. kvartal 2024"


@pytest.mark.django_db
def test_the_measures_decided_in_2022_are_loaded_as_political_decisions(plan):
    for title in [
        "Opdeling af Socialområdet i to fagchefområder",
        "Styrkelse af afdelingsledelsen i seks aftaleområder",
        "Ekstern bistand til kulturproces",
        "Tilpasning af økonomiske styringsprincipper på det specialiserede voksenområde",
        "Udarbejdelse af strategi for den fortsatte udvikling af Socialområdet",
        "Genskabelse af tillid og tryghed imellem områdeledelse og Kommunalbestyrelsen",
    ]:
        assert _get(title).source == Initiative.Source.POLITICAL_DECISION, title
    culture = _get("Ekstern bistand til kulturproces")
    assert _units(culture) == {
        "Område Ørsted, Auning og Allingåbro",
        "Skovstjernen",
        "Myndighed og visitation",
    }
    strategy = _get("Udarbejdelse af strategi for den fortsatte udvikling af Socialområdet")
    assert strategy.lifecycle_status == Initiative.Lifecycle.COMPLETED


@pytest.mark.django_db
def test_resource_model_vum_and_smart_come_from_the_2025_committee_introduction(plan):
    for title in ["Ny ressourcestyringsmodel på botilbudsområdet", "VUM 2.0", "SMART-mål"]:
        assert _get(title).source_document == seed.S004


@pytest.mark.django_db
def test_every_initiative_serves_an_objective_and_names_its_source(plan):
    assert Initiative.objects.count() == len(seed.INITIATIVES)
    assert not Initiative.objects.filter(objectives__isnull=True).exists()
    assert not Initiative.objects.filter(source_document="").exists()


def test_the_named_words_stand_in_the_sources():
    """Key facts are the documents' words, not inventions."""
    s000, s001, s004 = (
        _normalised(n)
        for n in [
            "000_cc89f899cc70304b.txt",
            "001_218218bd57353ba6.txt",
            "004_9efc28a64dcdb2ef.txt",
        ]
    )
    for phrase in [
        "KRAP til alle medarbejdere i Område Grenaa med opstart i efteråret 2024",
        "fondsfinansiering",
        "Første delprojekt om mål er påbegyndt i august 2024",
        "politisk godkendelse i 1. kvartal 2025",
        "Forløbene fortsætter ind i 2025",
        "I 4. kvartal 2024 igangsættes arbejde med kommunikationsstrategi",
        "bostøtte-café og gruppebostøtte",
    ]:
        assert phrase in s000, phrase
    assert "Styrkelse af afdelingsledelsen i seks aftaleområder" in s001
    assert "VUM 2.0 og SMART-mål" in s004


@pytest.mark.django_db
def test_half_years_2025_to_2026_with_the_current_one_open(plan):
    names = [p.name for p in Period.objects.order_by("year", "half")]
    assert names == ["1. halvår 2025", "2. halvår 2025", "1. halvår 2026", "2. halvår 2026"]
    open_period = Period.objects.current_open()
    assert open_period.name == "2. halvår 2026"
    assert open_period.deadline.isoformat() == "2026-12-15"
    assert Period.objects.open().count() == 1


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_keeps_later_edits(plan):
    krap = _get("Kompetenceudviklingsforløb i KRAP for alle medarbejdere i Område Grenå")
    krap.lifecycle_status = Initiative.Lifecycle.COMPLETED
    krap.save()
    count = Initiative.objects.count()
    result = plan_load_norddjurs()
    assert result.initiatives_created == 0
    assert Initiative.objects.count() == count
    krap.refresh_from_db()
    assert krap.lifecycle_status == Initiative.Lifecycle.COMPLETED


@pytest.mark.django_db
def test_demo_status_is_flagged_and_covers_two_past_half_years(plan):
    created = plan_load_demo_status()
    assert created > 0
    assert not StatusUpdate.objects.filter(is_demo=False).exists()
    periods = set(StatusUpdate.objects.values_list("period__year", "period__half").distinct())
    assert periods == {(2025, 2), (2026, 1)}
    assert plan_load_demo_status() == 0  # idempotent
    assert not Initiative.history.filter(history_type="~").exists()  # the plan is untouched


@pytest.mark.django_db
def test_the_command_loads_plan_and_demo(strategy_data, capsys):
    call_command("load_plan", "--demo-status")
    out = capsys.readouterr().out
    assert "tiltag" in out and "Demodata" in out
    assert StatusUpdate.objects.filter(is_demo=True).exists()


@pytest.mark.django_db
def test_new_in_2nd_half_2025_are_the_three_the_2025_committee_introduction_added(plan):
    """1. halvår 2025 has no updates; that must not make every initiative "new" in 2. halvår
    2025 (it listed 33 of 39). Read off seed 004 (August 2025): the resource model, VUM 2.0
    and SMART-mål entered the plan then, without a planned start; no initiative of the
    other documents has a planned start in 3. or 4. kvartal 2025."""
    from initiatives.queries import changes_since_previous

    plan_load_demo_status()
    period = Period.objects.get(year=2025, half=2)
    new = {s.initiative.title for s in changes_since_previous(period).new}
    assert new == {"Ny ressourcestyringsmodel på botilbudsområdet", "VUM 2.0", "SMART-mål"}
    assert Initiative.objects.get(title="VUM 2.0").in_plan_since.isoformat() == "2025-08-31"
    krap = _get("Kompetenceudviklingsforløb i KRAP for alle medarbejdere i Område Grenå")
    assert krap.in_plan_since.isoformat() == "2024-09-30"  # seed 000, pr. september 2024


@pytest.mark.django_db
def test_the_loader_fills_in_a_missing_responsible_unit_and_touches_nothing_else(plan):
    krap = _get("Kompetenceudviklingsforløb i KRAP for alle medarbejdere i Område Grenå")
    Initiative.objects.filter(pk=krap.pk).update(responsible_unit=None, description="Rettet.")
    plan_load_norddjurs()
    krap.refresh_from_db()
    assert krap.responsible_unit.name == "Område Grenå"
    assert krap.description == "Rettet."
