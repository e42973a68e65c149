"""The read API: one NinjaAPI composed of the apps' routers (`<app>/api.py`), with the
caller check, a budget per caller, Danish error bodies and the OpenAPI schema and docs served
by the app itself."""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections import OrderedDict
from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.openapi.docs import Swagger
from ninja.operation import PathView

from api.auth import ApiCaller, CallerThrottle, TokenError, api_auth
from core.change_stamp import data_stamp
from core.formatting import number
from core.http import SERVER_ERROR_DETAIL

log = logging.getLogger("django.request")


# How long a serialised answer is kept. It is keyed on the data stamp, so a change to the data
# is seen at once; the time only bounds how long unused answers take up memory.
ANSWER_SECONDS = 600
# The answers a process also keeps in its own memory, in front of Redis: the most recently used,
# at most this many and this many bytes. The key holds the data stamp, so a kept answer is never
# stale; it saves the round trip to Redis and the copy of a page of 100 rows (60 KB) per call.
NEAR_ANSWERS = 64
NEAR_BYTES = 16 * 1024 * 1024
# Settings an answer depends on besides the data and the caller's side of the boundary.
_ANSWER_SETTINGS = (
    "STAFFING_SMALL_NUMBER_THRESHOLD",
    "STAFFING_SUPPRESS_IN_APP",
    "REPORT_SUPPRESS_SMALL_NUMBERS_FOR_COMMITTEE",
    "PUBLIC_STATUS_PAGE",
)

# Swagger UI on the docs page: no deep links (each route's summary button would hold a link, a
# nested control), and no syntax colours (its dark theme's strings are 3.4:1 on the background).
DOCS_SETTINGS = {"deepLinking": False, "syntaxHighlight": False}

API_DESCRIPTION = (
    "Læseadgang til strategien for Socialområdet, udviklingsplanens tiltag, status pr. halvår, "
    "personalesammensætning og offentliggjorte rapporter. Kald med en API-nøgle "
    '("Authorization: Bearer <nøgle>") eller som logget ind i browseren. En offentlig nøgle '
    "ser kun lukkede halvår og offentliggjorte rapporter og aldrig personoplysninger."
)


def _field(location: list) -> str:
    return ".".join(str(part) for part in location if part not in ("query", "path", "filters"))


def _invalid_value(field: str, error: dict) -> str:
    """ "Ugyldig værdi for page_size: skal være et helt tal fra 1 til 500." The range is the
    parameter's own (its Field's ge/le, collected from every route at start-up into
    PARAMETER_RANGES), else the bound the value broke."""
    name = field.rsplit(".", 1)[-1]
    low, high = PARAMETER_RANGES.get(name, (None, None))
    context = error.get("ctx") or {}
    low = low if low is not None else context.get("ge")
    high = high if high is not None else context.get("le")
    low = number(low, 0) if low is not None else None
    high = number(high, 0) if high is not None else None
    if low is not None and high is not None:
        rule = _("skal være et helt tal fra %(low)s til %(high)s") % {"low": low, "high": high}
    elif low is not None:
        rule = _("skal være et helt tal, mindst %(low)s") % {"low": low}
    elif high is not None:
        rule = _("skal være et helt tal, højst %(high)s") % {"high": high}
    elif name in PARAMETER_CHOICES:
        rule = _("tilladte værdier: %(values)s") % {"values": ", ".join(PARAMETER_CHOICES[name])}
    else:
        return _("Ugyldig værdi for %(name)s.") % {"name": field or "?"}
    return _("Ugyldig værdi for %(name)s: %(rule)s.") % {"name": field, "rule": rule}


# name → (ge, le) of the integer query parameters, from the pagination's and the routes'
# schemas (filled by build_api).
PARAMETER_RANGES: dict[str, tuple[int | None, int | None]] = {}
PARAMETER_CHOICES: dict[str, list[str]] = {}  # name → its allowed values (an enum)


def _collect_ranges(schema: dict) -> None:
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                found = parameter.get("schema", {})
                # An optional parameter (int | None) keeps its bounds in one of its anyOf.
                for option in found.get("anyOf", []):
                    found = (
                        {**option, **found} if "minimum" in option or "enum" in option else found
                    )
                if "enum" in found:
                    PARAMETER_CHOICES[parameter["name"]] = [str(v) for v in found["enum"]]
                if "minimum" in found or "maximum" in found:
                    PARAMETER_RANGES[parameter["name"]] = (
                        found.get("minimum"),
                        found.get("maximum"),
                    )


