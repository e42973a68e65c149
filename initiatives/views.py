from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import trigger_client_event

from accounts.access import deny, require_perm
from core.htmx import render_page_or_partial, vary_on_htmx, wants_partial
from core.http import HtmxHttpRequest
from core.spreadsheets import XLSX
from core.urls import safe_next
from core.versions import merge_by_field
from initiatives.display import STATUS_FIELDS, display_value, status_field_label
from initiatives.filters import InitiativeFilter
from initiatives.forms import (
    PLAN_FIELDS,
    PLAN_FIELDS_FOR_LEADERS,
    ArchiveForm,
    ContributionForm,
    DeadlineForm,
    InitiativeForm,
    PeriodCreateForm,
    ReopenForm,
    StatusUpdateForm,
)
from initiatives.history import initiative_timeline
from initiatives.models import (
    Correction,
    Initiative,
    Period,
    StatusUpdate,
    led_unit_ids,
    led_unit_names,
    relation_prefetches,
    status_prefetch,
)
from initiatives.queries import (
    changes_since_previous,
    initiative_contributions,
    missing_by_unit,
    open_corrections_for,
    period_for,
    period_or_404,
    plan_status_counts,
    probable_duplicates,
)
from initiatives.services import (
    DeadlineError,
    InitiativeArchivedError,
    InitiativeError,
    InitiativeStaleError,
    PeriodClosedError,
    PeriodError,
    StaleVersionError,
    archive_step_error,
    contribution_create,
    initiative_archive,
    initiative_save,
    initiative_unarchive,
    initiatives_export,
    period_close,
    period_create,
    period_open,
    period_reopen,
    period_set_deadline,
    status_update_save,
)
from initiatives.spreadsheets import export_file_name

PAGE_SIZE = 25


# --- Access helpers: every object is loaded through one of these -----------------------------


def _load_initiative(pk: int) -> Initiative:
    return get_object_or_404(Initiative.objects.with_relations(), pk=pk)


def _get_initiative(request: HttpRequest, pk: int) -> Initiative:
    require_perm(request, "initiatives.view_initiative", target=f"initiative:{pk}")
    return _load_initiative(pk)


def _get_initiative_for_edit(request: HttpRequest, pk: int) -> Initiative:
    initiative = _load_initiative(pk)
    perm = "initiatives.update_status"
    if not request.user.has_perm(perm, initiative):
        message = ""
        if initiative.takes_part(request.user):
            message = _(
                "Du er deltager i ”%(title)s”. Kun den ansvarlige enhed (%(unit)s) og "
                "tovholderen opdaterer status. Tilføj i stedet dit bidrag på tiltagets side."
            ) % {"title": initiative.title, "unit": initiative.responsible_unit}
        deny(request, perm, target=f"initiative:{pk}", message=message)
    return initiative


def _get_initiative_for_archive(request: HttpRequest, pk: int) -> Initiative:
    perm = "initiatives.manage_plan"
    require_perm(
        request,
        perm,
        target=f"initiative:{pk}",
        message=_("Kun administratorer arkiverer tiltag og tager dem ud af arkivet igen."),
    )
    return _load_initiative(pk)


def _get_initiative_for_contribution(request: HttpRequest, pk: int) -> Initiative:
    initiative = _load_initiative(pk)
    require_perm(request, "initiatives.add_contribution", initiative, target=f"initiative:{pk}")
    return initiative


def _period_from(request: HttpRequest) -> Period | None:
    """The half-year asked for in ?halvaar=, or the user's default."""
    raw = request.GET.get("halvaar", "")
    if raw.isdigit():
        # A planned half-year is nobody's to read, and a draft is staff's only.
        period = Period.objects.visible_to(request.user).filter(pk=int(raw)).first()
        if period is not None:
            return period
    return period_for(request.user)


# --- The initiative list, with filters and export ---------------------------------------------


