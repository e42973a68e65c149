"""An indicator's values over time as a server-side SVG, with its target line.

Built like staffing.charts.trend_svg (whose markers, colours and rules it reuses): attributes
only, so the strict CSP holds; the values are drawn with a marker shape as well as a line, the
target with a dashed line and its own label, so nothing is told by colour alone; the <title>
states the figures and the templates put the same numbers in a table beside it.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.crypto import get_random_string
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core import formatting
from indicators.models import MeasureUnit
from indicators.series import IndicatorRow
from staffing.charts import COLOURS, OVERALL_COLOUR, marker

TARGET_COLOUR = COLOURS[1]
BASELINE_COLOUR = "#4a5663"


def chart_description(row: IndicatorRow) -> str:
    """The figures in words: latest value, baseline, next target, and how many values."""
    parts = []
    latest = row.latest
    if latest is None:
        parts.append("Ingen målinger endnu")
    else:
        parts.append(f"Seneste værdi {row.fmt(latest.value)} ({latest.label})")
    baseline, _baseline_date = row.baseline
    if baseline is not None:
        parts.append(f"baseline {row.fmt(baseline)}")
    target = row.next_target
    if target is not None:
        parts.append(f"måltal {row.fmt(target.value)} senest {date_format(target.date)}")
    parts.append(f"status: {row.status.label}")
    return ", ".join(parts) + f". {len(row.points)} værdier vist; de står også i tabellen."


NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def round_ticks(low: Decimal, high: Decimal, *, at_most: Decimal | None = None) -> list[Decimal]:
    """About four round steps (1, 2, 2,5 or 5 times a power of ten) from `low` down to a
    multiple of the step, up to the next multiple above `high` with 5 % head room (never past
    `at_most`): 0 to 29,05 gives 0, 10, 20, 30, 40."""
    high = high * Decimal("1.05")
    span = max(high - low, Decimal("0.01"))
    raw = span / 4
    magnitude = Decimal(10) ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in NICE_STEPS if m * magnitude >= raw)
    bottom = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    top = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if at_most is not None:
        top = min(top, at_most)
    count = int((top - bottom) / step)
    return [bottom + step * n for n in range(count + 1)]


def tick_label(row: IndicatorRow, value: Decimal, step: Decimal) -> str:
    """A tick as round as its step: "30 %", "2,5", never the indicator's "29,05 %"."""
    exponent = step.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    if row.indicator.unit == MeasureUnit.PERCENT:
        return formatting.percent(value, places)
    return formatting.number(value, places) + row.indicator.unit_suffix


def indicator_svg(row: IndicatorRow, *, small: bool = False, narrow: bool = False) -> SafeString:
    """A line of the values, oldest first, and the next target as a dashed line. `narrow`:
    drawn for a phone's width (360 units), so its 14-unit labels stay readable there."""
    uid = get_random_string(8, "abcdefghijklmnopqrstuvwxyz")
    width, height = (240, 80) if small else (360, 240) if narrow else (640, 260)
    left, right, top, bottom = (6, 6, 8, 8) if small else (64, 24, 16, 36)
    plot_w, plot_h = width - left - right, height - top - bottom
    points = row.points
    target = row.next_target
    baseline, baseline_date = row.baseline
    values = [p.value for p in points]
    if target is not None:
        values.append(target.value)
    if baseline is not None:
        values.append(baseline)
    # From zero to the round tick at or above the largest value (a percentage never above
    # 100), so a change of a few points is visible and every tick reads as a round figure.
    ticks = round_ticks(
        min([Decimal(0), *values]),
        max([Decimal(1), *values]),
        at_most=Decimal(100) if row.indicator.unit == MeasureUnit.PERCENT else None,
    )
    low, high = ticks[0], ticks[-1]
    dates = [p.date for p in points]
    if baseline_date is not None:
        dates.append(baseline_date)
    if target is not None:
        dates.append(target.date)
    first, last = (min(dates), max(dates)) if dates else (None, None)

    def x_at(day) -> float:
        if first is None or last is None or first == last:
            return left + plot_w / 2
        return left + plot_w * (day - first).days / (last - first).days

    def y_at(value: Decimal) -> float:
        span = high - low or Decimal(1)
        return top + plot_h * (1 - float((value - low) / span))

    parts: list[str] = []
    if not small:
        step = ticks[1] - ticks[0] if len(ticks) > 1 else Decimal(1)
        for value in ticks:
            y = y_at(value)
            parts.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                f'stroke="#d5dbe1"/><text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" '
                f'fill="#4a5663">{escape(tick_label(row, value, step))}</text>'
            )
        for day, anchor in ((first, "start"), (last, "end")):
            if day is not None:
                parts.append(
                    f'<text x="{x_at(day):.1f}" y="{height - 10}" text-anchor="{anchor}" '
                    f'fill="#4a5663">{escape(date_format(day, "YEAR_MONTH_FORMAT"))}</text>'
                )
    parts.append('<g aria-hidden="true">')
    if target is not None:
        y = y_at(target.value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4" data-target="1"/>'
        )
        if not small:
            parts.append(
                f'<text x="{width - right}" y="{y - 6:.1f}" text-anchor="end" '
                f'fill="{TARGET_COLOUR}">Mål {escape(row.fmt(target.value))}</text>'
            )
    if baseline is not None and baseline_date is not None and not small:
        parts.append(marker("diamond", x_at(baseline_date), y_at(baseline), BASELINE_COLOUR))
    coords = [(x_at(p.date), y_at(p.value)) for p in points]
    if len(coords) > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{OVERALL_COLOUR}" '
            f'stroke-width="{2 if small else 3}"/>'
        )
    parts.extend(marker("circle", x, y, OVERALL_COLOUR) for x, y in coords)
    parts.append("</g>")
    title = f"{row.indicator.name}. {chart_description(row)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart'
        f'{" indicator-chart-small" if small else ""}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-title" '
        f'font-family="Source Sans 3, Segoe UI, Arial, sans-serif" font-size="14">'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(chart_description(row))}</desc>'
    )
    return mark_safe(head + "".join(parts) + "</svg>")  # noqa: S308 - every text is escaped
