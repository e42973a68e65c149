"""The agenda when a meeting is called and the minutes when they are approved: one e-mail per
participant, in Danish, plain text and HTML. `deliver()` is the one place a message leaves this
app (the reliability work's outbox can take it over there)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from meetings.models import Meeting


def deliver(message: EmailMultiAlternatives) -> None:
    message.send()


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
            message = EmailMultiAlternatives(
                subject=subject,
                body=render_to_string("meetings/mail/meeting.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[person.email],
            )
            message.attach_alternative(
                render_to_string("meetings/mail/meeting.html", context), "text/html"
            )
            deliver(message)
            sent += 1
    return sent
