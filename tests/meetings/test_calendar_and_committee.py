"""Personal calendar feeds, and the committee's decision on a report coming back."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import CalendarFeed
from meetings.services import meeting_create, report_decision_record


@pytest.mark.django_db
def test_the_calendar_address_is_shown_once_and_gives_the_users_deadlines_and_meetings(
    client_for, half_years, administrator, leader_a, settings
):
    """2. halvår 2026 is open with the deadline 15. december 2026; leader A takes part in a
    meeting on 20 August 2026 at 9.00–11.30 Copenhagen time (CEST, UTC+2: 07.00–09.30 UTC)."""
    from icalendar import Calendar

    settings.SITE_URL = "https://strategi.example.dk"
    meeting = meeting_create(
        user=administrator,
        kind="leaders",
        title="Ledermøde",
        date=datetime.date(2026, 8, 20),
        start_time=datetime.time(9),
        end_time=datetime.time(11, 30),
        place="Rådhuset",
        participants=[leader_a],
    )
    client = client_for("leader_a")
    html = client.post(reverse("meetings:calendar"), {"action": "issue"}).content.decode()
    address = re.search(r'value="(http[^"]+\.ics)"', html).group(1)
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 40
    assert token not in client.get(reverse("meetings:calendar")).content.decode()
    assert CalendarFeed.objects.get().token_hash != token

    client.logout()
    response = client.get(reverse("meetings:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    deadline = events[f"frist-{half_years[2].pk}@strategi.example.dk"]
    assert str(deadline["summary"]) == "Frist for status, 2. halvår 2026"
    assert deadline.decoded("dtstart") == datetime.date(2026, 12, 15)
    event = events[f"moede-{meeting.pk}@strategi.example.dk"]
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Copenhagen"
    assert start.astimezone(datetime.UTC) == datetime.datetime(
        2026, 8, 20, 7, 0, tzinfo=datetime.UTC
    )
    assert [str(c["tzid"]) for c in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    # The same UID next time: a subscription replaces the event rather than adding one.
    again = Calendar.from_ical(client.get(reverse("meetings:calendar_feed", args=[token])).content)
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == set(events)

    client.force_login(leader_a)
    client.post(reverse("meetings:calendar"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("meetings:calendar_feed", args=[token])).status_code == 404


@pytest.mark.django_db
def test_the_committees_decision_shows_with_the_report_and_opens_the_next_one(
    client_for, committee_report, administrator
):
    from initiatives.models import Period
    from reports.documents import build_snapshot

    report_decision_record(
        user=administrator,
        report=committee_report,
        committee="Områdeudvalg socialområdet",
        decided_on=datetime.date(2027, 3, 14),
        text="Områdeudvalget ønsker fortsat at følge processen.",
        absent="Tina Nicolajsen (FOA)",
    )
    html = client_for("committee_member").get(committee_report.get_absolute_url()).content.decode()
    assert "Beslutning i Områdeudvalg socialområdet den 14. marts 2027" in html
    assert "<li>Tina Nicolajsen (FOA)</li>" in html
    snapshot = build_snapshot(period=Period.objects.get(year=2026, half=2), audience="committee")
    assert snapshot["committee_decision"] == {
        "committee": "Områdeudvalg socialområdet",
        "date": "14. marts 2027",
        "text": "Områdeudvalget ønsker fortsat at følge processen.",
        "absent": ["Tina Nicolajsen (FOA)"],
    }
    from reports.documents import render_html

    assert (
        "Områdeudvalg socialområdet besluttede 14. marts 2027: Områdeudvalget ønsker fortsat "
        "at følge processen." in render_html(snapshot)
    )


@pytest.mark.django_db
def test_a_decision_is_recorded_once_and_only_on_a_published_report(client_for, committee_report):
    url = reverse("meetings:report_decision", args=[committee_report.pk])
    data = {"committee": "Udvalget", "decided_on": "2027-03-14", "text": "Taget til efterretning."}
    client = client_for("administrator")
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Udvalgets beslutning er allerede registreret." in response.content.decode()
    assert client.post(url, {**data, "decided_on": "14-03"}).status_code == 422
