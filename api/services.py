"""Writes for API tokens. The raw token exists only in the return value of
`api_token_create`: the database keeps its SHA-256."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent
from api.models import ApiToken, new_raw_token, token_hash

log = logging.getLogger("socialomraade.api")


@transaction.atomic
def api_token_create(
    *, name: str, scope: str, expires_on: datetime.date, user
) -> tuple[ApiToken, str]:
    raw = new_raw_token()
    expires_at = timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.max))
    token = ApiToken(
        name=name,
        scope=scope,
        digest=token_hash(raw),
        hint=raw[:8],
        expires_at=expires_at,
        created_by=user,
    )
    token._history_user = user
    token.save()
    log.info("api_token_created token=%s scope=%s user=%s", token.pk, scope, user.pk)
    _audit(token, "created", user)
    return token, raw


def _audit(token: ApiToken, action: str, user) -> None:
    """The Sikkerhedslog names the token by its name and first characters, never the token."""
    audit_record(
        kind=AuditEvent.Kind.API_TOKEN,
        user=user,
        target=f"{token.name} ({token.hint}…)",
        details={
            "action": action,
            "scope": token.scope,
            "expires": timezone.localdate(token.expires_at).isoformat(),
        },
    )


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user = user
        token.save(update_fields=["revoked_at"])
        log.info("api_token_revoked token=%s user=%s", token.pk, user.pk)
        _audit(token, "revoked", user)
    return token
