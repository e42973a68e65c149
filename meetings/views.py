from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import require_perm
from core.htmx import render_page_or_partial, wants_partial
from core.spreadsheets import rows_workbook
from initiatives.models import led_unit_ids
from meetings import services
from meetings.agenda_item import blocks, render_docx, section_list
from meetings.calendar import calendar_for
from meetings.forms import (
    AbsenteesForm,
    AgendaItemForm,
    DecisionFilterForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
    MinutesForm,
    PointForm,
    ReportDecisionForm,
)
from meetings.models import AgendaItem, AgendaPoint, CalendarFeed, Decision, FollowUp, Meeting
from reports.models import Report

NO_ACCESS = gettext_lazy("Du har ikke adgang til dette.")


def _get_meeting(request: HttpRequest, pk: int, *, manage: bool = False) -> Meeting:
    """A meeting the user may read (404 otherwise); with `manage` one they may change (403)."""
    meeting = get_object_or_404(Meeting.objects.select_related("period"), pk=pk)
    require_perm(
        request,
        "meetings.view_meeting",
        meeting,
        target=str(meeting),
        message=_("Mødet findes ikke."),
        hide=True,
    )
    if manage:
        require_perm(request, "meetings.manage_meetings", target=str(meeting), message=NO_ACCESS)
    return meeting


def _get_point(request: HttpRequest, pk: int) -> AgendaPoint:
    point = get_object_or_404(AgendaPoint.objects.select_related("meeting"), pk=pk)
    _get_meeting(request, point.meeting_id, manage=True)
    return point


def _refused(request: HttpRequest, error: services.MeetingError, meeting: Meeting) -> HttpResponse:
    return render(
        request,
        "meetings/refused.html",
        {"message": error.message, "meeting": meeting},
        status=error.status,
    )


# --- Meetings and their agenda ------------------------------------------------------------


@require_safe
def meeting_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "meetings.view_meetings", target="møder", message=NO_ACCESS)
    meetings = list(Meeting.objects.for_user(request.user).chronological())
    return render(request, "meetings/meeting_list.html", {"meetings": meetings})


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "meetings.manage_meetings", target="nyt møde", message=NO_ACCESS)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "meetings/meeting_form.html", {"form": form}, status=422)
        meeting = services.meeting_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("Mødet er oprettet."))
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _detail_context(request: HttpRequest, meeting: Meeting) -> dict:
    points = list(
        meeting.points.select_related("initiative").prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.prefetch_related("follow_ups"))
        )
    )
    return {
        "meeting": meeting,
        "points": points,
        "participants": list(meeting.participants.order_by("first_name", "last_name")),
        "absentees": list(meeting.absentees.order_by("first_name", "last_name")),
        "can_manage": request.user.has_perm("meetings.manage_meetings") and not meeting.is_frozen,
        "point_form": PointForm(),
        "absentees_form": AbsenteesForm(
            meeting=meeting, initial={"absentees": meeting.absentees.all()}
        ),
    }


@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk, manage=True)
    if meeting.is_frozen:
        return _refused(
            request,
            services.MeetingError(
                _("Referatet er godkendt og kan ikke længere ændres."), status=409
            ),
            meeting,
        )
    form = MeetingEditForm(
        request.POST or None,
        instance=meeting,
        initial={"participants": meeting.participants.all()},
    )
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request,
                "meetings/meeting_edit.html",
                {"form": form, "meeting": meeting},
                status=422,
            )
        data = dict(form.cleaned_data)
        participants = data.pop("participants")
        services.meeting_update(
            user=request.user, meeting=meeting, participants=participants, **data
        )
        messages.success(request, _("Mødet er gemt."))
        return redirect(meeting)
    return render(request, "meetings/meeting_edit.html", {"form": form, "meeting": meeting})


def _agenda_answer(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """htmx: the agenda again; without JavaScript: back to the meeting's page."""
    if wants_partial(request):
        return render_page_or_partial(
            request,
            page="meetings/meeting_detail.html",
            partial="meetings/_agenda.html",
            context=_detail_context(request, meeting),
        )
    return redirect(f"{meeting.get_absolute_url()}#dagsorden")


@require_POST
def point_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk, manage=True)
    form = PointForm(request.POST)
    if not form.is_valid():
        context = {**_detail_context(request, meeting), "point_form": form}
        return render(request, "meetings/meeting_detail.html", context, status=422)
    try:
        services.agenda_point_add(user=request.user, meeting=meeting, **form.cleaned_data)
    except services.MeetingError as error:
        return _refused(request, error, meeting)
    return _agenda_answer(request, meeting)


@require_POST
def point_move(request: HttpRequest, pk: int) -> HttpResponse:
    point = _get_point(request, pk)
    direction = request.POST.get("direction", "")
    try:
        services.agenda_point_move(user=request.user, point=point, direction=direction)
    except services.MeetingError as error:
        return _refused(request, error, point.meeting)
    return _agenda_answer(request, point.meeting)


