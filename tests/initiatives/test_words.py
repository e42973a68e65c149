"""Words: singular and plural, neuter nouns, OMU in capitals, Danish file names, an empty
choice that says what it asks for, the committee's way to the web version."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.templatetags.text import lowerfirst
from reports.models import Audience, Report
from tests.initiatives.factories import PeriodFactory, StatusUpdateFactory


def test_one_updated_initiative_is_dit_tiltag(client_for, initiative_a, open_period):
    """Leader A is responsible for one initiative (KRAP i Område Grenå), updated."""
    StatusUpdateFactory(initiative=initiative_a, period=open_period)
    content = client_for("leader_a").get(reverse("initiatives:mine")).content.decode()
    assert "Dit tiltag er opdateret for 2. halvår 2026." in content
    assert "Alle dine 1 tiltag" not in content


def test_closing_says_dets_status(client_for, open_period):
    client = client_for("administrator")
    response = client.post(
        reverse("initiatives:period_close", args=[open_period.pk]), {"notify_leaders": "0"}
    )
    page = client.get(response.url).content.decode()
    assert "2. halvår 2026 er lukket. Dets status kan ikke længere ændres." in page


def test_a_stage_inside_a_sentence_keeps_omu_in_capitals():
    assert lowerfirst(Report.Stage.OMU_APPROVED.label) == "godkendt af OMU"
    assert lowerfirst("Behandlet på ledermødet") == "behandlet på ledermødet"


@pytest.mark.parametrize(
    ("audience", "name"),
    [
        (Audience.OMU, "omu-halvaarsstatus-1-halvaar-2026-v2.pdf"),
        (Audience.LEADERS, "ledermoede-halvaarsstatus-1-halvaar-2026-v2.pdf"),
        (Audience.COMMITTEE, "udvalg-status-1-halvaar-2026-v2.pdf"),
    ],
)
def test_report_file_names_are_danish(db, audience, name):
    period = PeriodFactory(year=2026, half=1)
    assert Report(period=period, audience=audience, version=2).filename == name


def test_the_empty_choice_names_what_it_asks_for(client_for, strategy_data):
    content = client_for("administrator").get(reverse("initiatives:create")).content.decode()
    assert "---------" not in content
    assert '<option value="" selected>Vælg fokusområde …</option>' in content


def test_the_committee_report_page_links_the_web_version(client_for, closed_period, administrator):
    report = Report.objects.create(
        period=closed_period,
        audience=Audience.COMMITTEE,
        version=1,
        status=Report.Status.DONE,
        stage=Report.Stage.PUBLISHED,
        sha256="0" * 64,
        snapshot={},
        requested_by=administrator,
    )
    content = client_for("committee_member").get(report.get_absolute_url()).content.decode()
    frozen = reverse("reports:frozen", args=[report.pk])
    assert f'href="{frozen}">Læs rapporten som webside (tilgængelig udgave)</a>' in content
