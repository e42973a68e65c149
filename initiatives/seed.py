"""The development plan as data: every concrete initiative named in the source documents.

Sources (docs/kilder/):
- 000: the status note on the development process (autumn 2024): focus areas and initiatives.
- 001: the political decision of 15 November 2022 (treated 14 March 2023): the decided measures.
- 004: the committee introduction (2025): resource model, VUM 2.0 and SMART goals.

Titles, descriptions, dates and conditions use the documents' own words. Nothing is added that
the documents do not say; where a document gives no unit, the initiative belongs to
Socialområdet as a whole. The links to målsætninger are the loader's reading of which objectives
each initiative serves (the note itself says initiatives overlap across pejlemærker); they are
data and can be changed in the admin. The lifecycle status is the one the newest document gives.
"""

from typing import NotRequired, TypedDict

S000 = "Statusnotat om udviklingsprocessen på Socialområdet (efteråret 2024)"
S001 = "Udviklingsproces på Socialområdet: Kommunalbestyrelsen 15. november 2022, Områdeudvalget 14. marts 2023"
S004 = "Introduktion til Socialområdet for udvalget (2025)"

# When each document put its initiatives into the plan ("i planen siden"), from the documents
# themselves: 001 is the decision of 15 November 2022; 000 reports "pr. september 2024" (its
# Bilag 2 is dated 30 September 2024); 004 builds on "seneste status … fra august 2025".
# "Nye tiltag" in a half-year are the ones whose planned start lies in it or, without a planned
# start, that entered the plan during it; this is that date, not the moment rows were loaded.
DOCUMENT_DATES = {
    S000: (2024, 9, 30),
    S001: (2022, 11, 15),
    S004: (2025, 8, 31),
}

FAG = "Faglighed og kompetenceudvikling"
KUL = "Arbejdskultur og arbejdsmiljø"
OKO = "Økonomi og styring"
LED = "Driftsnær og borgerorienteret faglig ledelse"
ADM = "Administrativ understøttelse"
KOM = "Kommunikation og transparens"

# The six fokusområder of seed 000, in its order.
FOCUS_AREAS = [FAG, KUL, OKO, LED, ADM, KOM]

ALL = "Socialområdet"
ADULT = "Socialafdelingen (voksenområdet)"
CHILD = "Børne- og Familieafdelingen"
AUTHORITY = "Myndighed og visitation"
GRENAA = "Område Grenå"
ORSTED = "Område Ørsted, Auning og Allingåbro"
HOUSING_AREAS = ["Socialpsykiatri", "Område Ørum", GRENAA, ORSTED]

DEV = "development_plan"
WELFARE = "welfare_plan"
POLITICAL = "political_decision"

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"

# Each initiative: key (stable, for parent links), title, description, objectives (codes),
# focus area, units, start and end as (year, quarter or None), the source's words on timing,
# lifecycle status, parent key, conditions, source and source document.


class InitiativeSeed(TypedDict):
    key: str
    parent: NotRequired[str]
    title: str
    description: str
    objectives: list[str]
    focus: str | None
    units: list[str]
    start: tuple[int, int | None] | None
    end: tuple[int, int | None] | None
    timing_note: str
    status: str
    conditions: NotRequired[str]
    source: str
    document: str


