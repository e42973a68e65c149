"""Writes for reports: request, dispatch, render, sign off, comment, remind."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import roles
from accounts.audit import audit_record
from accounts.mail import mail_enqueue
from accounts.models import AuditEvent
from core.changes import person_name
from core.text import required_text
from core.urls import absolute_url
from initiatives.models import Initiative, Period
from initiatives.queries import missing_updates
from initiatives.services import InitiativeError, correction_open
from reports.documents import build_snapshot, render_pdf
from reports.models import Audience, Reminder, Report, ReportComment, ReportCorrection, SignOff

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

# The sign-off order: each stage may only follow the one before it.
STAGE_ORDER: list[str] = [
    Report.Stage.DRAFT,
    Report.Stage.LEADERS_REVIEWED,
    Report.Stage.OMU_APPROVED,
    Report.Stage.PUBLISHED,
]


RENDER_TASK = "reports.tasks.render_report"


class ReportError(Exception):
    """A request that cannot be carried out; the message is Danish and shown to the user."""


def missing_update_count(*, period) -> int:
    """How many followed-up initiatives lack an update for the half-year: what ordering a
    report for an open half-year asks the administrator to confirm."""

    return Initiative.objects.missing_in(period).count()


def period_report_error(*, period, confirm_open: bool) -> str | None:
    """Why a report cannot be made for the half-year now (Danish), or None.

    A planned half-year (never opened) has nothing to report; an open one is a draft, which
    the administrator must knowingly accept."""
    if period.is_planned:
        return _(
            "%(period)s er planlagt og endnu ikke åbnet. Der kan ikke dannes en rapport for det."
        ) % {"period": period.name}
    if period.is_open and not confirm_open:
        return _(
            "%(period)s er stadig åbent, og %(missing)s tiltag mangler opdatering. Bekræft, at "
            "rapporten skal dannes af et åbent halvår."
        ) % {"period": period.name, "missing": missing_update_count(period=period)}
    return None


@transaction.atomic
def report_request(*, period, audience: str, requested_by, confirm_open: bool = False) -> Report:
    """Create the next version's row and enqueue its rendering once the row is committed.

    Refuses a planned half-year, and an open one unless `confirm_open`."""
    if audience not in Audience.values:
        raise ReportError(_("Ukendt målgruppe."))
    error = period_report_error(period=period, confirm_open=confirm_open)
    if error:
        raise ReportError(error)
    # PostgreSQL takes no row lock for an aggregate (Django drops FOR UPDATE from it), so
    # concurrent orders for the half-year queue on its row; each then reads the last version.
    Period.objects.select_for_update().get(pk=period.pk)
    last = Report.objects.filter(period=period, audience=audience).aggregate(last=Max("version"))[
        "last"
    ]
    report = Report.objects.create(
        period=period, audience=audience, version=(last or 0) + 1, requested_by=requested_by
    )
    transaction.on_commit(lambda: report_dispatch(report_id=report.pk))
    return report


def report_dispatch(*, report_id: int) -> bool:
    """Send the render task to the broker. If the broker is down the row stays pending and
    `reports_dispatch_pending` (Celery beat) sends it when the broker is back."""
    # The task by its name: tasks import services, never the other way (reports.apps
    # registers the tasks at start-up).
    render_report = current_app.tasks[RENDER_TASK]
    try:
        # A fresh connection, not the pooled one: a pool opened while the broker was down
        # would keep failing after it is back.
        with current_app.connection_for_write() as connection:
            render_report.apply_async(args=[report_id], retry=False, connection=connection)
    except Exception as exc:  # kombu/redis raise several kinds when the broker is unreachable
        logger.warning("Report %s not dispatched, broker unreachable: %s", report_id, exc)
        return False
    Report.objects.filter(pk=report_id, dispatched_at__isnull=True).update(
        dispatched_at=timezone.now()
    )
    return True


def reports_dispatch_pending() -> int:
    """Dispatch requests the broker missed, and recover renders whose worker vanished."""
    now = timezone.now()
    stalled_after = timedelta(seconds=settings.REPORT_TIME_LIMIT_SECONDS + 60)
    for report in Report.objects.filter(
        status=Report.Status.RENDERING, started_at__lt=now - stalled_after
    ):
        if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
            _mark_failed(report.pk, _("Dannelsen blev afbrudt for mange gange."))
        else:
            Report.objects.filter(pk=report.pk).update(
                status=Report.Status.PENDING, dispatched_at=None
            )
    sent = 0
    for report_id in Report.objects.undispatched().values_list("pk", flat=True):
        sent += report_dispatch(report_id=report_id)
    return sent


def _mark_failed(report_id: int, reason: str) -> None:
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.DONE).update(
        status=Report.Status.FAILED, error=reason, finished_at=timezone.now()
    )


def report_render(*, report_id: int) -> Report:
    """Render one report. Idempotent: a finished report is left as it is, so a redelivered
    task (a worker killed mid-render) ends in exactly one finished report or a failure."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("period").get(pk=report_id)
        if report.status == Report.Status.DONE:
            return report
        if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
            report.status = Report.Status.FAILED
            report.error = _("Rapporten kunne ikke dannes efter %(n)d forsøg.") % {
                "n": report.attempts
            }
            report.finished_at = timezone.now()
            report.save(update_fields=["status", "error", "finished_at"])
            return report
        report.status = Report.Status.RENDERING
        report.started_at = timezone.now()
        report.attempts += 1
        report.error = ""
        report.save(update_fields=["status", "started_at", "attempts", "error"])

    try:
        if report.snapshot is None:
            # Freeze the data once; a retry renders the same data as the first attempt.
            snapshot = build_snapshot(
                period=report.period, audience=report.audience, version=report.version
            )
            Report.objects.filter(pk=report.pk).update(snapshot=snapshot)
            report.snapshot = snapshot
        pdf, page_count = render_pdf(report.snapshot)
    except Exception as exc:
        logger.exception("Report %s failed", report.pk)
        _mark_failed(report.pk, _("Fejl under dannelsen: %(error)s") % {"error": exc})
        report.refresh_from_db()
        return report

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == Report.Status.DONE:  # another delivery finished first
            return report
        report.file.save(report.filename, ContentFile(pdf), save=False)
        report.sha256 = hashlib.sha256(pdf).hexdigest()
        report.page_count = page_count
        report.status = Report.Status.DONE
        report.finished_at = timezone.now()
        report.save(update_fields=["file", "sha256", "page_count", "status", "finished_at"])
    return report


