"""Danish typography for text a reader sees in print, and the first sentence of a text.

Source and status texts are typed on keyboards that give straight quotes and hyphens; the
report prints them the way Danish is set: quotes as ”…”, an en dash in a number range
("3–5 år") and between words (" – "), an ellipsis as one character, and no line break inside
a date, a quarter or a half-year ("16. januar 2024", "3. kvartal 2024").
"""

from __future__ import annotations

import re

from django.utils.text import slugify

_QUOTED = re.compile(r'["“„]([^"“”„]*)["”“]')
_NUMBER_RANGE = re.compile(r"(?<=\d)\s?-\s?(?=\d)")
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")
_MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
# A date, a quarter or a half-year is one unit for the reader: it never breaks inside.
_UNBREAKABLE = re.compile(rf"\b(\d{{1,2}}\.) ({_MONTHS}|kvartal|halvår) (\d{{4}})\b")
# A sentence ends at . ! or ? followed by a space and a capital letter or a digit; "bl.a. og"
# and "fx. hvis" therefore do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9”\"])")


def danish_typography(text: str) -> str:
    if not text:
        return text
    text = _QUOTED.sub(lambda m: f"”{m[1]}”", text)
    text = _NUMBER_RANGE.sub("–", text)
    text = _SPACED_HYPHEN.sub(" – ", text)
    text = _UNBREAKABLE.sub("\\1\u00a0\\2\u00a0\\3", text)
    return text.replace("...", "…")


def first_sentence(text: str) -> str:
    """The text up to its first full stop (or question or exclamation mark) that ends a
    sentence; the whole text when it is a single sentence."""
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def required_text(
    text: str, *, limit: int, missing: str, too_long: str, error: type[Exception]
) -> str:
    """`text` without surrounding space, when there is some and it holds at most `limit`
    characters; otherwise raises `error` with the Danish `missing` or `too_long` (which may
    name the limit as %(max)s)."""
    text = text.strip()
    if not text:
        raise error(missing)
    if len(text) > limit:
        raise error(too_long % {"max": limit})
    return text


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def file_name(*parts: str, extension: str) -> str:
    """A download's name that says what it holds, in ASCII a mail client and every file
    system keep: ("tiltag", "2. halvår 2026", "røde") -> "tiltag-2-halvaar-2026-roede.xlsx"."""
    words = [slugify(str(part).translate(_DANISH_LETTERS)) for part in parts]
    return "-".join(w for w in words if w) + f".{extension}"
