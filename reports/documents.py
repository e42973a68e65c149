"""The half-year report as data (a frozen snapshot) and as a tagged PDF.

`build_snapshot()` collects everything a report shows into plain JSON, so an issued report is
rendered from the data it was built from and never changes when the data changes later.
`render_pdf()` turns a snapshot into a PDF/UA-1 document with WeasyPrint; the browser preview
renders the same templates.
"""

from __future__ import annotations

import mimetypes
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reports.models import AUDIENCE_TITLES, Audience
from reports.pdf_ua import pdf_ua_finish
from strategy.formatting import number, percent
from strategy.models import Strategy

SCHEMA_VERSION = 1
# The committee's summary keeps status texts short.
COMMITTEE_TEXT_LIMIT = 280


def _date(value) -> str:
    return date_format(value) if value else ""


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


def _counts(counts) -> dict:
    """A LightCounts as plain data, with its average progress already written out ("45")
    and its base, so the PDF prints what the web prints."""
    return {
        "green": counts.green,
        "yellow": counts.yellow,
        "red": counts.red,
        "missing": counts.missing,
        "total": counts.total,
        "reported": counts.reported,
        "progress": number(counts.average_progress, 0, empty="") or None,
    }


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _initiative_entry(item, texts: dict, units: dict, options: dict, period) -> dict:
    from initiatives.models import Initiative, TrafficLight

    initiative, update = item.initiative, item.update
    text = texts.get(initiative.pk, {})
    status_text = text.get("status_text", "")
    if options["summary_only"]:
        status_text = _shorten(status_text, COMMITTEE_TEXT_LIMIT)
    lifecycle = update.lifecycle_status if update else initiative.lifecycle_status
    return {
        "title": initiative.title,
        "units": units.get(initiative.pk, []),
        # "" for a missing update; None when the initiative is not followed up (completed
        # or abandoned earlier): then only its lifecycle shows, never "Mangler opdatering".
        "light": update.traffic_light if update else ("" if initiative.is_missing else None),
        "light_label": str(TrafficLight(update.traffic_light).label) if update else "",
        "progress": update.progress if update else None,
        "lifecycle_label": str(Initiative.Lifecycle(lifecycle).label),
        "overdue": initiative.is_overdue_in(period),
        "end_label": initiative.end_label,
        "is_demo": bool(update and update.is_demo),
        "status_text": status_text,
        "next_steps": text.get("next_steps", "") if options["next_steps"] else "",
    }


def _texts_and_units(period) -> tuple[dict, dict]:
    """Status texts for the period and unit names per initiative, in two flat queries."""
    from initiatives.models import Initiative, StatusUpdate

    texts = {
        row["initiative_id"]: row
        for row in StatusUpdate.objects.filter(period=period).values(
            "initiative_id", "status_text", "next_steps"
        )
    }
    units: dict[int, list[str]] = {}
    for initiative_id, name in Initiative.units.through.objects.order_by(
        "unit__order", "unit__name"
    ).values_list("initiative_id", "unit__name"):
        units.setdefault(initiative_id, []).append(name)
    return texts, units


def _light_entry(item) -> dict:
    return {"title": item.initiative.title}


def _changes_snapshot(period) -> dict:
    from initiatives.models import TrafficLight
    from initiatives.queries import changes_since_previous

    changes = changes_since_previous(period)
    return {
        "new": [_light_entry(i) for i in changes.new],
        "completed": [_light_entry(i) for i in changes.completed],
        "light_changed": [
            {
                "title": c.initiative.title,
                "before": c.before.traffic_light,
                "before_label": str(TrafficLight(c.before.traffic_light).label),
                "after": c.after.traffic_light,
                "after_label": str(TrafficLight(c.after.traffic_light).label),
            }
            for c in changes.light_changed
        ],
    }


def build_snapshot(*, period, audience: str, version: int = 0) -> dict:
    with translation.override("da"):
        return _build_snapshot(period=period, audience=audience, version=version)


