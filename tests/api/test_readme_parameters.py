"""The README's table of the API's parameters is the schema's: every route with query
parameters is in it with exactly those, and no other route is."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import ROOT

ROW = re.compile(r"^\| `(/[^`]+)` \| (.+) \|$")


def _readme_table() -> dict[str, list[str]]:
    rows = {}
    for line in (ROOT / "README.md").read_text().splitlines():
        found = ROW.match(line)
        if found:
            rows[found.group(1)] = re.findall(r"`([a-z_]+)`", found.group(2))
    return rows


@pytest.mark.django_db
def test_the_readme_lists_each_routes_query_parameters_as_the_schema_has_them():
    schema = Client().get("/api/v1/openapi.json").json()
    in_schema = {}
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            if names:
                in_schema[path.removeprefix("/api/v1")] = names
    assert in_schema  # the schema was read
    assert _readme_table() == in_schema
