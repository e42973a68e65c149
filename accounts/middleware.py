"""Security middleware: an absolute session lifetime, an audit row for every denied request,
bounded request bodies and no NUL characters in form data."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.audit import audit_record
from accounts.models import AuditEvent

# Set at login (strategy.signals) and read here; seconds since the epoch.
SESSION_LOGIN_AT = "_login_at"
# When the idle expiry was last renewed; seconds since the epoch.
SESSION_RENEWED_AT = "_renewed_at"


class SessionLifetimeMiddleware:
    """Ends a session SESSION_ABSOLUTE_SECONDS after login, however active the user has been,
    and renews the idle timeout (SESSION_COOKIE_AGE) of an active one.

    The idle expiry is renewed by saving the session, at most once every
    SESSION_RENEW_SECONDS: a session idle for SESSION_COOKIE_AGE ends within that margin, and
    a reading user does not cost a database write per page. The idle timeout alone would let
    a session that is used every few minutes live for ever, hence the absolute lifetime.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            now = time.time()
            if not isinstance(login_at, int | float):
                # A session from before this middleware existed: its lifetime starts now.
                request.session[SESSION_LOGIN_AT] = now
            elif now - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                return self._expire(request)
            renewed_at = request.session.get(SESSION_RENEWED_AT)
            if not isinstance(renewed_at, int | float) or (
                now - renewed_at >= settings.SESSION_RENEW_SECONDS
            ):
                # Modifies the session, so SessionMiddleware saves it with a fresh expiry.
                request.session[SESSION_RENEWED_AT] = now
        return self.get_response(request)

    def _expire(self, request: HttpRequest) -> HttpResponse:
        path = request.get_full_path()
        logout(request)  # flushes the session on the server
        messages.info(request, _("Du har været logget ind længe. Log venligst ind igen."))
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(resolve_url(settings.LOGIN_URL))
        return redirect_to_login(path)


class AccessDeniedAuditMiddleware:
    """Writes an ACCESS_DENIED audit row for every 403 answer, whichever view gave it.

    Catching the response rather than PermissionDenied also covers CSRF failures and views that
    return HttpResponseForbidden themselves, so a view that forgets to log cannot hide a denial.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403 and not getattr(request, "access_denied_recorded", False):
            audit_record(
                kind=AuditEvent.Kind.ACCESS_DENIED,
                request=request,
                details={"method": request.method},
            )
        return response


class NoStoreForUsersMiddleware:
    """Cache-Control: no-store on every answer to a logged-in user and on every download, so
    no browser or proxy cache keeps a page or an export after the session ends."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        download = response.get("Content-Disposition", "").startswith("attachment")
        if download or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response


class RejectNullCharactersMiddleware:
    """Answers 400 to a request whose query or form data holds a NUL character.

    No one types NUL; it comes from probing, and PostgreSQL refuses it in text, so a view that
    stores a field without a Django form field (which would refuse it too) would fail with 500.
    It checks in process_view and stands after the CSRF and login middleware in MIDDLEWARE, so
    an anonymous or forged POST is refused before its body is parsed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return HttpResponseBadRequest(
                        _("Forespørgslen indeholder ugyldige tegn."),
                        content_type="text/plain; charset=utf-8",
                    )
        return None


class RequestBodyLimitMiddleware:
    """Answers 413 to a request whose declared body is larger than MAX_REQUEST_BODY_BYTES,
    before anything reads it: the largest legitimate body is a 2 MB staffing upload."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest(
                _("Forespørgslen har en ugyldig længde."), content_type="text/plain; charset=utf-8"
            )
        if length > settings.MAX_REQUEST_BODY_BYTES:
            return HttpResponse(
                _("Forespørgslen er for stor; den må højst fylde %(mb)s MB.")
                % {"mb": settings.MAX_REQUEST_BODY_BYTES // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
