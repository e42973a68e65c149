"""Reports in the read API: metadata of the reports the caller may read, with a link to the
PDF through the access-checked download view. Public callers see published committee reports
only; internal callers what an OMU member sees."""

import datetime

from django.urls import reverse
from ninja import Field, Query, Router, Schema

from reports.models import Audience, Report
from strategy.api import ERRORS

router = Router(tags=["Rapporter"])


class Filters(Schema):
    halvaar: int | None = Field(None, ge=1, description="Et halvårs id (fra /halvaar).")


class ReportOut(Schema):
    id: int
    title: str
    half_year: int = Field(alias="period_id")
    audience: str
    version: int
    stage: str
    finished: datetime.date | None
    sha256: str
    pdf: str = Field(description="PDF'en, gennem appens adgangskontrol (kræver log ind).")

    @staticmethod
    def resolve_finished(report: Report) -> datetime.date | None:
        return report.finished_at.date() if report.finished_at else None

    @staticmethod
    def resolve_pdf(report: Report, context) -> str:
        return context["request"].build_absolute_uri(reverse("reports:download", args=[report.pk]))


@router.get("/rapporter", response={200: list[ReportOut], **ERRORS}, summary="Rapporter")
def report_list(request, filters: Query[Filters]):
    reports = Report.objects.filter(status=Report.Status.DONE)
    if not request.auth.internal:
        reports = reports.published().filter(audience=Audience.COMMITTEE)
    if filters.halvaar is not None:
        reports = reports.filter(period=filters.halvaar)
    return reports.order_by("-period__year", "-period__half", "audience", "-version")