@transaction.atomic
def report_retry(*, report: Report) -> Report:
    if report.status != Report.Status.FAILED:
        raise ReportError(_("Kun en fejlet rapport kan prøves igen."))
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.PENDING,
        attempts=0,
        error="",
        dispatched_at=None,
        finished_at=None,
        started_at=None,
    )
    transaction.on_commit(lambda: report_dispatch(report_id=report.pk))
    report.refresh_from_db()
    return report


@transaction.atomic
def report_sign_off(*, report: Report, stage: str, user, comment: str = ""):
    """Move a finished report one step: ledermøde → OMU → offentliggjort for udvalget."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.DONE:
        raise ReportError(_("Rapporten skal være færdigdannet, før den kan godkendes."))
    if stage not in STAGE_ORDER[1:]:
        raise ReportError(_("Ukendt godkendelsestrin."))
    # Published and sent back are the ends of the way (a sent-back report gets a new version).
    expected = (
        STAGE_ORDER[STAGE_ORDER.index(report.stage) + 1]
        if report.stage in STAGE_ORDER[:-1]
        else None
    )
    if stage != expected:
        raise ReportError(
            _("Rapporten er på trinnet ”%(current)s” og kan ikke flyttes til ”%(stage)s”.")
            % {"current": report.get_stage_display(), "stage": Report.Stage(stage).label}
        )
    if stage == Report.Stage.PUBLISHED and report.audience != Audience.COMMITTEE:
        # The committee reads only its own version: short, and with small numbers hidden.
        raise ReportError(
            _(
                "Kun udvalgets version kan offentliggøres for udvalget. "
                "Bestil en rapport til udvalget, og send den gennem godkendelsen."
            )
        )
    return _move_to_stage(report=report, stage=stage, user=user, comment=comment)


def _move_to_stage(*, report: Report, stage: str, user, comment: str) -> Report:
    """Record the step (who, when, note), move the report, log it and, once committed, tell
    the next actors by e-mail."""
    SignOff.objects.create(report=report, stage=stage, user=user, comment=comment)
    report.stage = stage
    report._change_reason = str(Report.Stage(stage).label)
    report.save(update_fields=["stage"])
    audit_record(
        kind=AuditEvent.Kind.SIGN_OFF,
        user=user,
        target=str(report),
        details={"stage": stage},
    )
    # Queued in this transaction (accounts.mail), delivered after the commit: a mail server
    # that is down or silent never holds the sign-off.
    stage_change_notify(report_id=report.pk)
    return report


def report_file_open(report: Report, *, user, via: str = ""):
    """The report's PDF, opened for reading; every download is audited (`via`: "API")."""
    audit_record(
        kind=AuditEvent.Kind.REPORT_DOWNLOAD,
        user=user,
        target=f"{report} ({via})" if via else str(report),
    )
    return report.file.open("rb")


