"""Every shell line in the README and docs/ runs as written: each `make` target, `manage.py`
command and `python -m` module it names exists, and a `manage.py` line meant for this machine
(no placeholder in it) starts with the environment it carries, and nothing else set."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(sh|bash|shell|console)\n(.*?)^```", re.MULTILINE | re.DOTALL)
ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")
PLACEHOLDER = re.compile(r"…|<[^>]+>")


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def shell_lines(text: str) -> list[str]:
    """The commands of a document's shell blocks: continuation lines joined, comments dropped."""
    commands = []
    for block in FENCE.finditer(text):
        joined = block[2].replace("\\\n", " ")
        for line in joined.splitlines():
            line = " ".join(line.split(" # ", 1)[0].split())
            if line and not line.startswith("#"):
                commands.append(line)
    return commands


def _makefile_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z0-9-]*):", makefile, re.MULTILINE))
    assert {"run", "test", "install", "install-dev"} <= targets
    return targets


def _words(command: str) -> list[str]:
    return shlex.split(PLACEHOLDER.sub("X", command))


def make_targets(command: str) -> list[str]:
    words = _words(command)
    if "make" not in words:
        return []
    after = words[words.index("make") + 1 :]
    return [w for w in after if not ASSIGNMENT.match(w) and not w.startswith("-")]


def manage_command(command: str) -> str | None:
    words = _words(command)
    for i, word in enumerate(words[:-1]):
        if word.endswith("manage.py"):
            return words[i + 1]
    return None


def python_module(command: str) -> str | None:
    words = _words(command)
    for i, word in enumerate(words[:-1]):
        if word == "-m" and "python" in words[i - 1]:
            return words[i + 1]
    return None


COMMANDS = [
    (doc.relative_to(ROOT).as_posix(), line)
    for doc in _documents()
    for line in shell_lines(doc.read_text())
]


def test_the_readme_has_shell_lines_to_check():
    assert ("README.md", "make run") in COMMANDS
    assert ("README.md", "make test") in COMMANDS
    assert any(manage_command(line) == "generate_report" for _, line in COMMANDS)


@pytest.mark.parametrize(("document", "command"), COMMANDS, ids=[c for _, c in COMMANDS])
def test_every_named_target_command_and_module_exists(document, command):
    for target in make_targets(command):
        assert target in _makefile_targets(), f"{document}: make {target} findes ikke"
    name = manage_command(command)
    if name is not None:
        assert name in get_commands(), f"{document}: manage.py {name} findes ikke"
    module = python_module(command)
    if module is not None:
        assert importlib.util.find_spec(module), f"{document}: python -m {module} findes ikke"


LOCAL_MANAGE = [(document, line) for document, line in COMMANDS if ".venv/bin/python" in line]
# A placeholder in an assignment ("DATABASE_URL=postgres://…/tom_db") stands for a value the
# reader fills in; --help reads the settings but opens no database, so any valid one will do.
STAND_INS = {"DATABASE_URL": "sqlite:////tmp/readme-line-check.sqlite3"}


@pytest.mark.parametrize(("document", "command"), LOCAL_MANAGE, ids=[c for _, c in LOCAL_MANAGE])
def test_a_local_manage_line_starts_with_only_the_environment_it_carries(document, command):
    """`.venv/bin/python manage.py generate_report …` used to stop at ImproperlyConfigured
    (SECRET_KEY must be set when DEBUG is off) on a newcomer's machine, and so did
    `DATABASE_URL=postgres://…/tom_db .venv/bin/python -m bench.data …` with a real address.
    The line, run with its own assignments, its command and --help, in an environment without
    the app's variables, must start."""
    words = shlex.split(command)
    assignments = dict(w.split("=", 1) for w in words if ASSIGNMENT.match(w))
    for name, value in assignments.items():
        if PLACEHOLDER.search(value):
            assignments[name] = STAND_INS.get(name, "x")
    program = [w for w in words if not ASSIGNMENT.match(w)]
    program = [sys.executable if w == ".venv/bin/python" else w for w in program]
    cut = program.index("manage.py") + 2 if "manage.py" in program else program.index("-m") + 2
    kept = ("PATH", "HOME", "LANG", "TMPDIR")
    env = {k: v for k, v in os.environ.items() if k in kept} | assignments
    result = subprocess.run(
        [*program[:cut], "--help"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{document}: {command}\n{result.stderr[-2000:]}"


def test_assignments_and_comments_are_read_as_a_shell_reads_them():
    text = "```sh\nDEBUG=true .venv/bin/python manage.py x \\\n  --y 1  # note\n# gendan: z\n```\n"
    assert shell_lines(text) == ["DEBUG=true .venv/bin/python manage.py x --y 1"]
    assert make_targets("make bench BENCH_ARGS=--reuse") == ["bench"]
    assert manage_command("docker compose exec web python manage.py createsuperuser") == (
        "createsuperuser"
    )
    assert python_module("DATABASE_URL=x .venv/bin/python -m bench.data --scale s") == "bench.data"
