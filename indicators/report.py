"""The report's "Indikatorer" section, as plain data for the report snapshot.

`report_snapshot(period, committee=...)` returns JSON-able values only (texts already
formatted by the one number formatter), so a frozen report keeps them as they were. The
committee's version holds the headline indicators only, and reads closed half-years only;
every version holds the counts per status for the summary page. The partial
templates/indicators/_report_section.html renders it (it expects the dict as `indicators`).
"""

from __future__ import annotations

from django.utils.formats import date_format

from indicators.models import Indicator
from indicators.series import indicator_rows, status_counts
from initiatives.models import Period


def report_snapshot(period: Period, *, committee: bool) -> dict:
    indicators = Indicator.objects.with_relations()
    # The committee reads closed half-years only: the one reported on and those before it.
    all_rows = indicator_rows(indicators, upto=period, closed_only=committee)
    counts = status_counts(all_rows)
    shown = [r for r in all_rows if r.indicator.is_headline] if committee else all_rows
    items = []
    for row in shown:
        latest = row.latest
        target = row.next_target
        target_row = row.next_target_row
        items.append(
            {
                "name": row.indicator.name,
                "objectives": [f"{o.theme.number}.{o.number}" for o in row.objectives],
                "unit": row.indicator.get_unit_display(),
                "direction": row.indicator.get_direction_display(),
                "latest": row.fmt(latest.value) if latest else "–",
                "latest_label": latest.label if latest else "",
                "latest_is_demo": bool(latest and latest.is_demo),
                "target": row.fmt(target.value) if target else "–",
                "target_date": date_format(target.date) if target else "",
                "target_is_demo": bool(target_row and target_row.is_demo),
                "status": row.status.value,
                "status_label": str(row.status.label),
                "computed": row.indicator.is_computed,
            }
        )
    return {
        "trained_share_target": _trained_share_target(all_rows),
        "period": period.name,
        "committee": committee,
        "headline_only": committee,
        "counts": counts,
        "items": items,
    }


def _trained_share_target(rows) -> dict | None:
    """The political target of the trained-staff share for all areas (the computed indicator
    without an area), for the report's summary page; None while none is set."""
    from indicators.models import Computed

    for row in rows:
        indicator = row.indicator
        if indicator.computed == Computed.TRAINED_SHARE and indicator.computed_area_id is None:
            target = row.next_target
            if target is None:
                return None
            return {
                "value": row.fmt(target.value),
                "date": date_format(target.date),
                "is_demo": bool(row.next_target_row and row.next_target_row.is_demo),
            }
    return None
