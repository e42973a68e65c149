"""The review meeting's proposed agenda for a half-year, from the data: the summary, the red
initiatives, the missing updates, staffing and the trained share, the indicators behind target,
the open follow-ups, and the report to approve. Each point links to what it is about."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from core.formatting import percent
from indicators.report import report_snapshot as indicator_snapshot
from indicators.status import Status
from initiatives.models import MISSING, Initiative, Period
from initiatives.queries import plan_status_counts
from meetings.models import REPORT_AUDIENCE, AgendaPoint, FollowUp
from reports.models import Report
from staffing.tables import trained_share_trend


@dataclass(frozen=True)
class ProposedPoint:
    title: str
    description: str
    subject: str
    subject_url: str
    initiative_id: int | None = None


def _list_url(period: Period, **params) -> str:
    return f"{reverse('initiatives:list')}?{urlencode({'period': period.pk, **params})}"


def propose_agenda(*, period: Period, kind: str) -> list[ProposedPoint]:
    counts = plan_status_counts(period)
    points = [
        ProposedPoint(
            title=_("Opsummering af %(period)s") % {"period": period},
            description=_(
                "%(total)s tiltag følges op: %(green)s grønne, %(yellow)s gule, %(red)s røde, "
                "%(missing)s mangler opdatering."
            )
            % {
                "total": counts.total,
                "green": counts.green,
                "yellow": counts.yellow,
                "red": counts.red,
                "missing": counts.missing,
            },
            subject=AgendaPoint.Subject.SUMMARY,
            subject_url=_list_url(period),
        )
    ]
    red = (
        Initiative.objects.with_period_state(period)
        .filter(period_state="red")
        .select_related("responsible_unit")
        .order_by("order", "title")
    )
    for initiative in red:
        unit = initiative.responsible_unit.name if initiative.responsible_unit else ""
        points.append(
            ProposedPoint(
                title=_("Forsinket tiltag: %(title)s") % {"title": initiative.title},
                description=_("Rød – forsinket, kræver handling. Ansvarlig: %(unit)s.")
                % {"unit": unit or _("ingen")},
                subject=AgendaPoint.Subject.RED,
                subject_url=initiative.get_absolute_url(),
                initiative_id=initiative.pk,
            )
        )
    if counts.missing:
        points.append(
            ProposedPoint(
                title=_("Manglende opdateringer (%(count)s)") % {"count": counts.missing},
                description=_("%(count)s tiltag mangler en opdatering for %(period)s.")
                % {"count": counts.missing, "period": period},
                subject=AgendaPoint.Subject.MISSING,
                subject_url=_list_url(period, light=MISSING),
            )
        )
    indicators = indicator_snapshot(period, committee=False)
    points.append(_staffing_point(indicators["trained_share_target"]))
    behind = [item for item in indicators["items"] if item["status"] == Status.OFF_TRACK]
    if behind:
        points.append(
            ProposedPoint(
                title=_("Indikatorer bagud (%(count)s)") % {"count": len(behind)},
                description="; ".join(
                    f"{item['name']}: {item['latest']} ({_('måltal')} {item['target']})"
                    for item in behind
                ),
                subject=AgendaPoint.Subject.INDICATORS,
                subject_url=f"{reverse('indicators:list')}?status={Status.OFF_TRACK}",
            )
        )
    open_follow_ups = FollowUp.objects.open_on(period.end).filter(due_on__lte=period.end).count()
    if open_follow_ups:
        points.append(
            ProposedPoint(
                title=_("Opfølgninger (%(count)s)") % {"count": open_follow_ups},
                description=_("Opfølgninger med frist i halvåret, som ikke er udført."),
                subject=AgendaPoint.Subject.FOLLOW_UPS,
                subject_url=reverse("meetings:decisions"),
            )
        )
    report = (
        Report.objects.filter(period=period, audience=REPORT_AUDIENCE[kind])
        .order_by("-version")
        .first()
    )
    points.append(
        ProposedPoint(
            title=_("Godkendelse af halvårsrapporten for %(period)s") % {"period": period},
            description=(
                _("%(title)s, version %(version)s.")
                % {"title": report.title, "version": report.version}
                if report
                else _("Rapporten er endnu ikke dannet.")
            ),
            subject=AgendaPoint.Subject.REPORT,
            subject_url=report.get_absolute_url() if report else reverse("reports:archive"),
        )
    )
    return points


def _staffing_point(target: dict | None) -> ProposedPoint:
    points = trained_share_trend(latest=1)
    current = points[-1] if points else None
    if current is None:
        description = _("Der er endnu ingen personaleopgørelse.")
    else:
        description = _("Andel faguddannede %(share)s (%(label)s).") % {
            "share": percent(current.share),
            "label": current.snapshot.label,
        }
        if target:
            description += " " + _("Måltal %(value)s (%(date)s).") % target
    return ProposedPoint(
        title=_("Personale og andel faguddannede"),
        description=description,
        subject=AgendaPoint.Subject.STAFFING,
        subject_url=reverse("staffing:trend"),
    )
