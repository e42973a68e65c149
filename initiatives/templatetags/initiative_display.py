"""The parts of an initiative row drawn in Python: traffic light, progress bar, målsætning
chips, units, "who, when" and the row's meta line.

They appear in every row of the long lists (the initiative list, Mine tiltag, the report), where
an `{% include %}` or a template loop per row cost more than the rest of the row together. The
markup is the same everywhere: shape + text + colour (never colour alone), and progress as text
with a bar beside it.
"""

from __future__ import annotations

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.changes import history_author, person_name
from core.formatting import number, plain_number, signed
from initiatives.models import LIGHT_COLOUR_NAMES

register = template.Library()

_ICON = '<svg class="icon" aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">{}</svg>'
# One shape per light, so the light reads without colour: circle, triangle, square, dashed ring.
# The colour is written into the shape (the same values as the CSS's --green, --yellow, --red
# and --muted): WeasyPrint does not carry the text colour into an inline SVG's currentColor,
# so the PDF printed every icon black.
LIGHT_COLOURS = {"green": "#1d6b34", "yellow": "#7a5a00", "red": "#a3201b", "none": "#4a5663"}
_SHAPES = {
    "green": '<circle cx="8" cy="8" r="7" fill="{green}"/>',
    "yellow": '<path d="M8 1 15.5 15H.5z" fill="{yellow}"/>',
    "red": '<rect x="1.5" y="1.5" width="13" height="13" fill="{red}"/>',
    "none": (
        '<circle cx="8" cy="8" r="6" fill="none" stroke="{none}" stroke-width="2"'
        ' stroke-dasharray="3 2"/>'
    ),
}
_ICONS = {
    key: mark_safe(_ICON.format(shape.format(**LIGHT_COLOURS)))  # noqa: S308
    for key, shape in _SHAPES.items()
}


@register.simple_tag
def traffic_light(update=None, light=None, label=None) -> SafeString:
    """`{% traffic_light update %}` for a StatusUpdate (or None: "Mangler opdatering"), or
    `{% traffic_light light="green" label="Grøn" %}` for a light without an update."""
    key = light or (update.traffic_light if update is not None else "") or ""
    if key in ("green", "yellow", "red"):
        text = label or (update.get_traffic_light_display() if update is not None else "")
    else:
        key, text = "none", label or _("Mangler opdatering")
    return format_html('<span class="light light-{}">{}{}</span>', key, _ICONS[key], text)


@register.simple_tag
def progress(value) -> SafeString:
    """`{% progress value %}`: "45 %" with a bar for the eye; "–" when there is no value."""
    if value is None or value == "":
        return mark_safe('<span class="progress-text muted">–</span>')
    return format_html(
        '<span class="progress"><svg class="progress-bar" aria-hidden="true" viewBox="0 0 100 8"'
        ' preserveAspectRatio="none" width="80" height="8"><rect class="progress-track" x="0"'
        ' y="0" width="100" height="8"/><rect class="progress-fill" x="0" y="0" width="{}"'
        ' height="8"/></svg><span class="progress-text">{} %</span></span>',
        plain_number(value, 0),
        number(value, 0),
    )


@register.simple_tag
def light_bar_title(segments) -> str:
    """The bar's text alternative, the figures it draws: "23 planmæssigt, 5 forsinket – kræver
    handling" (segments without initiatives left out)."""
    return ", ".join(f"{s['count']} {s['label'].lower()}" for s in segments if s["count"])


@register.simple_tag
def average_progress(counts) -> SafeString:
    """`{% average_progress counts %}`: the mean progress of a LightCounts with its base,
    "45 % (1 af 5 tiltag har angivet fremdrift)"; "–" when none reported."""
    if not counts.total:
        return progress(None)
    base = ngettext(
        "%(n)s af %(total)s tiltag har angivet fremdrift",
        "%(n)s af %(total)s tiltag har angivet fremdrift",
        counts.total,
    ) % {"n": counts.reported, "total": counts.total}
    return format_html(
        '{} <span class="progress-base muted small">({})</span>',
        progress(counts.average_progress),
        base,
    )


