"""Template filters for text set in Danish (core.text)."""

from __future__ import annotations

from django import template

from core import changes, text

register = template.Library()


@register.filter
def history_author(user) -> str:
    """A change's author as every history names it (core.changes.history_author)."""
    return changes.history_author(user)


@register.filter
def typography(value: str) -> str:
    """`{{ initiative.title|typography }}`: ”quotes”, en dashes in ranges, one-character …"""
    return text.danish_typography(str(value)) if value else ""
