"""Indicators on the strategy's pages: the strategy templates load this library and call these
tags in the blocks they leave open, so the strategy app never imports the indicators app (as
staffing's `trained_share_for_objective` does on målsætning 4.2)."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from core.change_stamp import data_stamp
from indicators.charts import indicator_svg
from indicators.models import Indicator
from indicators.series import IndicatorRow, _closed_only, indicator_rows, status_counts
from indicators.status import Status
from initiatives.templatetags.initiative_display import traffic_light

register = template.Library()

# The traffic light's shape and colour for each status (circle, triangle, square, dashed ring).
LIGHTS = {
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "red",
    Status.NO_DATA: "none",
}


@register.simple_tag
def indicator_status(status: Status) -> SafeString:
    """`{% indicator_status row.status %}`: shape + word + colour, never colour alone."""
    return traffic_light(light=LIGHTS[Status(status)], label=str(Status(status).label))


@register.simple_tag
def indicator_chart(row: IndicatorRow, small: bool = False) -> SafeString:
    """The small trend of a table row, or the full chart drawn twice: for a wide screen and
    for a phone (CSS shows one; the other is display:none, hidden from screen readers too)."""
    if small:
        return indicator_svg(row, small=True)
    return format_html(
        '<span class="chart-wide">{}</span><span class="chart-narrow">{}</span>',
        indicator_svg(row),
        indicator_svg(row, narrow=True),
    )


@register.filter
def in_unit(value, row: IndicatorRow) -> str:
    """`{{ value|in_unit:row }}`: the value in the indicator's unit and decimals."""
    return row.fmt(value)


# The målsætning's block is rendered once per change of the data (core.change_stamp: the
# indicators, targets, measurements, staffing tables and half-years all move it) and per kind
# of reader; the time limit only bounds what the stamp does not watch.
OBJECTIVE_BLOCK_SECONDS = 300


@register.simple_tag(takes_context=True)
def indicators_for_objective(context, objective) -> SafeString:
    """The målsætning's indicators with latest value, target, status, trend and table."""
    user = context.get("user")
    if user is None or not user.has_perm("indicators.view_indicators"):
        return SafeString("")
    closed_only = _closed_only(user, False)
    key = ":".join(
        [
            "indicators:objective-block:v1",
            str(objective.pk),
            "closed" if closed_only else "open",
            get_language() or "",
            data_stamp(),
        ]
    )
    html = cache.get(key)
    if html is None:
        # Without the request: the block depends on the user only through `closed_only`.
        indicators = Indicator.objects.with_relations().for_objective(objective)
        rows = indicator_rows(indicators, closed_only=closed_only)
        html = render_to_string(
            "indicators/_objective_indicators.html", {"show": True, "rows": rows}
        )
        cache.set(key, html, OBJECTIVE_BLOCK_SECONDS)
    return SafeString(html)


@register.inclusion_tag("indicators/_overview_counts.html")
def indicator_theme_counts(themes, period) -> dict:
    """Per pejlemærke, how many indicators are on track as of `period` (the overview's
    half-year: the open one for staff, the last closed one for committee members). Rendered
    into the cached overview, without the user: only closed and the given half-year count."""
    indicators = list(Indicator.objects.with_relations())
    rows = indicator_rows(indicators, upto=period) if period is not None else []
    per_theme = []
    for theme in themes:
        theme_rows = [row for row in rows if any(o.theme_id == theme.pk for o in row.objectives)]
        per_theme.append({"theme": theme, "counts": status_counts(theme_rows)})
    return {"per_theme": per_theme, "period": period}
