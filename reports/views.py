from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import require_perm
from accounts.rules import is_administrator, is_committee_member, is_leader, is_omu_member
from initiatives.models import Period
from initiatives.queries import period_or_404
from reports import services
from reports.documents import build_snapshot
from reports.forms import CorrectionForm
from reports.models import Audience, Report, ReportCorrection

if TYPE_CHECKING:
    from initiatives.models import Period

NO_ACCESS = gettext_lazy("Du har ikke adgang til dette.")


def _get_report(request: HttpRequest, pk: int, perm: str = "reports.view_report") -> Report:
    """Load a report the user may see; what they may not see does not exist for them (404)."""
    report = get_object_or_404(Report.objects.select_related("period", "requested_by"), pk=pk)
    require_perm(
        request,
        "reports.view_report",
        report,
        target=str(report),
        message=_("Rapporten findes ikke."),
        hide=True,
    )
    if perm != "reports.view_report":
        require_perm(request, perm, report, target=str(report), message=NO_ACCESS)
    return report


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    """Where login leads, each role to its own work: leaders to Mine tiltag, OMU members to
    the report awaiting their approval (the overview when none does), committee members to the
    published archive, administrators to the overview with what needs them."""

    user = request.user
    if is_administrator(user):
        return redirect("pages:overview")
    if is_leader(user):
        return redirect("initiatives:mine")
    if is_omu_member(user):
        waiting = Report.objects.awaiting(user).first()
        return redirect(waiting or "pages:overview")
    if is_committee_member(user):
        return redirect("reports:archive")
    return redirect("pages:overview")


@require_safe
def archive(request: HttpRequest) -> HttpResponse:

    require_perm(request, "reports.view_archive", target="rapportarkiv", message=NO_ACCESS)
    reports = list(Report.objects.visible_to(request.user).for_archive())
    open_period = (
        Period.objects.current_open() if request.user.has_perm("reports.preview_report") else None
    )
    periods: dict = {}
    for report in reports:
        periods.setdefault(report.period, []).append(report)
    return render(
        request,
        "reports/archive.html",
        {
            "periods": periods,
            # A planned half-year is not offered; the latest closed one is chosen by default.
            "default_period": Period.objects.latest_closed(),
            "open_period": open_period,
            "open_missing": services.missing_update_count(period=open_period)
            if open_period
            else None,
            "audiences": Audience.choices,
        },
    )


