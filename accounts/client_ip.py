"""The client's address, for login throttling (django-axes) and the audit log alike."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address the outermost
    of them saw: each proxy appends the address it received the request from to
    X-Forwarded-For, so only the last TRUSTED_PROXY_COUNT entries can be trusted; whatever a
    client wrote there itself stands to their left and is ignored."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote  # the request did not pass through all of our proxies
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