@require_POST
def point_remove(request: HttpRequest, pk: int) -> HttpResponse:
    point = _get_point(request, pk)
    try:
        services.agenda_point_remove(user=request.user, point=point)
    except services.MeetingError as error:
        return _refused(request, error, point.meeting)
    return _agenda_answer(request, point.meeting)


@require_POST
def meeting_call(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk, manage=True)
    try:
        services.meeting_call(user=request.user, meeting=meeting)
    except services.MeetingError as error:
        return _refused(request, error, meeting)
    messages.success(request, _("Mødet er indkaldt. Deltagerne får dagsordenen pr. e-mail."))
    return redirect(meeting)


# --- Minutes and decisions ---------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def point_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """A point's note and, where one was taken, its decision with links and a follow-up."""
    point = _get_point(request, pk)
    meeting = point.meeting
    if meeting.is_frozen:
        return _refused(
            request,
            services.MeetingError(
                _("Referatet er godkendt og kan ikke længere ændres."), status=409
            ),
            meeting,
        )
    initial_decision: dict[str, object] = {"decided_on": meeting.date}
    if point.initiative_id:
        initial_decision["initiatives"] = [point.initiative_id]
    minutes_form = MinutesForm(
        request.POST if request.method == "POST" else None, initial={"note": point.note}
    )
    decision_form = DecisionForm(
        request.POST if request.method == "POST" else None, initial=initial_decision, prefix="d"
    )
    context = {
        "point": point,
        "meeting": meeting,
        "form": minutes_form,
        "decision_form": decision_form,
    }
    if request.method == "POST":
        wants_decision = bool(request.POST.get("d-text", "").strip()) or any(
            request.POST.get(f"d-follow_up_{name}")
            for name in ("initiative", "unit", "due_on", "text")
        )
        if not minutes_form.is_valid() or (wants_decision and not decision_form.is_valid()):
            return render(request, "meetings/point_minutes.html", context, status=422)
        try:
            services.point_note_set(
                user=request.user, point=point, note=minutes_form.cleaned_data["note"]
            )
            if wants_decision:
                data = decision_form.cleaned_data
                services.decision_create(
                    user=request.user,
                    point=point,
                    text=data["text"],
                    decided_on=data["decided_on"],
                    initiatives=data["initiatives"],
                    follow_up=decision_form.follow_up(),
                )
        except services.MeetingError as error:
            decision_form.add_error(None, error.message)
            return render(request, "meetings/point_minutes.html", context, status=error.status)
        messages.success(request, _("Referatet af punktet er gemt."))
        return redirect(f"{meeting.get_absolute_url()}#punkt-{point.position}")
    return render(request, "meetings/point_minutes.html", context)


@require_POST
def meeting_absentees(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk, manage=True)
    form = AbsenteesForm(request.POST, meeting=meeting)
    if not form.is_valid():
        context = {**_detail_context(request, meeting), "absentees_form": form}
        return render(request, "meetings/meeting_detail.html", context, status=422)
    try:
        services.absentees_set(
            user=request.user, meeting=meeting, absentees=form.cleaned_data["absentees"]
        )
    except services.MeetingError as error:
        return _refused(request, error, meeting)
    messages.success(request, _("Fraværet er gemt."))
    return redirect(meeting)


@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk, manage=True)
    try:
        services.minutes_approve(user=request.user, meeting=meeting)
    except services.MeetingError as error:
        return _refused(request, error, meeting)
    messages.success(request, _("Referatet er godkendt og sendt til deltagerne."))
    return redirect(meeting)


def _decision_rows(request: HttpRequest):
    form = DecisionFilterForm(request.GET or None)
    decisions = Decision.objects.for_user(request.user).for_list()
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            decisions = decisions.filter(meeting__kind=data["kind"])
        if data["q"]:
            decisions = decisions.filter(text__icontains=data["q"])
        if data["date_from"]:
            decisions = decisions.filter(decided_on__gte=data["date_from"])
        if data["date_to"]:
            decisions = decisions.filter(decided_on__lte=data["date_to"])
    return form, decisions


