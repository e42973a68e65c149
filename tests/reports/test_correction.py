"""A send-back can be answered: the administration opens a correction of the closed half-year
for named initiatives of the report, without closing the open one; the responsible leaders
are e-mailed and see a banner, may change only those initiatives' status in the closed
half-year, and the correction closes itself when they are done (or by its deadline). The next
version of the report shows OMU's comment, the reply and what was corrected."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from initiatives.models import Correction, Period, StatusUpdate
from initiatives.services import corrections_close_expired
from reports.models import Audience, Report, ReportCorrection
from reports.services import ReportError, report_correction_open, report_initiatives
from tests.initiatives.factories import InitiativeFactory
from tests.reports.conftest import pdf_text

COMMENT = "Bed lederen rette teksten om KRAP."
REPLY = "Lederen retter statusteksten; version 2 følger."
NEW_TEXT = "Rettet tekst: alle medarbejdere har gennemført KRAP-forløbet."
DEADLINE = datetime.date(2099, 1, 15)


@pytest.fixture
def sent_back(make_report, client_for, monkeypatch):
    """The OMU report of 1. halvår 2026, version 1, sent back by OMU on 3 December 2026."""
    report = make_report(Audience.OMU, stage=Report.Stage.LEADERS_REVIEWED)
    on_3_december = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC)
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: on_3_december)
        response = client_for("omu_member").post(
            reverse("reports:send_back", args=[report.pk]), {"comment": COMMENT}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.stage == Report.Stage.SENT_BACK
    return report


@pytest.fixture
def grenaa_item(sent_back, unit_a, closed_period):
    """An initiative of Område Grenå shown in the report, with a status in 1. halvår 2026."""
    for initiative in report_initiatives(sent_back):
        if (
            initiative.responsible_unit_id == unit_a.pk
            and StatusUpdate.objects.filter(initiative=initiative, period=closed_period).exists()
        ):
            return initiative
    raise AssertionError("the loaded plan has no updated Grenå initiative")


def _open(client, report, initiatives, **overrides):
    data = {
        "initiatives": [i.pk for i in initiatives],
        "deadline": DEADLINE.isoformat(),
        "reply": REPLY,
        **overrides,
    }
    return client.post(reverse("reports:correction", args=[report.pk]), data)


def test_a_send_back_is_answered_corrected_and_shown_in_the_next_version(
    client_for,
    sent_back,
    grenaa_item,
    closed_period,
    leader_a,
    make_report,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    open_period = Period.objects.get(is_open=True)
    admin = client_for("administrator")
    with django_capture_on_commit_callbacks(execute=True):
        response = _open(admin, sent_back, [grenaa_item])
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert list(correction.initiatives.all()) == [grenaa_item]
    assert Period.objects.get(pk=open_period.pk).is_open  # the open half-year stays open

    # The reason is in the security log; the leaders are e-mailed.
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.PERIOD_CHANGED).latest("pk")
    assert event.details["action"] == "correction_opened"
    assert event.details["reason"] == COMMENT
    to_a = next(m for m in mailoutbox if m.to == ["leder_a@example.invalid"])
    assert to_a.subject == "Rettelse af 1. halvår 2026"
    assert "OMU har bedt om en rettelse af 1. halvår 2026, frist 15. januar 2099:" in to_a.body
    edit = reverse("initiatives:status_edit", args=[grenaa_item.pk])
    assert f"- {grenaa_item.title}: http://" in to_a.body
    assert f"{edit}?halvaar={closed_period.pk}" in to_a.body

    # The banner on Mine tiltag, with the way in.
    leader = client_for("leader_a")
    mine = leader.get(reverse("initiatives:mine")).content.decode()
    assert "OMU har bedt om en rettelse af 1. halvår 2026, frist 15. januar 2099" in mine
    assert f'href="{edit}?halvaar={closed_period.pk}"' in mine

    # The leader corrects the status in the closed half-year.
    update = StatusUpdate.objects.get(initiative=grenaa_item, period=closed_period)
    old_text = update.status_text
    form = leader.get(f"{edit}?halvaar={closed_period.pk}")
    assert form.status_code == 200
    assert "1. halvår 2026" in form.content.decode()
    saved = leader.post(
        edit,
        {
            "traffic_light": update.traffic_light,
            "progress": str(update.progress),
            "lifecycle_status": update.lifecycle_status,
            "status_text": NEW_TEXT,
            "next_steps": update.next_steps,
            "version": str(update.version),
            "period": str(closed_period.pk),
        },
    )
    assert saved.status_code == 302
    update.refresh_from_db()
    assert update.status_text == NEW_TEXT
    record = update.history.latest("history_date")
    assert record.history_change_reason.startswith("Rettelse efter tilbagesendelse: Bed lederen")
    # Its one initiative is done: the correction closed itself, and the banner is gone.
    assert Correction.objects.get().closed_at is not None
    assert (
        "OMU har bedt om en rettelse"
        not in leader.get(reverse("initiatives:mine")).content.decode()
    )

    # The next version shows the send-back, the reply and what was corrected.
    version_2 = make_report(Audience.OMU)
    assert version_2.version == 2
    answer = version_2.snapshot["send_back"]
    assert answer["comment"] == COMMENT
    assert answer["reply"] == REPLY
    assert answer["date"] == "3. december 2026"
    assert answer["corrected"] == [
        {
            "title": grenaa_item.title,
            "anchor": f"tiltag-{grenaa_item.pk}",
            "changes": [{"label": "Status", "old": old_text, "new": NEW_TEXT}],
        }
    ]
    assert answer["url"].endswith(f"/rapporter/{sent_back.pk}/")
    with version_2.file.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "Svar på tilbagesendelsen af version 1" in text
    assert f"Rettet efter OMU's kommentar 3. december 2026: {grenaa_item.title}" in text
    assert "Bed lederen rette teksten om KRAP." in text
    assert "Lederen retter statusteksten; version 2 følger." in text


def test_only_the_named_initiatives_change_in_the_closed_half_year(
    client_for, sent_back, grenaa_item, closed_period, unit_a
):
    """Another initiative with a status in 1. halvår 2026 stays frozen, even for the
    administrator: 409."""
    admin = client_for("administrator")
    _open(admin, sent_back, [grenaa_item])
    other = (
        StatusUpdate.objects.filter(period=closed_period).exclude(initiative=grenaa_item).first()
    )
    assert other is not None
    before = other.status_text
    response = admin.post(
        reverse("initiatives:status_edit", args=[other.initiative_id]),
        {
            "traffic_light": other.traffic_light,
            "progress": str(other.progress),
            "lifecycle_status": other.lifecycle_status,
            "status_text": "Ikke tilladt.",
            "next_steps": other.next_steps,
            "version": str(other.version),
            "period": str(closed_period.pk),
        },
    )
    assert response.status_code == 409
    assert "1. halvår 2026 er lukket, og dets status kan ikke ændres." in response.content.decode()
    other.refresh_from_db()
    assert other.status_text == before


def test_a_correction_closes_itself_by_its_deadline(sent_back, grenaa_item, administrator):
    report_correction_open(
        report=sent_back,
        initiatives=[grenaa_item],
        deadline=DEADLINE,
        reply=REPLY,
        user=administrator,
    )
    assert corrections_close_expired(today=DEADLINE) == 0  # the deadline day itself is open
    assert corrections_close_expired(today=DEADLINE + datetime.timedelta(days=1)) == 1
    assert Correction.objects.get().closed_at is not None


# --- Bad input: a Danish 4xx, and nothing changed ------------------------------------------------


def test_an_initiative_not_in_the_report_is_refused(client_for, sent_back, unit_a):
    outside = InitiativeFactory(title="Kom med efter rapporten", responsible_unit=unit_a)
    response = _open(client_for("administrator"), sent_back, [outside])
    assert response.status_code == 422
    assert "Vælg kun tiltag, der er med i rapporten." in response.content.decode()
    assert not Correction.objects.exists() and not ReportCorrection.objects.exists()


def test_the_service_refuses_an_initiative_not_in_the_report(sent_back, unit_a, administrator):
    outside = InitiativeFactory(title="Kom med efter rapporten", responsible_unit=unit_a)
    with pytest.raises(ReportError, match=r"Ikke med i rapporten: Kom med efter rapporten\."):
        report_correction_open(
            report=sent_back,
            initiatives=[outside],
            deadline=DEADLINE,
            reply=REPLY,
            user=administrator,
        )
    assert not Correction.objects.exists()


def test_a_correction_after_publication_is_refused(client_for, sent_back, grenaa_item, make_report):
    make_report(Audience.COMMITTEE, stage=Report.Stage.PUBLISHED)
    response = _open(client_for("administrator"), sent_back, [grenaa_item])
    assert response.status_code == 409
    assert (
        "En rapport for 1. halvår 2026 er offentliggjort for udvalget; halvåret kan ikke "
        "længere rettes." in response.content.decode()
    )
    assert not Correction.objects.exists()


def test_a_second_open_correction_of_an_initiative_is_refused(
    client_for, sent_back, grenaa_item, make_report, omu_member
):
    admin = client_for("administrator")
    assert _open(admin, sent_back, [grenaa_item]).status_code == 302
    second = make_report(Audience.LEADERS, stage=Report.Stage.SENT_BACK)
    response = _open(admin, second, [grenaa_item])
    assert response.status_code == 409
    assert f"Der er allerede en åben rettelse af {grenaa_item.title}." in response.content.decode()
    assert Correction.objects.count() == 1
    assert not ReportCorrection.objects.filter(report=second).exists()


def test_a_report_not_sent_back_cannot_be_answered(client_for, make_report, grenaa_item):
    draft = make_report(Audience.OMU)
    response = _open(client_for("administrator"), draft, [grenaa_item])
    assert response.status_code == 409
    assert "Kun en rapport, der er sendt tilbage, kan besvares med en rettelse." in (
        response.content.decode()
    )
    assert not Correction.objects.exists()
