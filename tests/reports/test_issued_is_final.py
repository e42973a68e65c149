"""An issued report (rendered, or signed off beyond the draft) is final, with its sign-offs and
comments: not changed or deleted through the admin (change form, delete view, bulk action) or
the model layer."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from reports.models import Report, ReportComment, SignOff
from reports.services import report_comment_add, report_sign_off

pytestmark = pytest.mark.django_db
FINAL_REPORT = "En udsendt rapport kan ikke ændres eller slettes"


@pytest.fixture
def issued(make_report, administrator, omu_member):
    report = make_report("omu")
    report_sign_off(report=report, stage="leaders_reviewed", user=administrator)
    report_comment_add(report=report, author=omu_member, text="Fint overblik.")
    report.refresh_from_db()
    return report


@pytest.fixture
def admin_client(administrator) -> Client:
    client = Client()
    client.force_login(administrator)
    return client


def _state() -> list:
    return [
        list(Report.objects.order_by("pk").values_list("pk", "stage", "sha256", "status")),
        list(SignOff.objects.values_list("pk", "stage", "comment")),
        list(ReportComment.objects.values_list("pk", "text")),
    ]


def test_the_admin_shows_an_issued_report_read_only_and_refuses_to_delete_it(admin_client, issued):
    before = _state()
    change = reverse("admin:reports_report_change", args=[issued.pk])
    assert admin_client.post(change, {}).status_code == 403
    response = admin_client.post(
        reverse("admin:reports_report_delete", args=[issued.pk]), {"post": "yes"}, follow=True
    )
    assert FINAL_REPORT in response.content.decode()
    response = admin_client.post(
        reverse("admin:reports_report_changelist"),
        {"action": "delete_selected", "_selected_action": [issued.pk], "post": "yes"},
        follow=True,
    )
    assert FINAL_REPORT in response.content.decode()
    comment = ReportComment.objects.get()
    response = admin_client.post(
        reverse("admin:reports_reportcomment_change", args=[comment.pk]), {"text": "Ændret."}
    )
    assert response.status_code == 403
    response = admin_client.post(
        reverse("admin:reports_reportcomment_delete", args=[comment.pk]),
        {"post": "yes"},
        follow=True,
    )
    assert "Kommentarer på en udsendt rapport kan ikke ændres eller slettes" in (
        response.content.decode()
    )
    assert _state() == before


def test_a_pending_report_can_still_be_deleted_in_the_admin(admin_client, closed_period):
    pending = Report.objects.create(period=closed_period, audience="omu", version=1)
    response = admin_client.post(
        reverse("admin:reports_report_delete", args=[pending.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Report.objects.exists()


def test_the_database_refuses_to_change_or_delete_an_issued_report_and_its_parts(issued):
    before = _state()
    attempts = [
        (lambda: Report.objects.filter(pk=issued.pk).update(sha256="0" * 64), IntegrityError),
        (lambda: Report.objects.filter(pk=issued.pk).update(stage="draft"), IntegrityError),
        (lambda: Report.objects.filter(pk=issued.pk).update(snapshot={}), IntegrityError),
        (lambda: issued.delete(), ProtectedError),  # its sign-offs are PROTECTed
        (lambda: SignOff.objects.all().delete(), IntegrityError),
        (lambda: SignOff.objects.update(comment="Ændret."), IntegrityError),
        (lambda: ReportComment.objects.all().delete(), IntegrityError),
        (lambda: ReportComment.objects.update(text="Ændret."), IntegrityError),
    ]
    for attempt, error in attempts:
        with pytest.raises(error), transaction.atomic():
            attempt()
    assert _state() == before


def test_a_rendered_draft_without_sign_offs_is_not_deleted_either(make_report):
    report = make_report("leaders")
    with pytest.raises(IntegrityError, match="udsendt rapport"), transaction.atomic():
        Report.objects.filter(pk=report.pk).delete()
    assert Report.objects.filter(pk=report.pk).exists()
    Report.objects.filter(pk=report.pk).update(stage="leaders_reviewed")  # forward is allowed
