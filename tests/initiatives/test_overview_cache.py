"""The overview is served from a cache keyed on the data stamp: a change shows at once, and no
user sees links rendered for another role."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from strategy.models import Objective
from tests.initiatives.factories import StatusUpdateFactory
from tests.initiatives.test_views import _post_data

pytestmark = pytest.mark.django_db


def _overview(client) -> str:
    response = client.get(reverse("pages:overview"))
    assert response.status_code == 200
    return response.content.decode()


def _main(html: str) -> str:
    """The page's content, without the per-request CSRF token in the layout."""
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_a_saved_status_shows_on_the_next_overview(client_for, initiative_a, open_period):
    client = client_for("leader_a")
    assert "1 tiltag mangler opdatering" in _overview(client)  # warms the cache
    response = client.post(
        reverse("initiatives:status_edit", args=[initiative_a.pk]),
        _post_data(open_period, traffic_light="red", progress="35"),
    )
    assert response.status_code == 302
    html = _overview(client)
    assert "0 tiltag mangler opdatering" in html
    assert "KRAP i Område Grenå" in html  # under Seneste opdateringer
    assert "35 %" in html


def test_an_edit_in_the_strategy_shows_on_the_next_overview(client_for, initiative_a):
    client = client_for("omu_member")
    _overview(client)
    objective = Objective.objects.get(theme__number=1, number=1)
    objective.text = "En ny formulering af målsætning 1.1"
    objective.save()
    assert "En ny formulering af målsætning 1.1" in _overview(client)


def test_a_bulk_change_without_signals_shows_on_the_next_overview(
    client_for, initiative_a, open_period
):
    client = client_for("omu_member")
    assert "1 tiltag mangler opdatering" in _overview(client)
    Initiative.objects.update(lifecycle_status=Initiative.Lifecycle.COMPLETED)
    assert "0 tiltag mangler opdatering" in _overview(client)


def test_each_role_gets_its_own_links_from_the_cache(
    client, standing_users, initiative_a, open_period, closed_period
):
    StatusUpdateFactory(initiative=initiative_a, period=closed_period)
    StatusUpdateFactory(initiative=initiative_a, period=open_period)
    mine = reverse("initiatives:mine")
    detail = initiative_a.get_absolute_url()
    seen = {}
    # Twice round, so every role is served once from a cache another role may have filled.
    for _ in range(2):
        for role in ["leader_a", "omu_member", "committee_member", "administrator"]:
            client.force_login(standing_users[role])
            html = _main(_overview(client))
            seen.setdefault(role, html)
            assert seen[role] == html
            assert (f'href="{mine}"' in html) is (role in {"leader_a", "administrator"}), role
            assert (f'href="{detail}"' in html) is (role != "committee_member"), role
    assert "Status for 1. halvår 2026" in seen["committee_member"]
    assert "Status for 2. halvår 2026" in seen["omu_member"]


def test_a_cached_overview_costs_few_queries(
    client_for, initiative_a, open_period, django_assert_num_queries
):
    client = client_for("leader_a")
    _overview(client)  # warms the cache and the session
    # session, user, groups (rules), open period, the data stamp: the content comes from the
    # cache, and the menu's permissions from the rules alone (accounts.backends); the leader's
    # own banner: the open half-year and the data stamp (its counters are cached under it)
    with django_assert_num_queries(7):
        _overview(client)
