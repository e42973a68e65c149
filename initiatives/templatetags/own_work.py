"""The banner about the user's own work for the open half-year ("Du mangler 3 af 5 tiltag –
frist 15. december 2026"), counted with the one definition of "missing"
(`InitiativeQuerySet.status_counters`), restricted to what the user is responsible for."""

from __future__ import annotations

from django import template
from django.core.cache import cache

from accounts.rules import is_administrator, is_leader
from core.change_stamp import data_stamp
from initiatives.models import Initiative, Period
from initiatives.queries import STATUS_CACHE_SECONDS

register = template.Library()


@register.inclusion_tag("initiatives/_own_work_banner.html", takes_context=True)
def own_work_banner(context, period=None, counters=None, on_mine: bool = False) -> dict:
    """Pass `period` and `counters` where the page has counted them already (Mine tiltag)."""
    user = context["request"].user
    if counters is not None:
        shown = period if period is not None and period.is_open else None
        return {"period": shown, "scope": "own", "counters": counters, "on_mine": on_mine}
    # Roles first (their groups are cached): readers without own work cost no query.
    if not (is_administrator(user) or is_leader(user)):
        return {"period": None}
    period = Period.objects.current_open()
    if period is None:
        return {"period": None}
    if is_administrator(user):
        # The administration answers for the whole plan (one aggregate query).
        return {
            "period": period,
            "scope": "all",
            "counters": Initiative.objects.status_counters(period),
        }
    # A leader's counters, counted once per change of the data (as the overview's numbers).
    key = f"initiatives:own-work:{user.pk}:{period.pk}:{data_stamp()}"
    counters = cache.get(key)
    if counters is None:
        counters = Initiative.objects.for_user(user).status_counters(period)
        cache.set(key, counters, STATUS_CACHE_SECONDS)
    return {"period": period, "scope": "own", "counters": counters}
