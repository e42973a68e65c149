"""Request types for the type checker (the attributes middleware adds to Django's HttpRequest),
and the one Danish message every 500 answer carries."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from django_htmx.middleware import HtmxDetails

# The API's 500s (its own handler, and pages.views.server_error for /api/ addresses) say this.
SERVER_ERROR_DETAIL = gettext_lazy("Der skete en fejl på serveren. Prøv igen om lidt.")


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's HtmxMiddleware (every request does)."""

    htmx: HtmxDetails
