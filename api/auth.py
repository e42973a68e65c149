"""Who calls the API, and what they may see.

Every route gets `request.auth`, an `ApiCaller` whose `internal` flag is the one data boundary
the apps' routers look at: internal callers (an "intern" token, or a signed-in leader, OMU
member or administrator) see what an OMU member sees; public callers (an "offentlig" token,
a signed-in committee member, or anyone when the public status page is on) see closed
half-years and published reports, and never personal data.
"""

from __future__ import annotations

import datetime
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.throttling import SimpleRateThrottle

from api.models import ApiToken, token_hash
from core.cache import UNREACHABLE, redis_breaker, redis_down_warning

log = logging.getLogger("socialomraade.api")

# A token's "last used" is written at most this often: it is shown to the minute, and a BI tool
# polling many times a second would otherwise cost a database write and a commit per call.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class ApiCaller:
    internal: bool
    kind: str  # "token", "session" or "anonymous"
    ident: str  # for throttling and the log; never the token itself
    name: str = ""  # the key's name (a token caller), for the audit of what it fetched

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
    # Read on every call (never kept in memory): a revoked token is refused at once.
    token = (
        ApiToken.objects.filter(digest=token_hash(raw.strip()))
        .only("name", "scope", "revoked_at", "expires_at", "last_used_at")
        .first()
    )
    if token is None:
        raise TokenError(_("Ukendt API-nøgle."))
    if token.revoked_at is not None:
        raise TokenError(_("API-nøglen er tilbagekaldt."))
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenError(_("API-nøglen er udløbet."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return ApiCaller(
        internal=token.is_internal, kind="token", ident=f"token:{token.pk}", name=token.name
    )


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
    """One budget per token, per user and per anonymous address: API_RATE_LIMIT calls in a
    window that starts at the caller's first call and lasts the rate's period.

    A counter, not ninja's list of every call's time: the list grows with the limit (600
    floats a call at 600/min, pickled and sent to Redis and back twice per call). With Redis
    the counter is one round trip (SET NX with the window's expiry, INCR, PTTL in one
    MULTI/EXEC: atomic, so a window cannot lose its expiry); other caches use add and incr.
    """

    scope = "api"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT

    def allow_request(self, request) -> bool:
        # Read the rate on each call, so a changed setting applies without a restart.
        self.rate = self.get_rate()
        limit, seconds = self.parse_rate(self.rate)
        if limit is None or seconds is None:  # no rate: no limit
            return True
        self.num_requests, self.duration = limit, seconds
        calls, left = _count_call(self.get_cache_key(request), seconds)
        self._wait = left
        return calls <= limit

    def wait(self) -> float:
        return self._wait

    def get_cache_key(self, request) -> str:
        caller = getattr(request, "auth", None)
        ident = caller.ident if isinstance(caller, ApiCaller) else "unknown"
        return f"api_calls_{ident}"


# With Redis unreachable the budget is counted per process (each web worker keeps its own
# counters in memory, so a caller gets at most the limit times the number of workers), and a
# warning is logged at most once a minute (core.cache).
_process_counters = LocMemCache("api-throttle-fallback", {"TIMEOUT": None, "OPTIONS": {}})


def _count_call(name: str, seconds: int) -> tuple[int, float]:
    """Counts a call in the caller's window; returns the calls so far in the window and the
    seconds until it ends."""
    key = cache.make_and_validate_key(name)
    redis = getattr(cache, "_cache", None)
    if redis is not None and hasattr(redis, "get_client"):  # django's RedisCache
        if not redis_breaker.is_open():
            try:
                pipe = redis.get_client(key, write=True).pipeline(transaction=True)
                pipe.set(key, 0, ex=seconds, nx=True)
                pipe.incr(key)
                pipe.pttl(key)
                _created, calls, left_ms = pipe.execute()
                return calls, max(left_ms, 0) / 1000
            except UNREACHABLE as exc:
                redis_breaker.trip()
                redis_down_warning.warn(
                    "Redis kan ikke nås (%s); API-kald tælles pr. proces.", type(exc).__name__
                )
        return _count_in(_process_counters, name, seconds)
    return _count_in(cache, name, seconds)


def _count_in(counters: BaseCache, name: str, seconds: int) -> tuple[int, float]:
    now = time.time()
    counters.add(f"{name}:start", now, seconds)
    counters.add(name, 0, seconds)
    try:
        calls = counters.incr(name)
    except ValueError:  # the window ended between add and incr
        counters.add(name, 1, seconds)
        calls = 1
    started = counters.get(f"{name}:start", now)
    return calls, max(0.0, started + seconds - now)
