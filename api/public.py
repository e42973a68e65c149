"""The public status page (/offentlig/), off unless PUBLIC_STATUS_PAGE is on: the strategy,
the latest closed half-year's status per pejlemærke and initiative, and the published
committee reports, with each list also as CSV and JSON. No person appears: no leader, no
author, no comment, no internal next steps. Cacheable by anyone, revalidated by ETag."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from core.change_stamp import data_stamp
from core.formatting import round_half_up, signed
from core.spreadsheets import csv_cell
from initiatives.models import Initiative, Period, StatusUpdate, TrafficLight
from initiatives.queries import (
    STATUS_ROW_FIELDS,
    UPDATE_ROW_FIELDS,
    LightCounts,
    cached_status_numbers,
    objective_links,
    theme_status_summary,
    trends_in,
)
from reports.models import Audience, Report
from strategy.models import Objective, Strategy, Theme

CACHE_SECONDS = 300


def _enabled() -> None:
    if not settings.PUBLIC_STATUS_PAGE:
        raise Http404(_("Den offentlige statusside er ikke slået til."))


def _etag(request: HttpRequest, *args, **kwargs) -> str | None:
    if not settings.PUBLIC_STATUS_PAGE:
        return None
    return hashlib.sha256(f"{data_stamp()}:{_address(request)}".encode()).hexdigest()[:32]


def _address(request: HttpRequest) -> str:
    """The path and the query (the page of initiatives), in a fixed order."""
    query = "&".join(sorted(f"{k}={v}" for k, v in request.GET.items()))
    return f"{request.path}?{query}"


def _public(view):
    """Anonymous, GET only, off unless turned on, cacheable by anyone and revalidated by ETag."""

    @login_not_required
    @require_safe
    @condition(etag_func=_etag)
    def wrapped(request: HttpRequest, *args, **kwargs):
        _enabled()
        # The page is the same for everyone: rendered once per change of the data (the stamp
        # moves with every write), as the overview is.
        key = "public:" + hashlib.sha256(f"{_address(request)}:{data_stamp()}".encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
        else:
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponse) and response.status_code == 200:
                headers = {
                    name: response[name]
                    for name in ("Content-Type", "Content-Disposition")
                    if response.has_header(name)
                }
                cache.set(key, (response.content, headers), CACHE_SECONDS)
        response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        return response

    wrapped.__name__ = view.__name__
    return wrapped


@dataclass(frozen=True)
class _Place:
    """Where an initiative's row stands: under its first pejlemærke and målsætning."""

    initiative_id: int
    theme_number: int
    objective_code: str


def _places(period: Period) -> list[_Place]:
    """Each initiative of the half-year's plan once, under its first pejlemærke, in the order
    of `theme_status_rollup` (pejlemærke, målsætning, then the initiative's order and title),
    from two flat queries of plain tuples: ordering 10,000 initiatives this way takes tens of
    milliseconds, where building the whole roll-up as objects took seconds."""
    titles = {
        pk: (order, title)
        for pk, order, title in Initiative.objects.in_plan(period).values_list(
            "pk", "order", "title"
        )
    }
    by_objective: dict[int, list[int]] = defaultdict(list)
    for initiative_id, objective_id, _theme_id in objective_links():
        if initiative_id in titles:
            by_objective[objective_id].append(initiative_id)
    seen: set[int] = set()
    places = []
    for theme in Theme.objects.prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("number"))
    ):
        for objective in theme.objectives.all():
            code = f"{theme.number}.{objective.number}"
            for pk in sorted(by_objective.get(objective.pk, []), key=titles.__getitem__):
                if pk not in seen:
                    seen.add(pk)
                    places.append(_Place(pk, theme.number, code))
    return places


def _rows(period: Period | None, places: Sequence[_Place] | None = None) -> list[dict]:
    """The rows of `places` (default: every initiative of the half-year's plan, each once
    under its first pejlemærke), with the latest closed status; the page builds only the
    rows it shows, the downloads all of them, with the same code."""
    if period is None:
        return []
    if places is None:
        places = _places(period)
    ids = [place.initiative_id for place in places]
    initiatives = Initiative.objects.with_period_state(period).only(*STATUS_ROW_FIELDS)
    updates = StatusUpdate.objects.filter(period=period).only(*UPDATE_ROW_FIELDS)
    if len(ids) <= ROWS_PER_PAGE:
        initiatives, updates = initiatives.filter(pk__in=ids), updates.filter(initiative__in=ids)
    by_id = {initiative.pk: initiative for initiative in initiatives}
    update_of = {update.initiative_id: update for update in updates}
    trends = trends_in(period, initiative_ids=ids if len(ids) <= ROWS_PER_PAGE else None)
    rows = []
    for place in places:
        initiative, update = by_id[place.initiative_id], update_of.get(place.initiative_id)
        trend = trends.get(initiative.pk)
        rows.append(
            {
                "id": initiative.pk,
                "pejlemaerke": place.theme_number,
                "maalsaetning": place.objective_code,
                "tiltag": initiative.title,
                "halvaar": str(period),
                "lys": update.traffic_light if update else None,
                "lys_tekst": _state_text(initiative, update),
                "mangler": update is None and initiative.is_missing,
                "fremdrift": update.progress if update else None,
                "udvikling": (
                    f"{trend.label.lower()}, {signed(trend.progress, 0)} point" if trend else ""
                ),
                "eksempel": bool(update and update.is_demo),
            }
        )
    # A sub-project carries its parent ("Fælles dokumentationspraksis › Delprojekt 2"): one
    # query for the parents' titles, after the columns every download already had.
    parents: dict[int, str] = dict(
        Initiative.objects.filter(pk__in=ids, parent__isnull=False).values_list(
            "pk", "parent__title"
        )
    )
    for row in rows:
        parent = parents.get(cast(int, row["id"]), "")
        row["del_af"] = parent
        row["fuld_titel"] = f"{parent} › {row['tiltag']}" if parent else row["tiltag"]
    return rows


