"""Hostile staffing uploads get a Danish message and a 4xx, never a 500, and nothing is stored."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from staffing.models import StaffingSnapshot

pytestmark = pytest.mark.django_db

SHEET_PART = "xl/worksheets/sheet1.xml"
GRENAA = "Område Grenå"


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    workbook.active.title = "Personale"
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


VALID = xlsx([["Faggruppe", GRENAA], ["Socialpædagog", 2.5]])


def replace_parts(content: bytes, parts: dict[str, bytes]) -> bytes:
    """The same workbook with parts replaced or added (a correct zip around them)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        parts = {name: parts.get(name, source.read(name)) for name in source.namelist()} | parts
        for name, data in parts.items():
            target.writestr(name, data)
    return buffer.getvalue()


def replace_part(content: bytes, name: str, data: bytes) -> bytes:
    return replace_parts(content, {name: data})


def sheet_part(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(SHEET_PART)


def lie_about_size(content: bytes, name: str, declared: int) -> bytes:
    """Rewrite the central directory so it declares `declared` unpacked bytes for `name`."""
    data = bytearray(content)
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, entry + 24, declared)
            return bytes(data)
        entry = data.find(b"PK\x01\x02", entry + 4)
    raise AssertionError(f"{name} is not in the zip")


def with_doctype(doctype: bytes) -> bytes:
    xml = sheet_part(VALID)
    assert xml.startswith(b"<worksheet")  # openpyxl writes no XML declaration
    return replace_part(VALID, SHEET_PART, doctype + xml)