COMMENT_MAX = 2000


@transaction.atomic
def report_send_back(*, report: Report, user, comment: str) -> Report:
    """OMU sends a report the leaders' meeting has reviewed back, with a required comment.
    The administration then generates a new version (`report_request`), and the sign-off
    starts again from the draft."""
    comment = required_text(
        comment,
        limit=COMMENT_MAX,
        missing=_("Skriv, hvorfor rapporten sendes tilbage. Kommentaren er påkrævet."),
        too_long=_("Kommentaren må højst være %(max)s tegn."),
        error=ReportError,
    )
    report = Report.objects.select_for_update().select_related("period").get(pk=report.pk)
    if report.status != Report.Status.DONE or report.stage != Report.Stage.LEADERS_REVIEWED:
        raise ReportError(
            _(
                "Rapporten er på trinnet “%(current)s”. Kun en rapport, der venter på OMU's "
                "godkendelse, kan sendes tilbage."
            )
            % {"current": report.get_stage_display()}
        )
    return _move_to_stage(report=report, stage=Report.Stage.SENT_BACK, user=user, comment=comment)


def report_initiatives(report: Report) -> list[Initiative]:
    """The initiatives the report's frozen data shows, in its order."""
    ids: list[int] = []
    for theme in (report.snapshot or {}).get("themes", []):
        for objective in theme["objectives"]:
            ids += [entry["id"] for entry in objective["initiatives"] if entry["id"] not in ids]
    found = Initiative.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@transaction.atomic
