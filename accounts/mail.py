"""Every e-mail leaves through the outbox: `mail_enqueue(to=…, subject=…, body=…, html=…)`.

The row is written in the caller's transaction (a sign-off and its notification are stored
together, or neither is); after the commit a Celery task delivers it. A mail server that is
down or silent never holds a request: the request only writes the row. A failed delivery is
retried with backoff (1, 2, 4 … minutes, at most MAIL_RETRY_MAX_MINUTES apart) by the task
and by Celery beat (`deliver-pending-mail`, every minute, which also sends what the broker
missed), up to MAIL_MAX_ATTEMPTS; then the row is marked failed, visible in the admin under
"Udgående e-mails", where it can be sent again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from accounts.models import OutboundMail

logger = logging.getLogger(__name__)

DELIVER_TASK = "accounts.tasks.deliver_mail"


def mail_enqueue(
    *, to: str | Iterable[str], subject: str, body: str, html: str = ""
) -> OutboundMail:
    """Queue one e-mail to `to` (an address or several, all in the To header); it is sent
    after the surrounding transaction commits."""
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    mail = OutboundMail.objects.create(
        to=recipients,
        subject=str(subject)[:300],
        body=str(body),
        html=str(html),
        next_attempt_at=timezone.now(),
    )
    mail_id = mail.pk
    transaction.on_commit(lambda: mail_dispatch(mail_id=mail_id))
    return mail


def mail_dispatch(*, mail_id: int) -> bool:
    """Hands the delivery to the broker. If the broker is down the row stays pending and the
    beat task sends it later."""
    try:
        _to_broker(mail_id)
    except Exception as exc:  # kombu/redis raise several kinds when the broker is unreachable
        logger.warning("Mail %s not dispatched, broker unreachable: %s", mail_id, exc)
        return False
    return True


def _to_broker(mail_id: int) -> None:
    # The task by its name: tasks import this module, never the other way round.
    with current_app.connection_for_write() as connection:
        current_app.tasks[DELIVER_TASK].apply_async(
            args=[mail_id], retry=False, connection=connection
        )


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed delivery: 1, 2, 4 … minutes, capped."""
    minutes = min(2 ** (attempts - 1), settings.MAIL_RETRY_MAX_MINUTES)
    return timedelta(minutes=minutes)


def mail_deliver(*, mail_id: int, now: datetime | None = None) -> str:
    """One delivery attempt of a pending row that is due; returns the row's status after it.
    The row is locked while it is sent, so the task and the beat never send it twice."""
    now = now or timezone.now()
    with transaction.atomic():
        mail = (
            OutboundMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, status=OutboundMail.Status.PENDING)
            .first()
        )
        if mail is None or (mail.next_attempt_at and mail.next_attempt_at > now):
            return mail.status if mail else "skipped"
        mail.attempts += 1
        try:
            _send(mail)
        except Exception as exc:  # smtplib and socket raise many kinds; each is retried
            mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
                mail.status = OutboundMail.Status.FAILED
                mail.next_attempt_at = None
                logger.error("Mail %s failed for good: %s", mail.pk, mail.last_error)
            else:
                mail.next_attempt_at = now + retry_delay(mail.attempts)
                logger.warning(
                    "Mail %s not delivered (attempt %s): %s",
                    mail.pk,
                    mail.attempts,
                    mail.last_error,
                )
        else:
            mail.status = OutboundMail.Status.SENT
            mail.sent_at = now
            mail.last_error = ""
            mail.next_attempt_at = None
        mail.save(update_fields=["attempts", "status", "last_error", "next_attempt_at", "sent_at"])
        return mail.status


def _send(mail: OutboundMail) -> None:
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        connection=connection,
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    message.send(fail_silently=False)


def mail_deliver_pending(*, now: datetime | None = None) -> int:
    """Delivers every pending row that is due (Celery beat, every minute); returns how many
    were sent."""
    now = now or timezone.now()
    due = OutboundMail.objects.filter(
        status=OutboundMail.Status.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    return sum(mail_deliver(mail_id=pk, now=now) == OutboundMail.Status.SENT for pk in list(due))


def mail_retry(*, mail: OutboundMail) -> None:
    """An administrator's "send again" of a failed row: pending, due now, attempts from 0."""
    OutboundMail.objects.filter(pk=mail.pk).update(
        status=OutboundMail.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    mail_id = mail.pk
    transaction.on_commit(lambda: mail_dispatch(mail_id=mail_id))
