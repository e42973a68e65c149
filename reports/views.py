from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reports import services
from reports.documents import build_snapshot
from reports.models import Audience, Report
from strategy.audit import audit_record
from strategy.models import AuditEvent


def _deny(request: HttpRequest, target: str) -> PermissionDenied:
    audit_record(kind=AuditEvent.Kind.ACCESS_DENIED, request=request, target=target)
    return PermissionDenied(_("Du har ikke adgang til dette."))


def _get_report(request: HttpRequest, pk: int, perm: str = "reports.view_report") -> Report:
    """Load a report the user may see; what they may not see does not exist for them (404)."""
    try:
        report = Report.objects.select_related("period", "requested_by").get(pk=pk)
    except Report.DoesNotExist:
        raise Http404(_("Rapporten findes ikke.")) from None
    if not request.user.has_perm("reports.view_report", report):
        audit_record(kind=AuditEvent.Kind.ACCESS_DENIED, request=request, target=str(report))
        raise Http404(_("Rapporten findes ikke."))
    if perm != "reports.view_report" and not request.user.has_perm(perm, report):
        raise _deny(request, str(report))
    return report


def _get_period(pk) -> object:
    from initiatives.models import Period

    try:
        return Period.objects.get(pk=int(pk))
    except (Period.DoesNotExist, TypeError, ValueError):
        raise Http404(_("Halvåret findes ikke.")) from None


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    """Where login leads: committee members to the archive, everyone else to the overview."""
    from strategy.rules import is_committee_member, is_staff_reader

    if is_committee_member(request.user) and not is_staff_reader(request.user):
        return redirect("reports:archive")
    return redirect("strategy:overview")


@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    from initiatives.models import Period

    if not request.user.has_perm("reports.view_archive"):
        raise _deny(request, "rapportarkiv")
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
            "all_periods": Period.objects.started().order_by("-year", "-half"),
            "default_period": Period.objects.latest_closed(),
            "open_period": open_period,
            "open_missing": services.missing_update_count(period=open_period)
            if open_period
            else None,
            "audiences": Audience.choices,
        },
    )


@require_GET
def preview(request: HttpRequest) -> HttpResponse:
    """The report on screen from live data, before anything is issued."""
    if not request.user.has_perm("reports.preview_report"):
        raise _deny(request, "forhåndsvisning")
    period = _get_period(request.GET.get("period"))
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


@require_POST
def request_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reports.request_report"):
        raise _deny(request, "bestil rapport")
    period = _get_period(request.POST.get("period"))
    audience = request.POST.get("audience", "")
    if audience not in Audience.values:
        return HttpResponse(_("Vælg en gyldig målgruppe."), status=400)
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
        },
        status=status,
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_report(request, pk))


def _next_stage(report: Report):
    order = services.STAGE_ORDER
    if report.status != Report.Status.DONE or report.stage == Report.Stage.PUBLISHED:
        return None
    return Report.Stage(order[order.index(report.stage) + 1])


@require_GET
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


@require_POST
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk)
    stage = request.POST.get("stage", "")
    if stage not in Report.Stage.values:
        return HttpResponse(_("Ukendt godkendelsestrin."), status=400)
    if not request.user.has_perm(f"reports.sign_off_{stage}", report):
        raise _deny(request, str(report))
    try:
        services.report_sign_off(
            report=report,
            stage=stage,
            user=request.user,
            comment=request.POST.get("comment", "")[:2000],
            request=request,
        )
    except services.ReportError as exc:
        messages.error(request, str(exc))
        return _render_detail(request, report, status=409)
    messages.success(request, _("Godkendelsestrinnet er registreret."))
    return redirect(report)


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


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    report = _get_report(request, pk)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404(_("Rapporten er ikke færdigdannet."))
    audit_record(kind=AuditEvent.Kind.REPORT_DOWNLOAD, request=request, target=str(report))
    response = FileResponse(
        report.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=report.filename,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def frozen(request: HttpRequest, pk: int) -> HttpResponse:
    """An issued report's frozen data, shown as a web page (the accessible HTML twin)."""
    report = _get_report(request, pk)
    if report.snapshot is None:
        raise Http404(_("Rapporten er ikke færdigdannet."))
    return render(request, "reports/preview.html", {"doc": report.snapshot, "report": report})