def _build_snapshot(*, period, audience: str, version: int) -> dict:
    from initiatives.queries import missing_updates, theme_status_rollup

    options = _options(audience)
    strategy = Strategy.objects.first()
    previous = period.previous()
    texts, units = _texts_and_units(period)
    themes = []
    for theme_status in theme_status_rollup(period):
        theme = theme_status.theme
        themes.append(
            {
                "number": theme.number,
                "title": theme.title,
                "motto": theme.motto,
                "in_focus": theme_status.in_focus,
                "counts": _counts(theme_status.counts),
                "bar": theme_status.counts.segments(),
                "objectives": [
                    {
                        "code": o.objective.code,
                        "text": o.objective.text,
                        "counts": _counts(o.counts),
                        "initiatives": [
                            _initiative_entry(item, texts, units, options, period)
                            for item in o.initiatives
                        ],
                    }
                    for o in theme_status.objectives
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
        "totals": _totals(period),
        "changes": _changes_snapshot(period),
        "missing": _missing_snapshot(missing_updates(period)) if options["missing"] else [],
        "staffing": _staffing_snapshot(options),
    }


def _totals(period) -> dict:
    """The whole plan, each initiative once (one serving several pejlemærker is in each
    pejlemærke's counts, so those must not be added up)."""
    from initiatives.queries import plan_status_counts

    counts = plan_status_counts(period)
    return {"counts": _counts(counts), "bar": counts.segments()}


def _missing_snapshot(initiatives) -> list[dict]:
    return [
        {
            "title": initiative.title,
            "units": [unit.name for unit in initiative.units.all()],
        }
        for initiative in initiatives
    ]


def _staffing_snapshot(options: dict) -> dict | None:
    from staffing.charts import trend_svg
    from staffing.models import StaffingSnapshot
    from staffing.tables import snapshot_table, table_display, trained_share_trend

    latest = StaffingSnapshot.objects.chronological().last()
    if latest is None:
        return None
    suppress = Decimal(options["suppress_below"]) if options["suppress_below"] else None
    table = snapshot_table(latest, suppress_up_to=suppress)
    points = trained_share_trend()
    areas = [share.area.name for share in points[0].by_area] if points else []
    trend = [
        {
            "label": point.snapshot.label,
            "values": [percent(share.share) for share in point.by_area] + [percent(point.share)],
        }
        for point in points
    ]
    return {
        "label": latest.label,
        "note": latest.note,
        "table": table_display(table),
        "trend_areas": [*areas, str(_("I alt"))],
        "trend": trend,
        "trend_svg": str(trend_svg(points, title=_("Andel faguddannede over tid"))),
    }


def render_html(snapshot: dict) -> str:
    with translation.override("da"):
        return render_to_string("reports/pdf.html", {"doc": snapshot})


def _static_only_fetcher():
    """A WeasyPrint URL fetcher that serves files under the app's static folder (the report's
    CSS, fonts and images) and refuses everything else: other files (file:///etc/passwd as an
    attachment), http(s): (a request to an internal address from the worker) and any scheme."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    static_root = (settings.BASE_DIR / "static").resolve()

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
                raise ValueError(f"Not fetched, only the app's static files are: {url[:200]}")
            path = Path(url2pathname(parts.path)).resolve()
            if not path.is_relative_to(static_root) or not path.is_file():
                raise ValueError(f"Not fetched, only the app's static files are: {url[:200]}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticOnlyFetcher(allowed_protocols={"file"})


def render_pdf(snapshot: dict) -> tuple[bytes, int]:
    """Render a snapshot as a tagged PDF (PDF/UA-1, Danish). Returns the bytes and page count."""
    from weasyprint import HTML

    document = HTML(
        string=render_html(snapshot),
        base_url=str(settings.BASE_DIR),
        url_fetcher=_static_only_fetcher(),
    ).render(pdf_variant="pdf/ua-1")
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf_ua_finish(pdf, link_texts=_link_texts(document)), len(document.pages)


def _link_texts(document) -> dict[str, str]:
    """Each link's target and the words of its anchor (for the annotation's /Contents)."""
    texts = {}
    for page in document.pages:
        for _kind, target, _rectangle, box in page.links:
            if box.element is not None and target not in texts:
                words = " ".join("".join(box.element.itertext()).split())
                if words:
                    texts[target] = words
    return texts
