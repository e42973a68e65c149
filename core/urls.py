"""Where a form may send the user back to (only this site's own addresses), and the absolute
address of a page, for links that leave the site (e-mails)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def absolute_url(path: str) -> str:
    """`path` ("/rapporter/3/") on the configured site (SITE_URL): the one way every e-mail
    builds its links, so none points at the address of the process that sent it."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
