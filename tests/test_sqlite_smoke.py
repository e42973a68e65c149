"""The embedded default: migrations and loading work on SQLite, as `make run` uses them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
