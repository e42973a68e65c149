"""/sundhed/ checks what it says: 503 with a Danish reason when the database cannot be reached,
"nedsat" when Redis (the cache and the Celery broker) cannot; HEAD works like GET.

Each fault case runs the app in a fresh Python process whose settings point the database or
Redis at a port nothing listens on, as a container would start with them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/sundhed/")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _health_in_a_process(**env: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "socialomraade.settings",
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "CRITICAL",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_a_healthy_app_says_ok_for_the_database_the_cache_and_the_broker():
    response = Client().get("/sundhed/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_head_on_the_health_check_answers_like_get_without_a_body():
    response = Client().head("/sundhed/")
    assert response.status_code == 200
    assert response.content == b""


def test_the_database_down_is_a_503_with_a_danish_reason():
    answer = _health_in_a_process(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{_closed_port()}/so_findes_ikke"
    )
    assert answer == {
        "status": 503,
        "body": {"status": "fejl", "detail": "Databasen kan ikke nås.", "database": "fejl"},
    }


def test_redis_down_is_degraded_not_failed():
    """The database answers (the server's own "postgres" database: only SELECT 1 is asked);
    Redis, the cache and the broker, does not."""
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    answer = _health_in_a_process(
        DATABASE_URL=f"{server}/postgres", REDIS_URL=f"redis://127.0.0.1:{_closed_port()}/0"
    )
    assert answer == {
        "status": 200,
        "body": {
            "status": "nedsat",
            "database": "ok",
            "cache": "nedsat",
            "broker": "nedsat",
            "detail": (
                "Redis kan ikke nås: siderne svarer fra databasen (langsommere). "
                "Opgavekøen (Celery) kan ikke nås: rapporter og e-mails venter, til den er "
                "tilbage."
            ),
        },
    }
