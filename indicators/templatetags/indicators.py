"""Indicators on the strategy's pages: the strategy templates load this library and call these
tags in the blocks they leave open, so the strategy app never imports the indicators app (as
staffing's `trained_share_for_objective` does on målsætning 4.2)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from indicators.charts import indicator_svg
from indicators.models import Indicator
from indicators.series import IndicatorRow, indicator_rows, status_counts
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
    return indicator_svg(row, small=small)


@register.filter
def in_unit(value, row: IndicatorRow) -> str:
    """`{{ value|in_unit:row }}`: the value in the indicator's unit and decimals."""
    return row.fmt(value)


@register.inclusion_tag("indicators/_objective_indicators.html", takes_context=True)
def indicators_for_objective(context, objective) -> dict:
    """The målsætning's indicators with latest value, target, status, trend and table."""
    user = context.get("user")
    if user is None or not user.has_perm("indicators.view_indicators"):
        return {"show": False}
    indicators = Indicator.objects.with_relations().for_objective(objective)
    return {"show": True, "rows": indicator_rows(indicators, user=user), "user": user}


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
