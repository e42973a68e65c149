"""Headers: Permissions-Policy everywhere, no-store on logged-in pages and exports, and no
server version banner from gunicorn."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db

NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


def test_every_answer_turns_off_camera_microphone_and_geolocation(client):
    policy = client.get(reverse("login"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy.split(", ")


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        ("leader_a", "initiatives:list"),
        ("omu_member", "initiatives:export"),
        ("committee_member", "reports:archive"),
        ("administrator", "staffing:import"),
    ],
)
def test_a_logged_in_page_or_export_is_never_stored(client, standing_users, role, url_name):
    client.force_login(standing_users[role])
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_the_staffing_export_is_never_stored(client, administrator):
    from staffing.services import staffing_load_bilag2

    snapshot = staffing_load_bilag2()
    client.force_login(administrator)
    response = client.get(reverse("staffing:export", args=[snapshot.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_a_public_page_for_an_anonymous_visitor_is_not_marked_no_store(client):
    response = client.get(reverse("pages:accessibility"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_sends_no_version_banner():
    port = _free_port()
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "socialomraade.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                url = f"http://127.0.0.1:{port}/konto/log-ind/"
                with urllib.request.urlopen(url, timeout=2) as response:
                    headers = response.headers
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert headers["Server"] == "gunicorn"  # the product, no version
    assert "X-Powered-By" not in headers
    assert "camera=()" in headers["Permissions-Policy"]