def _filtered(
    request: HttpRequest, *, for_export: bool = False
) -> tuple[InitiativeFilter, Period | None]:
    period = _period_from(request)
    queryset = (
        # The list shows no tovholder; the export does.
        Initiative.objects.with_relations(leader=for_export)
        .with_status(period, trend=not for_export)
        .order_by("order", "title", "pk")
    )
    return InitiativeFilter(request.GET, queryset=queryset, period=period), period


@require_safe
def initiative_list(request: HtmxHttpRequest) -> HttpResponse:
    require_perm(request, "initiatives.view_initiative")
    filterset, period = _filtered(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "filter": filterset,
        "page": page,
        "period": period,
        "query": request.GET.urlencode(),
        "closed_hint": _closed_hint(request, period) if not page.object_list else None,
    }
    return render_page_or_partial(
        request,
        page="initiatives/initiative_list.html",
        partial="initiatives/_initiative_results.html",
        context=context,
    )


def _closed_hint(request: HttpRequest, period: Period | None) -> dict | None:
    """When a filtered list of the open half-year finds nothing (the leaders may not have
    answered yet), the latest closed half-year: how many the same filters find there, and its
    address (the same filters, that half-year, page 1)."""
    if period is None or not period.is_open:
        return None
    closed = Period.objects.latest_closed()
    if closed is None:
        return None
    params = request.GET.copy()
    params.pop("side", None)
    params["halvaar"] = str(closed.pk)
    queryset = Initiative.objects.with_period_state(closed)
    count = InitiativeFilter(params, queryset=queryset, period=closed).qs.count()
    return {"period": closed, "count": count, "query": params.urlencode()}


@require_safe
def initiative_export(request: HttpRequest) -> HttpResponse:
    require_perm(request, "initiatives.export_initiatives")
    filterset, period = _filtered(request, for_export=True)
    content = initiatives_export(
        filterset.qs, period, user=request.user, filters=request.GET.dict()
    )
    filename = export_file_name(filterset.form.cleaned_data, period)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- One initiative ---------------------------------------------------------------------------


HISTORY_SHOWN = 25


@require_safe
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_initiative(request, pk))


def _render_detail(
    request: HttpRequest, initiative: Initiative, contribution_form=None, status: int = 200
) -> HttpResponse:
    updates = list(
        StatusUpdate.objects.filter(initiative=initiative).select_related("period", "author")
    )
    open_period = Period.objects.current_open()
    current = next((u for u in updates if open_period and u.period_id == open_period.pk), None)
    children = list(initiative.children.order_by("order", "title"))
    timeline = initiative_timeline(initiative)
    whole_history = request.GET.get("historik") == "alle"
    # An archived initiative is read-only: readable here, changed by no one.
    live = not initiative.is_archived
    can_contribute = (
        live
        and open_period is not None
        and request.user.has_perm("initiatives.add_contribution", initiative)
    )
    if can_contribute and contribution_form is None:
        contribution_form = ContributionForm()
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            # The newest changes; the whole history on request, so a long-lived initiative's
            # page does not grow with every save.
            "timeline": timeline if whole_history else timeline[:HISTORY_SHOWN],
            "history_hidden": 0 if whole_history else max(0, len(timeline) - HISTORY_SHOWN),
            "initiative": initiative,
            "updates": updates,
            "open_period": open_period,
            # "Overskredet" is judged against the half-year the user works in.
            "status_period": open_period or period_for(request.user),
            "current": current,
            "children": children,
            "can_edit": live
            and open_period is not None
            and request.user.has_perm("initiatives.update_status", initiative),
            "can_edit_plan": live
            and request.user.has_perm("initiatives.edit_initiative", initiative),
            "can_archive": request.user.has_perm("initiatives.manage_plan"),
            "is_responsible": initiative.is_responsible(request.user),
            "takes_part": initiative.takes_part(request.user),
            "contributions": initiative_contributions(initiative),
            "contribution_form": contribution_form if can_contribute else None,
        },
        status=status,
    )


@require_POST
def contribution_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A participating unit's leader adds a contribution to the open half-year's status."""
    initiative = _get_initiative_for_contribution(request, pk)
    if initiative.is_archived:
        return _archived_conflict(request, initiative)
    form = ContributionForm(request.POST)
    period = Period.objects.current_open()
    if period is None:
        form.is_valid()
        form.add_error(None, _("Der er ikke et åbent halvår. Bidrag kan ikke tilføjes lige nu."))
        return _render_detail(request, initiative, form, status=409)
    if not form.is_valid():
        return _render_detail(request, initiative, form, status=422)
    unit_ids = led_unit_ids(request.user)
    unit = next(u for u in initiative.units.all() if u.pk in unit_ids)
    try:
        contribution_create(
            initiative=initiative,
            period=period,
            unit=unit,
            author=request.user,
            text=form.cleaned_data["text"],
        )
    except InitiativeArchivedError:  # archived since the page was read
        return _archived_conflict(request, initiative)
    except InitiativeError as error:
        form.add_error(None, str(error))
        return _render_detail(request, initiative, form, status=422)
    messages.success(
        request,
        _("Dit bidrag til ”%(title)s” er gemt for %(period)s.")
        % {"title": initiative.title, "period": period.name},
    )
    return redirect(initiative.get_absolute_url())


# --- The plan kept in the app: create and edit initiatives ------------------------------------


def _plan_fields(request: HttpRequest) -> list[str]:
    if request.user.has_perm("initiatives.manage_plan"):
        return PLAN_FIELDS
    return PLAN_FIELDS_FOR_LEADERS


def _render_plan_form(
    request, form, initiative=None, *, status=200, conflict=None, duplicates=None
):
    return render(
        request,
        "initiatives/initiative_form.html",
        {"form": form, "initiative": initiative, "conflict": conflict, "duplicates": duplicates},
        status=status,
    )


# The override of the duplicate warning: one explicit click, the same form sent again with it.
CONFIRM_DUPLICATE = "opret_alligevel"


def _save_plan_form(request, form, initiative: Initiative | None):
    if not form.is_valid():
        return _render_plan_form(request, form, initiative, status=422)
    try:
        saved = initiative_save(
            initiative=form.instance,
            form=form,
            author=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except InitiativeArchivedError:
        # (Raised for an existing initiative only: the form's instance, loaded by pk.)
        return _archived_conflict(request, form.instance)
    except InitiativeStaleError as error:
        fresh = request.POST.copy()
        fresh["version"] = str(error.current.version)
        again = InitiativeForm(
            fresh, instance=_load_initiative(error.current.pk), fields=_plan_fields(request)
        )
        again.is_valid()
        conflict = {"message": str(error), "changes": error.changes}
        return _render_plan_form(request, again, initiative, status=409, conflict=conflict)
    except InitiativeError as error:
        form.add_error(None, str(error))
        return _render_plan_form(request, form, initiative, status=422)
    messages.success(request, _("”%(title)s” er gemt.") % {"title": saved.title})
    return redirect(saved)


@require_http_methods(["GET", "HEAD", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "initiatives.manage_plan")
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        form = InitiativeForm(initial={"version": 0}, fields=PLAN_FIELDS)
        return _render_plan_form(request, form)
    form = InitiativeForm(request.POST, fields=PLAN_FIELDS)
    if form.is_valid() and not request.POST.get(CONFIRM_DUPLICATE):
        duplicates = probable_duplicates(
            title=form.cleaned_data["title"], objectives=form.cleaned_data.get("objectives") or []
        )
        if duplicates:
            # Nothing is stored: the same form comes back, asking.
            return _render_plan_form(request, form, status=409, duplicates=duplicates)
    return _save_plan_form(request, form, None)


@require_http_methods(["GET", "HEAD", "POST"])
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _load_initiative(pk)
    require_perm(request, "initiatives.edit_initiative", initiative, target=f"initiative:{pk}")
    if initiative.is_archived:
        return _archived_conflict(request, initiative)
    fields = _plan_fields(request)
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        form = InitiativeForm(
            instance=initiative, initial={"version": initiative.version}, fields=fields
        )
        return _render_plan_form(request, form, initiative)
    form = InitiativeForm(request.POST, instance=_load_initiative(pk), fields=fields)
    return _save_plan_form(request, form, initiative)


def _archived_conflict(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """409: the initiative is archived, read-only until an administrator takes it out again.
    Its page as it is now (archived perhaps since this request loaded it), with the reason."""
    initiative = _load_initiative(initiative.pk)
    messages.error(request, str(InitiativeArchivedError(initiative)))
    return _render_detail(request, initiative, status=409)


# --- Archive: the initiative leaves the living plan (administrators, with a reason) -----------


@require_http_methods(["GET", "HEAD", "POST"])
def initiative_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step with the reason (a page: it works without JavaScript);
    POST: archive."""
    return _archive_step(request, _get_initiative_for_archive(request, pk), archive=True)


