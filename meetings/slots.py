"""What this app puts into the slots the apps below it offer (core.slots): the decisions on an
initiative's page, the follow-ups in Mine tiltag, the committee's decision on a report's page,
and the committee's decision and the open follow-ups in the next half-year's report."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.formats import date_format

from core import slots
from initiatives.models import led_unit_ids
from meetings.models import Decision, FollowUp, ReportDecision


def connect() -> None:
    slots.register("initiatives.detail", initiative_decisions)
    slots.register("initiatives.mine", unit_follow_ups)
    slots.register("reports.detail", report_decision)
    slots.register("reports.snapshot", report_snapshot_extras)


def initiative_decisions(*, request, initiative, **_) -> str:
    if request is None or not request.user.has_perm("meetings.view_decisions"):
        return ""
    decisions = list(
        Decision.objects.for_user(request.user)
        .filter(initiatives=initiative)
        .select_related("meeting")
        .order_by("-decided_on", "-pk")
    )
    follow_ups = list(FollowUp.objects.filter(initiative=initiative).for_list())
    return render_to_string(
        "meetings/_initiative_decisions.html",
        {"decisions": decisions, "follow_ups": follow_ups},
        request=request,
    )


def unit_follow_ups(*, request, **_) -> str:
    if request is None or not request.user.has_perm("meetings.view_follow_ups"):
        return ""
    units = led_unit_ids(request.user)
    if not units:
        return ""
    follow_ups = list(FollowUp.objects.filter(unit_id__in=units, done_on__isnull=True).for_list())
    return render_to_string(
        "meetings/_follow_ups.html", {"follow_ups": follow_ups}, request=request
    )


def report_decision(*, request, report, **_) -> str:
    decision = ReportDecision.objects.filter(report=report).first()
    item = getattr(report, "agenda_item", None) if report.audience == "committee" else None
    user = request.user if request is not None else None
    return render_to_string(
        "meetings/_report_decision.html",
        {
            "decision": decision,
            "report": report,
            "agenda_item": item
            if item and user and user.has_perm("meetings.view_agenda_item", item)
            else None,
            "can_draft": user is not None
            and user.has_perm("meetings.edit_agenda_item")
            and report.audience == "committee"
            and report.status == "done",
            "can_record": user is not None
            and user.has_perm("meetings.record_report_decision")
            and report.is_published
            and decision is None,
        },
        request=request,
    )


def report_snapshot_extras(*, period, **_) -> dict:
    """The committee's decision on the half-year before (the report opens with it) and the
    follow-ups not done by the half-year's end, as frozen data."""
    previous = period.previous()
    decision = (
        ReportDecision.objects.filter(report__period=previous)
        .order_by("-decided_on", "-pk")
        .first()
        if previous
        else None
    )
    follow_ups = (
        FollowUp.objects.open_on(period.end).filter(decision__decided_on__lte=period.end).for_list()
    )
    return {
        "committee_decision": {
            "committee": decision.committee,
            "date": date_format(decision.decided_on),
            "text": decision.text,
            "absent": decision.absent_names,
        }
        if decision
        else None,
        "follow_ups": [
            {
                "initiative": f.initiative.title,
                "anchor": f"tiltag-{f.initiative_id}",
                "unit": f.unit.name,
                "due": date_format(f.due_on),
                "text": f.text,
            }
            for f in follow_ups
        ],
    }
