"""Writes for initiatives: half-years opened and closed, status saved without lost updates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Field
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import audit_record
from accounts.models import AuditEvent
from core.changes import FieldChange, field_label, person_name
from core.spreadsheets import rows_workbook
from core.text import required_text
from core.urls import absolute_url
from core.versions import StaleVersion, lock_at_version
from initiatives import seed
from initiatives.display import STATUS_FIELDS, status_changes
from initiatives.models import (
    ARCHIVE_REASON_MAX,
    CLOSED_LIFECYCLES,
    CONTRIBUTION_TEXT_MAX,
    INITIATIVE_HISTORY_FIELDS,
    STATUS_TEXT_MAX,
    Contribution,
    Correction,
    FocusArea,
    Initiative,
    Period,
    StatusUpdate,
    TrafficLight,
    one_history_record,
)
from initiatives.queries import leaders_to_notify
from initiatives.spreadsheets import EXPORT_COLUMNS, export_rows
from strategy.models import Objective, Unit

if TYPE_CHECKING:
    from collections.abc import Iterable


class InitiativeError(Exception):
    """A domain error whose message is Danish and safe to show to the user."""


class PeriodClosedError(InitiativeError):
    pass


class PeriodError(InitiativeError):
    pass


class DeadlineError(PeriodError):
    """The deadline lies outside the half-year and the days allowed after it."""


class InitiativeArchivedError(InitiativeError):
    """The initiative is archived: out of the living plan, and read-only until an
    administrator takes it out of the archive again."""

    def __init__(self, initiative: Initiative):
        super().__init__(
            _(
                "”%(title)s” er arkiveret og kan ikke ændres. En administrator kan tage det ud "
                "af arkivet igen."
            )
            % {"title": initiative.title}
        )


def _refuse_archived(initiative: Initiative) -> None:
    if initiative.is_archived:
        raise InitiativeArchivedError(initiative)


class StaleVersionError(StaleVersion, InitiativeError):
    """Someone else saved the status update after this user opened it."""

    current: StatusUpdate
    base: dict | None = None  # the fields at the version the user started from
    message = gettext_lazy(
        "%(who)s har gemt en nyere status for dette tiltag (%(when)s), efter du åbnede den. "
        "Intet er overskrevet. Se ændringerne nedenfor, og gem igen, hvis din udgave stadig "
        "skal gælde."
    )


@transaction.atomic
def status_update_save(
    *,
    initiative: Initiative,
    period: Period,
    author,
    traffic_light: str,
    progress: int,
    status_text: str,
    next_steps: str,
    expected_version: int,
    lifecycle_status: str | None = None,
) -> StatusUpdate:
    """Create or update the initiative's status for the period.

    `expected_version` is the version the user started from (0 when there was no update yet).
    Raises StaleVersionError if someone saved in between, PeriodClosedError if the period is
    closed. The initiative row is locked, so two first saves cannot both create a row.
    """
    _refuse_archived(
        Initiative.objects.select_for_update()
        .only("id", "title", "archived_at")
        .get(pk=initiative.pk)
    )
    period = Period.objects.select_for_update().get(pk=period.pk)
    correction = None
    if not period.is_open:
        # A closed half-year changes only under an open correction naming the initiative.
        correction = Correction.objects.covering(initiative, period).first()
        if correction is None:
            raise PeriodClosedError(
                _("%(period)s er lukket, og dets status kan ikke ændres.") % {"period": period.name}
            )
    if traffic_light not in TrafficLight.values:
        raise InitiativeError(_("Vælg et trafiklys."))
    if not 0 <= int(progress) <= 100:
        raise InitiativeError(_("Fremdriften skal være mellem 0 og 100 %."))
    for text, label in ((status_text, _("Status")), (next_steps, _("Næste skridt"))):
        if len(text) > STATUS_TEXT_MAX:
            raise InitiativeError(
                _("%(label)s må højst være %(max)s tegn.")
                % {"label": label, "max": STATUS_TEXT_MAX}
            )
    lifecycle_status = lifecycle_status or initiative.lifecycle_status
    if lifecycle_status not in Initiative.Lifecycle.values:
        raise InitiativeError(_("Vælg en gyldig status for tiltaget."))

    current = lock_at_version(
        StatusUpdate.objects.filter(initiative=initiative, period=period),
        expected_version,
        error=InitiativeError,
        stale=lambda row: _stale(row, expected_version),
    )

    values = {
        "traffic_light": traffic_light,
        "progress": int(progress),
        "lifecycle_status": lifecycle_status,
        "status_text": status_text.strip(),
        "next_steps": next_steps.strip(),
        "author": author,
        "is_demo": False,
    }
    if current is None:
        update = StatusUpdate(initiative=initiative, period=period, version=1, **values)
    else:
        update = current
        for key, value in values.items():
            setattr(update, key, value)
        update.version = current.version + 1
    update.full_clean(validate_unique=False, validate_constraints=False)
    if correction is not None:
        reason = _("Rettelse efter tilbagesendelse: %(reason)s") % {"reason": correction.reason}
        update._change_reason = reason[:100]  # type: ignore[attr-defined]
    update.save()
    if correction is not None:
        _close_correction_when_done(correction)
    if initiative.lifecycle_status != lifecycle_status:
        initiative.lifecycle_status = lifecycle_status
        initiative.save(update_fields=["lifecycle_status", "updated_at"])
    return update


@transaction.atomic
def contribution_create(
    *, initiative: Initiative, period: Period, unit: Unit, author, text: str
) -> Contribution:
    """A participating unit adds its contribution to the initiative's status for the open
    half-year; the status itself stays the responsible side's. Kept in the history."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_open:
        raise PeriodClosedError(
            _("%(period)s er lukket, og der kan ikke tilføjes bidrag.") % {"period": period.name}
        )
    text = required_text(
        text,
        limit=CONTRIBUTION_TEXT_MAX,
        missing=_("Skriv dit bidrag."),
        too_long=_("Bidraget må højst være %(max)s tegn."),
        error=InitiativeError,
    )
    _refuse_archived(
        Initiative.objects.select_for_update()
        .only("id", "title", "archived_at")
        .get(pk=initiative.pk)
    )
    if not initiative.units.filter(pk=unit.pk).exists():
        raise InitiativeError(
            _("%(unit)s deltager ikke i ”%(title)s”.")
            % {"unit": unit.name, "title": initiative.title}
        )
    return Contribution.objects.create(
        initiative=initiative, period=period, unit=unit, author=author, text=text
    )


