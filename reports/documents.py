"""The half-year report as data (a frozen snapshot) and as a tagged PDF.

`build_snapshot()` collects everything a report shows into plain JSON, so an issued report is
rendered from the data it was built from and never changes when the data changes later.
`render_pdf()` turns a snapshot into a PDF/UA-1 document with WeasyPrint; the browser preview
renders the same templates.
"""

from __future__ import annotations

import mimetypes
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import slots
from core.changes import person_name
from core.formatting import number, percent, signed
from core.text import first_sentence
from core.urls import absolute_url
from indicators.report import report_snapshot as indicator_snapshot
from initiatives.display import STATUS_FIELDS, status_changes
from initiatives.models import Initiative, StatusUpdate, TrafficLight
from initiatives.queries import (
    changes_since_previous,
    contributions_by_initiative,
    missing_updates,
    plan_status_counts,
    theme_status_rollup,
    trends_in,
)
from reports.models import AUDIENCE_TITLES, Audience, Report, ReportCorrection
from reports.pdf_ua import pdf_ua_finish
from staffing.charts import trend_svg
from staffing.models import StaffingSnapshot
from staffing.tables import snapshot_table, table_display, trained_share_trend
from strategy.models import Strategy

SCHEMA_VERSION = 2
# The committee's version gives the first sentence of a status, at most this long.
COMMITTEE_TEXT_LIMIT = 200


def _date(value) -> str:
    return date_format(value) if value else ""


