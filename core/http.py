"""Request types for the type checker: the attributes middleware adds to Django's HttpRequest."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's HtmxMiddleware (every request does)."""

    htmx: HtmxDetails