class InitiativeStaleError(InitiativeError):
    """Someone saved the initiative after this user opened it."""

    def __init__(self, current: Initiative, changes: list[FieldChange]):
        self.current = current
        self.changes = changes
        super().__init__(
            _(
                "En anden har gemt tiltaget, efter du åbnede det. Intet er overskrevet. Se "
                "ændringerne nedenfor, og gem igen, hvis din udgave stadig skal gælde."
            )
        )


def _plan_changes_since(current: Initiative, version: int) -> list[FieldChange]:
    """What the other person changed since `version`, from the kept history. Values of
    related rows are shown by id: a conflict is rare, and its page links to the history."""
    columns = [
        cast(Field, Initiative._meta.get_field(f)).attname for f in INITIATIVE_HISTORY_FIELDS
    ]
    before = (
        Initiative.history.filter(id=current.pk, version=version)
        .order_by("-history_date")
        .values(*columns)
        .first()
        or {}
    )
    changes = []
    for name, column in zip(INITIATIVE_HISTORY_FIELDS, columns, strict=True):
        old, new = before.get(column), getattr(current, column)
        if old != new:
            changes.append(
                FieldChange(name, field_label(Initiative, name), str(old or "–"), str(new or "–"))
            )
    return changes


@transaction.atomic
def initiative_save(*, initiative: Initiative, form, author, expected_version: int) -> Initiative:
    """Save an initiative from its (valid) editing form: a new one (no pk), or an edit that
    started from `expected_version`. Raises InitiativeStaleError when someone saved in
    between, InitiativeError when the plan cannot hold. Every change goes into the history."""
    if initiative.pk is not None:
        current = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if current.version != expected_version:
            raise InitiativeStaleError(current, _plan_changes_since(current, expected_version))
        _refuse_archived(current)
        initiative.version = current.version + 1
    errors = initiative.plan_errors()
    if errors:
        raise InitiativeError(" ".join(errors.values()))
    if initiative.pk is None and not initiative.order:
        last = Initiative.objects.order_by("-order").values_list("order", flat=True).first()
        initiative.order = (last or 0) + 1
    initiative._history_user = author
    # The row and its målsætninger and units: one record in the history.
    with one_history_record(initiative):
        form.save()
    return initiative


