"""Writes for initiatives: half-years opened and closed, status saved without lost updates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import STATUS_TEXT_MAX, Initiative, Period, StatusUpdate, TrafficLight
from strategy.audit import audit_record
from strategy.models import AuditEvent


class InitiativeError(Exception):
    """A domain error whose message is Danish and safe to show to the user."""


class PeriodClosedError(InitiativeError):
    pass


class PeriodError(InitiativeError):
    pass


class StaleVersionError(InitiativeError):
    """Someone else saved the status update after this user opened it."""

    def __init__(self, current: StatusUpdate, changes: list[FieldChange]):
        self.current = current
        self.changes = changes
        who = _author_name(current)
        when = timezone.localtime(current.updated_at).strftime("%d.%m.%Y kl. %H.%M")
        super().__init__(
            _(
                "%(who)s har gemt en nyere status for dette tiltag (%(when)s), efter du åbnede "
                "den. Intet er overskrevet. Se ændringerne nedenfor, og gem igen, hvis din "
                "udgave stadig skal gælde."
            )
            % {"who": who, "when": when}
        )


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def _author_name(update: StatusUpdate) -> str:
    if update.author is None:
        return _("En anden bruger")
    return update.author.get_full_name() or update.author.get_username()


STATUS_FIELDS = ["traffic_light", "progress", "lifecycle_status", "status_text", "next_steps"]


def display_value(field: str, value) -> str:
    if value in (None, ""):
        return "–"
    if field == "traffic_light":
        return str(TrafficLight(value).label)
    if field == "lifecycle_status":
        return str(Initiative.Lifecycle(value).label)
    if field == "progress":
        return f"{value} %"
    return str(value)


def field_label(field: str) -> str:
    return str(StatusUpdate._meta.get_field(field).verbose_name).capitalize()


def status_changes(old: dict | None, new: StatusUpdate) -> list[FieldChange]:
    """What differs between an earlier state (dict of field values, None if it did not exist)
    and the current update, as readable changes."""
    changes = []
    for field in STATUS_FIELDS:
        before = None if old is None else old.get(field)
        after = getattr(new, field)
        if before != after:
            changes.append(
                FieldChange(
                    field,
                    field_label(field),
                    display_value(field, before),
                    display_value(field, after),
                )
            )
    return changes


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
    Initiative.objects.select_for_update().only("id").get(pk=initiative.pk)
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_open:
        raise PeriodClosedError(
            _("%(period)s er lukket, og dens status kan ikke ændres.") % {"period": period.name}
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

    current = (
        StatusUpdate.objects.select_for_update()
        .select_related("author")
        .filter(initiative=initiative, period=period)
        .first()
    )
    current_version = current.version if current else 0
    if expected_version != current_version:
        if current is None:  # a form cannot be ahead of the database
            raise InitiativeError(_("Formularen er forældet. Indlæs siden igen."))
        raise StaleVersionError(current, _changes_since(current, expected_version))

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
        update.version = current_version + 1
    update.full_clean(validate_unique=False, validate_constraints=False)
    update.save()
    if initiative.lifecycle_status != lifecycle_status:
        initiative.lifecycle_status = lifecycle_status
        initiative.save(update_fields=["lifecycle_status", "updated_at"])
    return update


def _changes_since(current: StatusUpdate, version: int) -> list[FieldChange]:
    """What the other person changed since `version`, from the kept history."""
    before = None
    if version > 0:
        record = (
            StatusUpdate.history.filter(id=current.pk, version=version)
            .order_by("-history_date")
            .values(*STATUS_FIELDS)
            .first()
        )
        before = record
    return status_changes(before, current)


def _audit_period(period: Period, action: str, user, request: HttpRequest | None) -> None:
    audit_record(
        kind=AuditEvent.Kind.PERIOD_CHANGED,
        request=request,
        user=user,
        target=period.name,
        details={"action": action, "deadline": period.deadline.isoformat()},
    )


@transaction.atomic
def period_create(
    *,
    year: int,
    half: int,
    deadline: datetime.date,
    user=None,
    request: HttpRequest | None = None,
) -> Period:
    if half not in (1, 2):
        raise PeriodError(_("Halvåret skal være 1 eller 2."))
    if Period.objects.filter(year=year, half=half).exists():
        raise PeriodError(_("%(h)s. halvår %(y)s findes allerede.") % {"h": half, "y": year})
    start, end = Period.dates_for(year, half)
    period = Period.objects.create(year=year, half=half, start=start, end=end, deadline=deadline)
    _audit_period(period, "created", user, request)
    return period


@transaction.atomic
def period_open(
    *,
    period: Period,
    user=None,
    deadline: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Period:
    """Open a half-year for updates. Only one half-year is open at a time."""
    other = Period.objects.select_for_update().open().exclude(pk=period.pk).first()
    if other is not None:
        raise PeriodError(
            _("%(other)s er stadig åben. Luk den, før du åbner %(period)s.")
            % {"other": other.name, "period": period.name}
        )
    period = Period.objects.select_for_update().get(pk=period.pk)
    if deadline is not None:
        period.deadline = deadline
    period.is_open = True
    period.opened_at = timezone.now()
    period.closed_at = None
    period.save()
    _audit_period(period, "opened", user, request)
    return period


@transaction.atomic
def period_close(*, period: Period, user=None, request: HttpRequest | None = None) -> Period:
    """Close a half-year: from now on its status updates are read-only for everyone."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_open:
        raise PeriodError(_("%(period)s er allerede lukket.") % {"period": period.name})
    period.is_open = False
    period.closed_at = timezone.now()
    period.save()
    _audit_period(period, "closed", user, request)
    return period


@transaction.atomic
def period_set_deadline(
    *, period: Period, deadline: datetime.date, user=None, request: HttpRequest | None = None
) -> Period:
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_open:
        raise PeriodClosedError(_("%(period)s er lukket.") % {"period": period.name})
    period.deadline = deadline
    period.save(update_fields=["deadline"])
    _audit_period(period, "deadline", user, request)
    return period