INITIATIVES: list[InitiativeSeed] = [
    # --- Seed 000: Faglighed og kompetenceudvikling -------------------------------------------
    {
        "key": "autism",
        "title": "Samlet udviklingsplan for arbejdet med borgere med autisme",
        "description": "Fra efteråret 2024 og frem iværksættes en samlet udviklingsplan i forhold til arbejdet med borgere med autisme, som bl.a. har fokus på kompetenceudvikling. Kompetenceudvikling i pædagogiske tilgange og metoder, bl.a. i forhold til borgere med autisme, er et strategisk fokusområde.",
        "objectives": ["4.2", "1.2"],
        "focus": FAG,
        "units": [ALL],
        "start": (2024, None),
        "end": None,
        "timing_note": "Fra efteråret 2024 og frem",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "autism_key_staff",
        "parent": "autism",
        "title": "Fælles kompetenceudvikling for nøglemedarbejdere i autisme",
        "description": "Som indledning på processen afholdes fælles kompetenceudvikling for nøglemedarbejdere på tværs af organisationen i 4. kvartal 2024.",
        "objectives": ["4.2"],
        "focus": FAG,
        "units": [ALL],
        "start": (2024, 4),
        "end": (2024, 4),
        "timing_note": "4. kvartal 2024",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "autism_via",
        "parent": "autism",
        "title": "Kompetenceudviklingsforløb i autisme i samarbejde med VIA",
        "description": "Der er etableret et samarbejde med VIA omkring udvikling af et kompetenceudviklingsforløb i autisme, som følges forskningsmæssigt.",
        "objectives": ["4.2", "1.2"],
        "focus": FAG,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": NOT_STARTED,
        "conditions": "Iværksættelse af projektet vil afhænge af, om det lykkes at få fondsfinansiering.",
        "source": DEV,
        "document": S000,
    },
    {
        "key": "krap",
        "title": "Kompetenceudviklingsforløb i KRAP for alle medarbejdere i Område Grenå",
        "description": "Kompetenceudviklingsforløb i KRAP til alle medarbejdere i Område Grenaa med opstart i efteråret 2024.",
        "objectives": ["4.2", "1.2"],
        "focus": FAG,
        "units": [GRENAA],
        "start": (2024, None),
        "end": None,
        "timing_note": "Opstart i efteråret 2024",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "rates",
        "title": "Kompetenceudvikling til rådgivere i takstforhandling",
        "description": "Kompetenceudvikling til rådgivere i takstforhandling. Styrket fokus på forhandling og viden om forhandling af takster.",
        "objectives": ["4.2", "2.2"],
        "focus": FAG,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "documentation_skills",
        "title": "Kompetenceudvikling i dokumentation og mål-arbejde",
        "description": "Kompetenceudvikling i dokumentation og mål-arbejde. Kompetenceudvikling til medarbejdere i arbejdet med tydeligere faglige mål bidrager samtidig til målsætningen om at sætte ”borgeren først” og understøtte, at borgeren er ”mest muligt i eget liv”.",
        "objectives": ["2.4", "3.1", "1.2", "4.2"],
        "focus": FAG,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "use_of_force",
        "title": "Fast undervisning to gange om året i magtanvendelsesregler",
        "description": "Etablering af fast undervisning to gange om året i magtanvendelsesregler med fokus på praksis for nye medarbejdere og som brush-up. Nye magtanvendelsesregler er et aktuelt eksempel på ny lovgivning, som skal implementeres.",
        "objectives": ["4.2", "2.1"],
        "focus": FAG,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "To gange om året",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "recruitment",
        "title": "Rekruttering og fastholdelse",
        "description": "Rekruttering og fastholdelse er udvalgt som del af det strategiske fokusområde Faglighed og kompetenceudvikling.",
        "objectives": ["4.2"],
        "focus": FAG,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "trained_staff",
        "title": "Opfølgning på personalesammensætningen i botilbuddene",
        "description": "Det er aftalt at følge udviklingen i personalesammensætningen i Socialområdets botilbud ud fra et politisk ønske om at øge andelen af faguddannede medarbejdere. Der er udarbejdet en oversigt over fordelingen pr. september 2024.",
        "objectives": ["4.2"],
        "focus": FAG,
        "units": HOUSING_AREAS,
        "start": (2024, 3),
        "end": None,
        "timing_note": "Første oversigt pr. september 2024",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S000,
    },
    # --- Seed 000: Arbejdskultur og arbejdsmiljø ------------------------------------------------
    {
        "key": "etikos",
        "title": "ETIKOS-forløb på Skovstjernen og i Område Ørsted, Auning og Allingåbro",
        "description": "På Skovstjernen og i Område Ørsted, Auning og Allingåbro fortsætter samarbejdet med ETIKOS om at understøtte arbejdskulturen og arbejdsmiljøet efter perioder med ustabilitet. Forløbene fortsætter ind i 2025.",
        "objectives": ["2.1", "4.2"],
        "focus": KUL,
        "units": ["Skovstjernen", ORSTED],
        "start": None,
        "end": (2025, None),
        "timing_note": "Forløbene fortsætter ind i 2025",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "psychological_safety",
        "title": "Psykologisk tryghed i forandringsprocesser",
        "description": "På tværs af Socialområdet er der fokus på psykologisk tryghed i forandringsprocesser. Blandt andet var psykologisk tryghed temaet for Socialområdets årlige arbejdsmiljødag i september, hvor Norddjurs Kommunes trivselskonsulent var oplægsholder og facilitator.",
        "objectives": ["4.2", "2.1"],
        "focus": KUL,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "sickness",
        "title": "Forebyggelse og nedbringelse af sygefravær",
        "description": "Som i resten af Norddjurs Kommune er det også et vigtigt fokusområde på Socialområdet at forebygge og nedbringe sygefraværet. Punktet drøftes løbende i ledergruppen og Område-MED, hvor der er fokus på læring af iværksatte sygefraværsindsatser samt at få en ensartet praksis i forhold til håndtering af sygefravær.",
        "objectives": ["4.2", "2.2"],
        "focus": KUL,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "Drøftes løbende",
        "status": IN_PROGRESS,
        "conditions": "Socialområdet ser frem til anbefalingerne fra arbejdsgruppen om sygefravær, som er nedsat i Hovedudvalget.",
        "source": DEV,
        "document": S000,
    },
    # --- Seed 000: Økonomi og styring -----------------------------------------------------------
    {
        "key": "budget_model",
        "parent": "economic_principles",
        "title": "Ny budget- og økonomistyringsmodel på Socialområdet",
        "description": "Kommunalbestyrelsen godkendte på sit møde den 20. august 2024, at der arbejdes videre med at udarbejde en ny budgetmodel på Socialområdet i henhold til anbefalingerne fra styringsanalysen, og at en ny budget- og økonomistyringsmodel forelægges til politisk godkendelse i 1. kvartal 2025.",
        "objectives": ["2.2"],
        "focus": OKO,
        "units": [ADULT],
        "start": (2024, 3),
        "end": (2025, 1),
        "timing_note": "Politisk godkendelse i 1. kvartal 2025",
        "status": IN_PROGRESS,
        "conditions": "Forelægges til politisk godkendelse.",
        "source": POLITICAL,
        "document": S000,
    },
    {
        "key": "finance_system",
        "title": "Nyt økonomisystem til overblik over økonomi i myndighed",
        "description": "Implementering af nyt økonomisystem til overblik over økonomi i myndighed.",
        "objectives": ["2.2", "2.4"],
        "focus": OKO,
        "units": [AUTHORITY],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "rostering",
        "title": "Arbejdstidsplanlægning",
        "description": "Arbejdstidsplanlægning er udvalgt som del af det strategiske fokusområde Økonomi og styring.",
        "objectives": ["2.2"],
        "focus": OKO,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    # --- Seed 000: Driftsnær og borgerorienteret faglig ledelse ----------------------------------
    {
        "key": "leadership",
        "title": "Fælles ledelsesforløb og ledelsesgrundlag med afsæt i KKC",
        "description": "I 2024 og 2025 planlægges et fælles ledelsesforløb, som bl.a. skal lede til formulering af et fælles ledelsesgrundlag med afsæt i KKC (kurs, koordinering og commitment). Derudover er der fokus på understøttelse af faglig ledelse tæt på borgerne.",
        "objectives": ["2.1", "4.2"],
        "focus": LED,
        "units": [ALL],
        "start": (2024, None),
        "end": (2025, None),
        "timing_note": "2024 og 2025",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    # --- Seed 000: Administrativ understøttelse -------------------------------------------------
    {
        "key": "documentation",
        "title": "Styrket, ensartet og borgernær dokumentationspraksis",
        "description": "Fælles udviklingsprojekt om styrket, ensartet og borgernær dokumentationspraksis. Formålet er at optimere og forenkle arbejdet med dokumentation, at dokumentationen bliver fælles, ensartet og genkendelig, at der kun dokumenteres det, som er fagligt nødvendigt med en god kvalitet, og at der dokumenteres sammen med borger. Projektet består af 4 delprojekter, som igangsættes forskudt af hinanden.",
        "objectives": ["2.4", "3.1", "1.2"],
        "focus": ADM,
        "units": [ALL],
        "start": (2024, 3),
        "end": None,
        "timing_note": "Første delprojekt påbegyndt i august 2024",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    {
        "key": "documentation_1",
        "parent": "documentation",
        "title": "Delprojekt 1: Mål",
        "description": "Første delprojekt om mål er påbegyndt i august 2024.",
        "objectives": ["2.4", "3.1"],
        "focus": ADM,
        "units": [ALL],
        "start": (2024, 3),
        "end": None,
        "timing_note": "Påbegyndt i august 2024",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    *[
        InitiativeSeed(
            {
                "key": f"documentation_{n}",
                "parent": "documentation",
                "title": f"Delprojekt {n}",
                "description": "Et af dokumentationsprojektets fire delprojekter, som igangsættes forskudt af hinanden.",
                "objectives": ["2.4"],
                "focus": ADM,
                "units": [ALL],
                "start": None,
                "end": None,
                "timing_note": "Igangsættes forskudt af de øvrige delprojekter",
                "status": NOT_STARTED,
                "source": DEV,
                "document": S000,
            }
        )
        for n in (2, 3, 4)
    ],
    # --- Seed 000: Kommunikation og transparens -------------------------------------------------
    {
        "key": "communication",
        "title": "Kommunikationsstrategi for Socialområdet",
        "description": "I 4. kvartal 2024 igangsættes arbejde med kommunikationsstrategi på Socialområdet. I processen afklares, hvordan der fremadrettet arbejdes med kommunikation internt og eksternt ved brug af bl.a. sociale medier, video, kommunikationsnetværk og nyhedsbrev. Formålet er bl.a. at skabe øget transparens om de mange gode ting, der foregår på Socialområdet, herunder også i et rekrutteringsøjemed.",
        "objectives": ["4.3", "2.3"],
        "focus": KOM,
        "units": [ALL],
        "start": (2024, 4),
        "end": None,
        "timing_note": "Igangsættes i 4. kvartal 2024",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    # --- Seed 000: the other pejlemærker (Velfærdsplanen and råderum) ----------------------------
    {
        "key": "housing_support",
        "title": "Omlægning af bostøtteområdet",
        "description": "Arbejdet med politisk besluttede forslag fra velfærdsplanen og råderumsarbejdet prioriteres, herunder omlægning af bostøtteområdet med bl.a. implementering af bostøtte-café og gruppebostøtte.",
        "objectives": ["3.2", "3.3"],
        "focus": None,
        "units": [ADULT],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": WELFARE,
        "document": S000,
    },
    {
        "key": "housing_cafe",
        "parent": "housing_support",
        "title": "Bostøtte-café",
        "description": "Implementering af bostøtte-café som led i omlægningen af bostøtteområdet.",
        "objectives": ["3.2", "3.3", "1.3"],
        "focus": None,
        "units": [ADULT],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": WELFARE,
        "document": S000,
    },
    {
        "key": "group_support",
        "parent": "housing_support",
        "title": "Gruppebostøtte",
        "description": "Implementering af gruppebostøtte som led i omlægningen af bostøtteområdet.",
        "objectives": ["3.2"],
        "focus": None,
        "units": [ADULT],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": WELFARE,
        "document": S000,
    },
    {
        "key": "section_107",
        "title": "Etablering af flere § 107-pladser",
        "description": "Etablering af flere § 107-pladser som led i de politisk besluttede forslag fra velfærdsplanen og råderumsarbejdet.",
        "objectives": ["3.2", "4.1"],
        "focus": None,
        "units": [ADULT],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": WELFARE,
        "document": S000,
    },
    {
        "key": "citizen_involvement",
        "title": "Involvering og aktivering af borgerne",
        "description": "Der er på tværs af Socialområdet et skærpet fokus på involvering og aktivering af borgerne (pejlemærke 1).",
        "objectives": ["1.1", "1.3"],
        "focus": None,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S000,
    },
    # --- Seed 001: the measures decided on 15 November 2022 -------------------------------------
    {
        "key": "leadership_strengthening",
        "title": "Styrkelse af ledelsen",
        "description": "Politisk besluttet tiltag 1 i forlængelse af Komponents anbefalinger: styrkelse af ledelsen.",
        "objectives": ["2.2"],
        "focus": LED,
        "units": [ALL],
        "start": (2023, None),
        "end": None,
        "timing_note": "Opstart i første halvår 2023",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "split",
        "parent": "leadership_strengthening",
        "title": "Opdeling af Socialområdet i to fagchefområder",
        "description": "Opdeling af Socialområdet i to fagchefområder: Børne- og Familieafdelingen og Socialafdelingen (voksenområdet).",
        "objectives": ["2.2"],
        "focus": LED,
        "units": [ALL, CHILD, ADULT],
        "start": (2023, None),
        "end": None,
        "timing_note": "Implementering fra første halvår 2023",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "area_leadership",
        "parent": "leadership_strengthening",
        "title": "Styrkelse af afdelingsledelsen i seks aftaleområder",
        "description": "Styrkelse af afdelingsledelsen i seks aftaleområder.",
        "objectives": ["2.2"],
        "focus": LED,
        "units": [ALL],
        "start": (2023, None),
        "end": None,
        "timing_note": "Opstart i første halvår 2023",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "admin_support",
        "parent": "leadership_strengthening",
        "title": "Administrativ og styringsmæssig understøttelse",
        "description": "Administrativ og styringsmæssig understøttelse af ledelsen.",
        "objectives": ["2.2"],
        "focus": ADM,
        "units": [ALL],
        "start": (2023, None),
        "end": None,
        "timing_note": "Opstart i første halvår 2023",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "work_communities",
        "title": "Understøttelse af arbejdsfællesskaber",
        "description": "Politisk besluttet tiltag 2 i forlængelse af Komponents anbefalinger: understøttelse af arbejdsfællesskaber.",
        "objectives": ["4.2", "2.1"],
        "focus": KUL,
        "units": [ALL],
        "start": (2023, None),
        "end": None,
        "timing_note": "Opstart i første halvår 2023",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "culture_process",
        "parent": "work_communities",
        "title": "Ekstern bistand til kulturproces",
        "description": "Ekstern bistand til kulturproces med henblik på at forbedre det psykiske arbejdsmiljø for medarbejdere og ledere i ”Område Ørsted, Auning, Allingåbro”, ”Skovstjernen (Område Grenaa)” samt ”Myndighed- og visitationsafdelingens børnedel”.",
        "objectives": ["4.2", "2.1"],
        "focus": KUL,
        "units": [ORSTED, "Skovstjernen", AUTHORITY],
        "start": (2023, None),
        "end": None,
        "timing_note": "Opstart i første halvår 2023",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "selected_areas_quality",
        "parent": "work_communities",
        "title": "Faglig kvalitet og kompetenceudvikling til medarbejdere i udvalgte områder",
        "description": "Faglig kvalitet og kompetenceudvikling til medarbejdere i udvalgte områder.",
        "objectives": ["4.2"],
        "focus": FAG,
        "units": [ALL],
        "start": (2023, None),
        "end": None,
        "timing_note": "Opstart i første halvår 2023",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "strategy",
        "title": "Udarbejdelse af strategi for den fortsatte udvikling af Socialområdet",
        "description": "Politisk besluttet tiltag 3: udarbejdelse af strategi for den fortsatte udvikling af Socialområdet. Den fælles langsigtede strategi blev godkendt i Kommunalbestyrelsen den 16. januar 2024.",
        "objectives": ["2.1"],
        "focus": None,
        "units": [ALL],
        "start": (2023, 1),
        "end": (2024, 1),
        "timing_note": "Arbejdet påbegyndt i første kvartal 2023; strategien godkendt 16. januar 2024",
        "status": COMPLETED,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "economic_principles",
        "title": "Tilpasning af økonomiske styringsprincipper på det specialiserede voksenområde",
        "description": "Politisk besluttet tiltag 4. Den nuværende budgetfordelingsmodel tager ikke i tilstrækkelig grad højde for udviklinger i områdernes aktiviteter og målgrupper, og der er behov for en ny styringstilgang, der kan give Norddjurs Kommune håndtagene til at håndtere den konstaterede udgiftsudvikling på området.",
        "objectives": ["2.2", "4.1"],
        "focus": OKO,
        "units": [ADULT],
        "start": (2023, None),
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    {
        "key": "trust",
        "title": "Genskabelse af tillid og tryghed imellem områdeledelse og Kommunalbestyrelsen",
        "description": "Politisk besluttet tiltag 5: genskabelse af tillid og tryghed imellem områdeledelse og Kommunalbestyrelsen.",
        "objectives": ["4.3"],
        "focus": KOM,
        "units": [ALL],
        "start": (2023, None),
        "end": None,
        "timing_note": "",
        "status": IN_PROGRESS,
        "source": POLITICAL,
        "document": S001,
    },
    # --- Seed 004: committee introduction 2025 --------------------------------------------------
    {
        "key": "resource_model",
        "parent": "economic_principles",
        "title": "Ny ressourcestyringsmodel på botilbudsområdet",
        "description": "Implementeringen af en ny ressourcestyringsmodel på botilbudsområdet fortsætter. Sammen med VUM 2.0 og SMART-mål skal den understøtte en bedre styring og mere virkningsfulde indsatser med et tydeligt fokus på borgernes udvikling.",
        "objectives": ["2.2", "3.1"],
        "focus": OKO,
        "units": HOUSING_AREAS,
        "start": None,
        "end": None,
        "timing_note": "Implementeringen fortsætter",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S004,
    },
    {
        "key": "vum",
        "title": "VUM 2.0",
        "description": "Arbejdet med VUM 2.0 fortsætter. Sammen med SMART-mål og ressourcestyringsmodellen skal det understøtte en bedre styring og mere virkningsfulde indsatser med et tydeligt fokus på borgernes udvikling.",
        "objectives": ["3.1", "2.4"],
        "focus": ADM,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "Arbejdet fortsætter",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S004,
    },
    {
        "key": "smart",
        "title": "SMART-mål",
        "description": "Arbejdet med SMART-mål fortsætter. Sammen med VUM 2.0 og ressourcestyringsmodellen skal det understøtte en bedre styring og mere virkningsfulde indsatser med et tydeligt fokus på borgernes udvikling.",
        "objectives": ["3.1", "2.4"],
        "focus": ADM,
        "units": [ALL],
        "start": None,
        "end": None,
        "timing_note": "Arbejdet fortsætter",
        "status": IN_PROGRESS,
        "source": DEV,
        "document": S004,
    },
]

# Half-years from 1. halvår 2025: the current one open, the earlier ones closed.
PERIODS = [(2025, 1), (2025, 2), (2026, 1), (2026, 2)]
OPEN_PERIOD = (2026, 2)
OPEN_DEADLINE = (2026, 12, 15)
# The deadline of each closed half-year: the 15th of its last month.
CLOSED_DEADLINE_DAY = 15


def responsible_unit_key(named: list[str], parent_of: dict[str, str | None]) -> str:
    """The one responsible unit for an initiative whose source names `named` units (keys into
    `parent_of`, which maps each unit to its parent or None).

    The single named unit where there is one; where the source names the whole area
    (Socialområdet, the tree's root, which the administration keeps), the root; where it names
    several units, the nearest unit above all of them (the four housing areas: the adult
    department), so the named units take part. The loader and migration 0008 both use it.
    """
    if not named:
        return next(key for key, parent in parent_of.items() if parent is None)
    if len(named) == 1:
        return named[0]

    def chain(key) -> list:
        path = []
        while key is not None:
            path.append(key)
            key = parent_of.get(key)
        return path

    common = set(chain(named[0]))
    for key in named[1:]:
        common &= set(chain(key))
    # The nearest common unit is the one deepest in the first chain.
    return next(key for key in chain(named[0]) if key in common)
