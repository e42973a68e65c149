"""Template filters for text set in Danish (core.text)."""

from __future__ import annotations

from django import template

from core import text

register = template.Library()


@register.filter
def typography(value: str) -> str:
    """`{{ initiative.title|typography }}`: ”quotes”, en dashes in ranges, one-character …"""
    return text.danish_typography(str(value)) if value else ""