@register.simple_tag
def overdue_badge(initiative, period) -> str:
    """ "Overskredet" beside an initiative past its planned end in the half-year (text, not
    colour alone); nothing otherwise."""
    if not initiative.is_overdue_in(period):
        return ""
    return format_html(
        ' <span class="badge badge-overdue" title="{}">{}</span>',
        _("Forventet slut: %(end)s") % {"end": initiative.end_label},
        _("Overskredet"),
    )


@register.simple_tag
def objective_chips(initiative) -> SafeString:
    """The codes of an initiative's målsætninger (prefetched with their pejlemærke), each with
    the målsætning's text as its title; "–" when there are none."""
    chips = [
        format_html('<span class="code-chip" title="{}">{}</span>', o.text, o.code)
        for o in initiative.objectives.all()
    ]
    return mark_safe(" ".join(chips) + " " if chips else "–")  # noqa: S308 - parts escaped


@register.simple_tag
def unit_names(initiative, empty: str = "–") -> str:
    """The responsible unit, then the participating units (prefetched), comma-separated."""
    names = [initiative.responsible_unit.name] if initiative.responsible_unit_id else []
    names += [u.name for u in initiative.units.all()]
    return ", ".join(names) or empty


@register.filter
def person(user, unknown: str = "") -> str:
    """`{{ update.author|person:_("systemet") }}`: the full name, else the username, else
    `unknown` (no author: a system load, or a user deleted since)."""
    return person_name(user, unknown=unknown)


@register.simple_tag
def updated_by(update) -> str:
    """ "Anna Holm, 3. november 2026": who saved a status update and when (Danish date)."""
    author = update.author
    who = history_author(author)
    # In local time, as the date filter gets it in a template (expects_localtime).
    return f"{who}, {date_format(localtime(update.updated_at))}"


@register.simple_tag
def row_meta(initiative) -> str:
    """The units, the initiative it is part of and its lifecycle, for a row of Mine tiltag."""
    parts = [unit_names(initiative, "")]
    if initiative.parent_id:
        parts.append(_("del af %(title)s") % {"title": initiative.parent.title})
    parts.append(str(initiative.get_lifecycle_status_display()))
    return " · ".join(parts)


_TREND_SHAPES = {
    "better": '<path d="M8 2 15 13H1z" fill="currentColor"/>',
    "worse": '<path d="M8 14 1 3h14z" fill="currentColor"/>',
    "same": '<rect x="1" y="6" width="14" height="4" fill="currentColor"/>',
}
_TREND_ICONS = {
    key: mark_safe(_ICON.format(shape))  # noqa: S308 - constant markup
    for key, shape in _TREND_SHAPES.items()
}


@register.simple_tag
def trend_mark(trend) -> SafeString:
    """`{% trend_mark initiative.trend %}`: the light's direction as shape and word ("Bedre",
    "Dårligere", "Uændret") and the progress change in points ("+10 procentpoint"); "–" without a
    previous half-year to compare with. Takes an initiatives.queries.Trend."""
    if trend is None:
        return format_html(
            '<span class="trend trend-none muted">–<span class="visually-hidden"> {}</span></span>',
            _("intet at sammenligne med"),
        )
    # Both parts named, so a worse light beside better progress reads as what it is:
    # "lys: dårligere (grøn → rød); fremdrift +14 procentpoint".
    lights = ""
    if trend.before and trend.after:
        before, after = LIGHT_COLOUR_NAMES[trend.before], LIGHT_COLOUR_NAMES[trend.after]
        lights = f" ({before})" if trend.before == trend.after else f" ({before} → {after})"
    return format_html(
        '<span class="trend trend-{}">{}{}</span>',
        trend.light,
        _TREND_ICONS[trend.light],
        _("lys: %(light)s%(lights)s; fremdrift %(points)s procentpoint")
        % {
            "light": trend.label.lower(),
            "lights": lights.lower(),
            "points": signed(trend.progress, 0),
        },
    )
