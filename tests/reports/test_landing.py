"""Each role lands on its own work, and the banners speak of the user's own work."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Audience, Report
from tests.initiatives.factories import InitiativeFactory, PeriodFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def periods(db):
    closed = PeriodFactory(year=2026, half=1, is_open=False)
    open_ = PeriodFactory(year=2026, half=2, is_open=True)  # deadline 15 December 2026
    return closed, open_


def _report(period, audience: str, stage: str, version: int = 1) -> Report:
    return Report.objects.create(
        period=period,
        audience=audience,
        version=version,
        status=Report.Status.DONE,
        stage=stage,
        sha256="0" * 64,
    )


def _landing(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("reports:landing"))["Location"]


def test_a_leader_lands_on_mine_tiltag(leader_a):
    assert _landing(leader_a) == reverse("initiatives:mine")


def test_a_committee_member_lands_on_the_published_archive(committee_member):
    assert _landing(committee_member) == reverse("reports:archive")


def test_an_administrator_lands_on_the_overview(administrator):
    assert _landing(administrator) == reverse("pages:overview")


def test_an_omu_member_lands_on_the_report_awaiting_their_approval(omu_member, periods):
    closed, _open = periods
    assert _landing(omu_member) == reverse("pages:overview")
    _report(closed, Audience.OMU, Report.Stage.DRAFT)  # not yet through the leaders' meeting
    assert _landing(omu_member) == reverse("pages:overview")
    waiting = _report(closed, Audience.OMU, Report.Stage.LEADERS_REVIEWED, version=2)
    assert _landing(omu_member) == waiting.get_absolute_url()


def test_a_newer_version_supersedes_the_one_awaiting_approval(omu_member, periods):
    closed, _open = periods
    _report(closed, Audience.OMU, Report.Stage.LEADERS_REVIEWED, version=1)
    _report(closed, Audience.OMU, Report.Stage.DRAFT, version=2)
    assert list(Report.objects.awaiting(omu_member)) == []


def test_a_leaders_banner_counts_only_their_own_initiatives(client_for, unit_a, unit_b, periods):
    _closed, open_ = periods
    # Unit A is responsible for 3, has reported on 1: "mangler 2 af 3". Unit B's missing
    # initiative and the one unit A only takes part in are not unit A's.
    reported, _m1, _m2 = InitiativeFactory.create_batch(3, responsible_unit=unit_a)
    StatusUpdateFactory(initiative=reported, period=open_)
    InitiativeFactory(responsible_unit=unit_b)
    InitiativeFactory(responsible_unit=unit_b, units=[unit_a])
    client = client_for("leader_a")
    for url in (reverse("initiatives:mine"), reverse("pages:overview")):
        html = client.get(url).content.decode()
        assert "Du mangler 2 af 3 tiltag – frist 15. december 2026" in html
        assert "mangler opdatering for 2. halvår 2026" not in html


def test_an_administrators_overview_shows_missing_updates_and_reports_to_act_on(
    client_for, unit_a, unit_b, periods
):
    closed, open_ = periods
    # 4 followed up, 1 reported: 3 missing.
    initiatives = InitiativeFactory.create_batch(2, responsible_unit=unit_a)
    initiatives += InitiativeFactory.create_batch(2, responsible_unit=unit_b)
    StatusUpdateFactory(initiative=initiatives[0], period=open_)
    draft = _report(closed, Audience.LEADERS, Report.Stage.DRAFT)
    approved = _report(closed, Audience.COMMITTEE, Report.Stage.OMU_APPROVED)
    _report(closed, Audience.OMU, Report.Stage.LEADERS_REVIEWED)  # OMU's turn, not theirs
    html = client_for("administrator").get(reverse("pages:overview")).content.decode()
    assert "3 af 4 tiltag mangler opdatering for 2. halvår 2026 – frist 15. december 2026" in html
    assert "2 rapporter venter på dig:" in html
    assert draft.get_absolute_url() in html
    assert approved.get_absolute_url() in html
    assert "venter på behandling på ledermødet" in html
    assert "venter på at blive offentliggjort for udvalget" in html


def test_an_omu_members_overview_lists_what_awaits_their_approval(client_for, periods):
    closed, _open = periods
    waiting = _report(closed, Audience.OMU, Report.Stage.LEADERS_REVIEWED)
    html = unescape(client_for("omu_member").get(reverse("pages:overview")).content.decode())
    assert "1 rapport venter på dig:" in html
    assert waiting.get_absolute_url() in html
    assert "venter på OMU's godkendelse" in html
    assert "Du mangler" not in html
