"""The embedded default: migrations and loading work on SQLite, as `make run` uses them."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def seed_steps() -> list[list[str]]:
    """The manage.py steps of the Makefile's `seed` target (what `make run` does before serving)."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nseed:", 1)[1].split("\n\n", 1)[0]
    steps = [
        line.split("manage.py", 1)[1].split() for line in recipe.splitlines() if "manage.py" in line
    ]
    assert steps[0] == ["migrate", "--noinput"] and ["load_strategy"] in steps, steps
    return steps


def _manage(env: dict, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result


def _row_counts(path: Path) -> dict[str, int]:
    """Every table's rows, history tables included (sessions and login attempts aside)."""
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith(("sqlite_", "django_session", "axes_"))
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


@pytest.mark.django_db
def test_make_runs_seed_twice_on_sqlite_and_the_second_changes_nothing(tmp_path):
    """`make run` twice changes nothing: the second seed writes no row, not even history
    (before, every load_strategy saved the 4 themes, 14 objectives and 21 units again, and
    each save added a history row)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/smoke.sqlite3", DEBUG="true")
    steps = seed_steps()
    for step in steps:
        _manage(env, *step)
    first = _row_counts(tmp_path / "smoke.sqlite3")
    assert first["strategy_historicalobjective"] == 14
    for step in steps:
        _manage(env, *step)
    second = _row_counts(tmp_path / "smoke.sqlite3")
    assert {t: (first[t], n) for t, n in second.items() if first.get(t) != n} == {}
    count = _manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from strategy.models import Objective, Theme; from django.contrib.auth.models import "
        "User; print(Theme.objects.count(), Objective.objects.count(), User.objects.count())",
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
    # The unit tree's cycle guard needs a recursive query inside the trigger, which SQLite
    # does not allow; there the form and the service refuse the cycle (strategy/tree_guard.py).
    assert on_sqlite == on_postgres - {("strategy_unit_no_cycle", "strategy_unit")}


def _base(trigger: str) -> str:
    """SQLite has one stamp trigger per event (`<table>_stamp_insert`), PostgreSQL one per
    statement (`<table>_stamp`)."""
    for event in ("_insert", "_update", "_delete"):
        if trigger.endswith("_stamp" + event):
            return trigger.removesuffix(event)
    return trigger
