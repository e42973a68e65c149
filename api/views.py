"""The administrators' page for API tokens: issue (shown once), revoke, and the history."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import require_perm
from api.forms import ApiTokenForm
from api.models import ApiToken
from api.services import api_token_create, api_token_revoke

PERMISSION = "api.manage_tokens"


def _page(request, form, *, new_token: str = "", status: int = 200) -> HttpResponse:
    tokens = ApiToken.objects.select_related("created_by")
    history = ApiToken.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "api/tokens.html",
        {"tokens": tokens, "form": form, "new_token": new_token, "history": history},
        status=status,
    )


DEFAULT_DAYS = 90


def _new_form() -> ApiTokenForm:
    """An empty form with the default expiry, on the page and again after a key is made."""
    return ApiTokenForm(
        initial={"expires_on": timezone.localdate() + datetime.timedelta(days=DEFAULT_DAYS)}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    require_perm(request, PERMISSION)
    if request.method != "POST":  # GET or HEAD
        return _page(request, _new_form())
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=422)
    token, raw = api_token_create(**form.cleaned_data, user=request.user)
    messages.success(request, _("Nøglen ”%(name)s” er oprettet.") % {"name": token.name})
    # Shown this once, on this response; never stored or shown again.
    response = _page(request, _new_form(), new_token=raw)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step (a page: it works without JavaScript); POST: revoke."""
    require_perm(request, PERMISSION)
    token = get_object_or_404(ApiToken, pk=pk)
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        if token.revoked_at is not None:
            messages.info(
                request, _("Nøglen ”%(name)s” er allerede tilbagekaldt.") % {"name": token.name}
            )
            return redirect("api_tokens:list")
        return render(request, "api/token_revoke_confirm.html", {"token": token})
    token = api_token_revoke(token=token, user=request.user)
    messages.success(request, _("Nøglen ”%(name)s” er tilbagekaldt.") % {"name": token.name})
    return redirect("api_tokens:list")
