"""The supply chain is pinned: lock files with hashes for every package, installs that require
them, an exact Python base image, and `make audit` that says when it could not check."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(name: str) -> dict[str, str]:
    """{package: version} of a lock file, checking that each entry carries hashes."""
    versions: dict[str, str] = {}
    hashes: dict[str, int] = {}
    current = None
    for line in (ROOT / name).read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0].isspace():
            assert current and stripped.startswith("--hash=sha256:"), f"{name}: {line!r}"
            hashes[current] += 1
            continue
        match = REQUIREMENT.match(line)
        assert match, f"{name}: not pinned with hashes: {line!r}"
        current = _normal(match[1])
        versions[current], hashes[current] = match[2], 0
    assert versions, name
    assert [package for package, count in hashes.items() if count == 0] == []
    return versions


def pinned_in(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            package, version = line.split("==")
            pins[_normal(package.split("[")[0])] = version
    return pins


def test_every_package_in_the_lock_files_is_pinned_with_hashes():
    runtime, development = locked("requirements.txt"), locked("requirements-dev.txt")
    assert {"django", "kombu", "tinycss2", "vine"} <= set(runtime)  # transitive ones too
    assert {name: development[name] for name in runtime} == runtime


def test_the_lock_files_hold_the_versions_the_in_files_ask_for():
    runtime, development = locked("requirements.txt"), locked("requirements-dev.txt")
    for package, version in pinned_in("requirements.in").items():
        assert runtime[package] == version, package
    for package, version in pinned_in("requirements-dev.in").items():
        assert development[package] == version, package


def test_make_and_the_dockerfile_install_the_lock_as_it_stands():
    """Every install is --no-deps --require-hashes --only-binary, followed by pip check."""
    makefile = (ROOT / "Makefile").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install[^\n]*", makefile + dockerfile)
    assert len(installs) == 2, installs  # the Makefile's one command and the Dockerfile's
    for flag in ("--no-deps", "--require-hashes", "--only-binary=:all:"):
        assert all(flag in line for line in installs), (flag, installs)
    assert "&& pip check" in dockerfile
    for target in ("$(VENV)/.installed:", "$(VENV)/.installed-dev:"):
        recipe = makefile.split(target, 1)[1].split("\n\n", 1)[0]
        assert "$(PIP_INSTALL_LOCK)" in recipe and "$(VENV)/bin/pip check" in recipe, recipe
    assert "install -U pip" not in makefile + dockerfile
    assert "install --upgrade pip" not in makefile + dockerfile


def _interpreters() -> list[tuple[str, str, str]]:
    """(interpreter, make target, lock): the interpreter running the suite (pyenv's 3.11.7, its
    bundled pip 23.2.1) with the whole dev lock, and Debian bookworm's python3 (pip 23.0.1),
    where it has venv, with the runtime lock (each dry run downloads the wheels to check their
    hashes, so the second interpreter checks the smaller lock)."""
    own = str(Path(sys.base_prefix) / "bin" / "python3")
    found = [(own, "install-dev", "requirements-dev.txt")]
    debian = Path("/usr/bin/python3")
    if debian.exists() and str(debian.resolve()) != str(Path(found[0][0]).resolve()):
        probe = subprocess.run([debian, "-c", "import ensurepip, venv"], capture_output=True)
        if probe.returncode == 0:
            found.append((str(debian), "install", "requirements.txt"))
    return found


def _make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PIP_"))}
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize(("python", "target", "lock"), _interpreters())
def test_the_makefiles_install_resolves_nothing_against_the_index(python, target, lock, tmp_path):
    """A throwaway venv with the interpreter's own pip runs `make install-dev` as written, in
    --dry-run mode. Before the fix, the Makefile's `pip install --require-hashes -r …` asked the
    index for fonttools[woff]>=4.59.2, found 4.69.1 (newer than the locked 4.68.0) and refused
    it; a lock that decays with the calendar fails here."""
    venv, report = tmp_path / "venv", tmp_path / "report.json"
    result = _make(
        f"PYTHON={python}",
        f"VENV={venv}",
        f"PIP_INSTALL_ARGS=--dry-run --report={report}",
        target,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pip = subprocess.run([venv / "bin" / "pip", "--version"], capture_output=True, text=True)
    assert re.match(r"pip 23\.", pip.stdout), pip.stdout  # the venv's own pip, not upgraded
    answer = json.loads(report.read_text())
    would = {
        _normal(item["metadata"]["name"]): item["metadata"]["version"] for item in answer["install"]
    }
    assert would == locked(lock)
    assert unmet_requirements(answer) == []


def unmet_requirements(report: dict) -> list[str]:
    """What `pip check` would say after installing a dry run's report, for the interpreter that
    made it (its marker environment is in the report): every requirement of every package whose
    marker holds there must be in the set, at an allowed version. This is how Debian bookworm's
    Python 3.11.2 showed that redis needs async-timeout below 3.11.3, which a lock compiled on
    3.11.7 had left out."""
    from packaging.requirements import Requirement
    from packaging.version import Version

    environment = report["environment"]
    versions = {
        _normal(item["metadata"]["name"]): Version(item["metadata"]["version"])
        for item in report["install"]
    }
    unmet = []
    for item in report["install"]:
        for line in item["metadata"].get("requires_dist", []):
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate({**environment, "extra": ""}):
                continue
            have = versions.get(_normal(requirement.name))
            if have is None or have not in requirement.specifier:
                unmet.append(f"{item['metadata']['name']} kræver {line.split(';')[0]}")
    return unmet


def test_unmet_requirements_names_what_a_lock_lacks_for_the_interpreter():
    """redis 8.1.0 asks for async-timeout only below Python 3.11.3."""
    redis = {
        "metadata": {
            "name": "redis",
            "version": "8.1.0",
            "requires_dist": ['async-timeout>=4.0.3; python_full_version < "3.11.3"'],
        }
    }
    report = {"install": [redis], "environment": {"python_full_version": "3.11.2"}}
    assert unmet_requirements(report) == ["redis kræver async-timeout>=4.0.3"]
    report["environment"]["python_full_version"] = "3.11.7"
    assert unmet_requirements(report) == []


def _lock_without(tmp_path: Path, keep: set[str]) -> Path:
    """A lock file with only the `keep` entries (and their hashes) of requirements.txt."""
    lines, keeping = [], False
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line and not line[0].isspace():
            match = REQUIREMENT.match(line)
            keeping = bool(match) and _normal(match[1]) in keep
        if keeping:
            lines.append(line)
    lock = tmp_path / "requirements.txt"
    lock.write_text("\n".join(lines) + "\n")
    return lock


def test_a_lock_that_lacks_a_needed_package_stops_make_install_naming_it(tmp_path):
    """Django needs asgiref and sqlparse; a lock with Django and sqlparse but no asgiref
    installs both and then `pip check` stops `make install` with its own sentence."""
    lock = _lock_without(tmp_path, {"django", "sqlparse"})
    venv = tmp_path / "venv"
    result = _make(f"VENV={venv}", f"LOCK={lock}", "install")
    assert result.returncode != 0
    assert "django 5.2.19 requires asgiref, which is not installed." in result.stdout
    assert not (venv / ".installed").exists()


def test_the_base_image_is_an_exact_python_patch_release():
    (base,) = re.findall(r"^FROM (\S+)", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert re.fullmatch(r"python:3\.11\.\d+-slim-bookworm", base), base


def test_make_audit_says_plainly_when_the_vulnerability_database_cannot_be_reached():
    dead_proxy = "http://127.0.0.1:9"  # nothing listens on the discard port
    result = subprocess.run(
        ["make", "--no-print-directory", "audit"],
        cwd=ROOT,
        env={**os.environ, "HTTPS_PROXY": dead_proxy, "HTTP_PROXY": dead_proxy},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert "sårbarhedsdatabasen kunne ikke nås; ingen pakker er kontrolleret" in result.stdout
    assert "No known vulnerabilities" not in result.stdout + result.stderr


def _fake_pip_audit(tmp_path: Path, report: dict) -> Path:
    fake = tmp_path / "pip-audit"
    fake.write_text(f"#!/bin/sh\ncat <<'JSON'\n{json.dumps(report)}\nJSON\n")
    fake.chmod(0o755)
    return fake


def test_the_audit_counts_packages_it_could_not_check_as_not_checked(tmp_path, monkeypatch, capsys):
    from scripts import audit

    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "vulns": []},
            {"name": "amqp", "version": "5.4.2", "skip_reason": "Dependency not found on PyPI"},
        ],
        "fixes": [],
    }
    monkeypatch.setattr(audit, "PIP_AUDIT", _fake_pip_audit(tmp_path, report))

    assert audit.main([]) == 2
    assert "kunne ikke nås for 1 af 2 pakker; de er ikke kontrolleret" in capsys.readouterr().out


def test_the_audit_fails_on_a_known_vulnerability(tmp_path, monkeypatch, capsys):
    from scripts import audit

    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["5.2.20"], "aliases": [], "description": ""}
    report = {
        "dependencies": [{"name": "django", "version": "5.2.19", "vulns": [vuln]}],
        "fixes": [],
    }
    monkeypatch.setattr(audit, "PIP_AUDIT", _fake_pip_audit(tmp_path, report))

    assert audit.main([]) == 1
    assert "django 5.2.19: PYSEC-2099-1 (rettet i 5.2.20)" in capsys.readouterr().out
