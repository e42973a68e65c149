import hashlib
import logging

from celery import current_app
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.change_stamp import data_stamp
from core.http import SERVER_ERROR_DETAIL
from initiatives.queries import (
    LightCounts,
    cached_status_numbers,
    latest_updates,
    objective_status_page,
    period_for,
    theme_status_rollup,
    theme_status_summary,
)
from strategy.models import Strategy, Theme

log = logging.getLogger(__name__)


def _strategy() -> Strategy | None:
    return Strategy.objects.first()


def _get_theme(number: int) -> Theme:
    return get_object_or_404(Theme.objects.with_objectives(), number=number)


def _can_status(request: HttpRequest) -> bool:
    """The strategy is every signed-in user's to read; the half-year's status, indicators and
    staffing are for the roles (a user whose role is not given yet sees the strategy only)."""
    return request.user.has_perm("initiatives.view_status_overview")


def _status_context(request: HttpRequest, themes: list[Theme]) -> dict:
    """The half-year status of the initiatives (initiatives app), for the blocks the strategy
    pages leave for it. Committee members see the last closed half-year, never a draft."""
    period = period_for(request.user)
    return {
        "status_period": period,
        "theme_statuses": theme_status_rollup(period, themes=themes),
    }


# The overview's content is rendered once per change of the data (core.change_stamp) and
# kept as HTML; the time limit only bounds what the stamp does not watch (a user's name).
OVERVIEW_CACHE_SECONDS = 300


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    period = period_for(request.user)
    year = timezone.localdate().year
    stamp = data_stamp()
    flags = {
        "can_list": request.user.has_perm("initiatives.view_initiative"),
        "can_mine": request.user.has_perm("initiatives.view_own_initiatives"),
        "can_status": _can_status(request),
        "can_see_names": request.user.has_perm("accounts.view_staff_names"),
    }
    key = ":".join(
        [
            "pages:overview",
            get_language(),
            str(period.pk if period else 0),
            str(year),
            "".join(str(int(v)) for v in flags.values()),
            stamp,
        ]
    )
    body = cache.get(key)
    if body is None:
        # Without the request: the content cannot depend on the user beyond the key's flags.
        body = render_to_string(
            "pages/_overview_body.html", {**_overview_context(period, year, stamp), **flags}
        )
        cache.set(key, body, OVERVIEW_CACHE_SECONDS)
    return render(request, "pages/overview.html", {"body": body})


def _overview_context(period, year: int, stamp: str) -> dict:
    themes = list(Theme.objects.with_objectives(keywords=False))
    # Only the numbers are shown here: counted in the database, once per change of the data.
    numbers = cached_status_numbers(period, stamp)
    return {
        "strategy": _strategy(),
        "themes": themes,
        "focus_year": year,
        "themes_in_focus": [t for t in themes if t.is_in_focus(year)],
        "status_period": period,
        "theme_statuses": theme_status_summary(period, themes, numbers),
        "plan_counts": LightCounts(**numbers.plan),
        "latest_updates": latest_updates(period),
    }


@require_safe
def theme_detail(request: HttpRequest, number: int) -> HttpResponse:
    theme = _get_theme(number)
    context = {"theme": theme, "focus_year": timezone.localdate().year}
    if _can_status(request):
        status = _status_context(request, [theme])
        context.update(
            status_period=status["status_period"], theme_status=status["theme_statuses"][0]
        )
    return render(request, "pages/theme_detail.html", context)


@require_safe
def objective_detail(request: HttpRequest, theme_number: int, number: int) -> HttpResponse:
    theme = _get_theme(theme_number)
    objective = next((o for o in theme.objectives.all() if o.number == number), None)
    if objective is None:
        raise Http404("Målsætningen findes ikke.")
    context = {"theme": theme, "objective": objective, "can_status": _can_status(request)}
    if context["can_status"]:
        period = period_for(request.user)
        context.update(
            status_period=period,
            objective_status_html=_objective_status_html(request, objective, period),
        )
    return render(request, "pages/objective_detail.html", context)


# The målsætning's initiatives block (counts per light and a page of initiatives) is rendered
# once per change of the data, per page and per reader kind, as the overview is.
OBJECTIVE_CACHE_SECONDS = 300


def _objective_status_html(request: HttpRequest, objective, period) -> SafeString:
    if period is None:
        return SafeString("")
    can_view = request.user.has_perm("initiatives.view_initiative")
    # The page's links keep the other query parameters, so the key holds them (hashed).
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    key = ":".join(
        [
            "pages:objective-status:v1",
            str(objective.pk),
            str(period.pk),
            str(int(can_view)),
            get_language() or "",
            query,
            data_stamp(),
        ]
    )
    html = cache.get(key)
    if html is None:
        objective_status, page = objective_status_page(period, objective, request.GET.get("side"))
        html = render_to_string(
            "initiatives/_objective_status.html",
            {
                "objective_status": objective_status,
                "initiatives_page": page,
                "status_period": period,
                "can_view_initiatives": can_view,
            },
            request=request,
        )
        cache.set(key, html, OBJECTIVE_CACHE_SECONDS)
    return SafeString(html)


@login_not_required
@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


def _database_problem() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error: the database is what the app cannot do without
        log.exception("Health check: the database cannot be reached")
        return gettext("Databasen kan ikke nås.")
    return ""


def _cache_problem() -> str:
    client = getattr(cache, "_cache", None)
    if client is None or not hasattr(client, "get_client"):
        return ""  # a cache in the process's memory: nothing to reach
    try:
        client.get_client(write=False).ping()
    except Exception:  # redis raises several kinds; the pages still answer without it
        return gettext("Redis kan ikke nås: siderne svarer fra databasen (langsommere).")
    return ""


def _broker_problem() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return ""  # no broker: tasks run in the process
    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
    except Exception:  # kombu raises several kinds when the broker is unreachable
        return gettext(
            "Opgavekøen (Celery) kan ikke nås: rapporter og e-mails venter, til den er tilbage."
        )
    return ""


@login_not_required
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """503 with the reason when the database cannot be reached (no page works without it);
    200 "nedsat" when Redis or the Celery broker cannot (pages work, slower; reports and
    e-mails wait); 200 "ok" otherwise. The compose health check asks this address."""
    database = _database_problem()
    if database:
        return JsonResponse({"status": "fejl", "detail": database, "database": "fejl"}, status=503)
    problems = {"cache": _cache_problem(), "broker": _broker_problem()}
    body = {
        "status": "nedsat" if any(problems.values()) else "ok",
        "database": "ok",
        **{name: "nedsat" if problem else "ok" for name, problem in problems.items()},
    }
    if any(problems.values()):
        body["detail"] = " ".join(problem for problem in problems.values() if problem)
    return JsonResponse(body)


def _is_api(request: HttpRequest) -> bool:
    return request is not None and request.path.startswith("/api/")


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):  # an address no route has: the API answers JSON, as its routes do
        return JsonResponse({"detail": gettext("Findes ikke.")}, status=404)
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):  # failed outside the API's own handler (a middleware, the database)
        return JsonResponse({"detail": str(SERVER_ERROR_DETAIL)}, status=500)
    # Rendered without context processors that might be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
