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


@register.filter
def lowerfirst(value: str) -> str:
    """`{{ label|lowerfirst }}`: a label inside a sentence, with only its first letter made
    small, so an abbreviation stays in capitals ("godkendt af OMU", not "godkendt af omu")."""
    value = str(value)
    return value[:1].lower() + value[1:]
