"""Reports in the read API: metadata of the reports the caller may read, and the PDF itself
(`/rapporter/{id}/pdf`, with the same key and the same boundary). Public callers see
published committee reports only; internal callers what an OMU member sees."""

import datetime

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from reports.models import Audience, Report
from reports.services import report_file_open
from strategy.api import ERRORS

router = Router(tags=["Rapporter"])


class Filters(Schema):
    halvaar: int | None = Field(None, ge=1, description="Et halvårs id (fra /halvaar).")


class ReportOut(Schema):
    id: int
    title: str
    half_year: int = Field(alias="period_id")
    audience: str = Field(description="omu, leaders eller committee.")
    audience_label: str = Field(description="Rapporten, som appen kalder den.")
    version: int
    stage: str
    stage_label: str = Field(description="Godkendelsestrinnet, som appen skriver det.")
    finished: datetime.date | None
    sha256: str
    pdf: str = Field(description="PDF'en, hentet med samme nøgle (/rapporter/{id}/pdf).")

    @staticmethod
    def resolve_audience_label(report: Report) -> str:
        return str(report.get_audience_display())

    @staticmethod
    def resolve_stage_label(report: Report) -> str:
        return str(report.get_stage_display())

    @staticmethod
    def resolve_finished(report: Report) -> datetime.date | None:
        return report.finished_at.date() if report.finished_at else None

    @staticmethod
    def resolve_pdf(report: Report, context) -> str:
        return context["request"].build_absolute_uri(
            reverse("api:report_pdf", kwargs={"report_id": report.pk})
        )


def _readable(request):
    reports = Report.objects.filter(status=Report.Status.DONE)
    if not request.auth.internal:
        reports = reports.published().filter(audience=Audience.COMMITTEE)
    return reports


@router.get("/rapporter", response={200: list[ReportOut], **ERRORS}, summary="Rapporter")
def report_list(request, filters: Query[Filters]):
    reports = _readable(request)
    if filters.halvaar is not None:
        reports = reports.filter(period=filters.halvaar)
    return reports.order_by("-period__year", "-period__half", "audience", "-version")


def _via(request) -> str:
    """How the PDF was fetched, for the audit log: "API, nøgle ”Power BI” (token:3)" for a key,
    "API" for a session."""
    caller = getattr(request, "auth", None)
    if caller is not None and getattr(caller, "kind", "") == "token":
        return f"API, nøgle ”{caller.name}” ({caller.ident})"
    return "API"


@router.get(
    "/rapporter/{report_id}/pdf",
    response={200: None, **ERRORS},
    summary="En rapports PDF",
    url_name="report_pdf",
    # The int key merges into ninja's own 200 (a "200" beside it is a duplicate key in the JSON,
    # which the docs page's parser refuses).
    openapi_extra={
        "responses": {
            200: {
                "description": "PDF'en (PDF/UA).",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def report_pdf(request, report_id: int):
    report = get_object_or_404(_readable(request), pk=report_id)
    if not report.file:
        raise Http404
    return FileResponse(
        report_file_open(report, user=request.user, via=_via(request)),
        content_type="application/pdf",
        filename=report.filename,
    )