def _state_text(initiative, update) -> str:
    """The light's name; "Mangler opdatering" for one followed without an update; and for one
    no longer followed up (completed or abandoned) its lifecycle, never a blank."""
    if update:
        return str(TrafficLight(update.traffic_light).label)
    if initiative.is_missing:
        return str(_("Mangler opdatering"))
    return str(initiative.get_lifecycle_status_display())


def _texts(period: Period | None, ids: list[int] | None = None) -> dict[int, str]:
    if period is None:
        return {}
    updates = StatusUpdate.objects.filter(period=period)
    if ids is not None:
        updates = updates.filter(initiative__in=ids)
    return dict(updates.values_list("initiative_id", "status_text"))


def _indicators() -> list[dict]:
    """Each indicator with its latest closed half-year's value, next target and status.

    The values are numbers (rounded to the indicator's decimals) with the unit beside them:
    JSON numbers in the JSON download, cells Danish Excel reads as numbers in the CSV. The
    page shows them formatted, in `seneste_tekst` and `maaltal_tekst`."""
    from indicators.models import Indicator
    from indicators.series import indicator_rows

    rows = []
    for row in indicator_rows(Indicator.objects.with_relations(), closed_only=True):
        latest, target = row.latest, row.next_target
        places = row.indicator.decimals
        rows.append(
            {
                "id": row.indicator.pk,
                "indikator": row.indicator.name,
                "maalsaetninger": ", ".join(f"{o.theme.number}.{o.number}" for o in row.objectives),
                "seneste": float(round_half_up(latest.value, places)) if latest else None,
                "enhed": str(row.indicator.get_unit_display()),
                "maaling": latest.label if latest else "",
                "maaltal": float(round_half_up(target.value, places)) if target else None,
                "maaltal_dato": target.date.isoformat() if target else "",
                "status": str(row.status.label),
                "status_kode": row.status.value,
                "eksempel": bool(latest and latest.is_demo),
                "seneste_tekst": row.fmt(latest.value) if latest else "",
                "maaltal_tekst": row.fmt(target.value) if target else "",
            }
        )
    return rows


# Only for the page: the downloads carry the numbers and the unit.
_SHOWN_ONLY = ("seneste_tekst", "maaltal_tekst")


def _reports():
    return (
        Report.objects.published()
        .filter(audience=Audience.COMMITTEE)
        .select_related("period")
        .order_by("-period__year", "-period__half", "-version")
    )


# The initiatives' table is shown a page at a time; the whole list is the CSV and JSON download.
ROWS_PER_PAGE = 50


@_public
def page(request: HttpRequest) -> HttpResponse:
    period = Period.objects.latest_closed()
    # The page shows 50 rows: only those are built (the downloads build them all). The counts
    # are the overview's, counted in the database and kept under the data stamp.
    rows_page = Paginator(_places(period) if period else [], ROWS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    rows = _rows(period, list(rows_page.object_list))
    texts = _texts(period, [row["id"] for row in rows])
    for row in rows:
        row["status_tekst"] = texts.get(row["id"], "")
    numbers = cached_status_numbers(period) if period else None
    statuses = theme_status_summary(period, numbers=numbers) if period else []
    plan = LightCounts(**numbers.plan) if numbers else None
    # Rendered as an anonymous visitor sees it, whoever renders it first: the context
    # processors' `user` would otherwise win over the context's.
    anonymous = copy.copy(request)
    anonymous.user = AnonymousUser()
    return render(
        anonymous,
        "api/public.html",
        {
            # The same page for everyone (it is kept and served to anyone): rendered as for an
            # anonymous visitor, never with a signed-in reader's name or CSRF token.
            "user": AnonymousUser(),
            "strategy": Strategy.objects.first(),
            "themes": Theme.objects.with_objectives(keywords=False),
            "period": period,
            "theme_statuses": statuses,
            "plan_counts": plan,
            "rows": rows,
            "page": rows_page,
            "indicators": _indicators(),
            "reports": _reports(),
        },
    )


def _download_rows(kind: str) -> list[dict]:
    if kind == "tiltag":
        period = Period.objects.latest_closed()
        texts = _texts(period)
        return [{**row, "status_tekst": texts.get(row["id"], "")} for row in _rows(period)]
    if kind == "indikatorer":
        return [{k: v for k, v in row.items() if k not in _SHOWN_ONLY} for row in _indicators()]
    if kind == "rapporter":
        return [
            {
                "id": r.pk,
                "titel": r.title,
                "halvaar": str(r.period),
                "version": r.version,
                "sha256": r.sha256,
                "pdf": _pdf_path(r),
            }
            for r in _reports()
        ]
    raise Http404


def _pdf_path(report: Report) -> str:
    return f"/offentlig/rapporter/{report.pk}.pdf"


@_public
def download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404
    rows = _download_rows(kind)
    if fmt == "json":
        return JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False})
    out = io.StringIO()
    out.write("\ufeff")  # UTF-8 with BOM: Danish Excel reads æ, ø and å right
    fields = list(rows[0]) if rows else ["id"]
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([csv_cell(row[f]) for f in fields])
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}.csv"'
    return response


@_public
def report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    report = get_object_or_404(_reports(), pk=pk)
    if not report.file:
        raise Http404
    return FileResponse(
        report.file.open("rb"), content_type="application/pdf", filename=report.filename
    )
