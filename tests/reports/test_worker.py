"""End to end through Redis and a real Celery worker process."""

import os
import signal
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Report
from tests.reports.conftest import correct_closed_status, pdf_text

pytestmark = pytest.mark.xdist_group("celery")


def _wait_for(predicate, timeout: float = 120, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out")


def _finished(pk: int):
    report = Report.objects.get(pk=pk)
    return report if report.is_finished else None


def test_a_requested_report_is_rendered_by_the_worker_and_read_back(
    celery_worker_process, plan, closed_period, administrator
):
    correct_closed_status(
        closed_period, text="Statusteksten skrevet i testen af arbejderen.", user=administrator
    )
    client = Client()
    client.force_login(administrator)
    response = client.post(
        reverse("reports:request"), {"period": closed_period.pk, "audience": "omu"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    html = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    assert "hx-trigger" in html or "Hent PDF" in html
    report = _wait_for(lambda: _finished(report.pk))
    assert report.status == Report.Status.DONE, report.error
    download = client.get(reverse("reports:download", args=[report.pk]))
    text = " ".join(pdf_text(b"".join(download.streaming_content)).split())
    assert "1. halvår 2026" in text
    for title in [
        "Borgeren først",
        "Fundamentet på plads",
        "Mest muligt i eget liv",
        "Helhed og fremtidssikring",
    ]:
        assert title in text
    assert "Statusteksten skrevet i testen af arbejderen." in text
    assert "Personalesammensætning" in text and "Socialpædagog" in text
    assert (
        "hx-trigger" not in client.get(reverse("reports:status", args=[report.pk])).content.decode()
    )


def _pool_children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children]


def test_killing_the_worker_mid_render_ends_in_exactly_one_finished_report(
    celery_worker_process, plan, closed_period, administrator
):
    from initiatives.models import Initiative, StatusUpdate, TrafficLight
    from strategy.models import Objective

    # Enough initiatives that rendering takes a few seconds.
    objectives = list(Objective.objects.all())
    for n in range(250):
        initiative = Initiative.objects.create(
            title=f"Belastningstiltag {n}", lifecycle_status="in_progress"
        )
        initiative.objectives.add(objectives[n % len(objectives)])
        StatusUpdate.objects.create(
            initiative=initiative,
            period=closed_period,
            traffic_light=TrafficLight.GREEN,
            progress=n % 100,
            status_text="Tekst " * 40,
            next_steps="Næste " * 20,
        )
    client = Client()
    client.force_login(administrator)
    client.post(reverse("reports:request"), {"period": closed_period.pk, "audience": "leaders"})
    report = Report.objects.get()
    _wait_for(lambda: Report.objects.get(pk=report.pk).status == Report.Status.RENDERING, step=0.02)
    for child in _pool_children(celery_worker_process.proc.pid):
        os.kill(child, signal.SIGKILL)
    report = _wait_for(lambda: _finished(report.pk), timeout=240)
    assert Report.objects.filter(period=closed_period, audience="leaders").count() == 1
    assert report.status == Report.Status.DONE, report.error
    assert report.attempts == 2
    assert report.file.open("rb").read(5) == b"%PDF-"
    assert celery_worker_process.proc.poll() is None


def test_a_request_while_redis_is_down_is_dispatched_when_it_is_back(
    celery_worker_process, plan, closed_period, administrator
):
    from reports.tasks import dispatch_pending_reports
    from socialomraade.celery import app

    client = Client()
    client.force_login(administrator)
    real = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # the broker is unreachable
    try:
        started = time.monotonic()
        response = client.post(
            reverse("reports:request"),
            {"period": closed_period.pk, "audience": "committee"},
            follow=True,
        )
        assert time.monotonic() - started < 10
    finally:
        app.conf.broker_url = real
    assert "opgavekøen kan ikke nås lige nu" in response.content.decode()
    report = Report.objects.get()
    assert report.status == Report.Status.PENDING and report.dispatched_at is None
    # Celery beat sends this task every minute; the broker is back, so it dispatches the row.
    dispatch_pending_reports.delay()
    report = _wait_for(lambda: _finished(report.pk))
    assert report.status == Report.Status.DONE, report.error
