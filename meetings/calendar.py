"""A user's personal calendar (iCalendar): the deadlines of the open half-years they update and
the meetings they take part in, in Europe/Copenhagen time, each with a stable UID so a changed
event replaces the old one in Outlook and Google."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.rules import is_administrator, is_leader
from initiatives.models import Period
from meetings.models import Meeting, uid_domain


def calendar_for(user) -> bytes:
    from icalendar import Calendar, Event

    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now()
    site = settings.SITE_URL.rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", "-//Norddjurs Kommune//Strategi for Socialområdet//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Strategi for Socialområdet")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    with translation.override("da"):
        if is_administrator(user) or is_leader(user):
            for period in Period.objects.open():
                event = Event()
                event.add("uid", f"frist-{period.pk}@{uid_domain()}")
                event.add("dtstamp", stamp)
                event.add("summary", _("Frist for status, %(period)s") % {"period": period})
                event.add("dtstart", period.deadline)
                event.add("dtend", period.deadline + datetime.timedelta(days=1))
                event.add("url", site + "/mine-tiltag/")
                calendar.add_component(event)
        for meeting in Meeting.objects.filter(participants=user).order_by("date", "pk"):
            start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
            end = (
                datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=zone)
                if meeting.end_time
                else start + datetime.timedelta(hours=2)
            )
            event = Event()
            event.add("uid", meeting.uid)
            event.add("dtstamp", stamp)
            event.add("summary", meeting.title)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("location", meeting.place)
            event.add("url", site + meeting.get_absolute_url())
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
