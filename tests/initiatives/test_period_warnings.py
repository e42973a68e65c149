"""A close that warns: how far off the deadline is, which units still miss updates, whether to
tell the leaders; leaders are e-mailed when their half-year closes or reopens; opening a planned
half-year is confirmed first; a reload of the reopen address shows its form."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Period
from tests.initiatives.factories import InitiativeFactory, StatusUpdateFactory


@pytest.fixture
def on_8_december(monkeypatch):
    """Today is Tuesday 8 December 2026; the open half-year's deadline is 15 December."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 12, 8))


@pytest.fixture
def plan(initiative_a, initiative_b, unit_a, open_period):
    """Unit A: KRAP i Område Grenå (missing) and Opdateret i Grenå (updated); unit B: Tiltag i
    Område Ørum (missing). So 2 missing: 1 in Område Grenå, 1 in Område Ørum."""
    updated = InitiativeFactory(title="Opdateret i Grenå", responsible_unit=unit_a)
    StatusUpdateFactory(initiative=updated, period=open_period)


@pytest.mark.parametrize(
    ("today", "note"),
    [
        (datetime.date(2026, 12, 8), "Fristen er 15. december 2026, om 7 dage"),
        (datetime.date(2026, 12, 14), "Fristen er 15. december 2026, om 1 dag"),
        (datetime.date(2026, 12, 15), "Fristen er i dag, 15. december 2026"),
        (datetime.date(2026, 12, 17), "Fristen var 15. december 2026, for 2 dage siden"),
        (datetime.date(2026, 12, 16), "Fristen var 15. december 2026, for 1 dag siden"),
    ],
)
def test_the_deadline_note_says_the_date_and_how_far_off(open_period, today, note):
    assert open_period.deadline_note(today) == note


def test_closing_before_the_deadline_warns_and_lists_the_missing_by_unit(
    client_for, on_8_december, plan, open_period
):
    content = (
        client_for("administrator")
        .get(reverse("initiatives:period_close", args=[open_period.pk]))
        .content.decode()
    )
    assert "<strong>Fristen er 15. december 2026, om 7 dage.</strong>" in content
    assert "Du lukker halvåret før fristen" in content
    assert "2 tiltag mangler stadig opdatering" in content
    # Each unit's heading (the organisation's order) with its one missing initiative under it.
    for unit, title in [
        ("Område Grenå", "KRAP i Område Grenå"),
        ("Område Ørum", "Tiltag i Område Ørum"),
    ]:
        heading = f'<h3>{unit} <span class="muted small">(1)</span></h3>'
        assert heading + "\n<ul><li><a href=" in content
        after = content[content.index(heading) :]
        assert after.index(title) < after.index("</ul>")
    assert "Opdateret i Grenå" not in content
    assert 'name="notify_leaders" id="notify-yes" value="1" checked' in content


def test_closing_after_the_deadline_does_not_call_it_early(client_for, monkeypatch, open_period):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 12, 16))
    content = (
        client_for("administrator")
        .get(reverse("initiatives:period_close", args=[open_period.pk]))
        .content.decode()
    )
    assert "<p>Fristen var 15. december 2026, for 1 dag siden.</p>" in content
    assert "før fristen" not in content


def test_closing_with_notice_emails_each_responsible_leader_their_missing_initiatives(
    client_for,
    plan,
    open_period,
    leader_a,
    leader_b,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("administrator").post(
            reverse("initiatives:period_close", args=[open_period.pk]), {"notify_leaders": "1"}
        )
    assert response.status_code == 302
    by_recipient = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_recipient) == {"leder_a@example.invalid", "leder_b@example.invalid"}
    to_a = by_recipient["leder_a@example.invalid"]
    assert to_a.subject == "2. halvår 2026 er lukket"
    assert "Kære Leder Testesen" in to_a.body
    assert "Disse af dine tiltag nåede ikke at blive opdateret:\n- KRAP i Område Grenå\n" in (
        to_a.body
    )
    assert "Opdateret i Grenå" not in to_a.body
    assert "- Tiltag i Område Ørum" in by_recipient["leder_b@example.invalid"].body


def test_closing_without_notice_sends_nothing(
    client_for, plan, open_period, leader_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("administrator").post(
            reverse("initiatives:period_close", args=[open_period.pk]), {"notify_leaders": "0"}
        )
    assert Period.objects.get(pk=open_period.pk).is_closed
    assert mailoutbox == []


def test_reopening_emails_the_leaders_with_the_reason_and_deadline(
    client_for,
    plan,
    closed_period,
    unit_a,
    leader_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
    on_8_december,
):
    """1. halvår 2026 (deadline 15 June 2026) is reopened once 2. halvår 2026 is closed."""
    Period.objects.filter(is_open=True).update(is_open=False, closed_at=timezone.now())
    initiative = InitiativeFactory(title="Grenå i foråret", responsible_unit=unit_a)
    StatusUpdateFactory(initiative=initiative, period=closed_period)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("administrator").post(
            reverse("initiatives:period_reopen", args=[closed_period.pk]),
            {"reason": "OMU bad om rettelser"},
        )
    assert response.status_code == 302
    to_a = next(mail for mail in mailoutbox if mail.to == ["leder_a@example.invalid"])
    assert to_a.subject == "1. halvår 2026 er genåbnet"
    assert (
        "1. halvår 2026 er genåbnet, så status kan rettes igen. Begrundelse: OMU bad om "
        "rettelser\nFristen var 15. juni 2026, for 176 dage siden." in to_a.body
    )  # 15 June → 8 December: 15 + 31 + 31 + 30 + 31 + 30 + 8 = 176 days


def test_opening_a_planned_half_year_asks_first(client_for, planned_period):
    Period.objects.filter(is_open=True).update(is_open=False, closed_at=timezone.now())
    client = client_for("administrator")
    periods = client.get(reverse("initiatives:periods")).content.decode()
    url = reverse("initiatives:period_open", args=[planned_period.pk])
    assert f'<a class="button" href="{url}">Åbn 1. halvår 2027</a>' in periods
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Bekræft: åbn 1. halvår 2027" in confirm.content.decode()
    assert not Period.objects.get(pk=planned_period.pk).is_open  # asking opened nothing
    assert client.post(url).status_code == 302
    assert Period.objects.get(pk=planned_period.pk).is_open


def test_reloading_the_reopen_address_shows_its_form(client_for, closed_period):
    response = client_for("administrator").get(
        reverse("initiatives:period_reopen", args=[closed_period.pk])
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<details open>" in content
    assert "Begrundelse for at genåbne" in content