@require_http_methods(["GET", "HEAD", "POST"])
def initiative_unarchive_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step with the reason; POST: back into the living plan."""
    return _archive_step(request, _get_initiative_for_archive(request, pk), archive=False)


def _archive_step(request: HttpRequest, initiative: Initiative, *, archive: bool) -> HttpResponse:
    error = archive_step_error(initiative, archive=archive)
    if error:
        messages.error(request, error)
        return _render_detail(request, initiative, status=409)
    form = ArchiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        service = initiative_archive if archive else initiative_unarchive
        try:
            service(initiative=initiative, reason=form.cleaned_data["reason"], author=request.user)
        except InitiativeError as error:  # changed since the page was read
            messages.error(request, str(error))
            return _render_detail(request, initiative, status=409)
        done = (
            _("”%(title)s” er arkiveret. Det står ikke længere i planen.")
            if archive
            else _("”%(title)s” er taget ud af arkivet og står i planen igen.")
        )
        messages.success(request, done % {"title": initiative.title})
        return redirect(initiative)
    live_children = [] if not archive else list(initiative.children.in_plan(None))
    return render(
        request,
        "initiatives/archive_confirm.html",
        {"initiative": initiative, "form": form, "archive": archive, "children": live_children},
        status=422 if form.is_bound else 200,
    )


# --- Status updates: one form, used inline (htmx) and as a plain page ---------------------------


def _row_initiative(pk: int, period: Period | None) -> Initiative:
    """One initiative with what a row of Mine tiltag shows (access is checked by the caller)."""
    return (
        Initiative.objects.with_relations(objectives=False)
        .with_status(period, trend=True)
        .get(pk=pk)
    )


def _correction_period(request: HttpRequest, initiative: Initiative) -> Period | None:
    """The closed half-year asked for in ?halvaar=, when an open correction lets this
    initiative's status change in it (the link in the leaders' e-mail and banner)."""
    raw = request.GET.get("halvaar", "")
    if not raw.isdigit():
        return None
    correction = (
        Correction.objects.open()
        .filter(period_id=int(raw), initiatives=initiative)
        .select_related("period")
        .first()
    )
    return correction.period if correction else None


def _previous_update(initiative: Initiative, period: Period | None) -> StatusUpdate | None:
    """The update of the half-year before `period`: shown beside the form, and copied in."""
    previous = period.previous() if period is not None else None
    if previous is None:
        return None
    return StatusUpdate.objects.filter(initiative=initiative, period=previous).first()


def _form_for(
    initiative: Initiative,
    period: Period,
    update: StatusUpdate | None,
    data=None,
    copy_from: StatusUpdate | None = None,
):
    """The form for the half-year's update; `copy_from` (the previous half-year's update)
    fills in its light, progress, status and next steps, keeping this half-year's version so
    the save still detects a concurrent change."""
    initial = {
        "traffic_light": update.traffic_light if update else None,
        "progress": update.progress if update else None,
        "lifecycle_status": update.lifecycle_status if update else initiative.lifecycle_status,
        "status_text": update.status_text if update else "",
        "next_steps": update.next_steps if update else "",
        "version": update.version if update else 0,
        "period": period.pk,
    }
    if copy_from is not None:
        for field in ("traffic_light", "progress", "lifecycle_status", "status_text", "next_steps"):
            initial[field] = getattr(copy_from, field)
    return StatusUpdateForm(data=data, initial=initial, prefix_id=f"status-{initiative.pk}")


def _render_form(
    request, initiative, period, form, *, status=200, conflict=None, closed=None, previous=None
):
    if previous is None and form is not None:
        previous = _previous_update(initiative, period)
    context = {
        "initiative": initiative,
        "period": period,
        "previous": previous,
        "copied": request.method != "POST" and request.GET.get("forrige") == "1",
        "form": form,
        "conflict": conflict,
        "closed_message": closed,
        "next": safe_next(request, ""),
    }
    return render_page_or_partial(
        request,
        page="initiatives/status_edit.html",
        partial="initiatives/_status_form_row.html",
        context=context,
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def status_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    initiative = _get_initiative_for_edit(request, pk)
    period = _correction_period(request, initiative) or Period.objects.current_open()
    if initiative.is_archived:
        return _render_form(
            request,
            initiative,
            period,
            None,
            status=409,
            closed=str(InitiativeArchivedError(initiative)),
        )
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        if period is None:
            return _render_form(
                request,
                initiative,
                None,
                None,
                status=409,
                closed=_("Der er ikke et åbent halvår. Status kan ikke opdateres lige nu."),
            )
        update = StatusUpdate.objects.filter(initiative=initiative, period=period).first()
        previous = _previous_update(initiative, period)
        # "Kopiér fra sidste halvår": the same page (or inline form) with last time's values.
        copy = previous if request.GET.get("forrige") == "1" else None
        form = _form_for(initiative, period, update, copy_from=copy)
        return _render_form(request, initiative, period, form, previous=previous)

    form = StatusUpdateForm(request.POST, prefix_id=f"status-{initiative.pk}")
    if not form.is_valid():
        posted_period = period
        if "period" in form.cleaned_data:
            posted_period = form.cleaned_data["period"]
        return _render_form(request, initiative, posted_period, form, status=422)
    data = form.cleaned_data
    target_period: Period = data["period"]
    _take_chosen_values(request, initiative, target_period, data)
    try:
        update = status_update_save(
            initiative=initiative,
            period=target_period,
            author=request.user,
            traffic_light=data["traffic_light"],
            progress=data["progress"],
            status_text=data["status_text"],
            next_steps=data["next_steps"],
            expected_version=data["version"],
            lifecycle_status=data["lifecycle_status"],
        )
    except StaleVersionError as error:
        conflict_form, clashes = _merged_form(request, initiative, data, error)
        return _render_form(
            request,
            initiative,
            target_period,
            conflict_form,
            status=409,
            conflict={
                "message": str(error),
                "changes": error.changes,
                "current": error.current,
                "clashes": clashes,
            },
        )
    except (PeriodClosedError, InitiativeArchivedError) as error:
        return _render_form(request, initiative, target_period, None, status=409, closed=str(error))
    except InitiativeError as error:
        form.add_error(None, str(error))
        return _render_form(request, initiative, target_period, form, status=422)

    if wants_partial(request):
        return vary_on_htmx(_saved_row_response(request, initiative.pk, update))
    messages.success(
        request,
        _("Status for ”%(title)s” er gemt for %(period)s.")
        % {"title": initiative.title, "period": target_period.name},
    )
    return redirect(safe_next(request, initiative.get_absolute_url()))


# A field both people changed is offered as a choice on the conflict form: "valg-<field>".
CHOICE_PREFIX, MINE, THEIRS = "valg-", "mine", "theirs"


def _merged_form(request, initiative, data: dict, error: StaleVersionError):
    """The form after a conflict, merged by field (core.versions.merge_by_field): what only the
    other person changed takes their value, what only this user changed keeps this user's; a
    field both changed keeps this user's text and is returned as a clash to choose between.
    The form carries the row's new version, so the next save knowingly goes on from it."""
    current = error.current
    merged, clash_fields = merge_by_field(
        base=error.base,
        mine={field: data[field] for field in STATUS_FIELDS},
        theirs={field: getattr(current, field) for field in STATUS_FIELDS},
    )
    fresh = request.POST.copy()
    for field, value in merged.items():
        fresh[field] = "" if value is None else str(value)
    fresh["version"] = str(current.version)
    form = StatusUpdateForm(fresh, prefix_id=f"status-{initiative.pk}")
    form.is_valid()
    clashes = [
        {
            "field": field,
            "name": CHOICE_PREFIX + field,
            "label": status_field_label(field),
            "mine": display_value(field, data[field]),
            "theirs": display_value(field, getattr(current, field)),
        }
        for field in clash_fields
    ]
    return form, clashes


