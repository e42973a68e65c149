"""The trained share over time as a server-side SVG line chart.

Attributes only (fill, stroke, font-size …), never style attributes, so the strict CSP holds.
Each series has its own marker shape and dash pattern as well as its own colour, so nothing is
told by colour alone; the templates put the same numbers in a table beside the chart.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.crypto import get_random_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.formatting import percent
from staffing.tables import TrendPoint

WIDTH = 720
LEFT, RIGHT, TOP = 56, 24, 16
PLOT_HEIGHT = 220
LEGEND_TOP = TOP + PLOT_HEIGHT + 56
# Contrast at least 3:1 on white for every colour (WCAG 1.4.11).
OVERALL_COLOUR = "#1c2530"
COLOURS = ["#004f7c", "#a3201b", "#1d6b34", "#7a5a00", "#5b5e9c", "#8a5a2b"]
DASHES = ["6 4", "2 3", "10 4 2 4", "1 5", "12 6", "4 2 1 2"]
SHAPES = ["square", "triangle", "diamond", "cross", "triangle-down", "plus"]


def marker(shape: str, x: float, y: float, colour: str) -> str:
    r = 5
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}"/>'
    if shape == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" '
            f'fill="{colour}"/>'
        )
    points = {
        "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
        "triangle-down": [(0, r + 1), (r + 1, -r), (-r - 1, -r)],
        "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
    }.get(shape)
    if points:
        coords = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)
        return f'<polygon points="{coords}" fill="{colour}"/>'
    # cross and plus: two strokes
    d = r if shape == "plus" else r * 0.8
    if shape == "plus":
        lines = [(x - d, y, x + d, y), (x, y - d, x, y + d)]
    else:
        lines = [(x - d, y - d, x + d, y + d), (x - d, y + d, x + d, y - d)]
    return "".join(
        f'<line x1="{a:.1f}" y1="{b:.1f}" x2="{c:.1f}" y2="{e:.1f}" stroke="{colour}" '
        f'stroke-width="3"/>'
        for a, b, c, e in lines
    )


def _percent_text(value: Decimal | None) -> str:
    return _("ingen tal") if value is None else percent(value)


def trend_svg(trend: list[TrendPoint], *, title: str) -> SafeString:
    """A line chart of the trained share (0–100 %) per area and overall, oldest first."""
    uid = get_random_string(8, "abcdefghijklmnopqrstuvwxyz")
    plot_width = WIDTH - LEFT - RIGHT
    dates = [p.snapshot.date for p in trend]

    def x_at(i: int) -> float:
        if len(trend) < 2 or dates[0] == dates[-1]:
            return (
                LEFT + plot_width / 2
                if len(trend) < 2
                else LEFT + plot_width * i / (len(trend) - 1)
            )
        span = (dates[-1] - dates[0]).days
        return LEFT + plot_width * (dates[i] - dates[0]).days / span

    def y_at(share: Decimal) -> float:
        return TOP + PLOT_HEIGHT * (1 - float(share) / 100)

    if trend:
        latest = trend[-1]
        areas = "; ".join(
            f"{share.area.name} {_percent_text(share.share)}" for share in latest.by_area
        )
        desc = _(
            "Andel faguddannede i alt ved seneste opgørelse, %(label)s: %(share)s%(areas)s. "
            "%(count)s opgørelser vist. Tallene står også i tabellen ved siden af."
        ) % {
            "label": latest.snapshot.label,
            "share": _percent_text(latest.share),
            "areas": f" ({areas})" if areas else "",
            "count": len(trend),
        }
    else:
        desc = _("Der er endnu ingen opgørelser.")
    parts: list[str] = []
    for tick in range(0, 101, 25):
        y = y_at(Decimal(tick))
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d5dbe1"/>'
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="#4a5663">{tick} %</text>'
        )
    # Label at most about eight snapshots on the x axis, always the first and the last.
    step = max(1, -(-len(trend) // 8))
    for i, point in enumerate(trend):
        if i % step and i != len(trend) - 1:
            continue
        x = x_at(i)
        # The first and last labels lean inwards so they are never cut at the edges.
        anchor = "middle"
        if len(trend) > 1:
            anchor = "start" if i == 0 else "end" if i == len(trend) - 1 else "middle"
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP + PLOT_HEIGHT}" x2="{x:.1f}" '
            f'y2="{TOP + PLOT_HEIGHT + 5}" stroke="#4a5663"/>'
            f'<text x="{x:.1f}" y="{TOP + PLOT_HEIGHT + 20}" text-anchor="{anchor}" fill="#4a5663">'
            f"{escape(point.snapshot.label)}</text>"
        )
    series: list[tuple[str, list[Decimal | None], str, str, str, float]] = []
    if trend:
        for n, area_share in enumerate(trend[0].by_area):
            series.append(
                (
                    area_share.area.name,
                    [p.by_area[n].share for p in trend],
                    COLOURS[n % len(COLOURS)],
                    DASHES[n % len(DASHES)],
                    SHAPES[n % len(SHAPES)],
                    2,
                )
            )
        series.append((_("I alt"), [p.share for p in trend], OVERALL_COLOUR, "", "circle", 3.5))
    for name, values, colour, dash, shape, width in series:
        points = [(x_at(i), y_at(v)) for i, v in enumerate(values) if v is not None]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g aria-hidden="true" data-series="{escape(name)}">')
        if len(points) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                f'stroke-width="{width}"{dash_attr}/>'
            )
        parts.extend(marker(shape, x, y, colour) for x, y in points)
        parts.append("</g>")
    # The legend: the same marker and line as the series, then its name.
    for n, (name, _values, colour, dash, shape, width) in enumerate(series):
        column, row = n % 2, n // 2
        x = LEFT + column * 330
        y = LEGEND_TOP + row * 22
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 36}" y2="{y}" stroke="{colour}" '
            f'stroke-width="{width}"{dash_attr}/>'
            + marker(shape, x + 18, y, colour)
            + f'<text x="{x + 46}" y="{y + 4}" fill="#1c2530">{escape(name)}</text>'
        )
    height = LEGEND_TOP + max(1, -(-len(series) // 2)) * 22
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="staffing-chart" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{uid}-title" '
        f'font-family="Source Sans 3, Segoe UI, Arial, sans-serif" font-size="14">'
        # The title carries the figures: screen readers and the PDF's /Alt read only it.
        f'<title id="{uid}-title">{escape(title)}. {escape(desc)}</title>'
    )
    return mark_safe(head + "".join(parts) + "</svg>")  # noqa: S308 - every text above is escaped
