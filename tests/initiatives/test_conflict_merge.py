"""A stale status save merges by field (core.versions.merge_by_field): "Gem min udgave
alligevel" never reverts a field the user did not touch, and a field both changed is a choice."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from core.versions import merge_by_field
from initiatives.models import StatusUpdate
from tests.initiatives.factories import StatusUpdateFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
OLD_TEXT = "Første hold er i gang."
OLD_STEPS = "Andet hold starter i januar."


class _FormValues(HTMLParser):
    """What a browser would post from the page's status form: inputs (checked radios only),
    selected options and textareas, as the user sees them after the conflict."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.values[name] = a.get("value", "")
            else:
                self.values[name] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.removeprefix("\n")


def _posted_by_browser(html: str) -> dict[str, str]:
    parser = _FormValues()
    parser.feed(html)
    parser.values.pop("csrfmiddlewaretoken", None)
    return parser.values


@pytest.fixture
def version_1(initiative_a, open_period):
    return StatusUpdateFactory(
        initiative=initiative_a,
        period=open_period,
        traffic_light="green",
        progress=40,
        status_text=OLD_TEXT,
        next_steps=OLD_STEPS,
        version=1,
    )


def _form(period, **changes) -> dict:
    data = {
        "traffic_light": "green",
        "progress": "40",
        "lifecycle_status": "in_progress",
        "status_text": OLD_TEXT,
        "next_steps": OLD_STEPS,
        "version": "1",
        "period": str(period.pk),
    }
    return {**data, **changes}


def test_saving_anyway_keeps_the_field_only_the_other_person_changed(
    client_for, initiative_a, open_period, version_1
):
    """A (the administrator) changes only Næste skridt; B (the leader), on version 1, changes
    only Status, gets the conflict and saves anyway: the row then has A's Næste skridt and B's
    Status, version 3 (1 → A's save 2 → B's save 3)."""
    url = reverse("initiatives:status_edit", args=[initiative_a.pk])
    a_steps = "Andet hold er flyttet til marts."
    b_text = "Første hold er færdigt; evalueringen er sendt."
    response = client_for("administrator").post(url, _form(open_period, next_steps=a_steps))
    assert response.status_code == 302
    leader = client_for("leader_a")
    conflict = leader.post(url, _form(open_period, status_text=b_text), **HTMX)
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Felter, kun den anden person har ændret, har fået den andens nye værdi" in html
    assert "I har begge ændret feltet" not in html  # no field both changed
    posted = _posted_by_browser(html)
    assert posted["next_steps"] == a_steps
    assert posted["status_text"] == b_text
    assert posted["version"] == "2"
    saved = leader.post(url, posted, **HTMX)
    assert saved.status_code == 200
    row = StatusUpdate.objects.get()
    assert row.next_steps == "Andet hold er flyttet til marts."
    assert row.status_text == "Første hold er færdigt; evalueringen er sendt."
    assert (row.traffic_light, row.progress, row.version) == ("green", 40, 3)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("mine", "B: evaluering i februar."), ("theirs", "A: evaluering i marts.")],
)
def test_a_field_both_changed_is_shown_side_by_side_and_chosen(
    client_for, initiative_a, open_period, version_1, choice, expected
):
    """Both change Næste skridt; A also the light (to red), B also the progress (to 60): the
    light and the progress merge without asking (red, 60), Næste skridt is the user's choice."""
    url = reverse("initiatives:status_edit", args=[initiative_a.pk])
    client_for("administrator").post(
        url, _form(open_period, next_steps="A: evaluering i marts.", traffic_light="red")
    )
    leader = client_for("leader_a")
    conflict = leader.post(
        url, _form(open_period, next_steps="B: evaluering i februar.", progress="60"), **HTMX
    )
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Næste skridt: I har begge ændret feltet" in html
    assert "A: evaluering i marts." in html and "B: evaluering i februar." in html
    posted = _posted_by_browser(html)
    assert posted["valg-next_steps"] == "mine"  # preselected: the user's own text
    assert (posted["traffic_light"], posted["progress"]) == ("red", "60")
    posted["valg-next_steps"] = choice
    assert leader.post(url, posted, **HTMX).status_code == 200
    row = StatusUpdate.objects.get()
    assert row.next_steps == expected
    assert (row.traffic_light, row.progress, row.version) == ("red", 60, 3)


def test_merge_by_field_takes_each_side_once_and_names_the_clashes():
    base = {"a": 1, "b": 1, "c": 1, "d": 1}
    mine = {"a": 1, "b": 2, "c": 2, "d": 3}
    theirs = {"a": 5, "b": 1, "c": 2, "d": 4}
    assert merge_by_field(base=base, mine=mine, theirs=theirs) == (
        {"a": 5, "b": 2, "c": 2, "d": 3},
        ["d"],
    )
    # No earlier row: every field the two disagree on is a clash.
    assert merge_by_field(base=None, mine={"a": 1, "b": 2}, theirs={"a": 1, "b": 3}) == (
        {"a": 1, "b": 2},
        ["b"],
    )