def _take_chosen_values(request, initiative, period: Period, data: dict) -> None:
    """On the save after a conflict, the fields where the user chose the other person's
    version take the row's values, if the row is still the version the form was merged with
    (otherwise the save is stale again and says so)."""
    chosen = [f for f in STATUS_FIELDS if request.POST.get(CHOICE_PREFIX + f) == THEIRS]
    if not chosen:
        return
    current = StatusUpdate.objects.filter(initiative=initiative, period=period).first()
    if current is not None and current.version == data["version"]:
        for field in chosen:
            data[field] = getattr(current, field)


def _saved_row_response(request: HttpRequest, pk: int, update: StatusUpdate) -> HttpResponse:
    period = update.period
    # The saved row and the counters only: a leader may have hundreds of initiatives.
    initiative = _row_initiative(pk, period)
    html = render_to_string(
        "initiatives/_status_row.html",
        {
            "initiative": initiative,
            "period": period,
            "can_edit": True,
            "just_saved": True,
            "next_url": reverse("initiatives:mine"),
        },
        request=request,
    )
    html += render_to_string(
        "initiatives/_mine_counters.html",
        {
            "counters": Initiative.objects.for_user(request.user).status_counters(period),
            "period": period,
            "oob": True,
        },
        request=request,
    )
    response = HttpResponse(html)
    return trigger_client_event(response, "statusSaved", {"initiative": pk})