def report_correction_open(
    *, report: Report, initiatives: list[Initiative], deadline, reply: str, user
) -> ReportCorrection:
    """Answer a sent-back report: open a correction of its (closed) half-year for the named
    initiatives of the report, with OMU's comment as its reason, and keep the
    administration's reply for the next version. Refused (ReportError, nothing stored) for a
    report not sent back, one already answered, a half-year with a published report, or an
    initiative the report does not show; a second open correction of an initiative is refused
    by `correction_open`."""
    report = Report.objects.select_for_update().select_related("period").get(pk=report.pk)
    if report.stage != Report.Stage.SENT_BACK:
        raise ReportError(_("Kun en rapport, der er sendt tilbage, kan besvares med en rettelse."))
    if ReportCorrection.objects.filter(report=report).exists():
        raise ReportError(_("Denne tilbagesendelse er allerede besvaret med en rettelse."))
    if Report.objects.filter(period=report.period).published().exists():
        raise ReportError(
            _(
                "En rapport for %(period)s er offentliggjort for udvalget; halvåret kan ikke "
                "længere rettes."
            )
            % {"period": report.period.name}
        )
    shown = {initiative.pk for initiative in report_initiatives(report)}
    outside = [initiative.title for initiative in initiatives if initiative.pk not in shown]
    if outside:
        raise ReportError(_("Ikke med i rapporten: %(titles)s.") % {"titles": ", ".join(outside)})
    reply = required_text(
        reply,
        limit=COMMENT_MAX,
        missing=_("Skriv et svar til OMU."),
        too_long=_("Svaret må højst være %(max)s tegn."),
        error=ReportError,
    )
    sent_back = report.sign_offs.filter(stage=Report.Stage.SENT_BACK).first()
    try:
        correction = correction_open(
            period=report.period,
            initiatives=initiatives,
            reason=sent_back.comment if sent_back else reply,
            deadline=deadline,
            user=user,
        )
    except InitiativeError as error:
        raise ReportError(str(error)) from error
    return ReportCorrection.objects.create(report=report, correction=correction, reply=reply)


