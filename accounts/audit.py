"""One call records a security or audit event: `audit_record(kind=..., request=..., ...)`."""

from __future__ import annotations

import logging
from typing import cast

from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from accounts.client_ip import client_ip
from accounts.log import escape_control
from accounts.models import AuditEvent

logger = logging.getLogger("socialomraade.audit")


class AuditedRequest(HttpRequest):
    """A request whose access denial is already recorded (see AccessDeniedAuditMiddleware)."""

    access_denied_recorded: bool


def _escaped(value):
    """Details with control characters escaped in every text, keys included."""
    if isinstance(value, str):
        return escape_control(value)
    if isinstance(value, dict):
        return {_escaped(key): _escaped(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_escaped(item) for item in value]
    return value


def current_request() -> HttpRequest | None:
    """The request the running thread serves (simple_history's middleware keeps it), or None in
    a shell, a command or a task."""
    return getattr(HistoricalRecords.context, "request", None)


def audit_record(
    *,
    kind: str,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    target: str = "",
    details: dict | None = None,
) -> AuditEvent:
    # Services take the acting user, never the request: the address and path come from here.
    request = request if request is not None else current_request()
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    event = AuditEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        username=escape_control(username or (user.get_username() if user is not None else ""))[
            :150
        ],
        ip_address=client_ip(request) if request is not None else None,
        path=escape_control(request.get_full_path())[:500] if request is not None else "",
        target=escape_control(str(target))[:300],
        details=_escaped(details or {}),
    )
    if request is not None and kind == AuditEvent.Kind.ACCESS_DENIED:
        # The view logged its own denial; AccessDeniedAuditMiddleware then adds no second row.
        cast(AuditedRequest, request).access_denied_recorded = True
    logger.info("%s user=%s target=%s", kind, event.username, event.target)
    return event
