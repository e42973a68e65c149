"""The traffic light and progress tags, and the plain <select> of the filter forms."""

import re

import pytest
from django import forms
from django.template import Context, Template

from core.widgets import PlainSelect
from initiatives.models import StatusUpdate, TrafficLight


def _render(source: str, **context) -> str:
    return Template("{% load initiative_display %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("light", "shape"), [("green", "<circle"), ("yellow", "<path"), ("red", "<rect")]
)
def test_a_light_has_a_shape_a_text_and_a_colour(light, shape):
    html = _render("{% traffic_light update %}", update=StatusUpdate(traffic_light=light))
    label = TrafficLight(light).label
    assert html.startswith(f'<span class="light light-{light}"><svg class="icon" aria-hidden')
    assert shape in html
    assert html.endswith(f"</svg>{label}</span>")


def test_no_update_reads_mangler_opdatering_with_a_dashed_ring():
    html = _render("{% traffic_light None %}")
    assert 'class="light light-none"' in html and "stroke-dasharray" in html
    assert html.endswith("Mangler opdatering</span>")


def test_a_light_and_label_can_be_given_without_an_update_and_are_escaped():
    html = _render('{% traffic_light light="red" label=label %}', label="<b>Stop</b>")
    assert 'class="light light-red"' in html
    assert "&lt;b&gt;Stop&lt;/b&gt;" in html and "<b>" not in html
    assert "Ikke fulgt op" in _render('{% traffic_light light="" label="Ikke fulgt op" %}')


@pytest.mark.parametrize(
    ("value", "text", "width"),
    [(45, "45 %", "45"), (45.5, "46 %", "46"), (0, "0 %", "0"), (100, "100 %", "100")],
)
def test_progress_reads_as_text_with_a_bar(value, text, width):
    html = _render("{% progress value %}", value=value)
    assert f'<span class="progress-text">{text}</span>' in html
    assert f'class="progress-fill" x="0" y="0" width="{width}"' in html


@pytest.mark.parametrize("value", [None, ""])
def test_no_progress_reads_as_a_dash(value):
    assert _render("{% progress value %}", value=value) == (
        '<span class="progress-text muted">–</span>'
    )


def _squash(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "2", "x"])
def test_plain_select_writes_the_same_markup_as_djangos_select(value):
    choices = [("", "Alle"), ("1", "Område Grenå"), ("2", 'Tilbud "A" & <B>')]
    attrs = {"id": "id_unit", "aria-describedby": "hjaelp"}
    expected = forms.Select(choices=choices).render("unit", value, attrs)
    actual = PlainSelect(choices=choices).render("unit", value, attrs)
    assert _squash(actual) == _squash(expected)
    assert "&lt;B&gt;" in actual


def test_plain_select_keeps_option_groups():
    choices = [("Pejlemærke 1", [("1", "1.1"), ("2", "1.2")]), ("3", "Andet")]
    expected = forms.Select(choices=choices).render("objective", "2")
    assert _squash(PlainSelect(choices=choices).render("objective", "2")) == _squash(expected)


@pytest.mark.django_db
def test_updated_by_names_the_author_and_the_danish_date_in_local_time(leader_a):
    import datetime

    update = StatusUpdate(
        author=leader_a, updated_at=datetime.datetime(2026, 11, 2, 23, 30, tzinfo=datetime.UTC)
    )
    name = leader_a.get_full_name() or leader_a.username
    # 23:30 UTC is 00:30 the next day in Copenhagen.
    assert _render("{% updated_by u %}", u=update) == f"{name}, 3. november 2026"
    update.author = None
    assert _render("{% updated_by u %}", u=update) == "Indlæst af systemet, 3. november 2026"


def test_the_light_bar_title_names_only_the_lights_it_draws():
    from initiatives.queries import LightCounts

    segments = LightCounts(green=3, yellow=0, red=1, missing=0).segments()
    rendered = Template(
        '{% include "includes/_light_bar.html" with segments=segments bar_id="x" %}'
    ).render(Context({"segments": segments}))
    # 3 green and 1 red: no trailing comma for the empty "Mangler opdatering".
    assert (
        '<title id="bar-x-title">3 planmæssigt, 1 forsinket – kræver handling</title>' in rendered
    )
    assert 'x="0" y="0" width="75"' in rendered and 'x="75" y="0" width="25"' in rendered
