"""Every view against every role; the htmx partials and the full pages; bad input; query counts."""

import re
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from initiatives.models import Initiative, Period, StatusUpdate
from strategy.models import Unit
from tests.initiatives.conftest import ROLES
from tests.initiatives.factories import InitiativeFactory, PeriodFactory, StatusUpdateFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def _post_data(period: Period, **overrides) -> dict:
    data = {
        "traffic_light": "yellow",
        "progress": "55",
        "lifecycle_status": "in_progress",
        "status_text": "Halvdelen af medarbejderne har gennemført forløbet.",
        "next_steps": "Andet hold starter i januar.",
        "version": "0",
        "period": str(period.pk),
    }
    data.update(overrides)
    return data


def _denied_events() -> int:
    return AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED).count()


# --- Access: each role against each action ------------------------------------------------------

READ_EXPECTED = {
    "administrator": 200,
    "leader_a": 200,
    "leader_b": 200,
    "omu_member": 200,
    "committee_member": 403,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["list", "changes", "export"])
def test_staff_read_the_initiative_pages_and_the_committee_does_not(
    client_for, role, name, initiative_a, open_period
):
    before = _denied_events()
    response = client_for(role).get(reverse(f"initiatives:{name}"))
    assert response.status_code == READ_EXPECTED[role]
    assert _denied_events() == before + (response.status_code == 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_initiative_page_access(client_for, role, initiative_a, open_period):
    response = client_for(role).get(initiative_a.get_absolute_url())
    assert response.status_code == READ_EXPECTED[role]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("administrator", 200),
        ("leader_a", 200),
        ("leader_b", 200),
        ("omu_member", 403),
        ("committee_member", 403),
    ],
)
def test_mine_tiltag_is_for_leaders_and_administrators(client_for, role, expected, open_period):
    assert client_for(role).get(reverse("initiatives:mine")).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("administrator", 200),
        ("leader_a", 403),
        ("leader_b", 403),
        ("omu_member", 403),
        ("committee_member", 403),
    ],
)
def test_only_administrators_manage_half_years(client_for, role, expected, open_period):
    client = client_for(role)
    assert client.get(reverse("initiatives:periods")).status_code == expected
    response = client.post(reverse("initiatives:period_close", args=[open_period.pk]))
    assert response.status_code == (302 if expected == 200 else 403)
    open_period.refresh_from_db()
    assert open_period.is_open is (expected != 200)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_overview_and_drill_down(client_for, role, initiative_a, open_period):
    client = client_for(role)
    for url in ["/", "/pejlemaerker/4/", "/pejlemaerker/4/maalsaetninger/2/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "KRAP i Område Grenå" in response.content.decode() or url == "/"


EDIT_EXPECTED = {
    "administrator": True,
    "leader_a": True,
    "leader_b": False,
    "omu_member": False,
    "committee_member": False,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_the_units_leader_and_administrators_edit_status(
    client_for, role, initiative_a, open_period
):
    client = client_for(role)
    url = reverse("initiatives:status_edit", args=[initiative_a.pk])
    before = _denied_events()
    get = client.get(url)
    post = client.post(url, _post_data(open_period))
    if EDIT_EXPECTED[role]:
        assert get.status_code == 200
        assert post.status_code == 302
        assert StatusUpdate.objects.get().author_id == int(client.session["_auth_user_id"])
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert not StatusUpdate.objects.exists()
        assert _denied_events() == before + 2
        event = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED).first()
        assert event.target == f"initiative:{initiative_a.pk}"
        assert "Ingen adgang" in post.content.decode()


@pytest.mark.django_db
def test_a_leader_of_a_parent_unit_edits_initiatives_of_its_services(client_for, open_period):
    in_service = InitiativeFactory(responsible_unit=Unit.objects.get(name="Ålunden"))  # under Grenå
    response = client_for("leader_a").post(
        reverse("initiatives:status_edit", args=[in_service.pk]), _post_data(open_period)
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_edit_buttons_follow_the_rules(client_for, initiative_a, open_period):
    edit = reverse("initiatives:status_edit", args=[initiative_a.pk])
    assert edit in client_for("leader_a").get(initiative_a.get_absolute_url()).content.decode()
    assert edit not in client_for("leader_b").get(initiative_a.get_absolute_url()).content.decode()
    assert (
        edit not in client_for("omu_member").get(initiative_a.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in(client, initiative_a, open_period):
    for url in [reverse("initiatives:list"), initiative_a.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_an_unknown_initiative_is_404(client_for, open_period):
    client = client_for("administrator")
    assert client.get(reverse("initiatives:detail", args=[999999])).status_code == 404
    response = client.post(
        reverse("initiatives:status_edit", args=[999999]), _post_data(open_period)
    )
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()
    assert not StatusUpdate.objects.exists()


# --- Mine tiltag and the inline form -------------------------------------------------------------


@pytest.mark.django_db
def test_mine_tiltag_lists_the_leaders_initiatives_the_missing_and_the_deadline(
    client_for, initiative_a, initiative_b, open_period
):
    html = client_for("leader_a").get(reverse("initiatives:mine")).content.decode()
    assert "KRAP i Område Grenå" in html
    assert "Tiltag i Område Ørum" not in html
    assert "15. december 2026" in html
    assert "Mangler opdatering" in html
    assert 'data-counter="missing">1<' in html


@pytest.mark.django_db
def test_the_form_is_a_partial_for_htmx_and_a_full_page_without(
    client_for, initiative_a, open_period
):
    client = client_for("leader_a")
    url = reverse("initiatives:status_edit", args=[initiative_a.pk])
    partial = client.get(url, **HTMX).content.decode()
    assert partial.lstrip().startswith(
        f'<li class="status-row editing" id="initiative-{initiative_a.pk}"'
    )
    assert "<html" not in partial
    assert f'hx-post="{url}"' in partial
    assert "Skriv ikke personoplysninger om borgere" in partial
    full = client.get(url).content.decode()
    assert "<html" in full and "hx-post" not in full
    assert 'name="csrfmiddlewaretoken"' in full


@pytest.mark.django_db
def test_an_inline_save_returns_the_row_and_the_counters(client_for, initiative_a, open_period):
    client = client_for("leader_a")
    response = client.post(
        reverse("initiatives:status_edit", args=[initiative_a.pk]), _post_data(open_period), **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="initiative-{initiative_a.pk}"' in html
    assert "Risiko" in html and "55 %" in html
    assert 'id="mine-counters"' in html and 'hx-swap-oob="true"' in html
    assert 'data-counter="missing">0<' in html
    assert "statusSaved" in response["HX-Trigger"]
    update = StatusUpdate.objects.get()
    assert (update.traffic_light, update.progress, update.version) == ("yellow", 55, 1)


@pytest.mark.django_db
def test_a_plain_post_saves_and_redirects_with_a_message(client_for, initiative_a, open_period):
    client = client_for("leader_a")
    response = client.post(
        reverse("initiatives:status_edit", args=[initiative_a.pk]),
        {**_post_data(open_period), "next": reverse("initiatives:mine")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("initiatives:mine")
    assert "er gemt for 2. halvår 2026" in response.content.decode()


@pytest.mark.django_db
def test_the_row_partial_for_cancel(client_for, initiative_a, open_period):
    response = client_for("leader_a").get(
        reverse("initiatives:status_row", args=[initiative_a.pk]), **HTMX
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith("<li")
    assert (
        client_for("leader_b")
        .get(reverse("initiatives:status_row", args=[initiative_a.pk]))
        .status_code
        == 403
    )


# --- Bad input ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"progress": "150"}, "Fremdriften kan højst være 100 %."),
        ({"progress": "-1"}, "Fremdriften kan ikke være under 0 %."),
        ({"progress": "mange"}, "Angiv fremdriften som et helt tal fra 0 til 100."),
        ({"traffic_light": ""}, "Vælg et trafiklys"),
        ({"status_text": "x" * 2001}, "Teksten må højst være 2000 tegn (den er 2001 tegn)."),
        ({"next_steps": "y" * 5000}, "Teksten må højst være 2000 tegn"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_is_refused_in_danish_in_place(
    client_for, initiative_a, open_period, overrides, message, htmx
):
    response = client_for("leader_a").post(
        reverse("initiatives:status_edit", args=[initiative_a.pk]),
        _post_data(open_period, **overrides),
        **(HTMX if htmx else {}),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert "Status er ikke gemt" in html
    assert 'aria-invalid="true"' in html
    assert ("<html" in html) is not htmx
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
def test_a_stale_version_answers_409_with_the_other_persons_changes(
    client_for, initiative_a, open_period, administrator
):
    StatusUpdateFactory(
        initiative=initiative_a, period=open_period, traffic_light="green", progress=40, version=1
    )
    client = client_for("administrator")
    url = reverse("initiatives:status_edit", args=[initiative_a.pk])
    assert (
        client.post(url, _post_data(open_period, version="1", traffic_light="red")).status_code
        == 302
    )
    # The leader opened version 1 before the administrator saved.
    response = client_for("leader_a").post(url, _post_data(open_period, version="1"), **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "har gemt en nyere status" in html
    assert "Intet er overskrevet" in html
    assert "Planmæssigt" in html and "Forsinket – kræver handling" in html
    assert 'name="version" value="2"' in html  # a second, deliberate save may replace it
    update = StatusUpdate.objects.get()
    assert (update.traffic_light, update.progress, update.version) == ("red", 55, 2)


@pytest.mark.django_db
def test_a_closed_half_year_answers_409_and_stores_nothing(
    client_for, initiative_a, open_period, closed_period
):
    response = client_for("leader_a").post(
        reverse("initiatives:status_edit", args=[initiative_a.pk]), _post_data(closed_period)
    )
    assert response.status_code == 409
    assert "1. halvår 2026 er lukket" in response.content.decode()
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
def test_without_an_open_half_year_the_form_says_so(client_for, initiative_a, closed_period):
    response = client_for("leader_a").get(
        reverse("initiatives:status_edit", args=[initiative_a.pk])
    )
    assert response.status_code == 409
    assert "Der er ikke et åbent halvår" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_csrf_token_is_refused(leader_a, initiative_a, open_period):
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader_a)
    response = client.post(
        reverse("initiatives:status_edit", args=[initiative_a.pk]), _post_data(open_period)
    )
    assert response.status_code == 403
    assert not StatusUpdate.objects.exists()


# --- The list: filters, shareable URLs, pagination, export ------------------------------------


@pytest.mark.django_db
def test_the_list_filters_by_every_dimension(
    client_for, initiative_a, initiative_b, open_period, strategy_data
):
    StatusUpdateFactory(initiative=initiative_a, period=open_period, traffic_light="red")
    initiative_b.lifecycle_status = Initiative.Lifecycle.PAUSED
    initiative_b.save()
    client = client_for("omu_member")
    url = reverse("initiatives:list")
    grenaa = Unit.objects.get(name="Område Grenå")

    def titles(**params) -> set[str]:
        html = client.get(url, params).content.decode()
        return {t for t in [initiative_a.title, initiative_b.title] if t in html}

    both = {initiative_a.title, initiative_b.title}
    assert titles() == both
    assert titles(theme=2) == {initiative_a.title}
    assert titles(objective=initiative_b.objectives.get().pk) == both
    assert titles(unit=grenaa.pk) == {initiative_a.title}
    assert titles(unit=Unit.objects.get(name="Socialafdelingen (voksenområdet)").pk) == both
    assert titles(light="red") == {initiative_a.title}
    assert titles(light="missing") == {initiative_b.title}
    assert titles(status="paused") == {initiative_b.title}
    assert titles(focus_area=initiative_a.focus_area.pk) == both
    assert titles(q="Ørum") == {initiative_b.title}


@pytest.mark.django_db
def test_the_list_is_an_htmx_partial_with_a_shareable_url(client_for, initiative_a, open_period):
    client = client_for("omu_member")
    response = client.get(reverse("initiatives:list"), {"q": "KRAP"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "KRAP i Område Grenå" in html
    assert "HX-Request" in response["Vary"]
    full = client.get(reverse("initiatives:list"), {"q": "KRAP"}).content.decode()
    assert 'hx-push-url="true"' in full and 'value="KRAP"' in full


@pytest.mark.django_db
def test_the_list_is_paginated_by_25(client_for, open_period, strategy_data):
    from initiatives.views import PAGE_SIZE

    assert PAGE_SIZE == 25
    InitiativeFactory.create_batch(51)
    client = client_for("omu_member")
    first = client.get(reverse("initiatives:list")).content.decode()
    assert "51 tiltag fundet" in first and "Side 1 af 3" in first
    assert first.count('<tr>\n        <td><a href="/tiltag/') == 25
    third = client.get(reverse("initiatives:list"), {"side": 3}).content.decode()
    assert "Side 3 af 3" in third
    assert third.count('<tr>\n        <td><a href="/tiltag/') == 1


@pytest.mark.django_db
def test_the_export_is_the_filtered_list_as_xlsx_and_is_audited(
    client_for, initiative_a, initiative_b, open_period
):
    from openpyxl import load_workbook

    StatusUpdateFactory(initiative=initiative_a, period=open_period, traffic_light="yellow")
    response = client_for("omu_member").get(reverse("initiatives:export"), {"theme": 2})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Titel"
    assert [r[0] for r in rows[1:]] == [initiative_a.title]
    assert rows[1][rows[0].index("Trafiklys")] == "Gul: Risiko"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORT)
    assert event.details == {"filters": {"theme": "2"}, "rows": 1}


# --- The initiative page, history and the changes page -----------------------------------------


@pytest.mark.django_db
def test_the_initiative_page_shows_a_readable_history(client_for, initiative_a, open_period):
    url = reverse("initiatives:status_edit", args=[initiative_a.pk])
    leader = client_for("leader_a")
    leader.post(url, _post_data(open_period, traffic_light="green", progress="30"))
    leader.post(url, _post_data(open_period, version="1", traffic_light="red", progress="35"))
    html = client_for("omu_member").get(initiative_a.get_absolute_url()).content.decode()
    assert "Historik" in html
    assert "Leder Testesen" in html
    assert "Status for 2. halvår 2026" in html
    assert "Planmæssigt" in html and "Forsinket – kræver handling" in html
    assert "30 %" in html and "35 %" in html
    assert "Tiltaget blev oprettet" in html


@pytest.mark.django_db
def test_the_changes_page_shows_both_lights(client_for, initiative_a, open_period, closed_period):
    StatusUpdateFactory(initiative=initiative_a, period=closed_period, traffic_light="green")
    StatusUpdateFactory(initiative=initiative_a, period=open_period, traffic_light="red")
    html = client_for("omu_member").get(reverse("initiatives:changes")).content.decode()
    assert "2. halvår 2026 sammenlignet med 1. halvår 2026" in html
    assert "Skiftet trafiklys (1)" in html
    assert "Planmæssigt" in html and "Forsinket – kræver handling" in html


@pytest.mark.django_db
def test_the_committee_overview_shows_the_closed_half_year_never_the_draft(
    client_for, initiative_a, open_period, closed_period
):
    StatusUpdateFactory(initiative=initiative_a, period=closed_period, traffic_light="green")
    StatusUpdateFactory(initiative=initiative_a, period=open_period, traffic_light="red")
    committee = client_for("committee_member").get("/")
    assert "Status for 1. halvår 2026" in committee.content.decode()
    assert committee.context["status_period"] == closed_period
    theme4 = committee.context["theme_statuses"][3]
    assert (theme4.counts.green, theme4.counts.red) == (1, 0)
    omu = client_for("omu_member").get("/").content.decode()
    assert "Status for 2. halvår 2026" in omu
    assert "15. december 2026" in omu


@pytest.mark.django_db
def test_the_overview_shows_lights_as_text_and_shape_progress_and_focus(
    client_for, initiative_a, initiative_b, open_period, strategy_data
):
    StatusUpdateFactory(
        initiative=initiative_a, period=open_period, traffic_light="yellow", progress=60
    )
    html = client_for("leader_b").get("/").content.decode()
    assert 'role="img"' in html and "<title" in html
    assert "Risiko" in html and "Mangler opdatering" in html
    assert "60 %" in html
    assert "1 tiltag mangler opdatering" in html
    assert "Seneste opdateringer" in html


# --- Half-years page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_administrator_closes_and_opens_half_years_from_the_page(
    client_for, open_period, closed_period
):
    client = client_for("administrator")
    client.post(reverse("initiatives:period_close", args=[open_period.pk]))
    response = client.post(
        reverse("initiatives:period_create"),
        {"year": "2027", "half": "1", "deadline": "2027-06-15"},
    )
    assert response.status_code == 302
    planned = Period.objects.get(year=2027, half=1)
    assert planned.state == Period.State.PLANNED
    page = client.get(reverse("initiatives:periods")).content.decode()
    # Newest first: 1. halvår 2027 planned, both 2026 half-years closed.
    assert re.findall(r'data-state="(\w+)">(?:<strong>)?(\w+)', page) == [
        ("planned", "Planlagt"),
        ("closed", "Lukket"),
        ("closed", "Lukket"),
    ]
    response = client.post(reverse("initiatives:period_open", args=[planned.pk]), follow=True)
    assert "1. halvår 2027 er åbnet for opdateringer" in response.content.decode()
    assert Period.objects.current_open() == planned
    assert "<strong>Åben</strong>" in response.content.decode()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PERIOD_CHANGED).count() == 3
    bad = client.post(reverse("initiatives:period_create"), {"year": "2027", "half": "2"})
    assert bad.status_code == 422


@pytest.mark.django_db
def test_one_click_on_a_closed_half_year_does_not_reopen_it(client_for, closed_period):
    client = client_for("administrator")
    response = client.post(reverse("initiatives:period_open", args=[closed_period.pk]), follow=True)
    assert "kun genåbnes med en skriftlig begrundelse" in response.content.decode()
    closed_period.refresh_from_db()
    assert closed_period.state == Period.State.CLOSED


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"reason": "   "}])
def test_reopening_without_a_reason_is_422_in_danish_and_changes_nothing(
    client_for, closed_period, data
):
    history_before = closed_period.history.count()
    response = client_for("administrator").post(
        reverse("initiatives:period_reopen", args=[closed_period.pk]), data
    )
    assert response.status_code == 422
    assert "Skriv en begrundelse for at genåbne halvåret." in response.content.decode()
    closed_period.refresh_from_db()
    assert (closed_period.state, closed_period.reopened_at) == (Period.State.CLOSED, None)
    assert closed_period.history.count() == history_before
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PERIOD_CHANGED).exists()


@pytest.mark.django_db
def test_reopening_with_a_reason_from_the_page(client_for, closed_period):
    response = client_for("administrator").post(
        reverse("initiatives:period_reopen", args=[closed_period.pk]),
        {"reason": "Forkert fremdrift indberettet for KRAP."},
        follow=True,
    )
    html = response.content.decode()
    assert "1. halvår 2026 er genåbnet." in html
    assert "Forkert fremdrift indberettet for KRAP." in html
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PERIOD_CHANGED)
    assert event.details["reason"] == "Forkert fremdrift indberettet for KRAP."


# 1. halvår 2027 ends 30 June 2027; + 60 days = 29 August 2027. 2. halvår 2026 ends
# 31 December 2026; + 60 days = 1 March 2027.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "data", "latest"),
    [
        (
            "period_create",
            {"year": "2027", "half": "1", "deadline": "2027-08-30"},
            "29. august 2027",
        ),
        (
            "period_create",
            {"year": "2027", "half": "1", "deadline": "2026-12-31"},
            "29. august 2027",
        ),
        ("period_deadline", {"deadline": "2026-01-01"}, "1. marts 2027"),
        ("period_deadline", {"deadline": "2027-03-02"}, "1. marts 2027"),
    ],
)
def test_a_deadline_outside_the_window_is_422_in_danish_and_changes_nothing(
    client_for, open_period, url_name, data, latest
):
    args = [open_period.pk] if url_name == "period_deadline" else []
    before = list(Period.objects.order_by("pk").values())
    response = client_for("administrator").post(reverse(f"initiatives:{url_name}", args=args), data)
    assert response.status_code == 422
    assert (
        "Fristen skal ligge i halvåret eller højst 60 dage efter dets afslutning "
        f"(senest {latest})." in response.content.decode()
    )
    assert list(Period.objects.order_by("pk").values()) == before
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PERIOD_CHANGED).exists()


@pytest.mark.django_db
def test_the_form_says_the_deadline_rule_in_danish(client_for, open_period):
    html = client_for("administrator").get(reverse("initiatives:periods")).content.decode()
    assert "Fristen skal ligge i halvåret eller højst 60 dage efter dets afslutning." in html
    assert "(senest 1. marts 2027)" in html


# --- Query counts: pinned, and the same at 5 and at 50 initiatives ----------------------------


@pytest.fixture
def plan_of(open_period, closed_period, unit_a, unit_b, objective_21, objective_42, leader_a):
    def _make(count: int) -> list[Initiative]:
        initiatives = InitiativeFactory.create_batch(
            count,
            responsible_unit=unit_a,
            objectives=[objective_21, objective_42],
            responsible_leader=leader_a,
        )
        # And as many that unit A only takes part in (listed apart in Mine tiltag).
        for initiative in InitiativeFactory.create_batch(
            count, responsible_unit=unit_b, units=[unit_a], objectives=[objective_42]
        ):
            StatusUpdateFactory(initiative=initiative, period=open_period)
        for i, initiative in enumerate(initiatives):
            StatusUpdateFactory(initiative=initiative, period=closed_period)
            if i % 2:
                StatusUpdateFactory(initiative=initiative, period=open_period, author=leader_a)
        return initiatives

    return _make


PINNED = {
    # session, user, groups (rules), open period, the data stamp: the content is cached as
    # HTML under the stamp (warmed by the first request), and the menu asks the rules only;
    # the leader's own banner: the open period and the data stamp (counters cached under it)
    "overview": 7,
    # session, user, groups, period, count, periods, filter choices (themes, objectives,
    # units, focus areas), page, units, objectives, updates (this half-year's and the one
    # before, for the trend, in one query)
    "list": 14,
    # session, user, groups, open period, led units (the tree, marked), counters (they count
    # the rows for the pages too), the page of own initiatives, the ids of those the units
    # take part in and their rows; then both lists' units, and their updates (this
    # half-year's and the one before, for the trend): one query each; the units' open
    # follow-ups (meetings fills the page's slot); and the open corrections naming the
    # user's initiatives, for the banner (one query; their initiatives a second one only
    # when there are any)
    "mine": 13,
    # session, user, groups, initiative (with focus area, parent, responsible unit and
    # tovholder), units, objectives, updates, open period, children, history (status,
    # initiative, its målsætninger and units, contributions), led units, contributions; the
    # decisions about it and its follow-ups (meetings fills the page's slot)
    "detail": 18,
}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("page", ["overview", "list", "mine", "detail"])
def test_query_counts_are_pinned_and_do_not_grow(
    client_for, plan_of, count, page, django_assert_num_queries
):
    initiatives = plan_of(count)
    client = client_for("leader_a")
    url = {
        "overview": reverse("pages:overview"),
        "list": reverse("initiatives:list"),
        "mine": reverse("initiatives:mine"),
        "detail": initiatives[1].get_absolute_url(),
    }[page]
    client.get(url)  # warm the session
    with django_assert_num_queries(PINNED[page]):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_half_year_action_is_for_administrators_only(
    client_for, role, open_period, closed_period
):
    client = client_for(role)
    allowed = role == "administrator"
    actions = [
        (reverse("initiatives:period_deadline", args=[open_period.pk]), {"deadline": "2026-12-20"}),
        (
            reverse("initiatives:period_create"),
            {"year": "2027", "half": "1", "deadline": "2027-06-15"},
        ),
        (reverse("initiatives:period_close", args=[open_period.pk]), {}),
        (
            reverse("initiatives:period_reopen", args=[closed_period.pk]),
            {"reason": "Rettelse efter aftale med OMU."},
        ),
    ]
    for url, data in actions:
        assert client.post(url, data).status_code == (302 if allowed else 403), url
    open_period.refresh_from_db()
    closed_period.refresh_from_db()
    assert (open_period.deadline.day, closed_period.is_open) == (
        (20, True) if allowed else (15, False)
    )
    assert Period.objects.filter(year=2027).exists() is allowed


@pytest.mark.django_db
def test_a_named_responsible_leader_may_edit_outside_their_units(
    client_for, initiative_b, open_period, leader_a
):
    url = reverse("initiatives:status_edit", args=[initiative_b.pk])
    assert client_for("leader_a").post(url, _post_data(open_period)).status_code == 403
    initiative_b.responsible_leader = leader_a
    initiative_b.save()
    assert client_for("leader_a").post(url, _post_data(open_period)).status_code == 302


@pytest.mark.django_db
def test_mine_tiltag_is_paged_and_the_counters_count_every_page(client_for, plan_of):
    from initiatives.views import PAGE_SIZE

    plan_of(PAGE_SIZE + 1)
    client = client_for("leader_a")
    first = client.get(reverse("initiatives:mine")).content.decode()
    second = client.get(reverse("initiatives:mine") + "?side=2").content.decode()

    def own(html: str) -> str:  # the own list, before the list of those taken part in
        return html.split('id="deltager"')[0]

    assert own(first).count('<li class="status-row') == PAGE_SIZE
    assert own(second).count('<li class="status-row') == 1
    # The 26 taken part in: one page of them, and a pointer to the rest.
    assert first.split('id="deltager"')[1].count('<li class="status-row') == PAGE_SIZE
    assert "Der er flere." in first
    assert f'data-counter="total">{PAGE_SIZE + 1}<' in first
    assert "Side 1 af 2" in first


@pytest.mark.django_db
def test_the_initiative_page_shows_the_newest_history_and_the_rest_on_request(
    client_for, initiative_a
):
    from initiatives.views import HISTORY_SHOWN

    for number in range(HISTORY_SHOWN + 4):
        initiative_a.title = f"KRAP, udgave {number}"
        initiative_a.save()
    client = client_for("omu_member")
    url = initiative_a.get_absolute_url()
    html = client.get(url).content.decode()
    timeline = html[html.index('class="history-timeline"') :]
    # 1 creation + HISTORY_SHOWN + 4 edits, the newest HISTORY_SHOWN shown.
    assert timeline.count('<p class="timeline-head">') == HISTORY_SHOWN
    assert f"KRAP, udgave {HISTORY_SHOWN + 3}" in timeline
    assert "Tiltaget blev oprettet" not in timeline
    assert "Vis hele historikken (5 ældre ændringer)" in html
    whole = client.get(url + "?historik=alle").content.decode()
    assert whole.count('<p class="timeline-head">') == HISTORY_SHOWN + 5
    assert "Tiltaget blev oprettet" in whole and "Vis hele historikken" not in whole


# --- The half-year that is meant ------------------------------------------------------------


@pytest.mark.django_db
def test_after_closing_mine_tiltag_shows_what_was_reported_until_the_next_opens(
    client_for, initiative_a, closed_period, leader_a
):
    # 1. halvår 2026 is closed and nothing is open; leader A reported KRAP in it.
    StatusUpdateFactory(
        initiative=initiative_a, period=closed_period, traffic_light="yellow", progress=55
    )
    response = client_for("leader_a").get(reverse("initiatives:mine"))
    html = response.content.decode()
    row = html[html.index(f'id="initiative-{initiative_a.pk}"') :]
    row = row[: row.index("</li>")]
    assert "Risiko" in row and "55 %" in row
    assert "Mangler opdatering" not in row
    assert "Opdater status" not in row and "Ret status" not in row
    assert "Her er det, der blev rapporteret for 1. halvår 2026, som er lukket." in html
    assert response.context["counters"] == {"total": 1, "missing": 0, "done": 1, "listed": 1}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["committee_member", "omu_member"])
def test_creating_next_half_year_in_advance_changes_nothing_readers_see(
    client_for, initiative_a, closed_period, role
):
    StatusUpdateFactory(initiative=initiative_a, period=closed_period, traffic_light="green")
    planned = PeriodFactory(year=2027, half=1, planned=True)
    client = client_for(role)
    html = client.get("/").content.decode()
    assert "Status for 1. halvår 2026" in html
    assert "1. halvår 2027" not in html
    if role == "omu_member":
        # Staff pick half-years on the list and the changes page: never the planned one.
        for name in ["initiatives:list", "initiatives:changes"]:
            response = client.get(reverse(name), {"halvaar": planned.pk})
            assert response.context["period"] == closed_period
            assert "1. halvår 2027" not in response.content.decode()


@pytest.mark.django_db
def test_the_admin_change_form_holds_the_deadline_window_too(client_for, open_period):
    before = list(Period.objects.values())
    response = client_for("administrator").post(
        reverse("admin:initiatives_period_change", args=[open_period.pk]),
        {
            "year": "2026",
            "half": "2",
            "start": "2026-07-01",
            "end": "2026-12-31",
            "deadline": "2027-03-02",
        },
    )
    assert response.status_code == 200
    assert "(senest 1. marts 2027)" in response.content.decode()
    assert list(Period.objects.values()) == before
