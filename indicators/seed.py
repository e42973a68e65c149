"""The indicators the sources name, as data (seeds 000 and 004). No values: the trained share
is computed from the staffing snapshots (Bilag 2), and the others wait for the people who own
them. Each link to a målsætning says why it was chosen, as the plan loader's links do; they
are data and can be changed in the admin.

Definitions say only what the sources support; where the sources give no measure (how sick
leave is counted, which places are counted), the definition says what the owner must settle.
"""

from typing import NotRequired, TypedDict

from staffing.seed import AREAS as STAFFING_AREAS

S000 = "Statusnotat om udviklingsprocessen på Socialområdet (efteråret 2024)"
S004 = "Introduktion til Socialområdet for udvalget (2025)"
ALL = "Socialområdet"
ADULT = "Socialafdelingen (voksenområdet)"

TRAINED_SHARE_DEFINITION = (
    "Andelen af fuldtidspersoner i Socialområdets botilbud, der tilhører en faguddannet "
    "faggruppe, i procent af alle fuldtidspersoner{where}. Beregnes af appen ud fra "
    "personaleopgørelserne (første gang Bilag 2 til statusnotatet, pr. september 2024); hvilke "
    "faggrupper der er faguddannede, står under Personale. Tastes aldrig ind. Kilde: {source}."
)
TRAINED_SHARE_WHY = (
    "Statusnotatet følger personalesammensætningen ”ud fra et politisk ønske om at "
    "øge andelen af faguddannede medarbejdere”; målsætning 4.2 handler om at have de "
    "kompetencer, der skal til for at løse kerneopgaven."
)

# key, name, definition, unit, decimals, direction, frequency, responsible unit, objectives,
# why, headline, computed, computed area (name).


class IndicatorSeed(TypedDict):
    key: str
    name: str
    definition: str
    unit: str
    decimals: int
    direction: str
    frequency: str
    unit_name: str
    objectives: list[str]
    why: str
    headline: bool
    computed: NotRequired[str]
    area: NotRequired[str | None]


class DemoValues(TypedDict, total=False):
    baseline: tuple[str, str]  # (ISO date, value)
    targets: list[tuple[str, str]]
    values: dict[tuple[int, int], str]  # (year, half): value