# Who is told at each stage change, and what the subject says.
def _recipients(stage: str, report: Report):

    groups: dict[str, str] = {
        Report.Stage.LEADERS_REVIEWED: roles.OMU_MEMBER,
        Report.Stage.OMU_APPROVED: roles.ADMINISTRATOR,
        Report.Stage.SENT_BACK: roles.ADMINISTRATOR,
        Report.Stage.PUBLISHED: roles.COMMITTEE_MEMBER,
    }
    group = groups[stage]
    return (
        get_user_model()
        .objects.filter(groups__name=group, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )


def _stage_subject(report: Report) -> str:
    subjects: dict[str, StrOrPromise] = {
        Report.Stage.LEADERS_REVIEWED: _(
            "Halvårsrapporten for %(period)s venter på OMU's godkendelse"
        ),
        Report.Stage.OMU_APPROVED: _(
            "Halvårsrapporten for %(period)s er godkendt af OMU og kan offentliggøres"
        )
        if report.audience == Audience.COMMITTEE
        else _("Halvårsrapporten for %(period)s er godkendt af OMU"),
        Report.Stage.SENT_BACK: _(
            "Halvårsrapporten for %(period)s er sendt tilbage af OMU – dan en ny version"
        ),
        Report.Stage.PUBLISHED: _("Halvårsrapporten for %(period)s er offentliggjort"),
    }
    return subjects[report.stage] % {"period": report.period.name}


def stage_change_notify(*, report_id: int) -> int:
    """E-mail the next actors of the report's current stage in Danish, with a link to the
    report. Returns how many were sent."""
    report = Report.objects.select_related("period").get(pk=report_id)
    if report.stage == Report.Stage.DRAFT:
        return 0
    step = report.sign_offs.filter(stage=report.stage).select_related("user").first()
    link = absolute_url(report.get_absolute_url())
    subject = _stage_subject(report)
    sent = 0
    for user in _recipients(report.stage, report):
        lines = [
            _("Kære %(name)s") % {"name": person_name(user)},
            "",
            _("%(subject)s.") % {"subject": subject},
            _("%(title)s, %(period)s, version %(version)s.")
            % {"title": report.title, "period": report.period.name, "version": report.version},
        ]
        if step is not None:
            who = person_name(step.user)
            lines.append(
                _("Registreret af %(who)s %(when)s.")
                % {
                    "who": who,
                    "when": date_format(timezone.localtime(step.created_at), "DATETIME_FORMAT"),
                }
            )
            if step.comment:
                lines += ["", _("Kommentar:"), step.comment]
        lines += [
            "",
            _("Næste skridt: %(next)s") % {"next": report.next_actor_label},
            _("Se rapporten: %(link)s") % {"link": link},
            "",
            _("Venlig hilsen"),
            _("Strategi for Socialområdet"),
        ]
        mail_enqueue(to=user.email, subject=subject, body="\n".join(str(line) for line in lines))
        sent += 1
    return sent


def stage_notice(report: Report) -> str:
    """What the person who moved the report is told about the e-mails: queued, not yet sent
    ("Besked til Omu Testesen sendes, når mailserveren svarer."), or "" when nobody is told."""
    if report.stage == Report.Stage.DRAFT:
        return ""
    names = [person_name(user) for user in _recipients(report.stage, report)]
    if not names:
        return ""
    who = (
        names[0]
        if len(names) == 1
        else _("%(names)s og %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
        if len(names) <= 3
        else _("%(count)s modtagere") % {"count": len(names)}
    )
    return _("Besked til %(who)s sendes, når mailserveren svarer.") % {"who": who}


def report_comment_add(*, report: Report, author, text: str) -> ReportComment:
    text = required_text(
        text,
        limit=COMMENT_MAX,
        missing=_("Skriv en kommentar."),
        too_long=_("Kommentaren må højst være %(max)s tegn."),
        error=ReportError,
    )
    return ReportComment.objects.create(report=report, author=author, text=text)


@transaction.atomic
def reminders_send(*, today=None) -> int:
    """E-mail leaders with missing updates when the open half-year's deadline is near.

    Sent once per leader and half-year, `REMINDER_DAYS_BEFORE_DEADLINE` days before it."""

    today = today or timezone.localdate()
    sent = 0
    for period in Period.objects.open():
        days_left = (period.deadline - today).days
        if not 0 <= days_left <= settings.REMINDER_DAYS_BEFORE_DEADLINE:
            continue
        per_leader: dict = {}
        for initiative in missing_updates(period).prefetch_related("responsible_unit__leaders"):
            # The leaders of its responsible unit and its named tovholder; participating
            # units do not write the status, so they are not reminded of it.
            unit = initiative.responsible_unit
            leaders = set(unit.leaders.all()) if unit is not None else set()
            if initiative.responsible_leader is not None:
                leaders.add(initiative.responsible_leader)
            for leader in leaders:
                per_leader.setdefault(leader, []).append(initiative)
        already = set(Reminder.objects.filter(period=period).values_list("user_id", flat=True))
        link = absolute_url(reverse("initiatives:mine"))
        for leader, initiatives in per_leader.items():
            if leader.pk in already or not leader.email:
                continue
            titles = "\n".join(f"- {i.title}" for i in sorted(set(initiatives), key=str))
            mail_enqueue(
                to=leader.email,
                subject=_("Påmindelse: status for %(period)s mangler") % {"period": period},
                body=_(
                    "Kære %(name)s\n\nFristen for at opdatere status for %(period)s er "
                    "%(deadline)s. Disse tiltag mangler stadig en opdatering:\n\n%(titles)s\n\n"
                    "Opdatér dem under Mine tiltag: %(link)s\n\nVenlig hilsen\n"
                    "Strategi for Socialområdet"
                )
                % {
                    "name": person_name(leader),
                    "period": period,
                    "deadline": date_format(period.deadline),
                    "titles": titles,
                    "link": link,
                },
            )
            Reminder.objects.create(period=period, user=leader, missing_count=len(initiatives))
            sent += 1
    return sent


def drafts_for_closed_periods(*, requested_by=None) -> list[Report]:
    """When a half-year closes, draft reports for OMU and the leaders' meeting are generated:
    whenever the audience has no report requested since the close (a draft made while the
    half-year was open, or before a reopening, holds data from before the close)."""

    created = []
    period = Period.objects.latest_closed()
    if period is not None and period.closed_at is not None:
        for audience in (Audience.OMU, Audience.LEADERS):
            since_close = Report.objects.filter(
                period=period, audience=audience, requested_at__gte=period.closed_at
            )
            if not since_close.exists():
                created.append(
                    report_request(period=period, audience=audience, requested_by=requested_by)
                )
    return created