def build_api(routers: list[tuple[str, Router]]) -> NinjaAPI:
    api = NinjaAPI(
        title="Strategi for Socialområdet",
        version="1",
        description=API_DESCRIPTION,
        urls_namespace="api",
        auth=api_auth,
        throttle=[CallerThrottle()],
        docs=Swagger(settings=DOCS_SETTINGS),
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    for prefix, router in routers:
        api.add_router(prefix, router)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError):
        if not PARAMETER_RANGES:
            _collect_ranges(api.get_openapi_schema())
        problems = []
        for error in exc.errors:
            field = _field(error.get("loc", []))
            if error.get("type") == "extra_forbidden":
                problems.append(_("Ukendt parameter: %(name)s.") % {"name": field})
            else:
                problems.append(_invalid_value(field, error))
        return api.create_response(
            request, {"detail": " ".join(problems) or _("Ugyldig forespørgsel.")}, status=400
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        message = exc.danish if isinstance(exc, TokenError) else _("Adgang kræver log ind.")
        return api.create_response(request, {"detail": message}, status=401)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled):
        response = api.create_response(
            request, {"detail": _("For mange kald. Vent lidt, og prøv igen.")}, status=429
        )
        if exc.wait is not None:
            response["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return api.create_response(request, {"detail": _("Findes ikke.")}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception):
        # Logged with its traceback as Django logs an unhandled error; the caller gets JSON.
        log.error("API-fejl: %s %s", request.method, request.path, exc_info=exc)
        return api.create_response(request, {"detail": str(SERVER_ERROR_DETAIL)}, status=500)

    return api


def _answer_key(request: HttpRequest) -> str:
    """Two callers get the same answer when they are on the same side of the data boundary
    and ask for the same address of the same data: the answer depends on nothing else (no
    route returns a person or anything about the caller)."""
    caller: ApiCaller = request.auth  # type: ignore[attr-defined]  # set by ninja's auth
    parts = [
        "internal" if caller.internal else "public",
        request.get_host(),
        request.path,
        "&".join(sorted(f"{k}={v}" for k, v in request.GET.items())),
        data_stamp(),
        *(str(getattr(settings, name)) for name in _ANSWER_SETTINGS),
    ]
    return "api:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


class _NearAnswers:
    """A small least-recently-used store of answers in the process's memory."""

    def __init__(self, entries: int, size: int) -> None:
        self.entries, self.size = entries, size
        self._kept: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, str] | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
            return kept

    def set(self, key: str, answer: tuple[bytes, str]) -> None:
        if len(answer[0]) > self.size // 4:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0])
            self._kept[key] = answer
            self._bytes += len(answer[0])
            while len(self._kept) > self.entries or self._bytes > self.size:
                _key, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped[0])

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._bytes = 0


near_answers = _NearAnswers(NEAR_ANSWERS, NEAR_BYTES)


class AnswerKeyRequest(HttpRequest):
    """A request whose answer is to be kept (see `_answered_once`)."""

    _api_answer_key: str


def _answered_once(view_func):
    """The serialised answer is kept under the data stamp (as the overview and the public
    page are): a BI tool polling the same page costs a cache read, not a page of queries
    and pydantic serialisation. Runs after the caller check and the throttle, which every
    call still passes through."""

    @functools.wraps(view_func)
    def answer(request: HttpRequest, *args, **kwargs):
        if not settings.API_ANSWER_CACHE:
            return view_func(request, *args, **kwargs)
        key = _answer_key(request)
        kept = near_answers.get(key)
        if kept is None:
            kept = cache.get(key)
            if kept is not None:
                near_answers.set(key, kept)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        # The run wrapper stores the rendered answer.
        cast(AnswerKeyRequest, request)._api_answer_key = key
        return view_func(request, *args, **kwargs)

    return answer


def _keep_answer(request: HttpRequest, response) -> None:
    key = getattr(request, "_api_answer_key", None)
    if key and response.status_code == 200 and not getattr(response, "streaming", False):
        answer = (response.content, response["Content-Type"])
        cache.set(key, answer, ANSWER_SECONDS)
        near_answers.set(key, answer)


def _refuse_unknown_parameters(path_view: PathView, api: NinjaAPI) -> None:
    """A misspelt filter (?pejlemarke=2) must not silently return everything: each operation
    answers a parameter it does not declare with a 400 that names it. Each operation's
    answer is also kept (`_answered_once`)."""
    for operation in path_view.operations:
        operation.view_func = _answered_once(operation.view_func)
        allowed = {
            name
            for model in operation.models
            if getattr(model, "__ninja_param_source__", None) == "query"
            for name in getattr(model, "__ninja_flatten_map__", {})
        }
        # ninja has no hook around an operation's run: it is wrapped in place.
        operation.run = _checked(operation.run, frozenset(allowed), api)  # type: ignore[method-assign]


def _checked(run, allowed: frozenset[str], api: NinjaAPI):
    def run_checked(request: HttpRequest, **kwargs):
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            message = _("Ukendt parameter: %(names)s.") % {"names": ", ".join(unknown)}
            return api.create_response(request, {"detail": message}, status=400)
        response = run(request, **kwargs)
        _keep_answer(request, response)
        return response

    return run_checked


def api_urls(api: NinjaAPI):
    """The API's URL patterns, exempt from LoginRequiredMiddleware (the API answers an
    anonymous caller itself, with JSON: a 401, or public data when the public page is on,
    never a redirect to the login page), each refusing parameters it does not declare.

    Ninja binds a copy of each router's operations when it builds its URLs, so the check is
    put on the operations behind the URL patterns themselves (the PathView each view closes
    over); tests/api checks every route answers an unknown parameter with a 400."""
    patterns, app_name, namespace = api.urls
    for pattern in cast(list[URLPattern], patterns):  # ninja's are patterns, no includes
        if pattern.name in ("openapi-json", "openapi-view"):
            # The schema and the docs answer GET (and HEAD) only, like every route.
            pattern.callback = require_safe(pattern.callback)
        pattern.callback = login_not_required(pattern.callback)
        for cell in getattr(pattern.callback, "__closure__", None) or ():
            if isinstance(cell.cell_contents, PathView):
                _refuse_unknown_parameters(cell.cell_contents, api)
        pattern.callback = _head_as_get(pattern.callback)
    return patterns, app_name, namespace


def _head_as_get(view):
    """HEAD is answered as GET (ninja routes only the methods declared); the server sends the
    headers without the body."""

    @functools.wraps(view)
    def answer(request: HttpRequest, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    return answer
