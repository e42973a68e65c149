"""The agenda when a meeting is called and the minutes when they are approved: one e-mail per
participant, in Danish, plain text and HTML. `deliver()` is the one place a message leaves this
app (into the outbox, accounts.mail)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.mail import mail_enqueue
from meetings.models import Meeting


def deliver(message: EmailMultiAlternatives) -> None:
    """Into the outbox (accounts.mail): sent after the commit, retried, visible when it fails."""
    html = next((content for content, kind in message.alternatives if kind == "text/html"), "")
    mail_enqueue(to=message.to, subject=message.subject, body=message.body, html=str(html))


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
