"""Writes of the meetings app: keyword-only, typed, atomic. Each refuses with a Danish message
(MeetingError, shown with a 4xx) before anything is stored."""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.models import (
    DEFAULT_PARTICIPANT_ROLES,
    AgendaItem,
    AgendaPoint,
    CalendarFeed,
    Decision,
    FollowUp,
    Meeting,
    ReportDecision,
)
from meetings.proposal import propose_agenda

logger = logging.getLogger(__name__)


class MeetingError(Exception):
    """A refused change, with the Danish message to show (status: 409 for a state, else 422)."""

    def __init__(self, message: str, *, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


def _frozen_check(meeting: Meeting) -> None:
    if meeting.is_frozen:
        raise MeetingError(
            _("Referatet er godkendt og kan ikke længere ændres."),
            status=409,
        )


def default_participants(kind: str):
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=DEFAULT_PARTICIPANT_ROLES[kind])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@transaction.atomic
def meeting_create(
    *,
    user,
    kind: str,
    title: str,
    date: datetime.date,
    start_time: datetime.time,
    place: str,
    period=None,
    end_time: datetime.time | None = None,
    participants: Iterable | None = None,
    propose: bool = True,
) -> Meeting:
    """A meeting with the roles' participants (unless others are given) and, for a half-year,
    the proposed agenda. A meeting in the past, for a closed half-year, is allowed: minutes
    are often written later."""
    meeting = Meeting.objects.create(
        kind=kind,
        title=title,
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place,
        period=period,
        created_by=user,
    )
    meeting.participants.set(
        list(participants) if participants is not None else list(default_participants(kind))
    )
    if period is not None and propose:
        _add_points(meeting, propose_agenda(period=period, kind=kind))
    return meeting


def _add_points(meeting: Meeting, proposed) -> None:
    start = (meeting.points.aggregate(last=Max("position"))["last"] or 0) + 1
    AgendaPoint.objects.bulk_create(
        AgendaPoint(
            meeting=meeting,
            position=start + offset,
            title=point.title[:300],
            description=point.description[:4000],
            subject=point.subject,
            subject_url=point.subject_url,
            initiative_id=point.initiative_id,
        )
        for offset, point in enumerate(proposed)
    )


@transaction.atomic
def meeting_update(*, user, meeting: Meeting, participants: Iterable, **fields) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _frozen_check(meeting)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    meeting.participants.set(list(participants))
    return meeting


@transaction.atomic
def agenda_point_add(
    *, user, meeting: Meeting, title: str, description: str = "", subject_url: str = ""
) -> AgendaPoint:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _frozen_check(meeting)
    title = title.strip()
    if not title:
        raise MeetingError(_("Skriv punktets overskrift."))
    if subject_url and not subject_url.startswith("/"):
        raise MeetingError(_("Henvisningen skal være en side i appen (begynde med /)."))
    position = (meeting.points.aggregate(last=Max("position"))["last"] or 0) + 1
    return AgendaPoint.objects.create(
        meeting=meeting,
        position=position,
        title=title[:300],
        description=description.strip()[:4000],
        subject_url=subject_url,
    )


@transaction.atomic
def agenda_point_remove(*, user, point: AgendaPoint) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=point.meeting_id)
    _frozen_check(meeting)
    if point.decisions.exists():
        raise MeetingError(_("Punktet har en beslutning og kan ikke fjernes."), status=409)
    position = point.position
    point.delete()
    # The points after it move up one, so the numbers stay 1, 2, 3 … (one at a time, in
    # order, so no two share a number at any moment, on SQLite too).
    for later in meeting.points.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


@transaction.atomic
def agenda_point_move(*, user, point: AgendaPoint, direction: str) -> None:
    """Swap the point with the one before ("up") or after it ("down"); at either end nothing
    moves. The unique position is checked at commit (deferred), so the swap is one step."""
    meeting = Meeting.objects.select_for_update().get(pk=point.meeting_id)
    _frozen_check(meeting)
    if direction not in {"up", "down"}:
        raise MeetingError(_("Ukendt retning."), status=400)
    if direction == "up":
        other = meeting.points.filter(position__lt=point.position).order_by("-position").first()
    else:
        other = meeting.points.filter(position__gt=point.position).order_by("position").first()
    if other is None:
        return
    # Through 0, a number no point has, so no two points share one at any moment.
    mine, theirs = point.position, other.position
    point.position = 0
    point.save(update_fields=["position"])
    other.position = mine
    other.save(update_fields=["position"])
    point.position = theirs
    point.save(update_fields=["position"])