INDICATORS: list[IndicatorSeed] = [
    {
        "key": "trained_share",
        "name": "Andel faguddannede i botilbuddene",
        "definition": TRAINED_SHARE_DEFINITION.format(where=" i alle botilbuddene", source=S000),
        "unit": "percent",
        "decimals": 2,
        "direction": "higher",
        "frequency": "year",
        "unit_name": ALL,
        "objectives": ["4.2"],
        "why": TRAINED_SHARE_WHY,
        "headline": True,
        "computed": "trained_share",
        "area": None,
    },
    *[
        IndicatorSeed(
            {
                "key": f"trained_share_{n}",
                "name": f"Andel faguddannede – {area}",
                "definition": TRAINED_SHARE_DEFINITION.format(where=f" i {area}", source=S000),
                "unit": "percent",
                "decimals": 2,
                "direction": "higher",
                "frequency": "year",
                "unit_name": area,
                "objectives": ["4.2"],
                "why": TRAINED_SHARE_WHY + " Pr. område, som Bilag 2 opgør det.",
                "headline": False,
                "computed": "trained_share",
                "area": area,
            }
        )
        for n, area in enumerate(STAFFING_AREAS, start=1)
    ],
    {
        "key": "sick_leave",
        "name": "Sygefravær",
        "definition": (
            "Sygefraværet på Socialområdet i procent af den planlagte arbejdstid i halvåret. "
            "Statusnotatet siger, at det som i resten af Norddjurs Kommune er et vigtigt "
            "fokusområde at forebygge og nedbringe sygefraværet; det siger ikke, hvordan det "
            "måles. Opgørelsesmetoden (fx kommunens lønsystem, med eller uden langtidsfravær) "
            f"fastlægges af den ansvarlige og skrives her. Kilde: {S000}."
        ),
        "unit": "percent",
        "decimals": 1,
        "direction": "lower",
        "frequency": "half_year",
        "unit_name": ALL,
        "objectives": ["2.2", "4.2"],
        "why": (
            "Statusnotatet nævner sygefravær under ”Arbejdskultur og arbejdsmiljø”, et af "
            "fokusområderne for pejlemærke 2 ”Fundamentet på plads” (en velfungerende "
            "organisation med en sund arbejdskultur); udviklingsplanens tiltag om sygefravær er "
            "knyttet til 2.2 og 4.2, og indikatoren følger det."
        ),
        "headline": True,
    },
    {
        "key": "section_107",
        "name": "Antal § 107-pladser",
        "definition": (
            "Antal pladser i midlertidige botilbud efter servicelovens § 107, som Socialområdet "
            "driver, ved halvårets udgang. Statusnotatet nævner ”etablering af flere § 107-"
            "pladser” som del af omlægningen af bostøtteområdet (pejlemærke 3 og 4). Kilde: "
            f"{S000}."
        ),
        "unit": "count",
        "decimals": 0,
        "direction": "higher",
        "frequency": "half_year",
        "unit_name": ADULT,
        "objectives": ["3.2", "4.1"],
        "why": (
            "Notatet placerer § 107-pladserne under pejlemærke 3 og 4: en tilbudsvifte med "
            "tidsafgrænset støtte (3.2) og tilbud tilpasset udviklingen i borgernes behov (4.1), "
            "som udviklingsplanens tiltag om § 107-pladser."
        ),
        "headline": True,
    },
    {
        "key": "group_support",
        "name": "Borgere i gruppebaseret bostøtte og bostøtte-café",
        "definition": (
            "Antal borgere, der i halvåret har modtaget bostøtte i grupper, herunder i "
            "bostøtte-caféen. Tallet er en optælling; der registreres ingen oplysninger om den "
            "enkelte borger. Statusnotatet nævner implementering af bostøtte-café og "
            f"gruppebostøtte i omlægningen af bostøtteområdet. Kilde: {S000}."
        ),
        "unit": "count",
        "decimals": 0,
        "direction": "higher",
        "frequency": "half_year",
        "unit_name": ADULT,
        "objectives": ["3.2", "3.3"],
        "why": (
            "Målsætning 3.2 nævner gruppebaseret støtte direkte; caféen og grupperne giver "
            "fællesskab og deltagelse (3.3), som udviklingsplanens tiltag om bostøtte-caféen."
        ),
        "headline": False,
    },
    {
        "key": "smart_goals",
        "name": "Andel indsatser med SMART-mål",
        "definition": (
            "Andelen af borgernes aktive indsatser, hvis mål er formuleret som SMART-mål "
            "(specifikke, målbare, accepterede, realistiske og tidsbestemte) og dokumenteret "
            "efter VUM 2.0, i procent, ved en stikprøve i halvåret. Statusnotatet beskriver en "
            "fælles, ensartet dokumentationspraksis med tydeligere faglige mål; "
            "udvalgsorienteringen 2025 nævner VUM 2.0 og SMART-mål. Stikprøvens størrelse "
            f"fastlægges af den ansvarlige. Kilder: {S000}; {S004}."
        ),
        "unit": "percent",
        "decimals": 0,
        "direction": "higher",
        "frequency": "half_year",
        "unit_name": ALL,
        "objectives": ["2.4", "3.1"],
        "why": (
            "Målsætning 2.4 siger, at dokumentationsarbejdet er målstyret og systematisk; 3.1, "
            "at der arbejdes med konkrete og afgrænsede mål. Udviklingsplanens SMART-mål og "
            "dokumentationsprojekt er knyttet til de samme."
        ),
        "headline": False,
    },
]

# DEMO DATA (load_plan --demo-status): example baselines, targets and measurements, marked
# `is_demo` and shown as "Eksempel". Not from any source.
DEMO: dict[str, DemoValues] = {
    "trained_share": {"targets": [("2027-12-31", "70")]},
    "sick_leave": {
        "baseline": ("2024-12-31", "8.4"),
        "targets": [("2027-12-31", "6.5")],
        "values": {(2025, 1): "8.1", (2025, 2): "7.9", (2026, 1): "7.8"},
    },
    "section_107": {
        "baseline": ("2024-12-31", "12"),
        "targets": [("2027-12-31", "20")],
        "values": {(2025, 1): "12", (2025, 2): "13", (2026, 1): "13"},
    },
    "group_support": {
        "baseline": ("2024-12-31", "10"),
        "targets": [("2026-12-31", "40")],
        "values": {(2025, 1): "18", (2025, 2): "27", (2026, 1): "36"},
    },
    "smart_goals": {
        "baseline": ("2024-12-31", "20"),
        "targets": [("2026-12-31", "60"), ("2027-12-31", "80")],
        "values": {(2025, 1): "28", (2025, 2): "33", (2026, 1): "37"},
    },
}
