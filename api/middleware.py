"""Every API call in the log: method, path, status and caller, never the token."""

from __future__ import annotations

import logging
import time

from django.http import JsonResponse
from django.utils.translation import gettext as _

from accounts.log import escape_control
from api.auth import ApiCaller

log = logging.getLogger("socialomraade.api")

# A key in the query string ends up in proxies' and servers' logs and in browser history.
TOKEN_PARAMETERS = {"token", "access_token", "api_key", "apikey", "key"}


class ApiCallLogMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        started = time.perf_counter()
        if TOKEN_PARAMETERS & set(request.GET):
            # Refused before any view or log sees it; the access log (gunicorn, docker-compose)
            # writes paths without their query strings.
            response = JsonResponse(
                {
                    "detail": _(
                        'Send ikke API-nøglen i adressen. Brug headeren "Authorization: Bearer '
                        '<nøgle>".'
                    )
                },
                status=400,
            )
        else:
            response = self.get_response(request)
        caller = getattr(request, "auth", None)
        log.info(
            "api_call method=%s path=%s status=%s caller=%s ms=%.0f",
            request.method,
            escape_control(request.path),
            response.status_code,
            caller.ident if isinstance(caller, ApiCaller) else "-",
            (time.perf_counter() - started) * 1000,
        )
        return response
