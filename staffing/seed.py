"""Bilag 2 of the status note (seed 000): staff in the residential services, September 2024.

Only the FTE figures are copied. The note's totals and percentages are not: the app computes
them (and the tests compare the computed values with the printed ones).
"""

from datetime import date
from decimal import Decimal
from typing import TypedDict

# (name, is_trained, note). "Faguddannet" = a professional education for the work: the
# pedagogues, pedagogical assistants, the social and health care helpers and assistants and the
# nurses. Helpers without such an education and the mixed "Øvrigt personale" are not counted.
# Administrators can change the flag in the admin.
GROUPS = [
    ("Omsorgs- og pædagogmedhjælper", False, ""),
    ("Socialpædagog", True, ""),
    ("Pædagogisk assistent", True, ""),
    ("Social- og sundhedshjælper", True, ""),
    ("Social- og sundhedsassistent", True, ""),
    ("Sygehjælper", True, ""),
    ("Sygeplejerske", True, ""),
    (
        "Øvrigt personale",
        False,
        "Omfatter hjemmevejleder, pædagogstuderende, værkstedsassistenter, psykolog, "
        "psykomotorisk terapeut, ergoterapeut, rengøringsassistenter, husassistenter og "
        "kostfaglig leder/eneansvarlig.",
    ),
]


class SnapshotSeed(TypedDict):
    label: str
    date: date
    note: str


SNAPSHOT: SnapshotSeed = {
    "label": "september 2024",
    "date": date(2024, 9, 30),
    "note": (
        "Bilag 2 til statusnotatet om udviklingsprocessen på Socialområdet: fordeling af "
        "medarbejdere i kommunens botilbud pr. september 2024. Ansættelsesbrøk omregnet til "
        "fuldtidsansatte. Kildens egne totaler for Socialpsykiatri (27,03) og Område Ørsted, "
        "Auning og Allingåbro (60,05) og dens 11,53 % for Øvrigt personale i Område Ørum "
        "stemmer ikke med tallene; her vises appens beregning ud fra tallene: 27,02, 60,04 "
        "og 11,63 %."
    ),
}

AREAS = [
    "Socialpsykiatri",
    "Område Ørum",
    "Område Grenå",
    "Område Ørsted, Auning og Allingåbro",
]

# One value per area in AREAS; None is "-" in the note (no such staff).
FTE = {
    "Omsorgs- og pædagogmedhjælper": ("2.78", "21.62", "13.30", "12.07"),
    "Socialpædagog": ("9.89", "12.97", "20.95", "29.70"),
    "Pædagogisk assistent": (None, "0.81", "3.81", "1.00"),
    "Social- og sundhedshjælper": ("0.17", "2.65", "2.62", "2.81"),
    "Social- og sundhedsassistent": ("10.59", "6.49", "5.00", "5.32"),
    "Sygehjælper": (None, None, None, "1.00"),
    "Sygeplejerske": ("0.16", "2.73", None, "3.86"),
    "Øvrigt personale": ("3.43", "6.22", "5.08", "4.28"),
}


def figures() -> list[tuple[str, str, Decimal]]:
    """(area, group, fte) for every figure of Bilag 2, "-" left out."""
    return [
        (area, group, Decimal(value))
        for group, values in FTE.items()
        for area, value in zip(AREAS, values, strict=True)
        if value is not None
    ]