@require_safe
def status_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One row of "Mine tiltag" (used by the form's Annuller button)."""
    initiative = _get_initiative_for_edit(request, pk)
    period = _mine_period()
    initiative = _row_initiative(initiative.pk, period)
    return render(
        request,
        "initiatives/_status_row.html",
        {
            "initiative": initiative,
            "period": period,
            "can_edit": period is not None and period.is_open,
            "next_url": reverse("initiatives:mine"),
        },
    )


# --- Mine tiltag --------------------------------------------------------------------------------


def _mine_period() -> Period | None:
    """The half-year Mine tiltag shows: the open one, or, between two half-years, the one just
    closed, so what was reported in it stays in view until the next one opens."""
    return Period.objects.default_for(internal=True)  # leaders are staff


@require_safe
def my_initiatives(request: HttpRequest) -> HttpResponse:
    require_perm(request, "initiatives.view_own_initiatives")
    period = _mine_period()
    only_missing = request.GET.get("mangler") == "1"
    # What the user is responsible for, in the half-year's plan (archived ones are not).
    mine = Initiative.objects.for_user(request.user).in_plan(period)
    counters = mine.status_counters(period)
    shown = mine.with_period_state(period) if not only_missing else mine.missing_in(period)
    rows = shown.select_related("parent", "responsible_unit").order_by("order", "title", "pk")
    # Paged like the list: a leader of a large area can have hundreds of initiatives; the
    # counters cover them all, and give the paginator its count (the same filter, counted).
    paginator = Paginator(rows, PAGE_SIZE)
    paginator.count = counters["missing"] if only_missing else counters["listed"]
    page = paginator.get_page(request.GET.get("side"))
    own = list(page.object_list)
    # What the user's units take part in: listed apart, never counted as the user's own.
    # At most a page of them (one more row tells whether there are more).
    taking_part = list(
        Initiative.objects.taken_part_in_by(request.user)
        .in_plan(period)
        .with_period_state(period)
        .select_related("parent", "responsible_unit")
        .order_by("order", "title", "pk")[: PAGE_SIZE + 1]
    )
    # Both lists' units and updates (this half-year's and the one before, for the trend): one
    # query each, however many rows.
    prefetch_related_objects(
        own + taking_part,
        *relation_prefetches(objectives=False),
        status_prefetch(period, trend=True),
    )
    return render(
        request,
        "initiatives/my_initiatives.html",
        {
            "period": period,
            "initiatives": own,
            "page": page,
            "counters": counters,
            "only_missing": only_missing,
            "taking_part": taking_part[:PAGE_SIZE],
            "taking_part_more": len(taking_part) > PAGE_SIZE,
            # The units the leader leads, named: the page says where they stand.
            "led_units": led_unit_names(request.user),
            # Said only on the empty page; counted only beyond the one page of them shown.
            "taking_part_count": len(taking_part)
            if own or len(taking_part) <= PAGE_SIZE
            else Initiative.objects.taken_part_in_by(request.user).in_plan(period).count(),
            "can_edit": period is not None and period.is_open,
            "corrections": open_corrections_for(request.user),
            # The plain edit page returns to this page (and its filter and page number).
            "next_url": request.get_full_path(),
        },
    )


# --- What changed since the last half-year ------------------------------------------------------


@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    require_perm(request, "initiatives.view_initiative")
    period = _period_from(request)
    return render(
        request,
        "initiatives/changes.html",
        {
            "period": period,
            "changes": changes_since_previous(period) if period else None,
            "plan_counts": plan_status_counts(period) if period else None,
        },
    )


# --- Half-years (administrators) ------------------------------------------------------------------


@require_safe
def periods(request: HttpRequest) -> HttpResponse:
    require_perm(request, "initiatives.manage_periods")
    return _render_periods(request)


def _render_periods(
    request, create_form=None, status=200, deadline_form=None, reopen_form=None, target=None
) -> HttpResponse:
    """The half-years page; a form that failed is shown again beside the half-year it was for
    (`target`), with its Danish message."""
    from django.db.models import Count

    # Ordered here: Meta.ordering does not apply to a GROUP BY query.
    all_periods = list(
        Period.objects.annotate(update_count=Count("status_updates")).order_by("-year", "-half")
    )
    latest = all_periods[0] if all_periods else None
    if create_form is None:
        year, half = latest.next_year_half() if latest else (timezone.localdate().year, 1)
        create_form = PeriodCreateForm(initial={"year": year, "half": half})
    return render(
        request,
        "initiatives/periods.html",
        {
            "periods": all_periods,
            "open_period": next((p for p in all_periods if p.is_open), None),
            "create_form": create_form,
            "deadline_form": deadline_form,
            "reopen_form": reopen_form,
            "target": target,
        },
        status=status,
    )


@require_POST
def period_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request, "initiatives.manage_periods")
    form = PeriodCreateForm(request.POST)
    if not form.is_valid():
        return _render_periods(request, create_form=form, status=422)
    try:
        period = period_create(**form.cleaned_data, user=request.user)
    except DeadlineError as error:
        form.add_error("deadline", str(error))
        return _render_periods(request, create_form=form, status=422)
    except PeriodError as error:
        form.add_error(None, str(error))
        return _render_periods(request, create_form=form, status=409)
    messages.success(
        request,
        _("%(p)s er oprettet som planlagt. Ingen ser det, før det åbnes.") % {"p": period.name},
    )
    return redirect("initiatives:periods")


