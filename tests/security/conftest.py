"""Fixtures for the security tests."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile

from api.services import api_token_create
from indicators.models import Indicator
from reports.documents import build_snapshot
from reports.models import Audience, Report
from staffing.services import staffing_load_bilag2
from tests.initiatives.factories import InitiativeFactory, PeriodFactory


@pytest.fixture
def world(standing_users, unit_a, unit_b, settings, tmp_path) -> dict:
    settings.MEDIA_ROOT = tmp_path
    closed = PeriodFactory(year=2026, half=1, is_open=False)
    open_ = PeriodFactory(year=2026, half=2, is_open=True)
    administrator = standing_users["administrator"]

    def report(audience: str, stage: str) -> Report:
        content = b"%PDF-1.7 matrix"
        return Report.objects.create(
            period=closed,
            audience=audience,
            version=1,
            requested_by=administrator,
            status=Report.Status.DONE,
            stage=stage,
            snapshot=build_snapshot(period=closed, audience=audience),
            file=ContentFile(content, name=f"{audience}-{stage}.pdf"),
            sha256=hashlib.sha256(content).hexdigest(),
        )

    world = {
        **standing_users,
        "closed_period": closed,
        "open_period": open_,
        # Unit A is responsible; unit B takes part (its leader adds contributions only).
        "initiative_a": InitiativeFactory(
            title="Tiltag i Område Grenå", responsible_unit=unit_a, units=[unit_b]
        ),
        "initiative_b": InitiativeFactory(title="Tiltag i Område Ørum", responsible_unit=unit_b),
        # Out of the plan: readable, changed by no one until taken out of the archive.
        "archived_initiative": InitiativeFactory(
            title="Arkiveret tiltag i Område Grenå",
            responsible_unit=unit_a,
            archived_at=datetime.datetime(2026, 10, 5, 9, 30, tzinfo=datetime.UTC),
            archive_reason="Erstattet af et andet tiltag.",
        ),
        "snapshot": staffing_load_bilag2(),
        "indicator_a": _indicator("Indikator for Område Grenå", unit_a),
        "indicator_b": _indicator("Indikator for Område Ørum", unit_b),
        "computed_indicator": _indicator(
            "Beregnet andel", unit_a.parent, computed="trained_share", measure="percent"
        ),
        "draft_report": report(Audience.OMU, Report.Stage.DRAFT),
        "published_report": report(Audience.COMMITTEE, Report.Stage.PUBLISHED),
        **_meetings_world(standing_users, closed, administrator),
        "api_token": api_token_create(
            name="Power BI",
            scope="intern",
            expires_on=datetime.date(2099, 1, 1),
            user=standing_users["administrator"],
        )[0],
    }
    from meetings.services import agenda_item_draft

    world["agenda_item"] = agenda_item_draft(user=administrator, report=world["published_report"])
    return world


def _indicator(name: str, unit, *, computed: str = "", measure: str = "count") -> Indicator:
    from strategy.models import Objective

    indicator = Indicator.objects.create(
        name=name,
        definition="En indikator til test.",
        unit=measure,
        decimals=1,
        direction="higher",
        responsible_unit=unit,
        computed=computed,
    )
    indicator.objectives.set([Objective.objects.get(theme__number=2, number=1)])
    return indicator


def _meetings_world(users: dict, period, administrator) -> dict:
    """A ledermøde unit A's leader takes part in (leader B does not), one of its points, a
    follow-up for unit A, and the committee report's agenda item."""
    from meetings.models import Decision, FollowUp, Meeting
    from meetings.services import meeting_create

    meeting = meeting_create(
        user=administrator,
        kind="leaders",
        title="Ledermøde",
        date=datetime.date(2026, 8, 20),
        start_time=datetime.time(9),
        place="Rådhuset",
        period=period,
        participants=[administrator, users["leader_a"]],
    )
    committee_meeting = Meeting.objects.create(
        kind="committee",
        title="Udvalgsmøde",
        date=datetime.date(2026, 9, 1),
        start_time=datetime.time(15),
        place="Rådhuset",
    )
    point = meeting.points.first()
    decision = Decision.objects.create(
        meeting=meeting, point=point, text="Besluttet.", decided_on=meeting.date
    )
    from tests.initiatives.factories import InitiativeFactory

    initiative = InitiativeFactory(title="Tiltag med opfølgning")
    follow_up = FollowUp.objects.create(
        decision=decision,
        initiative=initiative,
        unit=_unit_a(),
        due_on=datetime.date(2026, 10, 1),
        text="Følg op.",
    )
    return {
        "meeting": meeting,
        "committee_meeting": committee_meeting,
        "point": point,
        "follow_up": follow_up,
    }


def _unit_a():
    from strategy.models import Unit

    return Unit.objects.get(name="Område Grenå")
