"""Production settings pass Django's deployment checks and lock the session down."""

import os
import subprocess
import sys
from pathlib import Path

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