@require_safe
def preview(request: HttpRequest) -> HttpResponse:
    """The report on screen from live data, before anything is issued."""
    require_perm(request, "reports.preview_report", target="forhåndsvisning", message=NO_ACCESS)
    period = period_or_404(request.GET.get("period"))
    audience = request.GET.get("audience", Audience.OMU)
    if audience not in Audience.values:
        raise Http404(_("Ukendt målgruppe."))
    if period.is_planned:
        return HttpResponse(
            services.period_report_error(period=period, confirm_open=False), status=400
        )
    doc = build_snapshot(period=period, audience=audience)
    return render(
        request,
        "reports/preview.html",
        {
            "doc": doc,
            "period": period,
            "audience": audience,
            "open_missing": services.missing_update_count(period=period)
            if period.is_open
            else None,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def request_report(request: HttpRequest) -> HttpResponse:
    """GET: the confirmation step (no token in the address, no JavaScript needed); POST: order
    the report."""
    require_perm(request, "reports.request_report", target="bestil rapport", message=NO_ACCESS)
    data = request.POST if request.method == "POST" else request.GET
    period = period_or_404(data.get("period"))
    audience = data.get("audience", "")
    if audience not in Audience.values:
        return HttpResponse(_("Vælg en gyldig målgruppe."), status=400)
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        last = Report.objects.filter(period=period, audience=audience).aggregate(
            last=Max("version")
        )["last"]
        return render(
            request,
            "reports/confirm_request.html",
            {
                "period": period,
                "audience": audience,
                "title": Report(audience=audience).title,
                "version": (last or 0) + 1,
                "confirm_open": data.get("confirm_open") == "1",
            },
        )
    try:
        report = services.report_request(
            period=period,
            audience=audience,
            requested_by=request.user,
            confirm_open=request.POST.get("confirm_open") == "1",
        )
    except services.ReportError as exc:
        return HttpResponse(str(exc), status=400)
    report.refresh_from_db()
    if report.status == Report.Status.PENDING and report.dispatched_at is None:
        messages.warning(
            request,
            _(
                "Rapporten er bestilt, men opgavekøen kan ikke nås lige nu. Bestillingen er gemt "
                "og sendes automatisk, så snart forbindelsen er tilbage."
            ),
        )
    else:
        messages.success(request, _("Rapporten er bestilt og dannes nu."))
    return redirect(report)


def _render_detail(request: HttpRequest, report: Report, status: int = 200) -> HttpResponse:
    if not request.user.has_perm("reports.comment_report", report):
        # The committee sees the published report and its PDF, not the organisation's
        # comments, sign-off notes or workflow.
        return render(request, "reports/detail.html", {"report": report}, status=status)
    return render(
        request,
        "reports/detail.html",
        {
            "staff_view": True,
            "report": report,
            "reopened_after": report.period_reopened_after,
            "sign_offs": report.sign_offs.select_related("user"),
            "comments": report.comments.select_related("author"),
            "history": report.history.select_related("history_user").order_by("history_date"),
            "next_stage": _next_stage(report),
            "answer": ReportCorrection.objects.filter(report=report)
            .select_related("correction")
            .first(),
            "can_send_back": report.stage == Report.Stage.LEADERS_REVIEWED
            and report.status == Report.Status.DONE
            and request.user.has_perm("reports.send_back_report", report),
            "newer_version": Report.objects.filter(
                period=report.period_id, audience=report.audience, version__gt=report.version
            )
            .order_by("-version")
            .first(),
        },
        status=status,
    )


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_report(request, pk))


def _next_stage(report: Report):
    order = services.STAGE_ORDER
    if report.status != Report.Status.DONE or report.stage not in order[:-1]:
        return None
    return Report.Stage(order[order.index(report.stage) + 1])


@require_safe
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The polled progress partial; once finished it renders without the polling trigger."""
    report = _get_report(request, pk)
    return render(request, "reports/_status.html", {"report": report})


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk, "reports.retry_report")
    try:
        services.report_retry(report=report)
    except services.ReportError as exc:
        return HttpResponse(str(exc), status=409)
    return redirect(report)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step (a page, so it works without JavaScript); POST: the step."""
    report = _get_report(request, pk)
    stage = (request.POST if request.method == "POST" else request.GET).get("stage", "")
    if stage not in services.STAGE_ORDER[1:]:
        return HttpResponse(_("Ukendt godkendelsestrin."), status=400)
    require_perm(
        request, f"reports.sign_off_{stage}", report, target=str(report), message=NO_ACCESS
    )
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        if _next_stage(report) != stage:
            messages.error(
                request,
                _("Rapporten er på trinnet “%(current)s” og kan ikke flyttes til “%(stage)s”.")
                % {"current": report.get_stage_display(), "stage": Report.Stage(stage).label},
            )
            return _render_detail(request, report, status=409)
        return render(
            request,
            "reports/confirm_stage.html",
            {"report": report, "stage": Report.Stage(stage), "next_stage": _next_stage(report)},
        )
    try:
        moved = services.report_sign_off(
            report=report,
            stage=stage,
            user=request.user,
            comment=request.POST.get("comment", "")[:2000],
        )
    except services.ReportError as exc:
        messages.error(request, str(exc))
        return _render_detail(request, report, status=409)
    notice = services.stage_notice(moved)
    messages.success(request, f"{_('Godkendelsestrinnet er registreret.')} {notice}".strip())
    return redirect(report)


@require_http_methods(["GET", "HEAD", "POST"])
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    """OMU sends the report back with a required comment. GET: the step's page."""
    report = _get_report(request, pk, "reports.send_back_report")
    if request.method != "POST":  # GET or HEAD (the view takes only these and POST)
        return render(request, "reports/send_back.html", {"report": report})
    text = request.POST.get("comment", "")
    try:
        moved = services.report_send_back(report=report, user=request.user, comment=text)
    except services.ReportError as exc:
        status = 422 if not text.strip() or len(text.strip()) > 2000 else 409
        return render(
            request,
            "reports/send_back.html",
            {"report": report, "error": str(exc), "comment": text[:2000]},
            status=status,
        )
    done = _("Rapporten er sendt tilbage. Administrationen får besked og danner en ny version.")
    messages.success(request, f"{done} {services.stage_notice(moved)}".strip())
    return redirect(report)


@require_http_methods(["GET", "HEAD", "POST"])
def correction(request: HttpRequest, pk: int) -> HttpResponse:
    """The administration answers a sent-back report with a correction of its half-year.
    GET: the form; POST: open it (the leaders are e-mailed)."""
    report = _get_report(request, pk, "reports.request_report")
    shown = services.report_initiatives(report)
    form = CorrectionForm(request.POST or None, initiatives=shown)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.report_correction_open(
                    report=report,
                    initiatives=list(form.cleaned_data["initiatives"]),
                    deadline=form.cleaned_data["deadline"],
                    reply=form.cleaned_data["reply"],
                    user=request.user,
                )
            except services.ReportError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(
                    request,
                    _(
                        "Rettelsen af %(period)s er åbnet. De ansvarlige ledere har fået en "
                        "e-mail; bestil en ny version, når de har rettet."
                    )
                    % {"period": report.period.name},
                )
                return redirect(report)
    return render(
        request, "reports/correction.html", {"report": report, "form": form}, status=status
    )


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk, "reports.comment_report")
    try:
        services.report_comment_add(
            report=report, author=request.user, text=request.POST.get("text", "")
        )
    except services.ReportError as exc:
        messages.error(request, str(exc))
        return redirect(report)
    messages.success(request, _("Kommentaren er gemt."))
    return redirect(report)


@require_safe
def download(request: HttpRequest, pk: int) -> FileResponse:
    report = _get_report(request, pk)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404(_("Rapporten er ikke færdigdannet."))
    response = FileResponse(
        services.report_file_open(report, user=request.user),
        content_type="application/pdf",
        as_attachment=False,
        filename=report.filename,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def frozen(request: HttpRequest, pk: int) -> HttpResponse:
    """An issued report's frozen data, shown as a web page (the accessible HTML twin)."""
    report = _get_report(request, pk)
    if report.snapshot is None:
        raise Http404(_("Rapporten er ikke færdigdannet."))
    return render(request, "reports/preview.html", {"doc": report.snapshot, "report": report})
