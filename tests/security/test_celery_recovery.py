"""A message orphaned by a killed worker comes back in minutes: the broker's visibility timeout
is just above the task time limit (the Redis transport's default is an hour)."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

from reports.tasks import render_report
from socialomraade.celery import app

PRINT_CELERY = (
    "import django; django.setup(); from socialomraade.celery import app; "
    "print(app.conf.broker_transport_options['visibility_timeout'], app.conf.task_time_limit)"
)


def test_the_visibility_timeout_is_a_minute_above_the_task_time_limit():
    # REPORT_TIME_LIMIT_SECONDS defaults to 300: 300 + 60 = 360 s.
    assert app.conf.broker_transport_options["visibility_timeout"] == 360
    assert app.conf.task_time_limit == 300
    assert render_report.time_limit == 300


def test_the_visibility_timeout_follows_the_configured_time_limit():
    result = subprocess.run(
        [sys.executable, "-c", PRINT_CELERY],
        cwd=settings.BASE_DIR,
        env={**os.environ, "REPORT_TIME_LIMIT_SECONDS": "120"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["180", "120"]
