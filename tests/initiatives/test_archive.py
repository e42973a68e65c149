"""Administrators archive initiatives (and take them out of the archive again) on the app's own
pages, with a reason: the initiative leaves the living plan, stays readable at its address,
and the half-years closed before the archive keep counting it.

The scenario: unit A (Område Grenå, leader A) is responsible for three initiatives. 1. halvår
2026 closed on 30 June; 2. halvår 2026 is open.

| initiative    | 1. halvår 2026 (closed) | 2. halvår 2026 (open) |
|---------------|-------------------------|-----------------------|
| KRAP          | green, 40 %             | –  (missing)          |
| Bostøtte-café | yellow, 30 %            | –  (missing)          |
| ETIKOS        | red, 20 %               | green, 60 %           |

The café is archived during the open half-year.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from initiatives.models import Initiative, StatusUpdate
from initiatives.queries import changes_since_previous, plan_status_counts, theme_status_rollup
from initiatives.services import initiative_archive, period_close
from reports.documents import build_snapshot
from reports.models import Audience
from tests.initiatives.conftest import ROLES
from tests.initiatives.factories import InitiativeFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db

REASON = "Erstattet af det fælles dokumentationsprojekt, jf. ledermødet."
# The café is archived at this moment (after 1. halvår 2026 closed, during 2. halvår 2026).
ARCHIVED_AT = datetime.datetime(2026, 10, 5, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def plan(open_period, closed_period, unit_a, unit_b, objective_42) -> dict[str, Initiative]:
    made = {}
    for order, (title, before, now) in enumerate(
        [
            ("KRAP", ("green", 40), None),
            ("Bostøtte-café", ("yellow", 30), None),
            ("ETIKOS", ("red", 20), ("green", 60)),
        ],
        start=1,
    ):
        initiative = InitiativeFactory(
            title=title, order=order, responsible_unit=unit_a, objectives=[objective_42]
        )
        light, progress = before
        StatusUpdateFactory(
            initiative=initiative, period=closed_period, traffic_light=light, progress=progress
        )
        if now is not None:
            light, progress = now
            StatusUpdateFactory(
                initiative=initiative, period=open_period, traffic_light=light, progress=progress
            )
        made[title] = initiative
    return made


@pytest.fixture
def archived_cafe(plan, administrator) -> Initiative:
    cafe = initiative_archive(initiative=plan["Bostøtte-café"], reason=REASON, author=administrator)
    # As if on 5 October, so its page has a known date (its history keeps the real moment).
    Initiative.objects.filter(pk=cafe.pk).update(archived_at=ARCHIVED_AT)
    cafe.refresh_from_db()
    return cafe


def _counts(period) -> tuple:
    counts = plan_status_counts(period)
    return (counts.green, counts.yellow, counts.red, counts.missing, counts.progress_sum)


# --- Archiving through the confirmation page --------------------------------------------------


def test_an_administrator_archives_through_a_confirmation_page_with_a_reason(
    client_for, plan, open_period
):
    cafe = plan["Bostøtte-café"]
    client = client_for("administrator")
    url = reverse("initiatives:archive", args=[cafe.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    # A plain form: it works without JavaScript, and the reason is asked for on the page.
    assert f'action="{url}"' in html and 'method="post"' in html
    assert "Bekræft: arkivér ”Bostøtte-café”" in html
    cafe.refresh_from_db()
    assert not cafe.is_archived  # the page itself changes nothing

    response = client.post(url, {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == cafe.get_absolute_url()
    cafe.refresh_from_db()
    assert cafe.is_archived and cafe.archive_reason == REASON
    assert cafe.version == 2  # a form opened before the archive is stale


def test_without_a_reason_nothing_is_archived_and_the_message_is_danish(client_for, plan):
    cafe = plan["Bostøtte-café"]
    response = client_for("administrator").post(
        reverse("initiatives:archive", args=[cafe.pk]), {"reason": "   "}
    )
    assert response.status_code == 422
    assert "Skriv en kort begrundelse." in response.content.decode()
    cafe.refresh_from_db()
    assert not cafe.is_archived and cafe.version == 1


@pytest.mark.parametrize("role", [r for r in ROLES if r != "administrator"])
@pytest.mark.parametrize("name", ["archive", "unarchive"])
def test_only_administrators_archive_others_get_a_danish_403(client_for, plan, role, name):
    cafe = plan["Bostøtte-café"]
    if name == "unarchive":
        Initiative.objects.filter(pk=cafe.pk).update(archived_at=ARCHIVED_AT, archive_reason="x")
    client = client_for(role)
    url = reverse(f"initiatives:{name}", args=[cafe.pk])
    denied = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED).count()
    for response in (client.get(url), client.post(url, {"reason": REASON})):
        assert response.status_code == 403
        assert "Kun administratorer arkiverer tiltag" in response.content.decode()
    cafe.refresh_from_db()
    assert cafe.is_archived is (name == "unarchive")  # unchanged
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED).count() == denied + 2


# --- Out of the living plan, in the closed half-year --------------------------------------------


def test_the_open_half_year_counts_without_it_and_the_closed_one_as_before(
    plan, closed_period, open_period, archived_cafe
):
    # Open: ETIKOS green 60; KRAP missing. Before the archive the café was missing too.
    assert _counts(open_period) == (1, 0, 0, 1, 60)
    # Closed before the archive: history is final. 40 + 30 + 20 = 90.
    assert _counts(closed_period) == (1, 1, 1, 0, 90)
    rollup = {t.theme.number: t for t in theme_status_rollup(closed_period)}
    [objective] = [o for o in rollup[4].objectives if o.objective.number == 2]
    assert [s.initiative.title for s in objective.initiatives] == [
        "KRAP",
        "Bostøtte-café",
        "ETIKOS",
    ]
    rollup = {t.theme.number: t for t in theme_status_rollup(open_period)}
    [objective] = [o for o in rollup[4].objectives if o.objective.number == 2]
    assert [s.initiative.title for s in objective.initiatives] == ["KRAP", "ETIKOS"]


def test_an_update_in_the_open_half_year_does_not_keep_it_in_the_counts(
    plan, open_period, administrator
):
    initiative_archive(initiative=plan["ETIKOS"], reason=REASON, author=administrator)
    # KRAP and the café missing; ETIKOS's green 60 is no longer counted.
    assert _counts(open_period) == (0, 0, 0, 2, 0)
    assert [c.initiative.title for c in changes_since_previous(open_period).light_changed] == []


def test_mine_tiltag_the_banner_and_the_list_leave_it_out(
    client_for, plan, open_period, archived_cafe
):
    client = client_for("leader_a")
    mine = client.get(reverse("initiatives:mine"))
    # KRAP missing, ETIKOS done: 2 followed up (3 before the archive, 2 of them missing).
    assert mine.context["counters"] == {"total": 2, "missing": 1, "done": 1, "listed": 2}
    html = mine.content.decode()
    assert "Du mangler 1 af 2 tiltag – frist 15. december 2026" in html
    assert "Bostøtte-café" not in html
    assert [i.title for i in mine.context["initiatives"]] == ["KRAP", "ETIKOS"]
    overview = client_for("administrator").get(reverse("pages:overview")).content.decode()
    assert "1 af 2 tiltag mangler opdatering for 2. halvår 2026" in overview

    listed = client.get(reverse("initiatives:list"))
    assert [i.title for i in listed.context["page"].object_list] == ["KRAP", "ETIKOS"]
    missing = client.get(reverse("initiatives:list"), {"light": "missing"})
    assert [i.title for i in missing.context["page"].object_list] == ["KRAP"]


def test_the_list_shows_archived_ones_on_request(client_for, plan, closed_period, archived_cafe):
    client = client_for("omu_member")
    url = reverse("initiatives:list")
    also = client.get(url, {"archived": "include"})
    assert [i.title for i in also.context["page"].object_list] == [
        "KRAP",
        "Bostøtte-café",
        "ETIKOS",
    ]
    assert "Arkiveret" in also.content.decode()
    only = client.get(url, {"archived": "only"})
    assert [i.title for i in only.context["page"].object_list] == ["Bostøtte-café"]
    # The closed half-year (closed before the archive) lists it as it was.
    closed = client.get(url, {"halvaar": closed_period.pk})
    assert [i.title for i in closed.context["page"].object_list] == [
        "KRAP",
        "Bostøtte-café",
        "ETIKOS",
    ]


def test_it_stays_readable_at_its_address_with_the_date_and_the_reason(client_for, archived_cafe):
    response = client_for("omu_member").get(archived_cafe.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Arkiveret 5. oktober 2026: {REASON}" in html
    # Its history says who archived it, when and why.
    timeline = html[html.index('class="history-timeline"') :]
    assert "Tiltaget blev arkiveret" in timeline and REASON in timeline
    assert "Admin Testesen" in timeline


def test_no_one_changes_an_archived_initiative(client_for, plan, open_period, archived_cafe):
    cafe = archived_cafe
    status = client_for("leader_a").post(
        reverse("initiatives:status_edit", args=[cafe.pk]),
        {
            "traffic_light": "green",
            "progress": "50",
            "lifecycle_status": "in_progress",
            "status_text": "",
            "next_steps": "",
            "version": "0",
            "period": str(open_period.pk),
        },
    )
    assert status.status_code == 409
    assert "”Bostøtte-café” er arkiveret og kan ikke ændres." in status.content.decode()
    edit = client_for("administrator").get(reverse("initiatives:edit", args=[cafe.pk]))
    assert edit.status_code == 409
    assert not StatusUpdate.objects.filter(initiative=cafe, period=open_period).exists()


# --- New reports; and back into the plan -------------------------------------------------------


def test_a_half_year_closed_after_the_archive_reports_without_it(
    plan, open_period, archived_cafe, administrator
):
    period_close(period=open_period, user=administrator)
    open_period.refresh_from_db()
    # ETIKOS green 60, KRAP missing: the café is out, though the half-year is closed now.
    assert _counts(open_period) == (1, 0, 0, 1, 60)
    snapshot = build_snapshot(period=open_period, audience=Audience.LEADERS)
    titles = {
        entry["title"]
        for theme in snapshot["themes"]
        for objective in theme["objectives"]
        for entry in objective["initiatives"]
    }
    assert titles == {"KRAP", "ETIKOS"}
    assert [m["title"] for m in snapshot["missing"]] == ["KRAP"]


def test_a_report_of_the_half_year_closed_before_the_archive_still_has_it(
    plan, closed_period, archived_cafe
):
    snapshot = build_snapshot(period=closed_period, audience=Audience.OMU)
    totals = snapshot["totals"]["counts"]
    assert (totals["green"], totals["yellow"], totals["red"], totals["missing"]) == (1, 1, 1, 0)


def test_taken_out_of_the_archive_it_is_counted_again(client_for, plan, open_period, archived_cafe):
    client = client_for("administrator")
    url = reverse("initiatives:unarchive", args=[archived_cafe.pk])
    assert "Bekræft: tag ”Bostøtte-café” ud af arkivet" in client.get(url).content.decode()
    assert client.post(url, {"reason": "Genoptaget efter aftale med OMU."}).status_code == 302
    assert _counts(open_period) == (1, 0, 0, 2, 60)
    html = client.get(archived_cafe.get_absolute_url()).content.decode()
    assert "Arkiveret 5. oktober 2026" not in html
    timeline = html[html.index('class="history-timeline"') :]
    assert "Tiltaget blev taget ud af arkivet" in timeline
    assert "Genoptaget efter aftale med OMU." in timeline


# --- The Django admin keeps an archived initiative frozen (core.admin_guards) ----------------

ARCHIVED_IN_ADMIN = "”Bostøtte-café” er arkiveret og kan ikke ændres."


def _cafe_row(pk: int) -> tuple:
    return Initiative.objects.filter(pk=pk).values_list(
        "title", "description", "lifecycle_status", "order", "archived_at", "archive_reason"
    )[0]


def test_the_admin_shows_an_archived_initiative_read_only(client_for, archived_cafe):
    client = client_for("administrator")
    page = client.get(reverse("admin:initiatives_initiative_change", args=[archived_cafe.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for field in ("title", "description", "lifecycle_status", "parent", "order"):
        assert f'name="{field}"' not in html, field
    # An initiative in the plan keeps its editable form.
    krap = Initiative.objects.get(title="KRAP")
    html = client.get(reverse("admin:initiatives_initiative_change", args=[krap.pk])).content
    assert b'name="title"' in html


def test_the_admin_refuses_a_post_changing_an_archived_initiative(client_for, archived_cafe):
    before = _cafe_row(archived_cafe.pk)
    url = reverse("admin:initiatives_initiative_change", args=[archived_cafe.pk])
    response = client_for("administrator").post(
        url,
        {
            "title": "Bostøtte-café (ændret)",
            "description": "Ændret i admin.",
            "lifecycle_status": "in_progress",
            "source": "development_plan",
            "order": "9",
        },
        follow=True,
    )
    assert response.redirect_chain == [(url, 302)]
    assert ARCHIVED_IN_ADMIN in response.content.decode()
    assert _cafe_row(archived_cafe.pk) == before
    assert before[0] == "Bostøtte-café"
    assert before[4] == ARCHIVED_AT


def test_the_parents_admin_form_refuses_changing_an_archived_sub_project(
    client_for, plan, administrator
):
    """The café as KRAP's sub-project, archived: KRAP's form cannot change it either."""
    krap, cafe = plan["KRAP"], plan["Bostøtte-café"]
    Initiative.objects.filter(pk=cafe.pk).update(parent=krap)
    initiative_archive(initiative=cafe, reason=REASON, author=administrator)
    before = _cafe_row(cafe.pk)
    url = reverse("admin:initiatives_initiative_change", args=[krap.pk])
    data = {
        "title": "KRAP",
        "description": "Et tiltag til test.",
        "lifecycle_status": "in_progress",
        "source": "development_plan",
        "order": "1",
        "objectives": [str(o.pk) for o in krap.objectives.all()],
        "children-TOTAL_FORMS": "1",
        "children-INITIAL_FORMS": "1",
        "children-MIN_NUM_FORMS": "0",
        "children-MAX_NUM_FORMS": "1000",
        "children-0-id": str(cafe.pk),
        "children-0-parent": str(krap.pk),
        "children-0-title": "Bostøtte-café (ændret)",
        "children-0-lifecycle_status": "abandoned",
        "status_updates-TOTAL_FORMS": "0",
        "status_updates-INITIAL_FORMS": "0",
        "status_updates-MIN_NUM_FORMS": "0",
        "status_updates-MAX_NUM_FORMS": "1000",
    }
    response = client_for("administrator").post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert ARCHIVED_IN_ADMIN in response.content.decode()
    assert _cafe_row(cafe.pk) == before
