"""Start from last time: the status form shows the previous half-year's status beside the
fields and copies it in with one action; rows show the trend against the previous half-year."""

from __future__ import annotations

import pytest
from django.urls import reverse

from initiatives.models import StatusUpdate
from initiatives.queries import Trend, trend_between
from initiatives.templatetags.initiative_display import trend_mark
from tests.initiatives.factories import StatusUpdateFactory

pytestmark = pytest.mark.django_db


def _update(light: str, progress: int) -> StatusUpdate:
    return StatusUpdate(traffic_light=light, progress=progress)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (("red", 20), ("yellow", 35), Trend("better", 15)),  # 35 − 20 = +15
        (("green", 60), ("red", 50), Trend("worse", -10)),  # 50 − 60 = −10
        (("yellow", 40), ("yellow", 40), Trend("same", 0)),
        (("yellow", 70), ("green", 70), Trend("better", 0)),
    ],
)
def test_trend_between_two_updates(before, after, expected):
    assert trend_between(_update(*before), _update(*after)) == expected


def test_no_trend_without_both_half_years():
    assert trend_between(None, _update("green", 10)) is None
    assert trend_between(_update("green", 10), None) is None


def test_the_trend_mark_reads_without_colour():
    assert "lys: bedre; fremdrift +15 procentpoint" in trend_mark(Trend("better", 15))
    assert "lys: dårligere; fremdrift −10 procentpoint" in trend_mark(Trend("worse", -10))
    assert "lys: uændret; fremdrift 0 procentpoint" in trend_mark(Trend("same", 0))
    # With the two lights known, both parts are named (the case that confused readers: the
    # light worse, the progress better).
    assert "lys: dårligere (grøn → rød); fremdrift +14 procentpoint" in trend_mark(
        Trend("worse", 14, before="green", after="red")
    )
    assert "lys: uændret (gul); fremdrift +5 procentpoint" in trend_mark(
        Trend("same", 5, before="yellow", after="yellow")
    )
    assert "intet at sammenligne med" in trend_mark(None)


@pytest.fixture
def last_time(initiative_a, closed_period, open_period):
    return StatusUpdateFactory(
        initiative=initiative_a,
        period=closed_period,
        traffic_light="red",
        progress=20,
        status_text="Forløbet er forsinket af sygdom.",
        next_steps="Nyt hold i efteråret.",
    )


def test_the_form_shows_last_half_years_status_beside_the_fields(
    client_for, initiative_a, last_time
):
    html = (
        client_for("leader_a")
        .get(reverse("initiatives:status_edit", args=[initiative_a.pk]))
        .content.decode()
    )
    assert "Sidste halvår (1. halvår 2026)" in html
    assert "Forløbet er forsinket af sygdom." in html
    assert "Nyt hold i efteråret." in html
    assert "Kopiér sidste halvårs status ind" in html
    # The fields themselves start empty.
    assert '<textarea name="status_text" cols="40" rows="3" maxlength="2000"' in html
    assert "Forløbet er forsinket af sygdom.</textarea>" not in html


def test_one_action_copies_last_time_in_keeping_this_half_years_version(
    client_for, initiative_a, last_time, open_period
):
    client = client_for("leader_a")
    url = reverse("initiatives:status_edit", args=[initiative_a.pk])
    response = client.get(url + "?forrige=1")
    form = response.context["form"]
    assert form.initial["traffic_light"] == "red"
    assert form.initial["progress"] == 20
    assert form.initial["status_text"] == "Forløbet er forsinket af sygdom."
    assert form.initial["next_steps"] == "Nyt hold i efteråret."
    assert form.initial["version"] == 0  # this half-year has no update yet
    assert form.initial["period"] == open_period.pk
    assert "Sidste halvårs status er kopieret ind." in response.content.decode()
    # Inline (htmx) it is the form row, with the same values.
    inline = client.get(url + "?forrige=1", HTTP_HX_REQUEST="true")
    assert 'class="status-row editing"' in inline.content.decode()
    assert inline.context["form"].initial["progress"] == 20


def test_mine_tiltag_and_the_list_show_the_trend(client_for, initiative_a, last_time, open_period):
    StatusUpdateFactory(
        initiative=initiative_a, period=open_period, traffic_light="yellow", progress=35
    )
    client = client_for("leader_a")
    # red 20 % → yellow 35 %: better, 35 − 20 = +15 points.
    for url in (reverse("initiatives:mine"), reverse("initiatives:list")):
        assert (
            "lys: bedre (rød → gul); fremdrift +15 procentpoint" in client.get(url).content.decode()
        )