def _archive_reason(reason: str) -> str:
    return required_text(
        reason,
        limit=ARCHIVE_REASON_MAX,
        missing=_("Skriv en kort begrundelse."),
        too_long=_("Begrundelsen må højst være %(max)s tegn."),
        error=InitiativeError,
    )


def archive_step_error(initiative: Initiative, *, archive: bool) -> str | None:
    """The Danish message when the initiative is already where archiving (`archive`) or taking
    it out of the archive would take it; None when the step can be taken."""
    if initiative.is_archived != archive:
        return None
    message = (
        _("”%(title)s” er allerede arkiveret.") if archive else _("”%(title)s” er ikke arkiveret.")
    )
    return message % {"title": initiative.title}


def _set_archived(initiative: Initiative, *, archived: bool, reason: str, author) -> Initiative:
    reason = _archive_reason(reason)
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    error = archive_step_error(current, archive=archived)
    if error:
        raise InitiativeError(error)
    current.archived_at = timezone.now() if archived else None
    current.archive_reason = reason
    # A form opened before this is stale: saving it would change an archived initiative.
    current.version += 1
    current._history_user = author
    current.save(update_fields=["archived_at", "archive_reason", "version", "updated_at"])
    return current


@transaction.atomic
def initiative_archive(*, initiative: Initiative, reason: str, author) -> Initiative:
    """Take the initiative out of the living plan (see `in_plan_q`) with a short reason, which
    its page and its history show. It stays readable at its address with its status,
    contributions and history; the half-years closed before today keep counting it, and no
    one changes it until an administrator takes it out of the archive again."""
    return _set_archived(initiative, archived=True, reason=reason, author=author)


@transaction.atomic
def initiative_unarchive(*, initiative: Initiative, reason: str, author) -> Initiative:
    """Bring an archived initiative back into the living plan, with a short reason (kept in
    `archive_reason` and the history, as the archive's was)."""
    return _set_archived(initiative, archived=False, reason=reason, author=author)


def _version_values(current: StatusUpdate, version: int) -> dict | None:
    """The update's fields as they were at `version`, from the kept history (None before the
    first save)."""
    if version <= 0:
        return None
    return (
        StatusUpdate.history.filter(id=current.pk, version=version)
        .order_by("-history_date")
        .values(*STATUS_FIELDS)
        .first()
    )


def _stale(current: StatusUpdate, version: int) -> StaleVersionError:
    """The conflict: what the other person changed since `version`, and that version's values
    (`base`), so the form can merge by field (core.versions.merge_by_field)."""
    base = _version_values(current, version)
    error = StaleVersionError(current, status_changes(base, current))
    error.base = base
    return error


