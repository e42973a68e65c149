"""Template filters for the one number formatter (core.formatting)."""

from __future__ import annotations

from django import template

from core import formatting

register = template.Library()


@register.filter
def number(value, places: int = 2) -> str:
    """`{{ value|number }}` -> "11,63"; `{{ value|number:0 }}` -> "45"."""
    return formatting.number(value, int(places))


@register.filter
def percent(value, places: int = 2) -> str:
    """`{{ value|percent }}` -> "11,63 %"; `{{ value|percent:0 }}` -> "45 %"."""
    return formatting.percent(value, int(places))


@register.filter
def plain_number(value, places: int = 2) -> str:
    """For SVG and attributes: never localised ("42.86")."""
    return formatting.plain_number(value or 0, int(places))
