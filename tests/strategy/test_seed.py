"""The strategy in the app is the strategy in the source document, word for word."""

import re
from pathlib import Path

import pytest

from strategy import seed
from strategy.models import Keyword, Objective, Strategy, Theme, ThemeFocus, Unit
from strategy.services import organisation_load_norddjurs, strategy_load_norddjurs

SEEDS = Path(__file__).resolve().parents[2] / "docs" / "kilder"


def _normalised(text: str) -> str:
    # Mend the PDF's line-break hyphenation ("medar-\n\nbejdere") and fold white space.
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"—[ \t]*\n\s*", "—", text)
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def strategy_document() -> str:
    return _normalised((SEEDS / "003_64d6ff3b363836ec.txt").read_text())


@pytest.mark.django_db
def test_it_loads_four_themes_and_fourteen_objectives_with_codes():
    strategy_load_norddjurs()
    codes = [o.code for o in Objective.objects.select_related("theme")]
    assert codes == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
        "4.1",
        "4.2",
        "4.3",
    ]
    assert list(Theme.objects.values_list("title", flat=True)) == [
        "Borgeren først",
        "Fundamentet på plads",
        "Mest muligt i eget liv",
        "Helhed og fremtidssikring",
    ]


@pytest.mark.django_db
def test_every_text_in_the_app_stands_verbatim_in_the_source(strategy_document):
    strategy_load_norddjurs()
    texts = [o.text for o in Objective.objects.all()]
    texts += [t.motto for t in Theme.objects.all()]
    texts += [k.text for k in Keyword.objects.all()]
    for theme in Theme.objects.all():
        texts += [text for _, text in theme.description_blocks]
    strategy = Strategy.objects.get()
    texts += strategy.introduction.split("\n\n") + strategy.structure.split("\n\n")
    texts += [strategy.vision, strategy.follow_up]
    assert len(texts) > 60
    missing = [t for t in texts if _normalised(t) not in strategy_document]
    assert missing == []


@pytest.mark.django_db
def test_it_has_the_approval_and_the_mended_hyphenation():
    strategy = strategy_load_norddjurs()
    assert strategy.approved_by == "Kommunalbestyrelsen"
    assert strategy.approved_on.isoformat() == "2024-01-16"
    assert "medarbejdere" in strategy.introduction
    assert "medar-" not in strategy.introduction
    assert "ledermøder og i OMU" in strategy.follow_up


@pytest.mark.django_db
def test_loading_twice_creates_no_duplicates():
    strategy_load_norddjurs()
    organisation_load_norddjurs()
    counts = [M.objects.count() for M in (Strategy, Theme, Objective, Keyword, ThemeFocus, Unit)]
    strategy_load_norddjurs()
    organisation_load_norddjurs()
    assert [M.objects.count() for M in (Strategy, Theme, Objective, Keyword, ThemeFocus, Unit)] == (
        counts
    )
    assert counts == [1, 4, 14, sum(len(t["keywords"]) for t in seed.THEMES), 3, 19]


@pytest.mark.django_db
def test_focus_is_theme_two_in_2025_and_themes_three_and_four_in_2027():
    strategy_load_norddjurs()
    themes = list(Theme.objects.with_objectives())
    assert [t.number for t in themes if t.is_in_focus(2025)] == [2]
    assert [t.number for t in themes if t.is_in_focus(2026)] == [2, 3, 4]
    assert [t.number for t in themes if t.is_in_focus(2027)] == [3, 4]
    assert [t.number for t in themes if t.is_in_focus(2028)] == []


@pytest.mark.django_db
def test_organisation_is_a_tree_with_the_bilag_2_services_under_their_areas():
    organisation_load_norddjurs()
    root = Unit.objects.get(parent=None)
    assert root.name == "Socialområdet"
    assert set(root.children.values_list("name", flat=True)) == {
        "Socialafdelingen (voksenområdet)",
        "Børne- og Familieafdelingen",
        "Myndighed og visitation",
    }
    assert set(Unit.objects.areas().values_list("name", flat=True)) == {
        "Socialpsykiatri",
        "Område Ørum",
        "Område Grenå",
        "Område Ørsted, Auning og Allingåbro",
        "Myndighed og visitation",
    }
    services = {
        u.name: u.parent.name for u in Unit.objects.filter(kind="service").select_related("parent")
    }
    assert services["Skovstjernen"] == "Område Grenå"
    assert services["Kærvang/Skovvang"] == "Område Ørsted, Auning og Allingåbro"
    assert services["Dolmer Have"] == "Socialpsykiatri"
    assert len(services) == 11