@require_http_methods(["GET", "HEAD", "POST"])
def period_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step (opening lets every leader write); POST: open."""
    require_perm(request, "initiatives.manage_periods")
    period = period_or_404(pk)
    if request.method != "POST":  # GET or HEAD
        if not period.is_planned:
            messages.error(
                request, _("%(period)s er ikke planlagt og kan ikke åbnes.") % {"period": period}
            )
            return redirect("initiatives:periods")
        return render(
            request,
            "initiatives/period_open_confirm.html",
            {"period": period, "deadline_note": period.deadline_note()},
        )
    try:
        period = period_open(period=period, user=request.user)
    except InitiativeError as error:
        # Another half-year is open, or this one is closed: a conflict with the current state.
        messages.error(request, str(error))
        return _render_periods(request, status=409)
    messages.success(request, _("%(p)s er åbnet for opdateringer.") % {"p": period.name})
    return redirect("initiatives:periods")


@require_http_methods(["GET", "HEAD", "POST"])
def period_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET (a reload after a failed reopen): the half-years page with this half-year's reopen
    form open; POST: reopen."""
    require_perm(request, "initiatives.manage_periods")
    period = period_or_404(pk)
    if request.method != "POST":  # GET or HEAD
        return _render_periods(request, reopen_form=ReopenForm(), target=period)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _render_periods(request, reopen_form=form, target=period, status=422)
    try:
        period = period_reopen(period=period, reason=form.cleaned_data["reason"], user=request.user)
    except PeriodError as error:
        form.add_error(None, str(error))
        return _render_periods(request, reopen_form=form, target=period, status=409)
    messages.success(
        request,
        _("%(p)s er genåbnet. Begrundelsen er gemt i sikkerhedsloggen og halvårets historik.")
        % {"p": period.name},
    )
    return redirect("initiatives:periods")


