"""The cache is a cache: Redis being down makes pages slower, never broken.

`DegradingRedisCache` is Django's RedisCache whose every call, when Redis cannot be reached,
answers as an empty cache would (a miss, a refused add, nothing stored) and logs a warning at
most once a minute per process, not once per request. Every page, the public page and the
API then answer from the database. Short socket timeouts (settings.CACHES) keep a Redis that
accepts and never answers from holding a request for long.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger("socialomraade.cache")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# A warning per process at most this often while Redis stays unreachable.
WARN_EVERY_SECONDS = 60.0
# After a failed call the process does not try Redis again for this long: a Redis behind a
# dropped route would otherwise cost a connect timeout per cache call, several per page.
RETRY_AFTER_SECONDS = 5.0


class _Warner:
    """Logs a message at most once per interval (per process, thread-safe)."""

    def __init__(self, every: float) -> None:
        self.every = every
        self._last = float("-inf")
        self._lock = threading.Lock()

    def warn(self, message: str, *args: Any) -> bool:
        now = time.monotonic()
        with self._lock:
            if now - self._last < self.every:
                return False
            self._last = now
        log.warning(message, *args)
        return True

    def reset(self) -> None:
        with self._lock:
            self._last = float("-inf")


redis_down_warning = _Warner(WARN_EVERY_SECONDS)


class _Breaker:
    """Remembers, per process, until when Redis is taken to be down."""

    def __init__(self, pause: float) -> None:
        self.pause = pause
        self.down_until = float("-inf")

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until

    def trip(self) -> None:
        self.down_until = time.monotonic() + self.pause

    def reset(self) -> None:
        self.down_until = float("-inf")


redis_breaker = _Breaker(RETRY_AFTER_SECONDS)


def _degrading(default: Callable[..., Any]):
    """Wraps a cache method: on an unreachable Redis, logs (rarely) and returns `default(...)`
    called with the method's own arguments."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if redis_breaker.is_open():
                return default(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                redis_breaker.trip()
                redis_down_warning.warn(
                    "Redis kan ikke nås (%s); siderne svarer fra databasen.", type(exc).__name__
                )
                return default(*args, **kwargs)

        return wrapper

    return decorate


def _get_default(key, default=None, *args, **kwargs):
    return default


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _keys_failed(data, *args, **kwargs):
    return list(data)


def _incr_missing(key, *args, **kwargs):
    # As for a key that is not there: the caller treats the counter as gone.
    raise ValueError(f"Key {key!r} not found.")


class DegradingRedisCache(RedisCache):
    get = _degrading(_get_default)(RedisCache.get)
    set = _degrading(_none)(RedisCache.set)
    add = _degrading(_false)(RedisCache.add)
    touch = _degrading(_false)(RedisCache.touch)
    delete = _degrading(_false)(RedisCache.delete)
    has_key = _degrading(_false)(RedisCache.has_key)
    incr = _degrading(_incr_missing)(RedisCache.incr)
    get_many = _degrading(_empty)(RedisCache.get_many)
    set_many = _degrading(_keys_failed)(RedisCache.set_many)
    delete_many = _degrading(_none)(RedisCache.delete_many)
    clear = _degrading(_false)(RedisCache.clear)
