"""The status of an indicator against its target: the one rule, written once.

Inputs: the latest value and the date it covers, the baseline (value and date), the next
target (the first whose date is on or after the latest value's date; when every target date
has passed, the last one), and the direction.

1. No value, or no target: **Ingen data**.
2. The target is reached (at or above it when higher is better, at or below it when lower is
   better): **På sporet**.
3. The target date has passed and the target is not reached: **Bagud**.
4. Without a baseline (or a baseline dated on or after the target date) nothing tells how far
   the value should have come: **Risiko** until the target date.
5. Otherwise the value should have moved from the baseline towards the target in step with
   time. `expected` is the share of the time from the baseline date to the target date that
   has passed at the latest value's date; `achieved` is the share of the way from the baseline
   value to the target value that the latest value has come (negative when it went the wrong
   way). **På sporet** when `achieved` ≥ `expected`, **Risiko** when `achieved` ≥ `expected`
   − 0.25 (less than a quarter of the way behind), else **Bagud**.

Everything is exact (Decimal); the boundaries belong to the better status.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

AT_RISK_MARGIN = Decimal("0.25")


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("På sporet")
    AT_RISK = "at_risk", _("Risiko")
    OFF_TRACK = "off_track", _("Bagud")
    NO_DATA = "no_data", _("Ingen data")


# The shape shown beside the word (never colour alone), as in the traffic light.
SHAPES = {
    Status.ON_TRACK: "circle",
    Status.AT_RISK: "triangle",
    Status.OFF_TRACK: "square",
    Status.NO_DATA: "dash",
}
STATUS_ORDER = [Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA]


@dataclass(frozen=True)
class TargetPoint:
    value: Decimal
    date: datetime.date


def next_target(targets: list[TargetPoint], on: datetime.date) -> TargetPoint | None:
    """The first target dated on or after `on`; the last one when all have passed."""
    ordered = sorted(targets, key=lambda t: t.date)
    for target in ordered:
        if target.date >= on:
            return target
    return ordered[-1] if ordered else None


def indicator_status(
    *,
    value: Decimal | None,
    on: datetime.date | None,
    baseline: Decimal | None,
    baseline_date: datetime.date | None,
    target: TargetPoint | None,
    higher_is_better: bool,
) -> Status:
    if value is None or on is None or target is None:
        return Status.NO_DATA
    reached = value >= target.value if higher_is_better else value <= target.value
    if reached:
        return Status.ON_TRACK
    if on > target.date:
        return Status.OFF_TRACK
    if baseline is None or baseline_date is None or baseline_date >= target.date:
        return Status.AT_RISK
    if target.value == baseline:
        # Nothing to move, and it is not reached: it went the wrong way.
        return Status.AT_RISK
    span = Decimal((target.date - baseline_date).days)
    elapsed = Decimal(max(0, (on - baseline_date).days))
    expected = min(Decimal(1), elapsed / span)
    achieved = (value - baseline) / (target.value - baseline)
    if achieved >= expected:
        return Status.ON_TRACK
    if achieved >= expected - AT_RISK_MARGIN:
        return Status.AT_RISK
    return Status.OFF_TRACK
