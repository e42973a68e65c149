"""The banner listing the reports whose next sign-off step is the user's
(`Report.objects.awaiting(user)`)."""

from __future__ import annotations

from django import template

from reports.models import Report

register = template.Library()


@register.inclusion_tag("reports/_awaiting_banner.html", takes_context=True)
def reports_awaiting_banner(context) -> dict:
    user = context["request"].user
    return {"reports": list(Report.objects.awaiting(user)[:10])}
