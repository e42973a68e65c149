"""Every paginated list keeps its filters on page 2 (the one pagination partial,
includes/_pagination.html, builds its links with QueryDict.urlencode).

Each list is made one row a page (its PAGE_SIZE patched to 1), so "Side 2 af n" names how many
rows the filter found: a page 2 that dropped the filter would say the unfiltered count.
"""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from initiatives.models import Initiative
from tests.indicators.conftest import make_indicator
from tests.initiatives.factories import FocusAreaFactory, InitiativeFactory, StatusUpdateFactory

NEXT = re.compile(r'<a href="([^"]*)"[^>]*>Næste</a>')


def _next_href(content: str) -> str:
    found = NEXT.search(content)
    assert found, "no Næste link on page 1"
    return html.unescape(found.group(1))


def _walk_to_page_2(client, url: str, query: str) -> tuple[str, str]:
    """The Næste link of page 1 of `url?query`, and page 2's content reached through it."""
    first = client.get(f"{url}?{query}")
    assert first.status_code == 200
    href = _next_href(first.content.decode())
    second = client.get(url + href)
    assert second.status_code == 200
    return href, second.content.decode()


@pytest.fixture
def one_row_a_page(monkeypatch):
    import accounts.views
    import indicators.views
    import initiatives.views

    monkeypatch.setattr(initiatives.views, "PAGE_SIZE", 1)
    monkeypatch.setattr(indicators.views, "PAGE_SIZE", 1)
    monkeypatch.setattr(accounts.views, "AUDIT_LOG_PAGE_SIZE", 1)


@pytest.fixture
def plan(unit_a, unit_b, objective_21, objective_42, open_period, closed_period):
    """Three initiatives that every filter below finds (unit A, 2.1 under pejlemærke 2, "KRAP"
    in the title, in progress, focus area "Faglighed …", red in the open half-year and green in
    the closed one) and two that none finds (unit B, 4.2, not started, "Økonomi og styring",
    no update in either half-year, so missing), and one archived initiative."""
    economy = FocusAreaFactory(name="Økonomi og styring")
    for n in (1, 2, 3):
        found = InitiativeFactory(
            title=f"KRAP {n}", responsible_unit=unit_a, objectives=[objective_21]
        )
        StatusUpdateFactory(initiative=found, period=open_period, traffic_light="red")
        StatusUpdateFactory(initiative=found, period=closed_period, traffic_light="green")
    for n in (1, 2):
        InitiativeFactory(
            title=f"Budget {n}",
            responsible_unit=unit_b,
            objectives=[objective_42],
            focus_area=economy,
            lifecycle_status=Initiative.Lifecycle.NOT_STARTED,
        )
    from django.utils import timezone

    InitiativeFactory(title="Gammelt tiltag", responsible_unit=unit_b, archived_at=timezone.now())


# (query, pages): 3 found → 3 pages; missing finds the 2 without an update; the archived only
# filter finds 1 → no page 2, so it is joined with the 5 in the plan by "include" (6 pages).
INITIATIVE_FILTERS = [
    ("q=KRAP", 3),
    ("theme=2", 3),
    ("objective={objective_21}", 3),
    ("unit={unit_a}", 3),
    ("light=red", 3),
    ("light=missing", 2),
    ("status=in_progress", 3),
    ("focus_area={faglighed}", 3),
    ("archived=include", 6),
    ("halvaar={closed}&light=green", 3),
    ("theme=2&unit={unit_a}&light=red", 3),
]


@pytest.mark.parametrize(("query", "pages"), INITIATIVE_FILTERS)
def test_page_2_of_the_initiative_list_keeps_each_filter(
    client_for, one_row_a_page, plan, query, pages, unit_a, objective_21, closed_period
):
    """Unfiltered, the plan has 5 initiatives (3 + 2; the archived one is out): "Side 2 af 5"
    would mean the filter was lost."""
    from initiatives.models import FocusArea

    query = query.format(
        objective_21=objective_21.pk,
        unit_a=unit_a.pk,
        faglighed=FocusArea.objects.get(name="Faglighed og kompetenceudvikling").pk,
        closed=closed_period.pk,
    )
    client = client_for("administrator")
    href, page_2 = _walk_to_page_2(client, reverse("initiatives:list"), query)
    assert href == f"?{query}&side=2"
    assert f"Side 2 af {pages}" in page_2


def test_page_2_of_the_initiative_list_as_an_htmx_partial_keeps_the_filter(
    client_for, one_row_a_page, plan
):
    client = client_for("administrator")
    response = client.get(reverse("initiatives:list") + "?light=missing", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert 'hx-get="?light=missing&amp;side=2"' in content
    assert "Side 1 af 2" in content


def test_a_repeated_parameter_survives_page_2(client_for, one_row_a_page, plan):
    """QueryDict keeps both values of a repeated parameter (string joins tended to keep one)."""
    client = client_for("administrator")
    href, _ = _walk_to_page_2(client, reverse("initiatives:list"), "q=KRAP&x=1&x=2")
    assert href == "?q=KRAP&x=1&x=2&side=2"


def test_page_2_of_mine_tiltag_keeps_only_missing(client_for, one_row_a_page, plan, unit_b):
    """Leader B is responsible for the 2 Budget initiatives, both missing, and then the archived
    one is out of the plan; with a third of B's, updated, "Alle" has 3 and "mangler" 2."""
    third = InitiativeFactory(title="Ørum opdateret", responsible_unit=unit_b)
    from initiatives.models import Period

    StatusUpdateFactory(initiative=third, period=Period.objects.get(is_open=True))
    client = client_for("leader_b")
    href, page_2 = _walk_to_page_2(client, reverse("initiatives:mine"), "mangler=1")
    assert href == "?mangler=1&side=2"
    assert "Side 2 af 2" in page_2
    _, unfiltered = _walk_to_page_2(client, reverse("initiatives:mine"), "")
    assert "Side 2 af 3" in unfiltered


INDICATOR_FILTERS = [
    ("pejlemaerke=2", 3),
    ("maalsaetning={objective_21}", 3),
    ("enhed={unit_a}", 3),
    ("q=Gren%C3%A5", 3),
    ("status=no_data", 5),
]


@pytest.mark.parametrize(("query", "pages"), INDICATOR_FILTERS)
def test_page_2_of_the_indicator_list_keeps_each_filter(
    client_for, one_row_a_page, unit_a, unit_b, objective_21, query, pages
):
    """Three indicators of unit A under 2.1, named "… Grenå", and two of unit B under 4.2:
    5 in all, none with data, so "Ingen data" finds all 5 and each other filter 3."""
    for n in (1, 2, 3):
        make_indicator(f"Grenå {n}", unit_a, objective=(2, 1))
    for n in (1, 2):
        make_indicator(f"Ørum {n}", unit_b, objective=(4, 2))
    query = query.format(objective_21=objective_21.pk, unit_a=unit_a.pk)
    client = client_for("administrator")
    href, page_2 = _walk_to_page_2(client, reverse("indicators:list"), query)
    assert href == f"?{query}&side=2"
    assert f"Side 2 af {pages}" in page_2


@pytest.mark.parametrize(("query", "pages"), [("kind=export", 3), ("username=anna", 2)])
def test_page_2_of_the_security_log_keeps_each_filter(
    client_for, one_row_a_page, query, pages, administrator
):
    """3 exports by anna.a, bo.b and anna.c, and 2 imports by bo.d and bo.e: 5 in all, 3
    exports, 2 users named anna."""
    for kind, name in [
        ("export", "anna.a"),
        ("export", "bo.b"),
        ("export", "anna.c"),
        ("import", "bo.d"),
        ("import", "bo.e"),
    ]:
        AuditEvent.objects.create(kind=kind, username=name)
    client = client_for("administrator")
    href, page_2 = _walk_to_page_2(client, reverse("accounts:audit_log"), query)
    assert href == f"?{query}&side=2"
    assert f"Side 2 af {pages}" in page_2


def test_an_empty_filter_in_the_open_half_year_names_it_and_offers_the_last_closed_one(
    client_for, plan, closed_period, open_period
):
    """No initiative is green in the open 2. halvår 2026 (the three KRAP ones are red there),
    but all three were green in the closed 1. halvår 2026."""
    client = client_for("administrator")
    content = client.get(reverse("initiatives:list") + "?light=green&side=1").content.decode()
    assert "0 tiltag fundet" in content
    assert "Ingen tiltag passer til filtrene i 2. halvår 2026." in content
    assert "2. halvår 2026 er åbent, og lederne har måske ikke svaret endnu." in content
    link = f'<a href="?light=green&amp;halvaar={closed_period.pk}">'
    offer = "Se 1. halvår 2026 (sidste lukkede halvår): 3 tiltag passer til filtrene"
    assert link + offer in content
    closed = client.get(reverse("initiatives:list") + f"?light=green&halvaar={closed_period.pk}")
    assert "3 tiltag fundet" in closed.content.decode()


def test_an_empty_filter_in_a_closed_half_year_offers_nothing_else(client_for, plan, closed_period):
    client = client_for("administrator")
    content = client.get(
        reverse("initiatives:list") + f"?light=yellow&halvaar={closed_period.pk}"
    ).content.decode()
    assert "Ingen tiltag passer til filtrene i 1. halvår 2026." in content
    assert "sidste lukkede halvår" not in content