@require_http_methods(["GET", "HEAD", "POST"])
def period_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step (a page: it works without JavaScript); POST: close."""
    require_perm(request, "initiatives.manage_periods")
    period = period_or_404(pk)
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        if not period.is_open:
            messages.error(request, _("%(period)s er allerede lukket.") % {"period": period.name})
            return redirect("initiatives:periods")
        groups = missing_by_unit(period)
        return render(
            request,
            "initiatives/period_close_confirm.html",
            {
                "period": period,
                "missing": sum(len(group.initiatives) for group in groups),
                "missing_by_unit": groups,
                "early": period.deadline > timezone.localdate(),
                "deadline_note": period.deadline_note(),
            },
        )
    try:
        period = period_close(
            period=period,
            user=request.user,
            notify_leaders=request.POST.get("notify_leaders") == "1",
        )
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect("initiatives:periods")
    messages.success(
        request, _("%(p)s er lukket. Dets status kan ikke længere ændres.") % {"p": period.name}
    )
    return redirect("initiatives:periods")


@require_POST
def period_deadline_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "initiatives.manage_periods")
    period = period_or_404(pk)
    form = DeadlineForm(request.POST, period=period)
    if not form.is_valid():
        return _render_periods(request, deadline_form=form, target=period, status=422)
    try:
        period_set_deadline(
            period=period,
            deadline=form.cleaned_data["deadline"],
            user=request.user,
        )
    except InitiativeError as error:
        messages.error(request, str(error))
        return redirect("initiatives:periods")
    messages.success(request, _("Fristen for %(p)s er ændret.") % {"p": period.name})
    return redirect("initiatives:periods")
