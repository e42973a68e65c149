"""A målsætning's page lists its initiatives 50 at a time; the counts per light cover all of
them (counted in the database), and the query count does not grow with their number.

Scenario: 55 initiatives serve 4.2, titled »Tiltag 00« … »Tiltag 54«. In the open half-year
the first 10 reported green, the next 5 red (progress 40 each), and the other 40 did not
report: green 10, yellow 0, red 5, missing 40. The block is cached under the data stamp, per
page: a new status update shows at once.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import TrafficLight
from tests.initiatives.factories import InitiativeFactory, StatusUpdateFactory

URL = reverse("pages:objective", args=[4, 2])


def _plan(count, unit_a, objective_42, open_period, prefix="Tiltag"):
    for i in range(count):
        initiative = InitiativeFactory(
            title=f"{prefix} {i:02d}", responsible_unit=unit_a, objectives=[objective_42]
        )
        if i < 15:
            light = TrafficLight.GREEN if i < 10 else TrafficLight.RED
            StatusUpdateFactory(initiative=initiative, period=open_period, traffic_light=light)


@pytest.mark.django_db
def test_the_objective_page_lists_50_initiatives_a_page_and_counts_all(
    client_for, unit_a, objective_42, open_period
):
    _plan(55, unit_a, objective_42, open_period)
    client = client_for("omu_member")
    html = client.get(URL).content.decode()
    assert re.findall(r'<span class="count">(\d+)</span>', html) == ["10", "0", "5", "40"]
    assert "Tiltag 1–50 af 55." in html and "Side 1 af 2" in html
    assert "Tiltag 49" in html and "Tiltag 50" not in html
    second = client.get(URL, {"side": 2})
    html = second.content.decode()
    assert "Tiltag 51–55 af 55." in html and "Side 2 af 2" in html
    assert "Tiltag 54" in html and "Tiltag 49" not in html
    assert re.findall(r'<span class="count">(\d+)</span>', html) == ["10", "0", "5", "40"]
    assert client.get(URL, {"side": "x"}).status_code == 200  # a bad page number: page 1


# The objective page at 5 and at 55 initiatives (5, then 50 more): the same queries (the counts,
# the paginator's count, the page of initiatives and their updates among them).
@pytest.mark.django_db
def test_the_objective_page_query_count_is_the_same_at_5_and_55(
    client_for, unit_a, objective_42, open_period
):
    client = client_for("omu_member")
    seen = []
    for count, prefix in ((5, "Første"), (50, "Andet")):
        _plan(count, unit_a, objective_42, open_period, prefix)
        client.get(URL)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        seen.append(len(captured))
    assert seen[0] == seen[1]


@pytest.mark.django_db
def test_a_new_update_reaches_the_cached_block_at_once(
    client_for, unit_a, objective_42, open_period
):
    _plan(3, unit_a, objective_42, open_period)  # all three green
    client = client_for("omu_member")
    html = client.get(URL).content.decode()
    assert re.findall(r'<span class="count">(\d+)</span>', html) == ["3", "0", "0", "0"]
    late = InitiativeFactory(
        title="Sent tiltag", responsible_unit=unit_a, objectives=[objective_42]
    )
    StatusUpdateFactory(initiative=late, period=open_period, traffic_light=TrafficLight.YELLOW)
    html = client.get(URL).content.decode()
    assert re.findall(r'<span class="count">(\d+)</span>', html) == ["3", "1", "0", "0"]
    assert "Sent tiltag" in html
