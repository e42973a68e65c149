"""The one pagination's links: the current address's query with only the page number changed."""

from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()

PAGE_PARAMETER = "side"


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int) -> str:
    """`?…&side=2`: every other parameter of the request kept (repeated ones too) and encoded by
    QueryDict.urlencode, never by joining strings, so a shared page 2 keeps its filters."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    params[PAGE_PARAMETER] = str(number)
    return "?" + params.urlencode()
