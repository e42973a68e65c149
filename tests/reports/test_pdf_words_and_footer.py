"""What the laid-out PDF says on every page, read back with pdftotext page by page (the real
plan with its demo status, 1. halvår 2026): each page's footer names the version and the day
it was made, so loose pages of two versions can be told apart; one word for points
("procentpoint"), one spelling of "Eksempel", shares with two decimals ("100,00 %"), the
definition of faguddannede in the body text, and no "senest" parted from its date."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from reports.models import Audience

pytestmark = pytest.mark.django_db


def pages(data: bytes, *, layout: bool = True) -> list[str]:
    args = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    text = subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


@pytest.fixture(params=[Audience.OMU, Audience.COMMITTEE])
def report(request, closed_period, make_report):
    """With the indicators and their demo targets, as `make run` loads them."""
    from indicators.services import indicators_load_demo, indicators_load_norddjurs

    indicators_load_norddjurs()
    indicators_load_demo()
    return make_report(request.param)


def test_every_page_says_its_version_and_the_day_it_was_made(report):
    made = date_format(timezone.localdate())  # e.g. "8. december 2026"
    footer = f"Norddjurs Kommune · Socialområdet · Dannet {made} · version 1"
    read = pages(report.file.read())
    assert len(read) >= 8
    for number, page in enumerate(read, start=1):
        text = " ".join(page.replace("\u00a0", " ").split())
        assert footer in text, number
        assert f"Side {number} af {len(read)}" in text


def test_one_word_for_points_and_one_spelling_of_eksempel(report):
    text = "\n".join(pages(report.file.read())).replace("\u00a0", " ")
    # The demo statuses are marked, always with a capital E.
    assert "(Eksempel)" in text
    assert "(eksempel)" not in text
    # The progress change is "+15 procentpoint" (demo statuses move 15 points), never "point".
    assert "+15 procentpoint" in text
    assert not re.search(r"\d point\b", text)


def test_shares_have_two_decimals_and_trained_is_defined_in_the_text(report):
    text = " ".join("\n".join(pages(report.file.read())).replace("\u00a0", " ").split())
    # Each area's total is all of it: 27,02 (100,00 %) … 191,31 (100,00 %).
    assert "27,02 (100,00 %)" in text and "191,31 (100,00 %)" in text
    assert "(100 %)" not in text
    assert (
        "Som faguddannede tælles Socialpædagog, Pædagogisk assistent, Social- og "
        "sundhedshjælper, Social- og sundhedsassistent, Sygehjælper og Sygeplejerske."
    ) in text


def test_no_deadline_is_parted_from_its_date(report):
    """ "senest 31. december 2027" (the demo targets) stays on one line, wherever it wraps."""
    lines = [
        line.strip()
        for page in pages(report.file.read(), layout=False)
        for line in page.replace("\u00a0", " ").splitlines()
    ]
    text = "\n".join(lines)
    deadlines = re.findall(r"senest [^\n]*", text)
    assert deadlines, "no deadline printed"
    assert all(re.match(r"senest \d{1,2}\. [a-z]+ \d{4}", d) for d in deadlines), deadlines
    assert not re.search(r"senest( \d{1,2}\.)?$", text, re.MULTILINE)
    months = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    assert not re.search(rf"^({months}) \d{{4}}", text, re.MULTILINE)
