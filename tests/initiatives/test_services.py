"""Status updates are saved with optimistic locking; half-years open and close, audited."""

import datetime

import pytest

from accounts.models import AuditEvent
from initiatives.models import Initiative, Period, StatusUpdate, TrafficLight
from initiatives.services import (
    DeadlineError,
    InitiativeError,
    PeriodClosedError,
    PeriodError,
    StaleVersionError,
    period_close,
    period_create,
    period_open,
    period_reopen,
    period_set_deadline,
    status_update_save,
)
from tests.initiatives.factories import PeriodFactory


def _save(initiative, period, author, *, version=0, **overrides):
    values = {
        "traffic_light": TrafficLight.GREEN,
        "progress": 30,
        "status_text": "Kurset er i gang.",
        "next_steps": "Næste hold i foråret.",
    }
    values.update(overrides)
    return status_update_save(
        initiative=initiative, period=period, author=author, expected_version=version, **values
    )


@pytest.mark.django_db
def test_it_creates_the_first_update_at_version_one(initiative_a, open_period, leader_a):
    update = _save(initiative_a, open_period, leader_a)
    assert update.version == 1
    assert update.author == leader_a
    assert update.lifecycle_status == Initiative.Lifecycle.IN_PROGRESS


@pytest.mark.django_db
def test_it_updates_from_the_current_version_and_keeps_every_change(
    initiative_a, open_period, leader_a
):
    _save(initiative_a, open_period, leader_a)
    update = _save(
        initiative_a,
        open_period,
        leader_a,
        version=1,
        traffic_light=TrafficLight.YELLOW,
        progress=45,
    )
    assert update.version == 2
    assert StatusUpdate.objects.count() == 1
    history = list(update.history.order_by("history_date").values_list("traffic_light", "progress"))
    assert history == [("green", 30), ("yellow", 45)]


@pytest.mark.django_db
def test_a_stale_version_is_refused_with_what_the_other_person_changed(
    initiative_a, open_period, leader_a, administrator
):
    _save(initiative_a, open_period, leader_a)
    # Both open version 1; the administrator saves first.
    _save(initiative_a, open_period, administrator, version=1, traffic_light=TrafficLight.RED)
    with pytest.raises(StaleVersionError) as error:
        _save(initiative_a, open_period, leader_a, version=1, progress=90)
    assert "har gemt en nyere status" in str(error.value)
    assert [(c.label, c.old, c.new) for c in error.value.changes] == [
        ("Trafiklys", "Planmæssigt", "Forsinket – kræver handling")
    ]
    update = StatusUpdate.objects.get()
    assert (update.traffic_light, update.progress, update.version) == ("red", 30, 2)


@pytest.mark.django_db
def test_two_first_saves_cannot_both_win(initiative_a, open_period, leader_a, administrator):
    _save(initiative_a, open_period, administrator)
    with pytest.raises(StaleVersionError):
        _save(initiative_a, open_period, leader_a, version=0)
    assert StatusUpdate.objects.get().author == administrator


@pytest.mark.django_db
def test_a_closed_half_year_is_read_only(initiative_a, closed_period, leader_a):
    with pytest.raises(PeriodClosedError, match=r"1\. halvår 2026 er lukket"):
        _save(initiative_a, closed_period, leader_a)
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"progress": 150}, "mellem 0 og 100"),
        ({"progress": -1}, "mellem 0 og 100"),
        ({"traffic_light": ""}, "Vælg et trafiklys"),
        ({"traffic_light": "blue"}, "Vælg et trafiklys"),
        ({"status_text": "x" * 2001}, "højst være 2000 tegn"),
        ({"lifecycle_status": "done"}, "gyldig status"),
    ],
)
def test_bad_values_are_refused_in_danish(initiative_a, open_period, leader_a, overrides, message):
    with pytest.raises(InitiativeError, match=message):
        _save(initiative_a, open_period, leader_a, **overrides)
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_progress_outside_0_100(initiative_a, open_period):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        StatusUpdate.objects.create(
            initiative=initiative_a, period=open_period, traffic_light="green", progress=101
        )


@pytest.mark.django_db
def test_setting_completed_updates_the_initiative(initiative_a, open_period, leader_a):
    _save(initiative_a, open_period, leader_a, lifecycle_status=Initiative.Lifecycle.COMPLETED)
    initiative_a.refresh_from_db()
    assert initiative_a.lifecycle_status == Initiative.Lifecycle.COMPLETED


@pytest.mark.django_db
def test_opening_and_closing_a_half_year_is_audited(administrator):
    planned = PeriodFactory(year=2026, half=1, planned=True)
    assert planned.state == Period.State.PLANNED
    period = period_open(period=planned, user=administrator)
    assert period.is_open and period.opened_at
    assert period.state == Period.State.OPEN
    period = period_close(period=period, user=administrator)
    assert not period.is_open and period.closed_at
    assert period.state == Period.State.CLOSED
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.PERIOD_CHANGED).order_by("created_at")
    assert [e.details["action"] for e in events] == ["opened", "closed"]
    assert all(e.target == "1. halvår 2026" and e.user == administrator for e in events)


