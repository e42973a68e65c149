"""Request types for the type checker (the attributes middleware adds to Django's HttpRequest),
and the one way a view loads an object by its id."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

M = TypeVar("M", bound=Model)


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's HtmxMiddleware (every request does)."""

    htmx: HtmxDetails


def get_or_404(queryset: QuerySet[M], message: str, **lookup) -> M:
    """The one object `lookup` finds in `queryset`, or a 404 that says `message` in Danish
    (Django's get_object_or_404 says "No … matches the given query")."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404(message) from None
