"""Hidden is hidden on every surface a committee member or the public reaches: every URL of the
URL × role matrix a committee member may open, every API route as a public caller, and the
public page with its downloads. None prints a figure the committee's Bilag 2 hides, in any
format ("0,81" or "0.81"), and none names a member of staff.

What the committee's Bilag 2 hides (tests/staffing/test_suppression.py lists them by place):
the six figures at or below 1,00 FTE (0,81; 1,00 twice and Sygehjælper's "I alt" 1,00; 0,17;
0,16) and the thirteen more that stop them being worked out or narrowed down.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests.initiatives.factories import StatusUpdateFactory
from tests.security.test_url_matrix import MATRIX

pytestmark = pytest.mark.django_db

HIDDEN_VALUES = [
    # At or below 1,00 FTE.
    "0.81",
    "1.00",
    "0.17",
    "0.16",
    # Hidden with them.
    "2.78",
    "12.07",
    "9.89",
    "12.97",
    "3.81",
    "2.65",
    "2.62",
    "2.81",
    "2.73",
    "3.86",
    "6.75",
    "3.43",
    "4.28",
]
# The threshold itself is printed, in words that say it is the threshold, and the API says it
# as a number: those mentions are not figures of the table.
THRESHOLD_MENTIONS = [
    "Tal på 1,00 fuldtidsperson eller derunder",
    "et spænd på under 1,00 fuldtidsperson",
    '"suppressed_up_to":1.0',
    '"suppressed_up_to": 1.0',
]
STAFF_NAMES = ["Admin Testesen", "Leder Testesen", "Omu Testesen"]


def _patterns(value: str) -> list[re.Pattern]:
    """The value as the page or the API could write it: "0,81", "0.81", and, as a JSON float,
    "1.0" for 1,00 — each not part of a longer number."""
    whole, decimals = value.split(".")
    forms = {f"{whole},{decimals}", f"{whole}.{decimals}", f"{whole}.{decimals.rstrip('0') or '0'}"}
    return [re.compile(rf"(?<![\d.,]){re.escape(f)}(?![\d])") for f in forms]


def _leaks(body: str) -> list[str]:
    body = body.replace("\u00a0", " ")
    for mention in THRESHOLD_MENTIONS:
        body = body.replace(mention, "")
    found = [p.pattern for value in HIDDEN_VALUES for p in _patterns(value) if p.search(body)]
    found += [name for name in STAFF_NAMES if name in body]
    return found


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def _committee_urls(world) -> list[str]:
    urls = []
    for name, cases in MATRIX.items():
        for case in cases:
            row = case.methods.get("GET")
            if row and row["committee_member"] == 200:
                url = reverse(name, kwargs=case.kwargs(world))
                data = case.data(world)
                if data:
                    url += "?" + "&".join(f"{k}={v}" for k, v in data.items())
                urls.append(url)
    return urls


@pytest.fixture
def world_with_history(world):
    """The matrix's world, with a status written by a named leader in the half-year the
    committee reads, and a figure of Bilag 2 changed by a named administrator (its history
    then holds 0,81's neighbours and the new value)."""
    StatusUpdateFactory(
        initiative=world["initiative_a"],
        period=world["closed_period"],
        traffic_light="green",
        progress=40,
        author=world["leader_a"],
    )
    figure = world["snapshot"].figures.get(area__name="Område Ørum", group__name="Sygeplejerske")
    figure._history_user = world["administrator"]
    figure.save()
    return world


def test_the_walk_finds_a_leak_where_there_is_one(world_with_history):
    """The check itself: the staff view of the same snapshot page prints 0,81 and a name."""
    client = Client()
    client.force_login(world_with_history["omu_member"])
    body = client.get(world_with_history["snapshot"].get_absolute_url()).content.decode()
    leaks = _leaks(body)
    assert any("0,81" in leak for leak in leaks)
    assert "Admin Testesen" in leaks


def test_no_page_a_committee_member_opens_shows_a_hidden_figure_or_a_name(world_with_history):
    world = world_with_history
    client = Client()
    client.force_login(world["committee_member"])
    urls = _committee_urls(world)
    # The pages that print staffing figures are among them.
    snapshot_url = world["snapshot"].get_absolute_url()
    assert {snapshot_url, reverse("staffing:index"), reverse("staffing:trend")} <= set(urls)
    assert reverse("pages:overview") in urls
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if leaks := _leaks(_body(response)):
            found[url] = leaks
    assert found == {}
    # The snapshot page still shows the committee's table, its history without figures and the
    # overview the status without its author.
    page = client.get(snapshot_url).content.decode()
    assert page.count('<span class="suppressed">skjult</span>') == 19
    assert "Seneste ændringer af opgørelsens tal" in page
    assert "Tallene før og efter en ændring vises ikke her" in page
    overview = client.get(reverse("pages:overview")).content.decode()
    assert "Seneste opdateringer" in overview and "Tiltag i Område Grenå" in overview


def test_no_public_api_route_or_public_page_shows_a_hidden_figure_or_a_name(
    world_with_history, settings
):
    world = world_with_history
    settings.PUBLIC_STATUS_PAGE = True
    client = Client()
    urls = [
        reverse(name, kwargs=case.kwargs(world))
        for name, cases in MATRIX.items()
        if name.startswith("api:") and name not in {"api:api-root", "api:report_pdf"}
        for case in cases
    ]
    urls += [reverse("public:page")]
    urls += [
        reverse("public:download", kwargs={"kind": kind, "fmt": fmt})
        for kind in ["tiltag", "indikatorer"]
        for fmt in ["csv", "json"]
    ]
    assert reverse("api:snapshot_detail", kwargs={"snapshot_id": world["snapshot"].pk}) in urls
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if leaks := _leaks(_body(response)):
            found[url] = leaks
    assert found == {}
    assert django_settings.PUBLIC_STATUS_PAGE
