"""The agenda when a meeting is called and the minutes when they are approved: one e-mail per
participant, in Danish, plain text and HTML, through the outbox (accounts.mail): queued with
the transaction, delivered by Celery with retries, failures listed for the administrator."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.mail import mail_enqueue
from meetings.models import Meeting


def meeting_mail_send(*, meeting_id: int, kind: str) -> int:
    """Send the agenda ("agenda") or the approved minutes ("minutes"); returns how many."""
    meeting = (
        Meeting.objects.select_related("period")
        .prefetch_related("points__decisions", "participants", "absentees")
        .get(pk=meeting_id)
    )
    site = settings.SITE_URL.rstrip("/")
    sent = 0
    with translation.override("da"):
        subject = (_("Dagsorden: %(title)s") if kind == "agenda" else _("Referat: %(title)s")) % {
            "title": meeting.title
        }
        for person in meeting.participants.all():
            if not person.email:
                continue
            context = {"meeting": meeting, "person": person, "site": site, "kind": kind}
            mail_enqueue(
                to=person.email,
                subject=subject,
                body=render_to_string("meetings/mail/meeting.txt", context),
                html=render_to_string("meetings/mail/meeting.html", context),
            )
            sent += 1
    return sent
