"""A probable duplicate is named when an initiative is created, and one explicit click saves
it anyway."""

from __future__ import annotations

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from initiatives.queries import titles_look_alike
from tests.initiatives.factories import InitiativeFactory
from tests.initiatives.test_plan_editing import _admin_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def vum(unit_a, objective_21):
    return InitiativeFactory(title="VUM 2.0", responsible_unit=unit_a, objectives=[objective_21])


def _create(client, unit, objective, **extra):
    data = {**_admin_data(unit, title="VUM 2.0 og SMART-mål"), "objectives": [str(objective.pk)]}
    return client.post(reverse("initiatives:create"), {**data, **extra})


def test_a_similar_title_on_the_same_objective_names_the_existing_one_and_saves_nothing(
    client_for, unit_a, objective_21, vum
):
    response = _create(client_for("administrator"), unit_a, objective_21)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Findes tiltaget allerede?" in html
    assert "Et tiltag med en lignende titel hører til de samme målsætninger:" in html
    assert f'<li><a href="{vum.get_absolute_url()}">VUM 2.0</a></li>' in html
    # The override comes after the ordinary save, so Enter in a field never overrides.
    save = html.index('<button type="submit" class="button">Gem tiltaget</button>')
    override = html.index(
        '<button type="submit" class="button button-secondary" name="opret_alligevel" '
        'value="1">Opret alligevel</button>'
    )
    assert save < override
    # The form comes back filled in, so the one click sends it all again.
    assert 'value="VUM 2.0 og SMART-mål"' in html
    assert not Initiative.objects.filter(title="VUM 2.0 og SMART-mål").exists()


def test_one_explicit_click_creates_it_anyway(client_for, unit_a, objective_21, vum):
    response = _create(client_for("administrator"), unit_a, objective_21, opret_alligevel="1")
    assert response.status_code == 302
    created = Initiative.objects.get(title="VUM 2.0 og SMART-mål")
    assert list(created.objectives.all()) == [objective_21]


def test_the_same_title_on_other_objectives_is_no_duplicate(client_for, unit_a, objective_42, vum):
    response = _create(client_for("administrator"), unit_a, objective_42)
    assert response.status_code == 302
    assert Initiative.objects.filter(title="VUM 2.0 og SMART-mål").exists()


def test_an_archived_initiative_is_no_duplicate(client_for, unit_a, objective_21, vum):
    from django.utils import timezone

    Initiative.objects.filter(pk=vum.pk).update(archived_at=timezone.now())
    assert _create(client_for("administrator"), unit_a, objective_21).status_code == 302


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("VUM 2.0 og SMART-mål", "VUM 2.0", True),  # the one begins the other
        ("KRAP i Område Grenå", "KRAP i Område Grena", True),  # a typo: 2 × 18 / 38 = 0,95 ≥ 0,8
        ("Ny budgetmodel", "Nyt lederudviklingsforløb", False),
        ("KRAP", "ETIKOS", False),
    ],
)
def test_titles_look_alike(a, b, alike):
    assert titles_look_alike(a, b) is alike
