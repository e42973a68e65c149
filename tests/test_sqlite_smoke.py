"""The embedded default: migrations and loading work on SQLite, as `make run` uses them."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_migrate_and_load_twice_on_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/smoke.sqlite3", DEBUG="true")
    steps = [["migrate", "--noinput"], ["load_strategy"], ["load_strategy"], ["create_demo_users"]]
    for step in steps:
        result = subprocess.run(
            [sys.executable, "manage.py", *step],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    count = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from strategy.models import Objective, Theme; from django.contrib.auth.models import "
            "User; print(Theme.objects.count(), Objective.objects.count(), User.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert count.stdout.split() == ["4", "14", "5"], count.stderr

    # SQLite drops a table's triggers when a migration rebuilds the table: the embedded
    # default must still have every trigger PostgreSQL has (the data stamp that caches are
    # keyed on, and the guards that keep closed half-years and issued reports final).
    with sqlite3.connect(tmp_path / "smoke.sqlite3") as db:
        rows = db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        on_sqlite = {(_base(name), table) for name, table in rows}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT trigger_name, event_object_table FROM information_schema.triggers"
        )
        on_postgres = {(_base(name), table) for name, table in cursor.fetchall()}
    assert ("initiatives_initiative_stamp", "initiatives_initiative") in on_postgres
    assert ("statusupdate_closed_no_update", "initiatives_statusupdate") in on_postgres
    assert on_sqlite == on_postgres


def _base(trigger: str) -> str:
    """SQLite has one stamp trigger per event (`<table>_stamp_insert`), PostgreSQL one per
    statement (`<table>_stamp`)."""
    for event in ("_insert", "_update", "_delete"):
        if trigger.endswith("_stamp" + event):
            return trigger.removesuffix(event)
    return trigger
