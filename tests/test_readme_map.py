"""README.md → "Sådan hænger det sammen" names every app and where its modules are: each named
file exists, every app on disk is in the table, and the table's order is the import contract's."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rows() -> list[tuple[str, list[str]]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Sådan hænger det sammen", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].isdigit():
            app = cells[1].strip("`").rstrip("/")
            rows.append((app, re.findall(r"`([^`]+)`", cells[3])))
    return rows


def test_every_module_the_table_names_is_where_it_says():
    rows = _rows()
    assert len(rows) == 11
    missing = []
    for app, names in rows:
        for name in names:
            if "<app>" in name or not re.search(r"\.py$|/$", name):
                continue  # a pattern or a function name, not a path
            path = ROOT / name if name.startswith("templates/") else ROOT / app / name
            if not path.exists():
                missing.append(f"{app}: {name}")
    assert missing == []


def test_the_table_lists_every_app_and_follows_the_import_contract():
    apps = [app for app, _names in _rows()]
    on_disk = {p.parent.name for p in ROOT.glob("*/apps.py")} | {"socialomraade"}
    assert set(apps) == on_disk
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = [name for layer in contract["contracts"][0]["layers"] for name in layer.split(" | ")]
    # The benchmark sits above every app (it writes all their data) and is not an app.
    assert layers[0] == "bench"
    assert apps == layers[1:]