def initiatives_export(
    initiatives: Iterable[Initiative], period: Period | None, *, user, filters: dict
) -> bytes:
    """The initiatives as an .xlsx file (initiatives.spreadsheets); the export is audited."""
    content, rows = rows_workbook("Tiltag", EXPORT_COLUMNS, export_rows(initiatives, period))
    audit_record(
        kind=AuditEvent.Kind.EXPORT,
        user=user,
        target="initiatives.xlsx",
        details={"filters": filters, "rows": rows},
    )
    return content


def _audit_period(period: Period, action: str, user, **details) -> None:
    audit_record(
        kind=AuditEvent.Kind.PERIOD_CHANGED,
        user=user,
        target=period.name,
        details={"action": action, **details, "deadline": period.deadline.isoformat()},
    )


@transaction.atomic
def period_create(
    *,
    year: int,
    half: int,
    deadline: datetime.date,
    user=None,
) -> Period:
    if half not in (1, 2):
        raise PeriodError(_("Halvåret skal være 1 eller 2."))
    if Period.objects.filter(year=year, half=half).exists():
        raise PeriodError(_("%(h)s. halvår %(y)s findes allerede.") % {"h": half, "y": year})
    start, end = Period.dates_for(year, half)
    period = Period(year=year, half=half, start=start, end=end, deadline=deadline)
    _check_deadline(period, deadline)
    period.save()
    _audit_period(period, "created", user)
    return period


def _check_deadline(period: Period, deadline: datetime.date) -> None:
    error = period.deadline_error(deadline)
    if error:
        raise DeadlineError(error)


@transaction.atomic
def period_open(
    *,
    period: Period,
    user=None,
    deadline: datetime.date | None = None,
) -> Period:
    """Open a planned half-year for updates. Only one half-year is open at a time; a closed
    one is reopened only with a reason (`period_reopen`)."""
    period = _lock_for_opening(period)
    if period.is_closed:
        raise PeriodClosedError(
            _(
                "%(period)s er lukket. Et lukket halvår kan kun genåbnes med en skriftlig "
                "begrundelse."
            )
            % {"period": period.name}
        )
    if period.is_open:
        raise PeriodError(_("%(period)s er allerede åben.") % {"period": period.name})
    if deadline is not None:
        _check_deadline(period, deadline)
        period.deadline = deadline
    period.is_open = True
    period.opened_at = timezone.now()
    period.save()
    _audit_period(period, "opened", user)
    return period


