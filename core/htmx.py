"""The one answer to "does this request want the partial?" for every view that answers htmx."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request, but not a history restore: after hx-push-url, going back asks for the
    whole page (htmx sends HX-History-Restore-Request) and must get it."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """The same address answers a partial or a page: caches must keep them apart."""
    patch_vary_headers(response, ["HX-Request"])
    return response


def render_page_or_partial(
    request: HttpRequest, *, page: str, partial: str, context: dict, status: int = 200
) -> HttpResponse:
    """The partial for htmx, the whole page otherwise, with `Vary: HX-Request`."""
    template = partial if wants_partial(request) else page
    return vary_on_htmx(render(request, template, context, status=status))
