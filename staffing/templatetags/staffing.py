"""Number formatting for staffing tables (Danish decimal comma) and the 4.2 trained-share box."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core import formatting
from core.change_stamp import data_stamp
from staffing.tables import latest_trained_share, percent, user_suppression

register = template.Library()

# The objective the trained share belongs to: 4.2 "Vi har de kompetencer, som skal til …".
COMPETENCE_OBJECTIVE = (4, 2)


@register.filter
def fte(value: Decimal | None) -> str:
    """2,78 (two decimals, decimal comma, rounded half up); "–" for nothing."""
    return formatting.number(value)


@register.filter
def pct(value: Decimal | None) -> str:
    return formatting.percent(value)


@register.filter
def signed(value: Decimal | None, unit: str = "") -> str:
    """A change with its sign: "+1,20", "−0,50" (a real minus sign), "0,00"."""
    return formatting.signed(value, 2, unit)


@register.inclusion_tag("staffing/_objective_trained_share.html", takes_context=True)
def trained_share_for_objective(context, objective) -> dict:
    """The latest trained share, shown only on målsætning 4.2 and to those who may read it."""
    user = context.get("user")
    relevant = (objective.theme.number, objective.number) == COMPETENCE_OBJECTIVE
    if not relevant or user is None or not user.has_perm("staffing.view_staffing"):
        return {"show": False}
    # Computed from every snapshot; kept once per change of the data (the staffing tables move
    # the data stamp).
    threshold = user_suppression(user)
    key = f"staffing:latest-trained-share:v2:{threshold}:{data_stamp()}"
    latest = cache.get(key)
    if latest is None:
        latest = latest_trained_share(suppress_up_to=threshold)
        cache.set(key, latest, 300)
    return {"show": True, "latest": latest}


@register.simple_tag
def share_of(part: Decimal | None, whole: Decimal | None) -> str:
    return pct(percent(part or Decimal(0), whole or Decimal(0)))


@register.simple_tag
def change_cell(change, mark_jumps: bool = False) -> SafeString:
    """One cell of the comparison: before → after, the change and the change in points, or
    "skjult" when either side is hidden (before + change = after would give it away).

    Written in Python: included as a template per cell, the comparison's cells (one per staff
    group and area, about 150 at stress scale) were most of the page's time there."""
    if change.before.suppressed or change.after.suppressed:
        return format_html('<td class="num"><span class="suppressed">{}</span></td>', _("skjult"))
    if mark_jumps and change.large_jump:
        # Not colour alone: a word too, for a possible typo before the import is saved.
        return format_html(
            '<td class="num large-jump">{} → {}<span class="change">{}</span>'
            '<span class="change">{}</span><strong class="jump-mark">{}</strong></td>',
            fte(change.before.fte),
            fte(change.after.fte),
            signed(change.fte),
            signed(change.points, " pp"),
            _("Stor ændring"),
        )
    return format_html(
        '<td class="num">{} → {}<span class="change">{}</span><span class="change">{}</span></td>',
        fte(change.before.fte),
        fte(change.after.fte),
        signed(change.fte),
        signed(change.points, " pp"),
    )
