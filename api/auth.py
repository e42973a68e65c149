"""Who calls the API, and what they may see.

Every route gets `request.auth`, an `ApiCaller` whose `internal` flag is the one data boundary
the apps' routers look at: internal callers (an "intern" token, or a signed-in leader, OMU
member or administrator) see what an OMU member sees; public callers (an "offentlig" token,
a signed-in committee member, or anyone when the public status page is on) see closed
half-years and published reports, and never personal data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.throttling import SimpleRateThrottle

from api.models import ApiToken, token_hash

log = logging.getLogger("socialomraade.api")


@dataclass(frozen=True)
class ApiCaller:
    internal: bool
    kind: str  # "token", "session" or "anonymous"
    ident: str  # for throttling and the log; never the token itself

    def __bool__(self) -> bool:  # ninja treats a falsy result as "not authenticated"
        return True


class TokenError(AuthenticationError):
    def __init__(self, message: str) -> None:
        super().__init__(message=message)
        self.danish = message


def _token_caller(header: str) -> ApiCaller:
    kind, _sep, raw = header.partition(" ")
    if kind.lower() != "bearer" or not raw.strip():
        raise TokenError(_('Send nøglen som "Authorization: Bearer <nøgle>".'))
    token = ApiToken.objects.filter(digest=token_hash(raw.strip())).first()
    if token is None:
        raise TokenError(_("Ukendt API-nøgle."))
    if token.revoked_at is not None:
        raise TokenError(_("API-nøglen er tilbagekaldt."))
    if token.expires_at <= timezone.now():
        raise TokenError(_("API-nøglen er udløbet."))
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return ApiCaller(internal=token.is_internal, kind="token", ident=f"token:{token.pk}")


def api_auth(request) -> ApiCaller:
    """A bearer token first; then the browser session; then, with the public page on,
    anyone, as a public caller."""
    header = request.headers.get("Authorization")
    if header:
        return _token_caller(header)
    user = request.user
    if user.is_authenticated:
        internal = user.has_perm("initiatives.view_open_period")
        return ApiCaller(internal=internal, kind="session", ident=f"user:{user.pk}")
    if settings.PUBLIC_STATUS_PAGE:
        from accounts.client_ip import client_ip

        return ApiCaller(internal=False, kind="anonymous", ident=f"ip:{client_ip(request)}")
    raise TokenError(_("Log ind, eller send en API-nøgle."))


class CallerThrottle(SimpleRateThrottle):
    """One budget per token, per user and per anonymous address."""

    scope = "api"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT

    def allow_request(self, request) -> bool:
        # Read the rate on each call, so a changed setting applies without a restart.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        caller = getattr(request, "auth", None)
        ident = caller.ident if isinstance(caller, ApiCaller) else "unknown"
        return f"throttle_api_{ident}"
