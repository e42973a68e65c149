"""The plan kept in the app: administrators create and edit initiatives on the app's own
pages, leaders responsible for one edit its description, dates and conditions; Danish
validation, the readable history, the same access rules and no lost edits."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from strategy.models import Objective, Unit
from tests.initiatives.conftest import ROLES
from tests.initiatives.factories import FocusAreaFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def _admin_data(unit: Unit, **overrides) -> dict:
    data = {
        "title": "Nyt tiltag om frivillige",
        "description": "Samarbejde med foreninger.",
        "responsible_unit": str(unit.pk),
        "start_year": "2026",
        "start_quarter": "3",
        "end_year": "2027",
        "end_quarter": "2",
        "timing_note": "Fra efteråret 2026",
        "lifecycle_status": "not_started",
        "conditions": "",
        "source": "development_plan",
        "source_document": "",
        "version": "0",
    }
    data.update(overrides)
    return data


def test_an_administrator_creates_an_initiative_and_it_has_a_history(
    client_for, unit_a, unit_b, objective_21
):
    focus = FocusAreaFactory(name="Kommunikation og transparens")
    response = client_for("administrator").post(
        reverse("initiatives:create"),
        {
            **_admin_data(unit_a),
            "objectives": [str(objective_21.pk)],
            "units": [str(unit_b.pk)],
            "focus_area": str(focus.pk),
        },
    )
    assert response.status_code == 302
    created = Initiative.objects.get(title="Nyt tiltag om frivillige")
    assert created.responsible_unit == unit_a
    assert list(created.units.all()) == [unit_b]
    assert created.end_label == "2. kvartal 2027"
    assert created.history.count() == 1
    assert created.history.first().history_user.username == "admin_user"


def test_an_end_before_the_start_is_refused_in_danish_and_nothing_is_stored(client_for, unit_a):
    response = client_for("administrator").post(
        reverse("initiatives:create"),
        _admin_data(unit_a, start_year="2027", start_quarter="1", end_year="2026", end_quarter="4"),
    )
    assert response.status_code == 422
    assert "Forventet slut (4. kvartal 2026) kan ikke ligge før start (1. kvartal 2027)." in (
        response.content.decode()
    )
    assert not Initiative.objects.filter(title="Nyt tiltag om frivillige").exists()


def test_a_parent_that_would_make_a_cycle_is_refused(client_for, unit_a):
    top = InitiativeFactory(title="Øverst", responsible_unit=unit_a)
    child = InitiativeFactory(title="Under", responsible_unit=unit_a, parent=top)
    response = client_for("administrator").post(
        reverse("initiatives:edit", args=[top.pk]),
        _admin_data(unit_a, title="Øverst", parent=str(child.pk), version=str(top.version)),
    )
    assert response.status_code == 422
    assert "Et tiltag kan ikke være del af sig selv eller af et af sine egne delprojekter." in (
        response.content.decode()
    )
    top.refresh_from_db()
    assert top.parent is None


def test_an_edit_from_a_stale_version_gets_409_with_what_changed(client_for, unit_a):
    initiative = InitiativeFactory(title="Gammel titel", responsible_unit=unit_a)
    client = client_for("administrator")
    url = reverse("initiatives:edit", args=[initiative.pk])
    first = client.post(url, _admin_data(unit_a, title="Første udgave", version="1"))
    assert first.status_code == 302
    second = client.post(url, _admin_data(unit_a, title="Anden udgave", version="1"))
    assert second.status_code == 409
    html = second.content.decode()
    assert "En anden har gemt tiltaget, efter du åbnede det." in html
    assert "Gammel titel" in html and "Første udgave" in html
    initiative.refresh_from_db()
    assert (initiative.title, initiative.version) == ("Første udgave", 2)


def test_a_responsible_leader_edits_only_description_dates_and_conditions(client_for, initiative_a):
    response = client_for("leader_a").post(
        reverse("initiatives:edit", args=[initiative_a.pk]),
        {
            "description": "Ny beskrivelse.",
            "start_year": "2026",
            "start_quarter": "1",
            "end_year": "2026",
            "end_quarter": "4",
            "conditions": "Afhænger af fondsmidler.",
            "title": "Forsøg på at ændre titlen",
            "version": str(initiative_a.version),
        },
    )
    assert response.status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.description == "Ny beskrivelse."
    assert initiative_a.conditions == "Afhænger af fondsmidler."
    assert initiative_a.title == "KRAP i Område Grenå"  # not theirs to change
    change = initiative_a.history.first()
    assert change.history_user.username == "leder_a"


MAY_EDIT = {"administrator", "leader_a"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_responsible_side_and_administrators_open_the_edit_page(
    client_for, role, initiative_a
):
    response = client_for(role).get(reverse("initiatives:edit", args=[initiative_a.pk]))
    assert response.status_code == (200 if role in MAY_EDIT else 403)
    create = client_for(role).get(reverse("initiatives:create"))
    assert create.status_code == (200 if role == "administrator" else 403)


@pytest.mark.parametrize("count", [5, 50])
def test_the_edit_page_costs_the_same_queries_at_any_size(
    client_for, unit_a, count, django_assert_num_queries
):
    initiatives = InitiativeFactory.create_batch(count, responsible_unit=unit_a)
    client = client_for("administrator")
    url = reverse("initiatives:edit", args=[initiatives[0].pk])
    client.get(url)  # warm the session
    # session, user, groups, the initiative with its focus area, parent, responsible unit and
    # tovholder, its units and objectives (with pejlemærke); the choices: objectives, focus
    # areas, units (two fields), tovholder, parents; the objective and unit pickers also count
    # their choices first (COUNT for the grouped checkbox lists, four in all)
    with django_assert_num_queries(16):
        assert client.get(url).status_code == 200


# --- The readable history of an edit: målsætninger, participating units, tovholder -------------


def _read(html: str) -> str:
    """The history as a sighted reader sees it: hidden words, tags and extra spaces gone."""
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_an_edit_shows_its_objectives_units_and_tovholder_in_the_history(
    client_for, unit_a, unit_b, leader_a, strategy_data
):
    o11 = Objective.objects.get(theme__number=1, number=1)
    o23 = Objective.objects.get(theme__number=2, number=3)
    initiative = InitiativeFactory(
        title="Fælles sprog", responsible_unit=unit_a, objectives=[o11], focus_area=None
    )
    client = client_for("administrator")
    response = client.post(
        reverse("initiatives:edit", args=[initiative.pk]),
        _admin_data(
            unit_a,
            title="Fælles sprog",
            version=str(initiative.version),
            objectives=[str(o11.pk), str(o23.pk)],
            units=[str(unit_b.pk)],
            responsible_leader=str(leader_a.pk),
        ),
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.responsible_leader == leader_a
    html = client.get(initiative.get_absolute_url()).content.decode()
    timeline = html[
        html.index('class="history-timeline"') : html.index(
            "</ol>", html.index('class="history-timeline"')
        )
    ]
    text = _read(timeline)
    assert "Målsætninger: 1.1 → 1.1, 2.3" in text
    assert "Deltagende enheder: – → Område Ørum" in text
    assert "Tovholder: – → Leder Testesen" in text
    # One save, one entry: the creation and the edit.
    assert timeline.count('<p class="timeline-head">') == 2
    assert initiative.history.count() == 2


def test_the_tovholder_is_one_leader_or_none(client_for, unit_a, leader_a, omu_member):
    client = client_for("administrator")
    html = client.get(reverse("initiatives:create")).content.decode()
    field = html[html.index('id="plan-responsible_leader"') :]
    field = field[: field.index("</select>")]
    assert "Ingen tovholder" in field and "Leder Testesen" in field
    assert "Omu Testesen" not in field  # an OMU member is no leader
    response = client.post(
        reverse("initiatives:create"), _admin_data(unit_a, responsible_leader=str(omu_member.pk))
    )
    assert response.status_code == 422
    assert not Initiative.objects.filter(title="Nyt tiltag om frivillige").exists()
