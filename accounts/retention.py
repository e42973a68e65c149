"""Personal data is kept for a stated time, then purged (Celery beat, daily): one call,
`personal_data_purge()`, with the limits from settings (README "Personoplysninger").

- sessions: deleted once expired (Django's clearsessions);
- login attempts and lockouts (django-axes' AccessAttempt and AccessFailureLog: username,
  address, user agent): deleted after RETENTION_LOGIN_ATTEMPT_DAYS;
- logins and logouts (axes' AccessLog): deleted after RETENTION_ACCESS_LOG_DAYS;
- the audit log: the event, its kind, time, user and target are kept; its IP address and path
  are cleared after RETENTION_AUDIT_ADDRESS_DAYS;
- the mail outbox (recipients, text): sent and failed e-mails deleted after
  RETENTION_MAIL_DAYS (pending ones are still on their way).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import AuditEvent, OutboundMail


def _before(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


@transaction.atomic
def personal_data_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Purges what is past its limit; returns how many rows each kind lost."""
    now = now or timezone.now()
    purged: dict[str, int] = {}
    engine = import_module(settings.SESSION_ENGINE)
    if hasattr(engine.SessionStore, "get_model_class"):  # the database sessions
        sessions = engine.SessionStore.get_model_class().objects.filter(expire_date__lt=now)
        purged["sessions"] = sessions.delete()[0]
    else:
        engine.SessionStore.clear_expired()
    attempts_before = _before(now, settings.RETENTION_LOGIN_ATTEMPT_DAYS)
    purged["login_attempts"] = (
        AccessAttempt.objects.filter(attempt_time__lt=attempts_before).delete()[0]
        + AccessFailureLog.objects.filter(attempt_time__lt=attempts_before).delete()[0]
    )
    purged["access_log"] = AccessLog.objects.filter(
        attempt_time__lt=_before(now, settings.RETENTION_ACCESS_LOG_DAYS)
    ).delete()[0]
    # Append-only rows, changed in bulk (AuditEvent.save refuses): the event stays.
    purged["audit_addresses"] = (
        AuditEvent.objects.filter(
            created_at__lt=_before(now, settings.RETENTION_AUDIT_ADDRESS_DAYS)
        )
        .exclude(ip_address__isnull=True, path="")
        .update(ip_address=None, path="")
    )
    purged["mail"] = (
        OutboundMail.objects.exclude(status=OutboundMail.Status.PENDING)
        .filter(created_at__lt=_before(now, settings.RETENTION_MAIL_DAYS))
        .delete()[0]
    )
    return purged
