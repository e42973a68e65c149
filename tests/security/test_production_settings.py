"""Production settings pass Django's deployment checks and lock the session down."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "socialomraade.settings",
    "DEBUG": "false",
    "SECRET_KEY": "p7Vq-3xN9!r2Lk8#wT5zYb1@Hs6^Jd4&Fm0*Gc9_Qe2+Ua7=Zo3%Xi8~Rn5$Tv1",
    "ALLOWED_HOSTS": "strategi.example.dk",
    "CSRF_TRUSTED_ORIGINS": "https://strategi.example.dk",
    "DATABASE_URL": "sqlite:////tmp/socialomraade-deploy-check.sqlite3",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_COOKIES": "true",
    "SECURE_HSTS_SECONDS": "31536000",
}
# Variables the test run itself sets to relax security; a production start has none of them.
RELAXED = {
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "PLAIN_STATIC_STORAGE",
    "DEBUG",
    "REDIS_URL",
    "DATABASE_URL",
    "SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _run(args: list[str], **overrides: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in RELAXED}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **PRODUCTION_ENV, **overrides},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_checks_pass_with_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checks_fail_when_hsts_is_switched_off():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], SECURE_HSTS_SECONDS="0"
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_production_cookies_are_secure_and_sessions_have_both_timeouts():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_SAVE_EVERY_REQUEST, s.SESSION_COOKIE_AGE, s.SESSION_ABSOLUTE_SECONDS, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = _run(["-c", script], SESSION_IDLE_SECONDS="1800", SESSION_ABSOLUTE_SECONDS="28800")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "False",  # the idle expiry is renewed by SessionLifetimeMiddleware, not every request
        "1800",
        "28800",
        "31536000",
        "True",
        "False",
    ]


START = ["-c", "import django; django.setup()"]


@pytest.mark.parametrize(
    ("secret_key", "sentence"),
    [
        ("skift-mig-til-en-lang-tilfaeldig-streng", "SECRET_KEY is still the placeholder"),
        # The placeholder made long enough is still the placeholder.
        ("skift-mig-til-en-lang-tilfaeldig-streng-0123456789abc", "still the placeholder"),
        ("k" * 10 + "0123456789" * 3 + "abcdefghi", "it has 49."),
        ("ab" * 30, "SECRET_KEY must be at least 50 characters (with at least 5 different ones)"),
    ],
)
def test_production_refuses_a_placeholder_or_weak_secret_key(secret_key, sentence):
    result = _run(START, SECRET_KEY=secret_key)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY" in result.stderr
    assert sentence in result.stderr


def test_production_starts_with_a_50_character_key():
    result = _run(START, SECRET_KEY="x7Vq-3xN9!r2Lk8#wT5zYb1@Hs6^Jd4&Fm0*Gc9_Qe2+Ua7=Zo")
    assert result.returncode == 0, result.stderr


def test_development_accepts_a_short_key():
    result = _run(START, DEBUG="true", SECRET_KEY="kort")
    assert result.returncode == 0, result.stderr
