"""The supply chain is pinned: lock files with hashes for every package, installs that require
them, an exact Python base image, and `make audit` that says when it could not check."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

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


def test_make_and_the_dockerfile_install_with_require_hashes():
    makefile = (ROOT / "Makefile").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install[^\n]*", makefile + dockerfile)
    assert len(installs) == 3
    assert all("--require-hashes" in line for line in installs), installs


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