XXE = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BILLION_LAUGHS = (
    b'<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)


@pytest.fixture
def admin_client(client, administrator, bilag2):
    client.force_login(administrator)
    return client


@pytest.fixture
def bilag2(strategy_data):
    from staffing.services import staffing_load_bilag2

    return staffing_load_bilag2()


def upload(client, name: str, content: bytes):
    return client.post(
        reverse("staffing:import"),
        {
            "file": SimpleUploadedFile(name, content),
            "label": "marts 2025",
            "date": "2025-03-31",
            "note": "",
        },
    )


def assert_refused(response, message: str) -> None:
    assert response.status_code == 422
    html = response.content.decode()
    assert "Filen kan ikke importeres" in html
    assert message in html
    assert list(StaffingSnapshot.objects.values_list("label", flat=True)) == ["september 2024"]


def many_parts(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(count):
            archive.writestr(f"xl/del{n}.bin", b"")
    return buffer.getvalue()


PROBES = {
    "a zip of more parts than the limit": (
        "dele.xlsx",
        many_parts(201),
        "Regnearket består af mere end 200 dele",
    ),
    "a valid zip whose sheet XML is truncated": (
        "afkortet.xlsx",
        replace_part(VALID, SHEET_PART, sheet_part(VALID)[:-40]),
        "Regnearket er beskadiget og kan ikke læses.",
    ),
    "a zip that declares fewer unpacked bytes than it holds": (
        "loegn.xlsx",
        lie_about_size(VALID, SHEET_PART, 100),
        "Regnearket er beskadiget og kan ikke læses.",
    ),
    "sheet XML with an external entity (XXE)": (
        "xxe.xlsx",
        with_doctype(XXE),
        "Regnearket indeholder XML med en DTD eller entiteter, som ikke er tilladt.",
    ),
    "sheet XML with nested entities (billion laughs)": (
        "lol.xlsx",
        with_doctype(BILLION_LAUGHS),
        "Regnearket indeholder XML med en DTD eller entiteter, som ikke er tilladt.",
    ),
    "a CSV field longer than the csv module's limit": (
        "langt.csv",
        f'Faggruppe;{GRENAA}\nSocialpædagog;"{"9" * 140_000}"\n'.encode(),
        "Række 2 kan ikke læses: et felt er for langt",
    ),
    "a formula without a cached value": (
        "formel.xlsx",
        xlsx([["Faggruppe", GRENAA], ["Socialpædagog", 2.5], ["Sygehjælper", "=B2*2"]]),
        "Række 3, kolonne B: Cellen har en formel uden en beregnet værdi.",
    ),
    "an xlsx with more rows than the limit": (
        "mange.xlsx",
        xlsx([["Faggruppe", GRENAA], ["Socialpædagog", 2.5], *[[None]] * 498, ["Note", "x"]]),
        "Arket »Personale« har mere end 500 rækker med indhold; der må højst være 500.",
    ),
    "a CSV with more rows than the limit": (
        "mange.csv",
        (f"Faggruppe;{GRENAA}\nSocialpædagog;2,5\n" + ";\n" * 498 + "Sygehjælper;1\n").encode(),
        "Filen har mere end 500 rækker med indhold; der må højst være 500.",
    ),
}


@pytest.mark.parametrize("probe", list(PROBES))
def test_a_malformed_upload_is_refused_in_danish_with_a_4xx(admin_client, probe):
    name, content, message = PROBES[probe]
    assert_refused(upload(admin_client, name, content), message)


def test_a_sheet_of_exactly_the_row_limit_is_read(admin_client):
    # 1 header + 1 group + 497 blank rows + 1 group in row 500: within the limit.
    content = xlsx(
        [["Faggruppe", GRENAA], ["Socialpædagog", 2.5], *[[None]] * 497, ["Sygehjælper", 1]]
    )
    response = upload(admin_client, "fuld.xlsx", content)
    assert response.status_code == 302


# --- Memory: a refused file is refused before it is parsed --------------------------------------

SHARED_STRINGS_PART = "xl/sharedStrings.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def strings_bomb(count: int, length: int) -> bytes:
    """A workbook whose shared strings table holds `count` strings of `length` characters;
    they compress to almost nothing."""
    strings = b"".join(b"<si><t>" + b"x" * length + b"</t></si>" for _ in range(count))
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'.encode()
        + strings
        + b"</sst>"
    )
    # openpyxl writes its strings inline; the table is added and linked as Excel would.
    with zipfile.ZipFile(io.BytesIO(VALID)) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels")
        types = archive.read("[Content_Types].xml")
    rels = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    types = types.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        b'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    return replace_parts(
        VALID,
        {
            SHARED_STRINGS_PART: xml,
            "xl/_rels/workbook.xml.rels": rels,
            "[Content_Types].xml": types,
        },
    )


MEASURE = """
import json, sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from staffing.spreadsheets import parse_upload
content = open(sys.argv[1], "rb").read()
parsed = parse_upload(SimpleUploadedFile("bombe.xlsx", content))
print(json.dumps({
    "problems": [str(p) for p in parsed.problems],
    # VmHWM, not ru_maxrss: Linux carries the parent's peak over exec into ru_maxrss.
    "peak_rss_mb": next(
        int(line.split()[1]) / 1024
        for line in open("/proc/self/status") if line.startswith("VmHWM:")
    ),
}))
"""


def measure(content: bytes, tmp_path: Path) -> dict:
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "socialomraade.settings"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("count", "length", "message"),
    [
        # 4,800 strings of 10,000 characters: 48 MB unpacked, the file from the review.
        (4_800, 10_000, "Regnearket er for stort udpakket"),
        # 400,000 strings of 1 character: 6.8 MB unpacked, under the size limit.
        (400_000, 1, "Regnearket har mere end 20000 tekster"),
    ],
)
def test_a_strings_bomb_is_refused_with_bounded_memory(tmp_path, count, length, message):
    content = strings_bomb(count, length)
    assert len(content) < 2 * 1024 * 1024  # it passes the upload size limit

    measured = measure(content, tmp_path)

    assert any(message in problem for problem in measured["problems"])
    assert measured["peak_rss_mb"] < 200
    print(f"{len(content) // 1024} KB, peak RSS {measured['peak_rss_mb']:.0f} MB")
