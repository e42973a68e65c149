"""Indicator pages: the list with filters in the address, one indicator with its rule, chart,
table and history, a value entered inline (htmx) or on a plain page, targets, import, export."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import require_perm
from core.htmx import render_page_or_partial, wants_partial
from core.http import HtmxHttpRequest
from core.spreadsheets import XLSX
from core.text import file_name
from core.urls import safe_next
from core.widgets import PlainSelect
from indicators.exports import EXPORT_COLUMNS
from indicators.forms import ImportForm, MeasurementForm, TargetForm
from indicators.history import measurement_timeline
from indicators.models import Indicator, Measurement
from indicators.periods import covers_label, ends_within
from indicators.series import cached_statuses, indicator_rows, status_counts
from indicators.services import (
    CoveredPeriodError,
    IndicatorError,
    PeriodNotOpenError,
    StaleVersionError,
    measurement_save,
    measurements_export,
    measurements_import,
    parse_value,
    target_save,
)
from indicators.spreadsheets import parse_measurements
from indicators.status import AT_RISK_MARGIN, STATUS_ORDER, Status
from initiatives.models import Period
from strategy.models import Objective, Theme, Unit

PAGE_SIZE = 50


def _load(pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.with_relations(), pk=pk)


def _get_indicator(request: HttpRequest, pk: int) -> Indicator:
    require_perm(request, "indicators.view_indicators", target=f"indicator:{pk}")
    return _load(pk)


def _get_indicator_for_entry(request: HttpRequest, pk: int) -> Indicator:
    indicator = _load(pk)
    require_perm(request, "indicators.enter_measurement", indicator, target=f"indicator:{pk}")
    return indicator


# --- The list ---------------------------------------------------------------------------------


def _int(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@require_safe
def indicator_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "indicators.view_indicators")
    indicators = Indicator.objects.with_relations()
    theme = _int(request.GET.get("pejlemaerke", ""))
    objective = _int(request.GET.get("maalsaetning", ""))
    unit = _int(request.GET.get("enhed", ""))
    query = request.GET.get("q", "").strip()[:100]
    if theme is not None:
        indicators = indicators.filter(objectives__theme__number=theme).distinct()
    if objective is not None:
        indicators = indicators.filter(objectives=objective)
    if unit is not None:  # the unit and the units under it, as on the initiative list
        indicators = indicators.filter(responsible_unit__in=Unit.objects.ids_under(unit))
    if query:
        indicators = indicators.filter(name__icontains=query)
    # The statuses of all indicators come from the cache (counted once per change of the
    # data); the page's rows are read with their latest value (the list draws no trend).
    statuses = cached_statuses(user=request.user)
    ids = list(indicators.values_list("pk", flat=True))
    counts = status_counts(statuses.get(pk, Status.NO_DATA.value) for pk in ids)
    status = request.GET.get("status", "")
    if status in Status.values:
        ids = [pk for pk in ids if statuses.get(pk, Status.NO_DATA.value) == status]
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("side"))
    shown = Indicator.objects.with_relations().filter(pk__in=list(page.object_list))
    page.object_list = indicator_rows(shown, user=request.user, latest_only=True)
    params = request.GET.copy()
    params.pop("side", None)
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "page": page,
            "tally": [(s, counts[s.value]) for s in STATUS_ORDER],
            "statuses": STATUS_ORDER,
            "themes": Theme.objects.all(),
            "objectives": Objective.objects.select_related("theme"),
            # One option per unit with indicators (200 at stress scale): written in Python
            # (PlainSelect), as the initiative list's unit filter; a template loop per option
            # was a large part of the page's extra time at stress scale.
            "unit_select": PlainSelect(
                choices=[
                    ("", _("Alle")),
                    *Unit.objects.filter(indicators__isnull=False)
                    .distinct()
                    .values_list("pk", "name"),
                ]
            ).render("enhed", unit, {"id": "f-unit"}),
            "chosen": {
                "theme": theme,
                "objective": objective,
                "unit": unit,
                "status": status,
                "q": query,
            },
            "query": params.urlencode(),
        },
    )


# --- One indicator ----------------------------------------------------------------------------


def _form_for(indicator: Indicator, period: Period, covers_end, *, single: bool):
    current = Measurement.objects.filter(indicator=indicator, covers_end=covers_end).first()
    initial = {
        "value": f"{current.value.normalize():f}".replace(".", ",") if current else "",
        "comment": current.comment if current else "",
        "version": current.version if current else 0,
        "period": period.pk,
        "covers_end": covers_end,
    }
    return MeasurementForm(initial=initial, prefix_id=_form_prefix(indicator, covers_end, single))


def _form_prefix(indicator: Indicator, covers_end, single: bool) -> str:
    return f"measurement-{indicator.pk}" if single else f"measurement-{indicator.pk}-{covers_end}"


def _entry_forms(indicator: Indicator, period: Period, posted=None, conflict=None) -> list[dict]:
    """One form per period of the indicator's frequency that ends in the open half-year (two
    quarters, one half-year, or the year in the second half-year); `posted` (a bound form)
    replaces the form of its own period, with the `conflict` if there is one."""
    ends = ends_within(indicator.frequency, period.start, period.end)
    single = len(ends) == 1
    posted_end = None
    if posted is not None:
        posted_end = getattr(posted, "cleaned_data", {}).get("covers_end")
        posted_end = posted_end or (ends[0] if single else None)
    entries = []
    for covers_end in ends:
        mine = posted is not None and posted_end == covers_end
        entries.append(
            {
                "label": covers_label(indicator.frequency, covers_end),
                "heading_id": "measurement-heading"
                if single
                else f"measurement-heading-{covers_end}",
                "form": posted if mine else _form_for(indicator, period, covers_end, single=single),
                "conflict": conflict if mine else None,
            }
        )
    if posted is not None and posted_end not in ends and entries:
        # A date that is no period of this half-year: its errors stand on the first form.
        entries[0]["form"] = posted
    return entries


def _figures_context(request, indicator: Indicator, **extra) -> dict:
    row = indicator_rows([indicator], user=request.user)[0]
    open_period = Period.objects.current_open()
    can_enter = (
        open_period is not None
        and not indicator.is_computed
        and request.user.has_perm("indicators.enter_measurement", indicator)
    )
    posted = extra.pop("form", None)
    conflict = extra.pop("conflict", None)
    context = {
        "row": row,
        "indicator": indicator,
        "open_period": open_period,
        "can_enter": can_enter,
        "can_see_history": request.user.has_perm("indicators.view_history"),
        "entries": (
            _entry_forms(indicator, open_period, posted, conflict)
            if can_enter and open_period is not None
            else []
        ),
    }
    if can_enter and not context["entries"]:
        context["no_entry_message"] = _(
            "%(name)s måles pr. år; værdien for året indtastes i det halvår, der indeholder "
            "31. december."
        ) % {"name": indicator.name}
    context.update(extra)
    return context


@require_safe
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _get_indicator(request, pk)
    context = _figures_context(request, indicator)
    context.update(
        {
            "margin_percent": int(AT_RISK_MARGIN * 100),
            "timeline": measurement_timeline(indicator) if context["can_see_history"] else [],
            "target_form": TargetForm() if request.user.has_perm("indicators.set_target") else None,
        }
    )
    return render(request, "indicators/indicator_detail.html", context)


def _render_figures(request, indicator, *, status=200, **extra) -> HttpResponse:
    context = _figures_context(request, indicator, **extra)
    return render_page_or_partial(
        request,
        page="indicators/measurement_edit.html",
        partial="indicators/_figures.html",
        context=context,
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def measurement_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    indicator = _get_indicator_for_entry(request, pk)
    period = Period.objects.current_open()
    if indicator.is_computed:
        return _render_figures(
            request,
            indicator,
            status=409,
            closed_message=_("Indikatoren beregnes ud fra personaleopgørelserne."),
        )
    if period is None:
        return _render_figures(
            request,
            indicator,
            status=409,
            closed_message=_("Der er ikke et åbent halvår. Der kan ikke indtastes målinger nu."),
        )
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        return _render_figures(request, indicator)
    single = len(ends_within(indicator.frequency, period.start, period.end)) == 1
    covers_raw = request.POST.get("covers_end", "")
    form = MeasurementForm(
        request.POST, prefix_id=_form_prefix(indicator, covers_raw or period.end, single)
    )
    if not form.is_valid():
        return _render_figures(request, indicator, status=422, form=form)
    data = form.cleaned_data
    try:
        value = parse_value(data["value"])
        measurement = measurement_save(
            indicator=indicator,
            period=data["period"],
            covers_end=data["covers_end"],
            author=request.user,
            value=value,
            comment=data["comment"],
            expected_version=data["version"],
        )
    except StaleVersionError as error:
        fresh = request.POST.copy()
        fresh["version"] = str(error.current.version)
        conflict_form = MeasurementForm(fresh, prefix_id=form.auto_id.removesuffix("-%s"))
        conflict_form.is_valid()
        return _render_figures(
            request,
            indicator,
            status=409,
            form=conflict_form,
            conflict={"message": str(error), "changes": error.changes},
        )
    except PeriodNotOpenError as error:
        return _render_figures(request, indicator, status=409, closed_message=str(error))
    except CoveredPeriodError as error:
        form.add_error(None, str(error))
        return _render_figures(request, indicator, status=422, form=form)
    except IndicatorError as error:
        form.add_error("value", str(error))
        return _render_figures(request, indicator, status=422, form=form)
    if wants_partial(request):
        return _render_figures(request, indicator, just_saved=True)
    messages.success(
        request,
        _("Målingen for ”%(name)s” er gemt for %(period)s.")
        % {"name": indicator.name, "period": measurement.covers_label},
    )
    return redirect(safe_next(request, indicator.get_absolute_url()))


@require_POST
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _load(pk)
    require_perm(request, "indicators.set_target", indicator, target=f"indicator:{pk}")
    form = TargetForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            target_save(
                indicator=indicator,
                value=parse_value(form.cleaned_data["value"]),
                date=form.cleaned_data["date"],
            )
        except IndicatorError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Måltallet er gemt."))
            return redirect(indicator.get_absolute_url())
    context = _figures_context(request, indicator)
    context.update(
        {
            "margin_percent": int(AT_RISK_MARGIN * 100),
            "timeline": measurement_timeline(indicator),
            "target_form": form,
        }
    )
    return render(request, "indicators/indicator_detail.html", context, status=status)


# --- Import and export ------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def measurement_import(request: HttpRequest) -> HttpResponse:
    require_perm(request, "indicators.import_measurements")
    open_period = Period.objects.current_open()
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        return render(
            request,
            "indicators/import.html",
            {"form": ImportForm(), "open_period": open_period, "columns": EXPORT_COLUMNS},
        )
    form = ImportForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        rows, problems = parse_measurements(form.cleaned_data["file"])
        if not problems:
            try:
                saved = measurements_import(
                    rows=rows, author=request.user, filename=form.cleaned_data["file"].name
                )
            except IndicatorError as error:
                problems = [str(error)]
            else:
                messages.success(request, _("%(n)s målinger er indlæst.") % {"n": saved})
                return redirect("indicators:list")
    return render(
        request,
        "indicators/import.html",
        {"form": form, "problems": problems, "open_period": open_period, "columns": EXPORT_COLUMNS},
        status=422,
    )


@require_safe
def measurement_export(request: HttpRequest) -> HttpResponse:
    require_perm(request, "indicators.export_measurements")
    response = HttpResponse(measurements_export(user=request.user), content_type=XLSX)
    # What it holds and as of when: "indikatorer-maalinger-pr-8-december-2026.xlsx".
    filename = file_name(
        _("indikatorer"),
        _("målinger"),
        _("pr."),
        date_format(timezone.localdate()),
        extension="xlsx",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
