"""Settings come from the environment; a bad value stops start-up with one clear sentence."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.LANGUAGE_CODE, "
    "s.TIME_ZONE, s.DEBUG)"
)


def _run(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    clean["DJANGO_SETTINGS_MODULE"] = "socialomraade.settings"
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_database_and_redis_it_uses_sqlite_and_runs_tasks_in_process():
    result = _run(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "da",
        "Europe/Copenhagen",
        "True",
    ]


def test_with_database_and_redis_urls_it_uses_postgres_and_a_broker():
    result = _run(
        DEBUG="false",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["django.db.backends.postgresql", "False"]


def test_with_redis_every_process_shares_one_cache(settings):
    """Two processes (two web workers) see each other's cache entries: a value one sets,
    the other reads. Without REDIS_URL each keeps its own, in memory."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    prefix = f"cache-test-{uuid.uuid4().hex}"

    def shell(code: str, **env: str) -> str:
        clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT,
            env={**clean, "DEBUG": "true", "CACHE_KEY_PREFIX": prefix, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    setter = "from django.core.cache import cache; cache.set('delt', 'ja', 60)"
    getter = "from django.core.cache import cache; print(cache.get('delt', 'nej'))"
    shell(setter, REDIS_URL=url)
    assert shell(getter, REDIS_URL=url) == "ja"
    shell(setter)
    assert shell(getter) == "nej"


@pytest.mark.parametrize(
    ("env", "sentence"),
    [
        ({"DATABASE_URL": "mysql//nope"}, "DATABASE_URL must start with postgres:// or sqlite://"),
        ({"DATABASE_URL": "postgres://host:5432/"}, "DATABASE_URL names no database"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL must look like redis://host:6379/0"),
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT must be a whole number"),
    ],
)
def test_a_malformed_value_stops_start_up_with_a_clear_sentence(env, sentence):
    result = _run(**{"DEBUG": "true", **env})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert sentence in result.stderr


def test_production_without_secret_key_refuses_to_start():
    clean = {"DEBUG": "false"}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}},
            "DJANGO_SETTINGS_MODULE": "socialomraade.settings",
            **clean,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_locale_paths_exist():
    from django.conf import settings

    assert settings.LOCALE_PATHS
    for path in settings.LOCALE_PATHS:
        assert Path(path).is_dir(), path


PRINT_SITE_URL = (
    "import django; django.setup(); from django.conf import settings as s; print(s.SITE_URL)"
)


def _site_url(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SITE_URL],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "socialomraade.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_site_url_refuses_to_start():
    result = _site_url(DEBUG="false")
    assert result.returncode != 0
    assert (
        "SITE_URL must be set when DEBUG is off: the address e-mails link to, like "
        "https://strategi.norddjurs.dk."
    ) in result.stderr


def test_a_site_url_that_is_no_address_refuses_to_start():
    result = _site_url(DEBUG="false", SITE_URL="strategi.norddjurs.dk")
    assert result.returncode != 0
    assert (
        "SITE_URL must be the site's address, like https://strategi.norddjurs.dk, not "
        "'strategi.norddjurs.dk'."
    ) in result.stderr


def test_the_site_url_defaults_to_the_address_make_run_serves_and_drops_a_trailing_slash():
    assert _site_url(DEBUG="true").stdout.strip() == "http://127.0.0.1:8000"
    configured = _site_url(DEBUG="false", SITE_URL="https://strategi.norddjurs.dk/")
    assert configured.stdout.strip() == "https://strategi.norddjurs.dk"
