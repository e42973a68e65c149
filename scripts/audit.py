"""`make audit`: pip-audit over the lock files, saying plainly what it could not check.

pip-audit reports "No known vulnerabilities found" even when it reached no vulnerability data
at all (every package then only appears as skipped). This reads its JSON and exits
0 when every package was checked and none is vulnerable, 1 on a known vulnerability, and
2 when the vulnerability database could not be reached for some or all packages.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILES = ["requirements.txt", "requirements-dev.txt"]
UNREACHABLE = 2
PIP_AUDIT = Path(sys.executable).parent / "pip-audit"


def main(extra: list[str]) -> int:
    command = [
        str(PIP_AUDIT),
        "--disable-pip",
        "--require-hashes",
        "--progress-spinner=off",
        "--timeout=20",
        "--format=json",
        *[argument for name in LOCK_FILES for argument in ("-r", str(ROOT / name))],
        *extra,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["(ingen uddata)"])[-1]
        print(
            "pip-audit: sårbarhedsdatabasen kunne ikke nås; ingen pakker er kontrolleret.\n"
            f"  {last}"
        )
        return UNREACHABLE
    dependencies = report["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "ingen endnu"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (rettet i {fixes})")
    if skipped:
        print(
            f"pip-audit: sårbarhedsdatabasen kunne ikke nås for {len(skipped)} af "
            f"{len(dependencies)} pakker; de er ikke kontrolleret. Fx: {skipped[0]['skip_reason']}"
        )
    if vulnerable:
        return 1
    if skipped:
        return UNREACHABLE
    print(f"Ingen kendte sårbarheder i de {len(dependencies)} låste pakker.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
