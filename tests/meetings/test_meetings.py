"""Meetings: the proposed agenda, editing it with and without JavaScript, minutes, decisions
and follow-ups, frozen approved minutes, and the pages that show decisions."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse

from meetings.models import Decision, FollowUp
from meetings.services import (
    MeetingError,
    decision_create,
    meeting_create,
    minutes_approve,
)


@pytest.fixture
def meeting(small_plan, administrator, standing_users):
    return meeting_create(
        user=administrator,
        kind="leaders",
        title="Ledermøde om 1. halvår 2026",
        date=datetime.date(2026, 8, 20),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 30),
        place="Rådhuset, mødelokale 2",
        period=small_plan["period"],
    )


@pytest.mark.django_db
def test_the_agenda_is_proposed_from_the_half_years_data(meeting, small_plan):
    """The small plan: 3 followed up, 1 green, 0 yellow, 1 red (Tiltag Rød), 1 missing; no
    staffing snapshot; no indicators; no report yet."""
    points = list(meeting.points.order_by("position"))
    assert [(p.position, p.title) for p in points] == [
        (1, "Opsummering af 1. halvår 2026"),
        (2, "Forsinket tiltag: Tiltag Rød"),
        (3, "Manglende opdateringer (1)"),
        (4, "Personale og andel faguddannede"),
        (5, "Godkendelse af halvårsrapporten for 1. halvår 2026"),
    ]
    assert points[0].description == (
        "3 tiltag følges op: 1 grønne, 0 gule, 1 røde, 1 mangler opdatering."
    )
    assert points[1].subject_url == small_plan["red"].get_absolute_url()
    assert points[1].initiative == small_plan["red"]
    assert points[2].subject_url == (f"/tiltag/?period={small_plan['period'].pk}&light=missing")
    assert points[3].description == "Der er endnu ingen personaleopgørelse."
    assert points[4].description == "Rapporten er endnu ikke dannet."


@pytest.mark.django_db
def test_participants_come_from_the_roles(meeting, standing_users):
    """A ledermøde: the administrator and both leaders, not OMU or the committee."""
    names = set(meeting.participants.values_list("username", flat=True))
    assert names == {"admin_user", "leder_a", "leder_b"}


@pytest.mark.django_db
def test_points_are_reordered_added_and_removed_without_javascript(client_for, meeting):
    client = client_for("administrator")
    third = meeting.points.get(position=3)
    response = client.post(reverse("meetings:point_move", args=[third.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert list(meeting.points.order_by("position").values_list("title", flat=True))[1:3] == [
        "Manglende opdateringer (1)",
        "Forsinket tiltag: Tiltag Rød",
    ]
    response = client.post(reverse("meetings:point_add", args=[meeting.pk]), {"title": "Eventuelt"})
    assert response.status_code == 302
    assert meeting.points.get(position=6).title == "Eventuelt"
    assert client.post(reverse("meetings:point_add", args=[meeting.pk]), {}).status_code == 422
    first = meeting.points.get(position=1)
    assert client.post(reverse("meetings:point_remove", args=[first.pk])).status_code == 302
    assert list(meeting.points.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]


@pytest.mark.django_db
def test_points_are_reordered_with_htmx_and_the_agenda_comes_back(client_for, meeting):
    client = client_for("administrator")
    last = meeting.points.get(position=5)
    response = client.post(
        reverse("meetings:point_move", args=[last.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section id="dagsorden"')
    assert html.index("Godkendelse af halvårsrapporten") < html.index(
        "Personale og andel faguddannede"
    )


@pytest.mark.django_db
def test_a_decision_cannot_be_dated_before_its_meeting(meeting, administrator):
    point = meeting.points.get(position=2)
    with pytest.raises(MeetingError) as error:
        decision_create(
            user=administrator,
            point=point,
            text="Vi følger op.",
            decided_on=datetime.date(2026, 8, 19),
        )
    assert error.value.message == "En beslutning kan ikke dateres før mødet (20. august 2026)."
    assert Decision.objects.count() == 0


@pytest.mark.django_db
def test_a_follow_up_without_unit_or_due_date_gets_a_danish_message_and_nothing_is_stored(
    client_for, meeting, small_plan
):
    point = meeting.points.get(position=2)
    url = reverse("meetings:point_minutes", args=[point.pk])
    response = client_for("administrator").post(
        url,
        {
            "note": "Drøftet.",
            "d-text": "Område Grenå lægger en plan.",
            "d-decided_on": "2026-08-20",
            "d-follow_up_initiative": small_plan["red"].pk,
            "d-follow_up_text": "En plan for rekruttering.",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vælg den enhed, der er ansvarlig for opfølgningen." in html
    assert "Angiv en frist for opfølgningen." in html
    assert Decision.objects.count() == 0 and FollowUp.objects.count() == 0
    point.refresh_from_db()
    assert point.note == ""


@pytest.fixture
def decided(client_for, meeting, small_plan, unit_a):
    point = meeting.points.get(position=2)
    response = client_for("administrator").post(
        reverse("meetings:point_minutes", args=[point.pk]),
        {
            "note": "Drøftet.",
            "d-text": "Område Grenå lægger en plan for rekruttering.",
            "d-decided_on": "2026-08-20",
            "d-initiatives": [small_plan["red"].pk],
            "d-follow_up_initiative": small_plan["red"].pk,
            "d-follow_up_unit": unit_a.pk,
            "d-follow_up_due_on": "2026-10-01",
            "d-follow_up_text": "En plan for rekruttering.",
        },
    )
    assert response.status_code == 302
    return Decision.objects.get()


@pytest.mark.django_db
def test_the_follow_up_shows_in_mine_tiltag_and_the_initiatives_page(
    client_for, decided, small_plan
):
    html = client_for("leader_a").get(reverse("initiatives:mine")).content.decode()
    assert "Opfølgninger til jeres enheder" in html
    assert "En plan for rekruttering." in html and "1. oktober 2026" in html
    assert (
        "En plan for rekruttering."
        not in client_for("leader_b").get(reverse("initiatives:mine")).content.decode()
    )
    html = client_for("omu_member").get(small_plan["red"].get_absolute_url()).content.decode()
    assert "Beslutninger om tiltaget" in html
    assert "Område Grenå lægger en plan for rekruttering." in html


@pytest.mark.django_db
def test_the_next_half_years_report_lists_the_open_follow_up(decided, small_plan):
    from initiatives.models import Period
    from reports.documents import build_snapshot

    snapshot = build_snapshot(period=Period.objects.get(year=2026, half=2), audience="omu")
    assert snapshot["follow_ups"] == [
        {
            "initiative": "Tiltag Rød",
            "anchor": f"tiltag-{small_plan['red'].pk}",
            "unit": "Område Grenå",
            "due": "1. oktober 2026",
            "text": "En plan for rekruttering.",
        }
    ]
    follow_up = FollowUp.objects.get()
    follow_up.done_on = datetime.date(2026, 9, 1)
    follow_up.save()
    snapshot = build_snapshot(period=Period.objects.get(year=2026, half=2), audience="omu")
    assert snapshot["follow_ups"] == []


@pytest.mark.django_db
def test_approved_minutes_are_frozen_and_mailed_once_per_participant(
    client_for, decided, meeting, administrator, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from socialomraade.celery import app

    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            minutes_approve(user=administrator, meeting=meeting)
    finally:
        app.conf.task_always_eager = False
    assert sorted(m.to[0] for m in mail.outbox) == [
        "admin_user@example.invalid",
        "leder_a@example.invalid",
        "leder_b@example.invalid",
    ]
    message = mail.outbox[0]
    assert message.subject == "Referat: Ledermøde om 1. halvår 2026"
    assert "Beslutning: Område Grenå lægger en plan for rekruttering." in message.body
    assert message.alternatives[0].mimetype == "text/html"
    client = client_for("administrator")
    point = meeting.points.get(position=1)
    assert (
        client.post(
            reverse("meetings:point_move", args=[point.pk]), {"direction": "down"}
        ).status_code
        == 409
    )
    assert client.get(reverse("meetings:point_minutes", args=[point.pk])).status_code == 409
    assert meeting.points.get(position=1).pk == point.pk


@pytest.mark.django_db
def test_the_decisions_page_filters_and_exports(client_for, decided):
    from openpyxl import load_workbook

    client = client_for("omu_member")
    html = client.get(reverse("meetings:decisions"), {"kind": "omu"}).content.decode()
    assert "Ingen beslutninger." in html
    html = client.get(
        reverse("meetings:decisions"), {"kind": "leaders", "q": "rekruttering"}
    ).content.decode()
    assert "Område Grenå lægger en plan for rekruttering." in html
    assert client.get(reverse("meetings:decisions"), {"date_from": "i går"}).status_code == 400
    response = client.get(reverse("meetings:decisions_export"), {"kind": "leaders"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Dato", "Møde", "Mødetype", "Punkt", "Beslutning", "Tiltag")
    assert rows[1][1:] == (
        "Ledermøde om 1. halvår 2026",
        "Ledermøde",
        "Forsinket tiltag: Tiltag Rød",
        "Område Grenå lægger en plan for rekruttering.",
        "Tiltag Rød",
    )


@pytest.mark.django_db
def test_participants_read_their_meeting_and_others_do_not(client_for, meeting):
    url = meeting.get_absolute_url()
    assert client_for("leader_a").get(url).status_code == 200
    assert client_for("omu_member").get(url).status_code == 404
    assert client_for("committee_member").get(url).status_code == 404
    assert (
        client_for("leader_a").post(reverse("meetings:call", args=[meeting.pk])).status_code == 403
    )


@pytest.mark.django_db
def test_the_agenda_proposal_for_the_real_plan_opens_with_the_summary(plan_loaded, administrator):
    from initiatives.models import Period
    from meetings.proposal import propose_agenda

    period = Period.objects.get(year=2026, half=1)
    points = propose_agenda(period=period, kind="omu")
    assert points[0].title == "Opsummering af 1. halvår 2026"


@pytest.fixture
def plan_loaded(strategy_data):
    from initiatives.services import plan_load_demo_status, plan_load_norddjurs
    from staffing.services import staffing_load_bilag2

    plan_load_norddjurs()
    plan_load_demo_status()
    staffing_load_bilag2()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
@pytest.mark.parametrize("page", ["list", "decisions", "detail"])
def test_query_counts_of_the_meetings_pages_are_pinned_and_do_not_grow(
    client_for, meeting, administrator, count, page, django_assert_num_queries
):
    """session, user, groups (rules) and the page's own reads: the meetings (list); the
    decisions with their initiatives and the follow-ups (decisions); the points with their
    decisions and follow-ups, the meeting, participants, absentees, and the absentees form's
    initial and choices (detail)."""
    from meetings.models import Decision

    point = meeting.points.first()
    for n in range(count):
        Decision.objects.create(
            meeting=meeting, point=point, text=f"Beslutning {n}", decided_on=meeting.date
        )
        meeting_create(
            user=administrator,
            kind="omu",
            title=f"OMU {n}",
            date=datetime.date(2026, 9, 1),
            start_time=datetime.time(10),
            place="Rådhuset",
        )
    url = {
        "list": reverse("meetings:list"),
        "decisions": reverse("meetings:decisions"),
        "detail": meeting.get_absolute_url(),
    }[page]
    client = client_for("administrator")
    client.get(url)
    with django_assert_num_queries(PINNED[page]):
        assert client.get(url).status_code == 200


PINNED = {"list": 4, "decisions": 6, "detail": 11}


@pytest.mark.django_db
def test_calling_the_meeting_mails_the_agenda_with_links_once_per_participant(
    meeting, administrator, django_capture_on_commit_callbacks, settings, small_plan
):
    from meetings.services import meeting_call
    from socialomraade.celery import app

    settings.SITE_URL = "https://strategi.example.dk"
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            meeting_call(user=administrator, meeting=meeting)
    finally:
        app.conf.task_always_eager = False
    assert len(mail.outbox) == 3  # the administrator and both leaders, one mail each
    message = next(m for m in mail.outbox if m.to == ["leder_a@example.invalid"])
    assert message.subject == "Dagsorden: Ledermøde om 1. halvår 2026"
    assert "Kære Leder Testesen" in message.body
    assert "2. Forsinket tiltag: Tiltag Rød" in message.body
    assert f"https://strategi.example.dk{small_plan['red'].get_absolute_url()}" in message.body
    html = message.alternatives[0].content
    assert f'<a href="https://strategi.example.dk{small_plan["red"].get_absolute_url()}">' in html