@pytest.mark.django_db
def test_a_closed_half_year_is_not_reopened_with_one_click(closed_period, administrator):
    with pytest.raises(PeriodClosedError, match="kun genåbnes med en skriftlig begrundelse"):
        period_open(period=closed_period, user=administrator)
    closed_period.refresh_from_db()
    assert closed_period.state == Period.State.CLOSED
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PERIOD_CHANGED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_reopening_without_a_reason_is_refused_and_changes_nothing(
    closed_period, administrator, reason
):
    history_before = closed_period.history.count()
    with pytest.raises(PeriodError, match=r"Skriv en begrundelse for at genåbne 1\. halvår 2026"):
        period_reopen(period=closed_period, reason=reason, user=administrator)
    closed_period.refresh_from_db()
    assert (closed_period.is_open, closed_period.reopened_at) == (False, None)
    assert closed_period.history.count() == history_before
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PERIOD_CHANGED).exists()


@pytest.mark.django_db
def test_reopening_with_a_reason_is_in_the_security_log_and_the_history(
    closed_period, administrator
):
    reason = "En leder indberettede forkert fremdrift for KRAP; rettes efter aftale med OMU."
    period = period_reopen(period=closed_period, reason=f"  {reason} ", user=administrator)
    assert period.state == Period.State.OPEN
    assert period.reopened_at is not None and period.reopen_reason == reason
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PERIOD_CHANGED)
    assert (event.target, event.user, event.details["action"], event.details["reason"]) == (
        "1. halvår 2026",
        administrator,
        "reopened",
        reason,
    )
    latest = period.history.order_by("-history_date").first()
    # history_change_reason holds 100 characters: "Genåbnet: " and the first 90 of the reason.
    assert latest.history_change_reason == f"Genåbnet: {reason}"[:100]
    assert latest.reopen_reason == reason
    with pytest.raises(PeriodError, match="ikke lukket og kan ikke genåbnes"):
        period_reopen(period=period, reason="Igen.", user=administrator)


@pytest.mark.django_db
def test_reopening_waits_for_the_open_half_year_to_close(open_period, closed_period, administrator):
    with pytest.raises(PeriodError, match=r"2\. halvår 2026 er stadig åben"):
        period_reopen(period=closed_period, reason="Rettelse.", user=administrator)
    closed_period.refresh_from_db()
    assert closed_period.state == Period.State.CLOSED


# 2. halvår 2026 runs 1 July – 31 December 2026; 31 December + 60 days = 1 March 2027.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("deadline", "allowed"),
    [
        (datetime.date(2026, 6, 30), False),
        (datetime.date(2026, 7, 1), True),
        (datetime.date(2026, 12, 31), True),
        (datetime.date(2027, 3, 1), True),
        (datetime.date(2027, 3, 2), False),
        (datetime.date(2026, 1, 1), False),
    ],
)
def test_a_deadline_lies_in_the_half_year_or_at_most_60_days_after(
    administrator, deadline, allowed
):
    message = (
        "Fristen skal ligge i halvåret eller højst 60 dage efter dets afslutning "
        "(senest 1. marts 2027)."
    )
    if allowed:
        period = period_create(year=2026, half=2, deadline=deadline, user=administrator)
        assert period.deadline == deadline
        return
    with pytest.raises(DeadlineError) as raised:
        period_create(year=2026, half=2, deadline=deadline, user=administrator)
    assert str(raised.value) == message
    assert not Period.objects.exists()
    planned = PeriodFactory(year=2026, half=2, planned=True)
    with pytest.raises(DeadlineError, match=r"senest 1\. marts 2027"):
        period_open(period=planned, deadline=deadline, user=administrator)
    planned.refresh_from_db()
    assert (planned.state, planned.deadline) == (Period.State.PLANNED, datetime.date(2026, 12, 15))
    opened = period_open(period=planned, user=administrator)
    with pytest.raises(DeadlineError, match=r"senest 1\. marts 2027"):
        period_set_deadline(period=opened, deadline=deadline, user=administrator)
    opened.refresh_from_db()
    assert opened.deadline == datetime.date(2026, 12, 15)
    actions = AuditEvent.objects.filter(kind=AuditEvent.Kind.PERIOD_CHANGED)
    assert [e.details["action"] for e in actions] == ["opened"]


@pytest.mark.django_db
def test_only_one_half_year_is_open_at_a_time(open_period, closed_period, administrator):
    with pytest.raises(PeriodError, match=r"2\. halvår 2026 er stadig åben"):
        period_open(period=closed_period, user=administrator)
    with pytest.raises(PeriodError, match="allerede lukket"):
        period_close(period=closed_period, user=administrator)


@pytest.mark.django_db
def test_a_new_half_year_gets_its_dates_and_starts_closed(open_period, administrator):
    period = period_create(
        year=2027, half=1, deadline=datetime.date(2027, 6, 15), user=administrator
    )
    assert (period.start, period.end) == (datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))
    assert not period.is_open
    assert period.name == "1. halvår 2027"
    with pytest.raises(PeriodError, match="findes allerede"):
        period_create(year=2027, half=1, deadline=datetime.date(2027, 6, 15))


@pytest.mark.django_db
def test_period_previous_and_queryset_helpers(open_period, closed_period):
    assert open_period.previous() == closed_period
    assert closed_period.previous() is None
    assert Period.objects.current_open() == open_period
    assert list(Period.objects.open()) == [open_period]
    assert Period.objects.latest_closed() == closed_period


@pytest.mark.django_db
def test_a_planned_half_year_is_neither_closed_nor_started(open_period, closed_period):
    planned = PeriodFactory(year=2027, half=1, planned=True)
    assert list(Period.objects.closed()) == [closed_period]
    assert list(Period.objects.planned()) == [planned]
    assert list(Period.objects.started()) == [open_period, closed_period]
    assert Period.objects.latest_closed() == closed_period
