"""The half-year report as data (a frozen snapshot) and as a tagged PDF.

`build_snapshot()` collects everything a report shows into plain JSON, so an issued report is
rendered from the data it was built from and never changes when the data changes later.
`render_pdf()` turns a snapshot into a PDF/UA-1 document with WeasyPrint; the browser preview
renders the same templates.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reports.models import AUDIENCE_TITLES, Audience
from strategy.models import Strategy

SCHEMA_VERSION = 1
# The committee's summary keeps status texts short.
COMMITTEE_TEXT_LIMIT = 280


def _date(value) -> str:
    return date_format(value, "j. F Y") if value else ""


def _options(audience: str) -> dict:
    return {
        "next_steps": audience in {Audience.LEADERS, Audience.OMU},
        "missing": audience == Audience.LEADERS,
        "summary_only": audience == Audience.COMMITTEE,
        "suppress_below": (
            str(settings.STAFFING_SMALL_NUMBER_THRESHOLD)
            if audience == Audience.COMMITTEE
            and settings.REPORT_SUPPRESS_SMALL_NUMBERS_FOR_COMMITTEE
            else None
        ),
    }


def _initiative_entry(status, options: dict) -> dict:
    """One initiative with its status for the period, as plain data."""
    text = status["status_text"] or ""
    if options["summary_only"] and len(text) > COMMITTEE_TEXT_LIMIT:
        text = text[: COMMITTEE_TEXT_LIMIT - 1].rsplit(" ", 1)[0] + " …"
    return {
        **status,
        "status_text": text,
        "next_steps": status["next_steps"] if options["next_steps"] else "",
    }


def build_snapshot(*, period, audience: str, version: int = 0) -> dict:
    from initiatives.queries import changes_since_previous, missing_updates, theme_status_rollup

    options = _options(audience)
    strategy = Strategy.objects.first()
    previous = period.previous()
    themes = []
    for theme_status in theme_status_rollup(period):
        themes.append(
            {
                **theme_status.as_snapshot(),
                "objectives": [
                    {
                        **objective.as_snapshot(),
                        "initiatives": [
                            _initiative_entry(entry, options)
                            for entry in objective.initiatives_snapshot()
                        ],
                    }
                    for objective in theme_status.objectives
                ],
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "title": str(AUDIENCE_TITLES[audience]),
        "audience": audience,
        "audience_label": str(Audience(audience).label),
        "version": version,
        "period": {
            "name": str(period),
            "start": _date(period.start),
            "end": _date(period.end),
            "deadline": _date(period.deadline),
        },
        "previous_period": str(previous) if previous else None,
        "generated": _date(timezone.localdate()),
        "strategy": {
            "name": strategy.name if strategy else "",
            "approved": _date(strategy.approved_on) if strategy else "",
            "approved_by": strategy.approved_by if strategy else "",
            "follow_up": strategy.follow_up if strategy else "",
        },
        "options": options,
        "themes": themes,
        "totals": _totals(themes),
        "changes": changes_since_previous(period).as_snapshot(),
        "missing": (
            [m for m in _missing_snapshot(missing_updates(period))] if options["missing"] else []
        ),
        "staffing": _staffing_snapshot(options),
    }


def _totals(themes: list[dict]) -> dict:
    counts = {"green": 0, "yellow": 0, "red": 0, "missing": 0}
    for theme in themes:
        for key in counts:
            counts[key] += theme["counts"][key]
    return {"counts": counts, "total": sum(counts.values())}


def _missing_snapshot(initiatives) -> list[dict]:
    return [
        {
            "title": initiative.title,
            "units": [unit.name for unit in initiative.units.all()],
        }
        for initiative in initiatives
    ]


def _staffing_snapshot(options: dict) -> dict | None:
    from staffing.models import StaffingSnapshot
    from staffing.queries import snapshot_table, trained_share_trend, trend_svg

    latest = StaffingSnapshot.objects.order_by("-date").first()
    if latest is None:
        return None
    suppress = Decimal(options["suppress_below"]) if options["suppress_below"] else None
    table = snapshot_table(latest, suppress_below=suppress)
    trend = trained_share_trend()
    return {
        "label": str(latest),
        "table": table.as_snapshot(),
        "trend": [point.as_snapshot() for point in trend],
        "trend_svg": trend_svg(trend, title=_("Andel faguddannede over tid")),
        "suppressed_below": options["suppress_below"],
    }


def render_html(snapshot: dict) -> str:
    return render_to_string("reports/pdf.html", {"doc": snapshot})


def render_pdf(snapshot: dict) -> tuple[bytes, int]:
    """Render a snapshot as a tagged PDF (PDF/UA-1, Danish). Returns the bytes and page count."""
    from weasyprint import HTML

    document = HTML(string=render_html(snapshot), base_url=str(settings.BASE_DIR)).render(
        pdf_variant="pdf/ua-1"
    )
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf, len(document.pages)