def _options(audience: str) -> dict:
    return {
        "next_steps": audience in {Audience.LEADERS, Audience.OMU},
        "missing": audience == Audience.LEADERS,
        # The committee's version prints each initiative once, under its first målsætning.
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


def _trend(trend) -> dict | None:
    """A Trend (initiatives.queries.trend_between) as words: the light's direction and the
    progress in ± points."""
    if trend is None:
        return None
    return {"light": trend.light, "label": trend.label.lower(), "points": signed(trend.progress, 0)}


def _planned(initiative) -> str:
    """The planned start and end in quarters (or years, where the source gives only a year):
    "3. kvartal 2024 – 1. kvartal 2025", "2024–2025", "fra 2023", "til 4. kvartal 2024"."""
    start, end = initiative.start_label, initiative.end_label
    if start and end:
        if start == end:
            return start
        dash = "–" if start.isdigit() and end.isdigit() else " – "
        return f"{start}{dash}{end}"
    if start:
        return _("fra %(start)s") % {"start": start}
    return _("til %(end)s") % {"end": end} if end else ""


def _initiative_entry(item, details: dict, options: dict, period, trends: dict) -> dict:

    initiative, update = item.initiative, item.update
    detail = details.get(initiative.pk, {})
    status_text = detail.get("status_text", "")
    if options["summary_only"]:
        status_text = _shorten(first_sentence(status_text), COMMITTEE_TEXT_LIMIT)
    lifecycle = update.lifecycle_status if update else initiative.lifecycle_status
    return {
        "id": initiative.pk,
        "anchor": f"tiltag-{initiative.pk}",
        "title": initiative.title,
        "parent": detail.get("parent", ""),
        "responsible": detail.get("responsible", ""),
        # Participating units (the responsible one is `responsible`).
        "units": [u for u in detail.get("units", []) if u != detail.get("responsible")],
        "contributions": detail.get("contributions", []),
        "planned": detail.get("planned", ""),
        "timing_note": detail.get("timing_note", ""),
        "conditions": detail.get("conditions", ""),
        # "" for a missing update; None when the initiative is not followed up (completed
        # or abandoned earlier): then only its lifecycle shows, never "Mangler opdatering".
        "light": update.traffic_light if update else ("" if initiative.is_missing else None),
        "light_label": str(TrafficLight(update.traffic_light).label) if update else "",
        "progress": update.progress if update else None,
        "lifecycle_label": str(Initiative.Lifecycle(lifecycle).label),
        "overdue": initiative.is_overdue_in(period),
        "end_label": initiative.end_label,
        "is_demo": bool(update and update.is_demo),
        "trend": _trend(trends.get(initiative.pk)),
        "status_text": status_text,
        "first_sentence": first_sentence(detail.get("status_text", "")),
        "next_steps": detail.get("next_steps", "") if options["next_steps"] else "",
        "objectives": detail.get("objectives", []),
    }


def _details(period, *, with_contributions: bool) -> dict[int, dict]:
    """What the rollup does not carry, per initiative, in a few flat queries: the responsible
    unit and the participating units, the parent's title, planned dates, timing and conditions,
    the period's status texts and contributions, and the målsætninger in code order."""

    details: dict[int, dict] = {}
    for initiative in Initiative.objects.select_related("parent", "responsible_unit").only(
        "id",
        "responsible_unit__name",
        "start_year",
        "start_quarter",
        "end_year",
        "end_quarter",
        "timing_note",
        "conditions",
        "parent__title",
    ):
        details[initiative.pk] = {
            "parent": initiative.parent.title if initiative.parent else "",
            "responsible": initiative.responsible_unit.name if initiative.responsible_unit else "",
            "planned": _planned(initiative),
            "timing_note": initiative.timing_note,
            "conditions": initiative.conditions,
            "units": [],
            "objectives": [],
            "contributions": [],
            "status_text": "",
            "next_steps": "",
        }
    for row in StatusUpdate.objects.filter(period=period).values(
        "initiative_id", "status_text", "next_steps"
    ):
        details[row["initiative_id"]].update(
            status_text=row["status_text"], next_steps=row["next_steps"]
        )
    for initiative_id, name in Initiative.units.through.objects.order_by(
        "unit__order", "unit__name"
    ).values_list("initiative_id", "unit__name"):
        details[initiative_id]["units"].append(name)
    if with_contributions:
        for initiative_id, rows in contributions_by_initiative(period).items():
            details[initiative_id]["contributions"] = [
                {
                    "unit": c.unit.name,
                    "author": person_name(c.author),
                    "when": date_format(timezone.localtime(c.created_at), "DATETIME_FORMAT"),
                    "text": c.text,
                }
                for c in rows
            ]
    for initiative_id, theme, objective in Initiative.objectives.through.objects.order_by(
        "objective__theme__number", "objective__number"
    ).values_list("initiative_id", "objective__theme__number", "objective__number"):
        details[initiative_id]["objectives"].append(f"{theme}.{objective}")
    return details


def _changes_snapshot(period, entries: dict[int, dict]) -> dict:

    def entry(initiative) -> dict:
        shown = entries.get(initiative.pk)
        return {
            "title": initiative.title,
            "parent": shown["parent"] if shown else "",
            "anchor": shown["anchor"] if shown else "",
        }

    changes = changes_since_previous(period)
    return {
        "new": [entry(i.initiative) for i in changes.new],
        "completed": [entry(i.initiative) for i in changes.completed],
        "light_changed": [
            {
                **entry(c.initiative),
                "before": c.before.traffic_light if c.before else None,
                "before_label": (
                    str(TrafficLight(c.before.traffic_light).label)
                    if c.before
                    else str(_("Mangler opdatering"))
                ),
                "after": c.after.traffic_light,
                "after_label": str(TrafficLight(c.after.traffic_light).label),
                "direction": c.direction,
            }
            for c in changes.light_changed
        ],
        "comparable": changes.comparable,
        "better": changes.better,
        "worse": changes.worse,
        "first": changes.first,
        "newly_red": sorted(changes.newly_red_ids),
    }


def build_snapshot(*, period, audience: str, version: int = 0) -> dict:
    with translation.override("da"):
        return _build_snapshot(period=period, audience=audience, version=version)


def _build_snapshot(*, period, audience: str, version: int) -> dict:

    options = _options(audience)
    strategy = Strategy.objects.first()
    previous = period.previous()
    # The participating units' contributions are internal working notes: staff versions only.
    details = _details(period, with_contributions=not options["summary_only"])
    trends = trends_in(period)
    entries: dict[int, dict] = {}  # each initiative once, in the order first met
    themes = []
    for theme_status in theme_status_rollup(period):
        theme = theme_status.theme
        objectives = []
        for o in theme_status.objectives:
            code = o.objective.code
            shown = []
            for item in o.initiatives:
                entry = entries.get(item.initiative.pk)
                if entry is None:
                    entry = _initiative_entry(item, details, options, period, trends)
                    entries[item.initiative.pk] = entry
                    entry["first_objective"] = code
                if options["summary_only"] and entry["first_objective"] != code:
                    continue  # the committee reads it once, under its first målsætning
                shown.append(entry)
            objectives.append(
                {
                    "code": code,
                    "text": o.objective.text,
                    "counts": _counts(o.counts),
                    "initiatives": shown,
                }
            )
        themes.append(
            {
                "number": theme.number,
                "title": theme.title,
                "motto": theme.motto,
                "in_focus": theme_status.in_focus,
                "counts": _counts(theme_status.counts),
                "bar": theme_status.counts.segments(),
                "objectives": objectives,
            }
        )
    for entry in entries.values():
        entry["other_objectives"] = [
            c for c in entry["objectives"] if c != entry["first_objective"]
        ]
    changes = _changes_snapshot(period, entries)
    indicators = indicator_snapshot(period, committee=options["summary_only"])
    staffing = _staffing_snapshot(options)
    if staffing is not None:
        staffing["share"]["target"] = indicators.pop("trained_share_target")
    snapshot = {
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
        "attention": _attention(entries, set(changes["newly_red"])),
        "focus": [{"number": t["number"], "title": t["title"]} for t in themes if t["in_focus"]],
        "changes": changes,
        "missing": _missing_snapshot(missing_updates(period)) if options["missing"] else [],
        "staffing": staffing,
        "indicators": indicators,
        "send_back": _send_back_snapshot(period, audience, version),
    }
    # The apps above add their sections (meetings: the committee's decision on the half-year
    # before, the follow-ups not done), frozen with the rest.
    for extra in slots.fill("reports.snapshot", period=period, audience=audience):
        snapshot.update(extra)
    return snapshot


def _send_back_snapshot(period, audience: str, version: int) -> dict | None:
    """When the version before this one was sent back: OMU's comment, the administration's
    reply, what the leaders corrected in the half-year (each field from → to) and the address
    of that earlier version. None otherwise."""

    earlier = (
        Report.objects.filter(
            period=period, audience=audience, version=version - 1, stage=Report.Stage.SENT_BACK
        )
        .select_related("period")
        .first()
    )
    if earlier is None:
        return None
    step = earlier.sign_offs.filter(stage=Report.Stage.SENT_BACK).select_related("user").first()
    answer = ReportCorrection.objects.filter(report=earlier).select_related("correction").first()
    corrected = []
    if answer is not None:
        correction = answer.correction
        for initiative in correction.initiatives.order_by("order", "title"):
            update = StatusUpdate.objects.filter(initiative=initiative, period=period).first()
            if update is None:
                continue
            before = (
                update.history.filter(history_date__lt=correction.opened_at)
                .order_by("-history_date")
                .values(*STATUS_FIELDS)
                .first()
            )
            changes = status_changes(before, update) if before is not None else []
            corrected.append(
                {
                    "title": initiative.title,
                    "anchor": f"tiltag-{initiative.pk}",
                    "changes": [{"label": c.label, "old": c.old, "new": c.new} for c in changes],
                }
            )
    return {
        "version": earlier.version,
        "url": absolute_url(earlier.get_absolute_url()),
        "comment": step.comment if step else "",
        "by": person_name(step.user) if step else "",
        "date": _date(timezone.localtime(step.created_at).date()) if step else "",
        "reply": answer.reply if answer else "",
        "corrected": corrected,
    }


def _attention(entries: dict[int, dict], newly_red: set[int]) -> dict:
    """The red initiatives, then the yellow ones, each once, in the order the report prints
    them (pejlemærke, målsætning, plan order), for page 2."""

    def short(entry: dict) -> dict:
        return {
            "anchor": entry["anchor"],
            "title": entry["title"],
            "parent": entry["parent"],
            "units": [entry["responsible"]] if entry["responsible"] else entry["units"],
            "first_sentence": entry["first_sentence"],
            "is_demo": entry["is_demo"],
        }

    ordered = list(entries.values())
    return {
        # A red that was not red last time says so ("ny"): the reader sees what is news.
        "red": [
            {**short(e), "newly_red": pk in newly_red}
            for pk, e in entries.items()
            if e["light"] == "red"
        ],
        "yellow": [short(e) for e in ordered if e["light"] == "yellow"],
    }


def _totals(period) -> dict:
    """The whole plan, each initiative once (one serving several pejlemærker is in each
    pejlemærke's counts, so those must not be added up)."""

    counts = plan_status_counts(period)
    return {"counts": _counts(counts), "bar": counts.segments()}


def _missing_snapshot(initiatives) -> list[dict]:
    return [
        {
            "title": initiative.title,
            "parent": initiative.parent.title if initiative.parent else "",
            "units": (
                [initiative.responsible_unit.name]
                if initiative.responsible_unit
                else [unit.name for unit in initiative.units.all()]
            ),
        }
        for initiative in initiatives
    ]


def _staffing_snapshot(options: dict) -> dict | None:

    latest = StaffingSnapshot.objects.chronological().last()
    if latest is None:
        return None
    suppress = Decimal(options["suppress_below"]) if options["suppress_below"] else None
    table = snapshot_table(latest, suppress_up_to=suppress)
    points = trained_share_trend(suppress_up_to=suppress)
    areas = [share.area.name for share in points[0].by_area] if points else []
    hidden = str(_("skjult"))
    trend = [
        {
            "label": point.snapshot.label,
            "values": [hidden if s.hidden else percent(s.share) for s in point.by_area]
            + [hidden if point.total_hidden or point.trained_hidden else percent(point.share)],
        }
        for point in points
    ]
    current = points[-1] if points else None
    before = points[-2] if len(points) > 1 else None
    return {
        "label": latest.label,
        "note": latest.note,
        "table": table_display(table),
        "trend_areas": [*areas, str(_("I alt"))],
        "trend": trend,
        # A line needs two points; with one snapshot the table says it all.
        "trend_svg": (
            str(trend_svg(points, title=_("Andel faguddannede over tid")))
            if len(points) > 1
            else ""
        ),
        "share": {
            "current": percent(current.share) if current else "",
            "current_label": current.snapshot.label if current else "",
            "previous": percent(before.share) if before else "",
            "previous_label": before.snapshot.label if before else "",
            "change": (
                signed(current.share - before.share, 2, " procentpoint")
                if current and before and current.share is not None and before.share is not None
                else ""
            ),
        },
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


def weasyprint_html(html: str):
    """WeasyPrint's document for the report's HTML, fetching only the app's static files."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_only_fetcher())


def render_pdf(snapshot: dict, *, timings: dict[str, float] | None = None) -> tuple[bytes, int]:
    """Render a snapshot as a tagged PDF (PDF/UA-1, Danish). Returns the bytes and page count.

    `timings`, when given, receives the seconds of each stage (the benchmark's breakdown):
    the HTML (Django's templates), WeasyPrint's layout, its PDF writing, and the PDF/UA
    post-processing."""
    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        clock.append(time.perf_counter())
        if timings is not None:
            timings[stage] = clock[-1] - clock[-2]

    html = render_html(snapshot)
    lap("html")
    document = weasyprint_html(html).render(pdf_variant="pdf/ua-1")
    lap("layout")
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    lap("write")
    finished = pdf_ua_finish(pdf, link_texts=_link_texts(document))
    lap("pdf_ua")
    return finished, len(document.pages)


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