@transaction.atomic
def meeting_call(*, user, meeting: Meeting) -> Meeting:
    """Call the meeting: each participant gets the agenda by e-mail (once the change is
    committed)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _frozen_check(meeting)
    meeting.called_at = timezone.now()
    meeting.save(update_fields=["called_at"])
    _mail_on_commit(meeting.pk, "agenda")
    return meeting


@transaction.atomic
def point_note_set(*, user, point: AgendaPoint, note: str) -> AgendaPoint:
    meeting = Meeting.objects.select_for_update().get(pk=point.meeting_id)
    _frozen_check(meeting)
    point.note = note.strip()[:8000]
    point.save(update_fields=["note"])
    return point


@transaction.atomic
def absentees_set(*, user, meeting: Meeting, absentees: Iterable) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _frozen_check(meeting)
    absentees = list(absentees)
    participant_ids = set(meeting.participants.values_list("pk", flat=True))
    if any(person.pk not in participant_ids for person in absentees):
        raise MeetingError(_("Kun mødets deltagere kan meldes fraværende."))
    meeting.absentees.set(absentees)
    return meeting


@transaction.atomic
def decision_create(
    *,
    user,
    point: AgendaPoint,
    text: str,
    decided_on: datetime.date,
    initiatives: Iterable = (),
    follow_up: dict | None = None,
) -> Decision:
    """A decision on an agenda point, linked to initiatives and, where one is asked for, a
    follow-up on one of them (a unit, a due date and a text are all required)."""
    meeting = Meeting.objects.select_for_update().get(pk=point.meeting_id)
    _frozen_check(meeting)
    text = text.strip()
    if not text:
        raise MeetingError(_("Skriv beslutningen."))
    if decided_on < meeting.date:
        raise MeetingError(
            _("En beslutning kan ikke dateres før mødet (%(date)s).")
            % {"date": date_format(meeting.date)}
        )
    initiatives = list(initiatives)
    decision = Decision.objects.create(
        meeting=meeting, point=point, text=text, decided_on=decided_on, created_by=user
    )
    decision.initiatives.set(initiatives)
    if follow_up:
        follow_up_create(user=user, decision=decision, **follow_up)
    return decision


def follow_up_create(*, user, decision: Decision, initiative, unit, due_on, text: str) -> FollowUp:
    if unit is None:
        raise MeetingError(_("Vælg den enhed, der er ansvarlig for opfølgningen."))
    if due_on is None:
        raise MeetingError(_("Angiv en frist for opfølgningen."))
    if initiative is None:
        raise MeetingError(_("Vælg det tiltag, opfølgningen gælder."))
    if not text.strip():
        raise MeetingError(_("Skriv, hvad opfølgningen går ud på."))
    if due_on < decision.decided_on:
        raise MeetingError(_("Fristen for opfølgningen kan ikke ligge før beslutningen."))
    decision.initiatives.add(initiative)
    return FollowUp.objects.create(
        decision=decision, initiative=initiative, unit=unit, due_on=due_on, text=text.strip()
    )


@transaction.atomic
def follow_up_mark_done(*, user, follow_up: FollowUp, done_on: datetime.date) -> FollowUp:
    if follow_up.done_on is not None:
        raise MeetingError(_("Opfølgningen er allerede udført."), status=409)
    follow_up.done_on = done_on
    follow_up.save(update_fields=["done_on"])
    return follow_up


@transaction.atomic
def minutes_approve(*, user, meeting: Meeting) -> Meeting:
    """Approve the minutes: from now on the meeting, its points and decisions are frozen, and
    each participant gets the minutes by e-mail."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _frozen_check(meeting)
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = user
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by"])
    _mail_on_commit(meeting.pk, "minutes")
    return meeting


def _mail_on_commit(meeting_id: int, kind: str) -> None:
    # The one way out for this app's mail (the reliability work's outbox can take it over here).
    from meetings.tasks import send_meeting_mail

    def enqueue() -> None:
        try:
            send_meeting_mail.delay(meeting_id, kind)
        except Exception as exc:  # the broker is down: the meeting is saved, say so in the log
            logger.warning("Meeting %s mail (%s) not queued: %s", meeting_id, kind, exc)

    transaction.on_commit(enqueue)


# --- The committee's agenda item and decision ----------------------------------------------


@transaction.atomic
def agenda_item_draft(*, user, report) -> AgendaItem:
    """Draft the committee's agenda item from the committee report's frozen data."""
    from meetings.agenda_item import draft_sections

    if report.audience != "committee" or report.status != "done":
        raise MeetingError(
            _("Et dagsordenpunkt laves kun til udvalgets færdige rapport."), status=409
        )
    if AgendaItem.objects.filter(report=report).exists():
        raise MeetingError(_("Rapporten har allerede et dagsordenpunkt."), status=409)
    return AgendaItem.objects.create(report=report, author=_author(user), **draft_sections(report))


def _author(user) -> str:
    return user.get_full_name() or user.username


AGENDA_ITEM_SECTIONS = (
    "title",
    "case_route",
    "account",
    "context",
    "economy",
    "legal_basis",
    "recommendation",
)


@transaction.atomic
def agenda_item_update(*, user, item: AgendaItem, **sections: str) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    unknown = set(sections) - set(AGENDA_ITEM_SECTIONS)
    if unknown:
        raise ValueError(f"Unknown sections: {sorted(unknown)}")
    for name, value in sections.items():
        setattr(item, name, value.strip())
    if not item.title or not item.account or not item.recommendation:
        raise MeetingError(_("Titel, sagsfremstilling og indstilling skal udfyldes."))
    item.author = _author(user)
    item._change_reason = _("Rettet i appen")  # type: ignore[attr-defined]
    item.save()
    return item


@transaction.atomic
def report_decision_record(
    *, user, report, committee: str, decided_on: datetime.date, text: str, absent: str = ""
) -> ReportDecision:
    """The committee's decision on a published report; recorded once."""
    if not report.is_published:
        raise MeetingError(
            _("Udvalgets beslutning registreres på en offentliggjort rapport."), status=409
        )
    if ReportDecision.objects.filter(report=report).exists():
        raise MeetingError(_("Udvalgets beslutning er allerede registreret."), status=409)
    if not committee.strip() or not text.strip():
        raise MeetingError(_("Skriv udvalgets navn og beslutningen."))
    if report.finished_at and decided_on < timezone.localdate(report.finished_at):
        raise MeetingError(_("Beslutningen kan ikke dateres før rapporten blev dannet."))
    return ReportDecision.objects.create(
        report=report,
        committee=committee.strip(),
        decided_on=decided_on,
        text=text.strip(),
        absent=absent.strip(),
        recorded_by=user,
    )


# --- Calendar feeds ------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_issue(*, user) -> str:
    """A new personal calendar token (shown once); any earlier address stops working."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": CalendarFeed.hash(token), "created_at": timezone.now()}
    )
    return token


@transaction.atomic
def calendar_feed_revoke(*, user) -> bool:
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)
