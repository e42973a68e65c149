"""`make backup` and `make restore` carry the database and the uploaded files to a fresh place."""

import hashlib
import subprocess
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from reports.models import Audience, Report
from strategy.models import Unit
from tests.conftest import _database_url
from tests.initiatives.factories import PeriodFactory

ROOT = Path(__file__).resolve().parent.parent.parent
PDF = b"%PDF-1.7 backup test " + bytes(range(256))


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _psql(database_url: str, sql: str) -> str:
    result = subprocess.run(
        ["psql", "--no-psqlrc", "--tuples-only", "--no-align", database_url, "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:12]}"
    server = _database_url().rsplit("/", 1)[0]
    _psql(f"{server}/postgres", f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    _psql(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_with_its_files(
    strategy_data, administrator, settings, tmp_path, fresh_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    Unit.objects.create(name="Tilbud gemt i backup", kind=Unit.Kind.SERVICE)
    report = Report.objects.create(
        period=PeriodFactory(year=2025, half=2),
        audience=Audience.OMU,
        version=1,
        requested_by=administrator,
        status=Report.Status.DONE,
        file=ContentFile(PDF, name="rapport.pdf"),
        sha256=hashlib.sha256(PDF).hexdigest(),
    )
    backups = tmp_path / "backups"

    backup = _make(
        "backup",
        f"DATABASE_URL={_database_url()}",
        f"MEDIA_ROOT={settings.MEDIA_ROOT}",
        f"BACKUP_DIR={backups}",
    )
    assert backup.returncode == 0, backup.stdout + backup.stderr
    (dump,) = backups.glob("socialomraade-*.dump")
    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    media = dump.with_name(dump.name.replace(".dump", ".media.tar.gz"))
    # Password hashes and the audit log: the owner's alone (files 0600 in a 0700 folder).
    assert [oct(path.stat().st_mode & 0o777) for path in (backups, dump, media)] == [
        "0o700",
        "0o600",
        "0o600",
    ]

    restored_media = tmp_path / "restored-media"
    restore = _make(
        "restore", f"FILE={dump}", f"DATABASE_URL={fresh_database}", f"MEDIA_ROOT={restored_media}"
    )
    assert restore.returncode == 0, restore.stdout + restore.stderr

    assert (
        _psql(
            fresh_database, "SELECT count(*) FROM strategy_unit WHERE name = 'Tilbud gemt i backup'"
        )
        == "1"
    )
    assert _psql(fresh_database, "SELECT count(*) FROM strategy_theme") == "4"
    stored_name = _psql(fresh_database, "SELECT file FROM reports_report")
    assert stored_name == report.file.name
    assert (restored_media / stored_name).read_bytes() == PDF


def test_restore_without_a_file_explains_how_to_call_it():
    result = _make("restore", "DATABASE_URL=postgres://postgres@127.0.0.1:5432/x")
    assert result.returncode != 0
    assert "Brug: make restore FILE=" in result.stdout


def test_backup_refuses_to_run_without_a_database_url():
    result = _make("backup", "DATABASE_URL=")
    assert result.returncode != 0
    assert "Sæt DATABASE_URL" in result.stdout