@require_safe
def decision_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "meetings.view_decisions", target="beslutninger", message=NO_ACCESS)
    form, decisions = _decision_rows(request)
    follow_ups = None
    if request.user.has_perm("meetings.view_follow_ups"):
        follow_ups = list(FollowUp.objects.filter(decision__in=decisions.values("pk")).for_list())
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "meetings/decision_list.html",
        {
            "form": form,
            "decisions": list(decisions[:500]),
            "follow_ups": follow_ups,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@require_safe
def decision_export(request: HttpRequest) -> HttpResponse:
    require_perm(request, "meetings.view_decisions", target="beslutninger", message=NO_ACCESS)
    form, decisions = _decision_rows(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse(_("Filteret er ugyldigt."), status=400)
    content, _count = rows_workbook(
        _("Beslutninger"),
        [_("Dato"), _("Møde"), _("Mødetype"), _("Punkt"), _("Beslutning"), _("Tiltag")],
        (
            [
                d.decided_on,
                d.meeting.title,
                d.meeting.get_kind_display(),
                d.point.title if d.point else "",
                d.text,
                "; ".join(i.title for i in d.initiatives.all()),
            ]
            for d in decisions
        ),
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="beslutninger.xlsx"'
    return response


@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp.objects.select_related("unit"), pk=pk)
    require_perm(request, "meetings.view_follow_ups", target=str(follow_up), message=NO_ACCESS)
    if not (
        request.user.has_perm("meetings.manage_meetings")
        or follow_up.unit_id in led_unit_ids(request.user)
    ):
        require_perm(request, "meetings.manage_meetings", target=str(follow_up), message=NO_ACCESS)
    try:
        services.follow_up_mark_done(
            user=request.user, follow_up=follow_up, done_on=timezone.localdate()
        )
    except services.MeetingError as error:
        return HttpResponse(error.message, status=error.status)
    messages.success(request, _("Opfølgningen er markeret som udført."))
    next_path = request.POST.get("next", "")
    return redirect(next_path if _is_local(next_path) else "initiatives:mine")


def _is_local(path: str) -> bool:
    return path.startswith("/") and not path.startswith("//")


# --- The committee's agenda item and decision -----------------------------------------------


def _get_agenda_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("report__period"), pk=pk)
    require_perm(
        request,
        "meetings.view_agenda_item",
        item,
        target=str(item),
        message=_("Dagsordenpunktet findes ikke."),
        hide=True,
    )
    return item


@require_POST
def agenda_item_draft(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "meetings.edit_agenda_item", target="dagsordenpunkt", message=NO_ACCESS)
    report = get_object_or_404(Report, pk=pk)
    try:
        item = services.agenda_item_draft(user=request.user, report=report)
    except services.MeetingError as error:
        return HttpResponse(error.message, status=error.status)
    messages.success(request, _("Udkastet til dagsordenpunktet er lavet ud fra rapporten."))
    return redirect(item)


@require_http_methods(["GET", "HEAD", "POST"])
def agenda_item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_agenda_item(request, pk)
    can_edit = request.user.has_perm("meetings.edit_agenda_item")
    form = AgendaItemForm(request.POST or None, instance=item) if can_edit else None
    status = 200
    if request.method == "POST":
        require_perm(request, "meetings.edit_agenda_item", target=str(item), message=NO_ACCESS)
        if form is None:  # only editors get past the check above
            raise Http404
        if form.is_valid():
            try:
                services.agenda_item_update(
                    user=request.user,
                    item=item,
                    **{k: v or "" for k, v in form.cleaned_data.items()},
                )
            except services.MeetingError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Dagsordenpunktet er gemt."))
                return redirect(item)
        else:
            status = 422
        item.refresh_from_db()
    sections = [(heading, blocks(text)) for heading, text in section_list(item)]
    return render(
        request,
        "meetings/agenda_item.html",
        {
            "item": item,
            "sections": sections,
            "form": form,
            "history": list(item.history.select_related("history_user")[:25]) if can_edit else [],
        },
        status=status,
    )


@require_safe
def agenda_item_docx(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_agenda_item(request, pk)
    response = HttpResponse(
        render_docx(item),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="dagsordenpunkt-{item.pk}.docx"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def report_decision(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(
        request, "meetings.record_report_decision", target="udvalgets beslutning", message=NO_ACCESS
    )
    report = get_object_or_404(Report.objects.select_related("period"), pk=pk)
    form = ReportDecisionForm(
        request.POST or None, initial={"committee": _("Områdeudvalg socialområdet")}
    )
    context = {"form": form, "report": report}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "meetings/report_decision.html", context, status=422)
        try:
            services.report_decision_record(user=request.user, report=report, **form.cleaned_data)
        except services.MeetingError as error:
            form.add_error(None, error.message)
            return render(request, "meetings/report_decision.html", context, status=error.status)
        messages.success(request, _("Udvalgets beslutning er registreret."))
        return redirect(report)
    return render(request, "meetings/report_decision.html", context)


# --- Calendar -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Issue (shown once) or revoke the personal calendar address."""
    require_perm(request, "meetings.use_calendar", target="kalender", message=NO_ACCESS)
    address = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "issue":
            token = services.calendar_feed_issue(user=request.user)
            address = request.build_absolute_uri(f"/kalender/{token}.ics")
        elif action == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("Kalenderadressen er tilbagekaldt."))
            return redirect("meetings:calendar")
        else:
            return HttpResponse(_("Vælg at oprette eller tilbagekalde adressen."), status=400)
    feed = CalendarFeed.objects.filter(user=request.user).first()  # type: ignore[misc]
    return render(request, "meetings/calendar.html", {"feed": feed, "address": address})


@login_not_required
@never_cache
@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar itself: the random token is the only key, and it opens nothing else."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=CalendarFeed.hash(token), user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404(_("Kalenderen findes ikke."))
    response = HttpResponse(calendar_for(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="strategi.ics"'
    return response