def _lock_for_opening(period: Period) -> Period:
    # Two openings of different half-years lock different rows and would both find no other
    # open one; locking every half-year (a handful of rows) makes the second wait and see the
    # first, instead of failing on the one-open-half-year constraint.
    list(Period.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    other = Period.objects.open().exclude(pk=period.pk).first()
    if other is not None:
        raise PeriodError(
            _("%(other)s er stadig åben. Luk den, før du åbner %(period)s.")
            % {"other": other.name, "period": period.name}
        )
    return Period.objects.select_for_update().get(pk=period.pk)


REOPEN_REASON_MAX = 1000


@transaction.atomic
def period_reopen(*, period: Period, reason: str, user) -> Period:
    """Reopen a closed half-year, which only an administrator does and only with a written
    reason: it goes into the security log and the half-year's history. Reports already issued
    for it keep their frozen data (their pages say the half-year was reopened after them)."""
    reason = reason.strip()
    if not reason:
        raise PeriodError(
            _("Skriv en begrundelse for at genåbne %(period)s.") % {"period": period.name}
        )
    if len(reason) > REOPEN_REASON_MAX:
        raise PeriodError(
            _("Begrundelsen må højst være %(max)s tegn.") % {"max": REOPEN_REASON_MAX}
        )
    period = _lock_for_opening(period)
    if not period.is_closed:
        raise PeriodError(
            _("%(period)s er ikke lukket og kan ikke genåbnes.") % {"period": period.name}
        )
    period.is_open = True
    period.reopened_at = timezone.now()
    period.reopen_reason = reason
    period.closed_at = None
    # history_change_reason holds 100 characters; the whole reason is in `reopen_reason`.
    period._change_reason = (_("Genåbnet: %(reason)s") % {"reason": reason})[:100]
    period.save()
    _audit_period(period, "reopened", user, reason=reason)
    # The leaders may change their status again: they are told, with the reason.
    period_id = period.pk
    transaction.on_commit(lambda: period_leaders_notify(period_id=period_id, action=REOPENED))
    return period


@transaction.atomic
def period_close(*, period: Period, user=None, notify_leaders: bool = False) -> Period:
    """Close a half-year: from now on its status updates are read-only for everyone. With
    `notify_leaders`, the responsible leaders get an e-mail once the close is committed."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_open:
        raise PeriodError(_("%(period)s er allerede lukket.") % {"period": period.name})
    period.is_open = False
    period.closed_at = timezone.now()
    period.save()
    _audit_period(period, "closed", user, notify_leaders=notify_leaders)
    if notify_leaders:
        period_id = period.pk
        transaction.on_commit(lambda: period_leaders_notify(period_id=period_id, action=CLOSED))
    return period


# --- Corrections of a closed half-year after a send-back ----------------------------------------


class CorrectionError(InitiativeError):
    """The correction cannot be opened as asked; nothing was stored."""


@transaction.atomic
def correction_open(
    *,
    period: Period,
    initiatives: list[Initiative],
    reason: str,
    deadline: datetime.date,
    user,
) -> Correction:
    """Let the responsible leaders change the status of `initiatives` in the closed `period`
    until `deadline` (the open half-year stays open). Refused for a half-year that is not
    closed, an initiative outside its plan, one already under an open correction, or a
    deadline in the past. Logged with the reason; the leaders are e-mailed on commit."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_closed:
        raise CorrectionError(
            _("Kun et lukket halvår kan rettes; %(period)s er ikke lukket.")
            % {"period": period.name}
        )
    reason = required_text(
        reason,
        limit=2000,
        missing=_("Skriv, hvad der skal rettes."),
        too_long=_("Begrundelsen må højst være %(max)s tegn."),
        error=CorrectionError,
    )
    if not initiatives:
        raise CorrectionError(_("Vælg mindst ét tiltag, der skal rettes."))
    if deadline < timezone.localdate():
        raise CorrectionError(_("Fristen for rettelsen kan ikke ligge før i dag."))
    ids = [initiative.pk for initiative in initiatives]
    in_plan = set(
        Initiative.objects.in_plan(period).filter(pk__in=ids).values_list("pk", flat=True)
    )
    outside = [i.title for i in initiatives if i.pk not in in_plan]
    if outside:
        raise CorrectionError(
            _("Ikke med i %(period)s: %(titles)s.")
            % {"period": period.name, "titles": ", ".join(outside)}
        )
    # Lock the initiatives, so two corrections of one initiative cannot both open.
    list(Initiative.objects.select_for_update().filter(pk__in=ids).only("pk"))
    busy = Initiative.objects.filter(
        pk__in=ids, corrections__in=Correction.objects.open().filter(period=period)
    ).values_list("title", flat=True)
    if busy:
        raise CorrectionError(
            _("Der er allerede en åben rettelse af %(titles)s.")
            % {"titles": ", ".join(sorted(busy))}
        )
    correction = Correction.objects.create(
        period=period, reason=reason, deadline=deadline, opened_by=user
    )
    correction.initiatives.set(initiatives)
    _audit_period(
        period,
        "correction_opened",
        user,
        reason=reason,
        initiatives=sorted(ids),
        correction_deadline=deadline.isoformat(),
    )
    correction_id = correction.pk
    transaction.on_commit(lambda: correction_leaders_notify(correction_id=correction_id))
    return correction


def _close_correction_when_done(correction: Correction) -> None:
    """Closed once every named initiative has a status saved since the correction opened."""
    done = StatusUpdate.objects.filter(
        period=correction.period,
        initiative__in=correction.initiatives.all(),
        updated_at__gte=correction.opened_at,
    ).count()
    if done == correction.initiatives.count():
        Correction.objects.filter(pk=correction.pk).update(closed_at=timezone.now())


def corrections_close_expired(*, today: datetime.date | None = None) -> int:
    """Close the corrections whose deadline has passed (Celery beat, daily)."""
    today = today or timezone.localdate()
    return Correction.objects.filter(closed_at__isnull=True, deadline__lt=today).update(
        closed_at=timezone.now()
    )


def correction_leaders_notify(*, correction_id: int) -> int:
    """E-mail each responsible leader of the correction's initiatives what to correct."""
    correction = Correction.objects.select_related("period").get(pk=correction_id)
    per_leader: dict = {}
    for initiative in correction.initiatives.select_related(
        "responsible_unit", "responsible_leader"
    ).prefetch_related("responsible_unit__leaders"):
        unit = initiative.responsible_unit
        people = set(unit.leaders.all()) if unit is not None else set()
        if initiative.responsible_leader is not None:
            people.add(initiative.responsible_leader)
        for person in people:
            per_leader.setdefault(person, []).append(initiative)
    site = settings.SITE_URL.rstrip("/")
    sent = 0
    for leader, initiatives in per_leader.items():
        if not leader.email:
            continue
        lines = [
            _("Kære %(name)s") % {"name": person_name(leader)},
            "",
            _("OMU har bedt om en rettelse af %(period)s, frist %(deadline)s:")
            % {"period": correction.period.name, "deadline": date_format(correction.deadline)},
            correction.reason,
            "",
            _("Ret status for disse tiltag i %(period)s:") % {"period": correction.period.name},
        ]
        for initiative in sorted(initiatives, key=lambda i: i.title):
            url = reverse("initiatives:status_edit", args=[initiative.pk])
            lines.append(f"- {initiative.title}: {site}{url}?halvaar={correction.period.pk}")
        lines += ["", _("Venlig hilsen"), _("Strategi for Socialområdet")]
        send_leader_mail(
            leader=leader,
            subject=_("Rettelse af %(period)s") % {"period": correction.period.name},
            body="\n".join(str(line) for line in lines),
        )
        sent += 1
    return sent


# --- Telling the leaders that their half-year closed or reopened ------------------------------

CLOSED, REOPENED = "closed", "reopened"


def send_leader_mail(*, leader, subject: str, body: str) -> None:
    """The one place this app sends mail (to one leader), so a mail queue or outbox can take
    it over in one line."""
    send_mail(
        subject=subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[leader.email],
    )


def period_leaders_notify(*, period_id: int, action: str) -> int:
    """E-mail each leader responsible for an initiative in the half-year's plan that it was
    closed (naming their initiatives that missed an update) or reopened (with the reason and
    the deadline). Returns how many were sent; leaders without an e-mail address are skipped."""
    period = Period.objects.get(pk=period_id)
    link = absolute_url(reverse("initiatives:mine"))
    sent = 0
    for leader, missing in leaders_to_notify(period).items():
        if not leader.email:
            continue
        if action == CLOSED:
            subject = _("%(period)s er lukket") % {"period": period.name}
            lines = [
                _("%(period)s er lukket. Status for tiltagene kan ikke længere ændres.")
                % {"period": period.name}
            ]
            if missing:
                lines += [
                    "",
                    _("Disse af dine tiltag nåede ikke at blive opdateret:"),
                    *(f"- {initiative.title}" for initiative in missing),
                ]
        else:
            subject = _("%(period)s er genåbnet") % {"period": period.name}
            lines = [
                _("%(period)s er genåbnet, så status kan rettes igen. Begrundelse: %(reason)s")
                % {"period": period.name, "reason": period.reopen_reason},
                period.deadline_note() + ".",
            ]
        body = "\n".join(
            [
                _("Kære %(name)s") % {"name": person_name(leader)},
                "",
                *(str(line) for line in lines),
                "",
                _("Se dine tiltag: %(link)s") % {"link": link},
                "",
                _("Venlig hilsen"),
                _("Strategi for Socialområdet"),
            ]
        )
        send_leader_mail(leader=leader, subject=subject, body=body)
        sent += 1
    return sent


@transaction.atomic
def period_set_deadline(*, period: Period, deadline: datetime.date, user=None) -> Period:
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_open:
        raise PeriodClosedError(_("%(period)s er lukket.") % {"period": period.name})
    _check_deadline(period, deadline)
    period.deadline = deadline
    period.save(update_fields=["deadline"])
    _audit_period(period, "deadline", user)
    return period


# --- Loading the real development plan ---------------------------------------------------------


@dataclass(frozen=True)
class PlanLoadResult:
    focus_areas: int
    initiatives_created: int
    initiatives_total: int
    periods_created: int


@transaction.atomic
def plan_load_norddjurs() -> PlanLoadResult:
    """Load the fokusområder, the development plan's initiatives and the half-years.

    Idempotent and respectful of later edits: what exists is left as it is (the plan is living
    data, edited by administrators and leaders), only what is missing is created.
    """
    focus_areas = {}
    for order, name in enumerate(seed.FOCUS_AREAS, start=1):
        focus_areas[name], _created = FocusArea.objects.get_or_create(
            name=name, defaults={"order": order}
        )
    objectives = {o.code: o for o in Objective.objects.select_related("theme")}
    units = {u.name: u for u in Unit.objects.select_related("parent")}
    parent_of = {u.name: (u.parent.name if u.parent is not None else None) for u in units.values()}
    entries = {entry["key"]: entry for entry in seed.INITIATIVES}
    loaded: dict[str, Initiative] = {}
    created_count = 0

    def load(key: str) -> Initiative:
        nonlocal created_count
        if key in loaded:
            return loaded[key]
        entry = entries[key]
        parent = load(entry["parent"]) if entry.get("parent") else None
        responsible = units[seed.responsible_unit_key(entry["units"], parent_of)]
        start = entry.get("start") or (None, None)
        end = entry.get("end") or (None, None)
        initiative = Initiative.objects.filter(title=entry["title"], parent=parent).first()
        if initiative is None:
            initiative = Initiative(
                title=entry["title"],
                parent=parent,
                description=entry["description"],
                focus_area=focus_areas.get(entry["focus"]) if entry["focus"] else None,
                start_year=start[0],
                start_quarter=start[1],
                end_year=end[0],
                end_quarter=end[1],
                timing_note=entry.get("timing_note", ""),
                lifecycle_status=entry["status"],
                conditions=entry.get("conditions", ""),
                source=entry["source"],
                source_document=entry["document"],
                in_plan_since=datetime.date(*seed.DOCUMENT_DATES[entry["document"]]),
                order=list(entries).index(key) + 1,
                responsible_unit=responsible,
            )
            # Created with its målsætninger and participating units: one history record.
            with one_history_record(initiative):
                initiative.save()
                initiative.objectives.set([objectives[code] for code in entry["objectives"]])
                initiative.units.set(
                    [units[name] for name in entry["units"] if units[name] != responsible]
                )
            created_count += 1
        else:
            # Loaded before the plan kept these: fill them in, nothing else is touched.
            if initiative.in_plan_since is None:
                initiative.in_plan_since = datetime.date(*seed.DOCUMENT_DATES[entry["document"]])
                initiative.save(update_fields=["in_plan_since"])
            if initiative.responsible_unit_id is None:
                initiative.responsible_unit = responsible
                initiative.save(update_fields=["responsible_unit"])
                initiative.units.remove(responsible)
        loaded[key] = initiative
        return initiative

    for key in entries:
        load(key)

    periods_created = 0
    open_exists = Period.objects.open().exists()
    for year, half in seed.PERIODS:
        start, end = Period.dates_for(year, half)
        is_current = (year, half) == seed.OPEN_PERIOD
        deadline = (
            datetime.date(*seed.OPEN_DEADLINE)
            if is_current
            else datetime.date(end.year, end.month, seed.CLOSED_DEADLINE_DAY)
        )
        opens = is_current and not open_exists
        _period, created = Period.objects.get_or_create(
            year=year,
            half=half,
            defaults={
                "start": start,
                "end": end,
                "deadline": deadline,
                "is_open": opens,
                "opened_at": timezone.now() if opens else None,
                "closed_at": None if opens else timezone.now(),
            },
        )
        periods_created += created
    return PlanLoadResult(
        focus_areas=len(focus_areas),
        initiatives_created=created_count,
        initiatives_total=Initiative.objects.count(),
        periods_created=periods_created,
    )


# DEMO DATA. The initiatives above are real; these status updates are invented examples so the
# app is not empty on first start. Every row is flagged `is_demo=True` and shown as "Eksempel".
DEMO_PERIODS = [(2025, 2), (2026, 1)]
DEMO_PATTERN = [
    TrafficLight.GREEN,
    TrafficLight.GREEN,
    TrafficLight.YELLOW,
    TrafficLight.GREEN,
    TrafficLight.RED,
    TrafficLight.GREEN,
    TrafficLight.YELLOW,
]
DEMO_TEXTS = {
    TrafficLight.GREEN: "Eksempel: arbejdet forløber som planlagt.",
    TrafficLight.YELLOW: "Eksempel: der er risiko for forsinkelse; tidsplanen drøftes.",
    TrafficLight.RED: "Eksempel: arbejdet er forsinket og kræver en ledelsesbeslutning.",
}
DEMO_NEXT_STEPS = "Eksempel: status følges op på næste ledermøde."


@transaction.atomic
def plan_load_demo_status() -> int:
    """DEMO DATA: example status updates for two past half-years (2. halvår 2025 and
    1. halvår 2026), flagged `is_demo`. Idempotent: existing updates are never touched.

    The pattern gives the overview and the changes page something to show: most initiatives
    are reported in both half-years, some only from 1. halvår 2026 (new), and some change
    traffic light between the two.
    """
    initiatives = list(
        Initiative.objects.exclude(lifecycle_status__in=CLOSED_LIFECYCLES).order_by("order", "pk")
    )
    periods = {
        (p.year, p.half): p for p in Period.objects.filter(year__in={y for y, _h in DEMO_PERIODS})
    }
    existing = set(
        StatusUpdate.objects.filter(period__in=periods.values()).values_list(
            "initiative_id", "period_id"
        )
    )
    created = 0
    for step, key in enumerate(DEMO_PERIODS):
        period = periods.get(key)
        if period is None:
            continue
        for i, initiative in enumerate(initiatives):
            if step == 0 and i % 7 == 3:
                continue  # first reported in the later half-year: "new"
            if (initiative.pk, period.pk) in existing:
                continue
            light = DEMO_PATTERN[(i + (step if i % 5 == 0 else 0)) % len(DEMO_PATTERN)]
            when = timezone.make_aware(
                datetime.datetime.combine(
                    period.deadline - datetime.timedelta(days=i % 10), datetime.time(10, 0)
                )
            )
            update = StatusUpdate(
                initiative=initiative,
                period=period,
                traffic_light=light,
                progress=min(95, 15 + (i * 7) % 45 + 15 * step),
                lifecycle_status=initiative.lifecycle_status,
                status_text=DEMO_TEXTS[light],
                next_steps=DEMO_NEXT_STEPS,
                is_demo=True,
            )
            update._history_date = when
            update.save()
            StatusUpdate.objects.filter(pk=update.pk).update(created_at=when, updated_at=when)
            created += 1
    return created
