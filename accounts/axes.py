"""django-axes with a second, wider lock against password spraying."""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes locks a username at one address after AXES_FAILURE_LIMIT failures. Against
    password spraying (one attempt each at many usernames, which never reaches that limit),
    once an address has AXES_IP_FAILURE_LIMIT failures across usernames, every username that
    has failed from it is locked there too: the sprayer gets one guess per username per
    cool-off, while a colleague behind the same address who has not failed still logs in
    (an attacker cannot lock everyone at a shared address). Attempts during a lock are not
    counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off), so a lock lifts
    AXES_COOLOFF_MINUTES after the failure that set it, and a correct password never counts
    as a failure."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if failures == 0:
            return 0
        from_address = (
            AccessAttempt.objects.filter(
                ip_address=request.axes_ip_address,
                attempt_time__gte=get_cool_off_threshold(request),
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if from_address >= settings.AXES_IP_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures
