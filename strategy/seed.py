"""Norddjurs Kommune's "Fælles langsigtet strategi" for Socialområdet, verbatim.

Source: shared/seeds/003 (the strategy), 000 and 001 (the organisation), 004 (focus years).
Only the PDF extraction's line-break hyphenation is mended ("medar-bejdere" → "medarbejdere")
and white space is normalised. Paragraphs are separated by a blank line; a paragraph that starts
with "### " is a sub-heading.
"""

from datetime import date
from typing import TypedDict

STRATEGY = {
    "name": "Fælles langsigtet strategi for Socialområdet",
    "organisation": "Socialområdet, Norddjurs Kommune",
    "approved_by": "Kommunalbestyrelsen",
    "approved_on": date(2024, 1, 16),
    "horizon": "3-5 år",
    "legal_basis": "Lov om Social Service",
    "follow_up": (
        "Strategien gælder for de næste 3-5 år. Hvert halve år følges op på arbejdet med de "
        "prioriterede målsætninger og tiltag på ledermøder og i OMU."
    ),
    "introduction": "\n\n".join(
        [
            "Rigtig meget går godt på Socialområdet.",
            "Komponentanalysen i 2022 viste, at der er meget, vi lykkes med, som skal fastholdes. "
            "Både hos medarbejdere og ledere er der et stort engagement og vilje til at bidrage til "
            "borgers trivsel og udvikling, og der er stor hjælpsomhed og ansvarlighed i "
            "opgaveløsningen.",
            "Dette er et godt fundament at bygge videre på.",
            "Den fælles langsigtede strategi giver fælles retning og mål for Socialområdet i de "
            "kommende 3-5 år. Den er den fælles platform, som gør os i stand til at prioritere og "
            "træffe de rigtige beslutninger om, hvilken vej vi skal gå.",
            "Strategien fokuserer på borgerperspektivet og på det faglige og organisatoriske "
            "fundament, der skal til for at understøtte, at borgeren kan udleve sine håb og drømme "
            "– både nu og i fremtiden.",
            "Samtidig er der fokus på, at borgeren oplever medansvar og indgår som en aktiv del af "
            "indsatsen.",
            "Strategien er blevet til i et samarbejde mellem OMU, medarbejderrepræsentanter og den "
            "samlede ledelse på Socialområdet. Den har afsæt i Udviklingsproces på Socialområdet, "
            "Vores Norddjurs og den Socialpolitiske tilgang og trækker ligeledes på input fra KL "
            "Social 2022.",
        ]
    ),
    "structure": "\n\n".join(
        [
            "Strategien består af fire overordnede pejlemærker, som til sammen udgør visionen for "
            "strategien. For hvert pejlemærke er der formuleret målsætninger, som beskriver, hvad "
            "vi som organisation vil opnå i de næste 3-5 år.",
            "I tillæg til strategien er der udarbejdet en udviklingsplan, som indeholder en række "
            "fælles udviklingstiltag, der skal arbejdes med på tværs af Socialområdet. Formålet med "
            "udviklingsplanen er at sikre, at strategiens målsætninger omsættes i konkrete tiltag "
            "og handlinger— og at det sker i et realistisk tempo. Der er tale om et levende "
            "dokument, som løbende justeres, efterhånden som arbejdet med strategien skrider "
            "fremad.",
        ]
    ),
    "vision": (
        "Den fælles langsigtede strategi på Socialområdet indeholder 4 overordnede pejlemærker, "
        "som vi vil styre efter i de kommende år."
    ),
}


class ThemeSeed(TypedDict):
    number: int
    title: str
    motto: str
    description: list[str]  # paragraphs
    keywords: list[str]
    objectives: list[str]


THEMES: list[ThemeSeed] = [
    {
        "number": 1,
        "title": "Borgeren først",
        "motto": "Vi er fælles med borgeren om det gode hverdagsliv med borgers håb og drømme "
        "for eget liv som omdrejningspunkt",
        "description": [
            "Socialområdet er til for borgeren. Vores primære opgave er at skabe værdi—både for "
            "den enkelte og for fællesskabet.",
            "Vi tager afsæt i borgernes håb, drømme og ressourcer og understøtter den enkeltes vej "
            "mod et mere selvstændigt liv. Det gør vi, fordi vi tror på, at mere ansvar giver "
            "bedre trivsel.",
            "Vi er ambitiøse på borgernes vegne og samarbejder med hver enkelt med troen på, at "
            "borgeren kan opnå vedvarende og positive forandringer i sit liv med den rette støtte. "
            "For nogle borgere vil målet være at klare sig selv med ingen eller minimal støtte i "
            "dagligdagen. For andre handler det om at have et godt hverdagsliv og lykkes med små, "
            "personlige mål inden for rammerne af et botilbud.",
            "Med pejlemærket ”borgeren først” vil Socialområdet i de kommende år have fokus på at "
            "styrke vores samarbejde og kommunikation med borgeren og dennes pårørende. Vi vil "
            "understøtte, at borgeren deltager aktivt og tager medansvar for eget og andres gode "
            "hverdagsliv. Borgeren skal opleve at blive lyttet til, og at vedkommende inddrages "
            "reelt og systematisk i beslutninger. Samtidig skal borgeren opleve omsorg, tryghed og "
            "nærvær i de relationer, vedkommende indgår i.",
            "Socialområdet vil også i de kommende år have fokus på at inddrage frivillige, "
            "foreninger og civilsamfund i arbejdet med at skabe små og store oplevelser i "
            "hverdagen.",
            "Borgerens pårørende og netværk er vigtige samarbejdspartnere, hvis viden og "
            "observationer inddrages for at skabe de bedst mulige rammer for borgeren. Samarbejdet "
            "med de pårørende tager afsæt i kommunens pårørendepolitik.",
        ],
        "keywords": [
            "Reel og systematisk inddragelse af borgeren",
            "Fra rettighedstænkning til medansvar",
            "Selv– og medbestemmelse",
            "Recovery og øget livsmestring",
        ],
        "objectives": [
            "Vi taler med og ikke om borgeren og kommunikerer i øjenhøjde",
            "Vi har fælles redskaber og metoder til at afdække borgerens viden, ønsker og behov - "
            "og omsætter borgerperspektivet i praksis i fællesskab med borgeren",
            "Vi udfordrer, støtter og motiverer borgeren til at deltage aktivt og tage medansvar "
            "for eget og andres gode hverdagsliv.",
            "Vi samarbejder med frivillige, foreninger og civilsamfund om at skabe stjernestunder "
            "i hverdagen.",
        ],
    },
    {
        "number": 2,
        "title": "Fundamentet på plads",
        "motto": "Vi har et stærkt fundament, som understøtter kvalitet og fælles retning i "
        "opgaveløsningen.",
        "description": [
            "På tværs af Socialområdet løses mange forskellige opgaver sammen med borgerne. Det "
            "forudsætter plads til forskellighed i de faglige tilgange og metoder, vi anvender i "
            "det daglige. Samtidig er det vigtigt at fastholde, at Socialområdet er én "
            "organisation, og at der skal være sammenhæng i de indsatser og det serviceniveau, som "
            "tilbydes på tværs af området.",
            "Borgere, pårørende og samarbejdspartnere skal vide, hvad de kan forvente. De skal "
            "opleve ensartethed og genkendelighed på tværs af Socialområdet, og de skal mødes af "
            "en professionel og samstemt organisation, der samarbejder om borgernes udvikling i "
            "stabile og forudsigelige miljøer.",
            "Det kræver, at vi på tværs af Socialområdet har en fælles forståelse af kerneopgaven, "
            "en fælles tilgang til borgersamarbejdet og fælles standarder for faglig kvalitet. "
            "Samtidig skal vi have klare aftaler om, hvordan og hvornår vi løser opgaverne i "
            "fællesskab, og hvor der skal være plads til, at vi gør tingene forskelligt.",
            "Med pejlemærket ”fundamentet på plads” vil Socialområdet i de kommende 3-5 år have "
            "fokus på at styrke den faglige kvalitet og sætte fælles retning med afsæt i "
            "kerneopgaven. Vi vil udvikle og implementere fælles systemer og arbejdsgange, som "
            "understøtter effektivitet og ensartethed i opgaveløsningen. Samtidig vil vi sikre, at "
            "vi arbejder ud fra et fælles serviceniveau, som er realistisk og kendt af borgere og "
            "samarbejdspartnere.",
        ],
        "keywords": [
            "Kerneopgaven",
            "Faglig ledelse",
            "Fælles faglige tiltag og metoder",
            "Fælles aftaler, strukturer og systemer",
            "Dokumentation og økonomisk styring",
            "Gennemsigtighed",
        ],
        "objectives": [
            "Alle medarbejdere kender og bidrager til løsningen af den fælles kerneopgave",
            "Vores organisering, systemer og arbejdsgange understøtter en effektiv og ensartet "
            "opgaveløsning",
            "Vores serviceniveau er tydeligt, realistisk og kendt af borgere og samarbejdspartnere",
            "Vores dokumentationsarbejde er målstyret, systematisk og sikrer relevant "
            "ledelsesinformation.",
        ],
    },
    {
        "number": 3,
        "title": "Mest muligt i eget liv",
        "motto": "Vi har fokus på midlertidighed, selvstændighed og giver slip, når målet er nået",
        "description": [
            "På Socialområdet har vi et fælles fokus på, at borgeren tør, gør og kan selv med "
            "mindst mulig støtte i dagligdagen. Vi tror på, at det for borgeren giver værdi at "
            "kunne selv og lykkes med personlige mål.",
            "Det er afgørende, at borgeren hverken over– eller underkompenseres. Indsatsen skal "
            "være tilpas afstemt, så den kompenserer borgeren for sin funktionsnedsættelse og "
            "samtidig støtter borgeren til at udvikle sig og realisere sit potentiale.",
            "Det kræver mod og risikovillighed at give slip og lade borgeren stå på egne ben. Vi "
            "skal turde at fejle, tænke om og prøve igen, og vi skal have en tilbudsvifte, som "
            "understøtter fleksibilitet og graduering af støtten.",
            "Med pejlemærket ”mest muligt i eget liv” vil Socialområdet i de kommende 3-5 år have "
            "fokus på at etablere tilbudstyper, som understøtter et midlertidigt fokus og giver "
            "mulighed for at justere støtten i takt med, at borgeren udvikler sig. Arbejdet med "
            "dokumentation og målstyring skal styrkes, så vi sikrer, at en indsats ophører eller "
            "justeres, når målet er opnået eller ikke længere er relevant.",
            "Samtidig vil vi gennem et styrket samarbejde med borgerens netværk, civilsamfundet og "
            "arbejdsmarkedsområdet fremme borgernes mulighed for inklusion og deltagelse i "
            "samfundet. Formålet er sikre, at borgeren har et forsørgelsesgrundlag og noget "
            "meningsfuldt at stå op til—også når den kommunale støtte eventuelt ophører.",
        ],
        "keywords": [
            "Mindst indgribende, egnede indsats",
            "Fokus på læring og livsmestring",
            "Målstyring og opfølgning",
            "Hverken over– eller underkompensere",
            "Dristighed og prøvehandlinger",
        ],
        "objectives": [
            "Vi arbejder med konkrete og afgrænsede mål og giver slip, når målet er nået",
            "Vi har en tilbudsvifte, som understøtter tidsafgrænset, virtuel og gruppebaseret "
            "støtte",
            "Vi understøtter borgernes mulighed for inklusion og deltagelse i samfundet.",
        ],
    },
    {
        "number": 4,
        "title": "Helhed og fremtidssikring",
        "motto": "Vi tænker fremad og på tværs og skaber sammenhængende, individuelle og "
        "fleksible løsninger",
        "description": [
            "Socialområdets opgaver og målgrupper udvikler sig hele tiden, og vi skal være på "
            "forkant med udviklingen.",
            "Vores tilbud og indsatser skal matche borgernes behov, samtidig med at den økonomiske "
            "ramme på området skal overholdes. Det kræver løbende omstillinger, prioriteringer og "
            "mod til at tænke nyt. Det kræver også et fokus på eksisterende og fremtidige "
            "kompetencebehov, og på hvordan kompetencer forankres i organisationen.",
            "Med pejlemærket ”helhed og fremtidssikring” vil Socialområdet i de kommende 3-5 år "
            "have fokus på at tilpasse vores tilbudsstruktur og fysiske rammer til nye "
            "målgrupper.",
            "Vi vil arbejde med strategisk kompetenceudvikling for at sikre, at vi har den "
            "fagspecialisering, som opgaverne kræver både nu og i fremtiden.",
            "Samtidig vil vi understøtte indsatsen for rekruttering og fastholdelse, bl.a. gennem "
            "udvikling af stærke arbejdsfællesskaber, der er kendetegnet ved høj grad af "
            "psykologisk tryghed og organisatorisk medlemskab.",
            "### Tværgående samarbejde",
            "I arbejdet med at udvikle og fremtidssikre vores tilbud er det afgørende, at vi på "
            "Socialområdet ikke lukker os om os selv. Hvis vi skal lykkes, er vi afhængige af et "
            "tæt samarbejde med andre forvaltningsområder, region og civilsamfund.",
            "Borgeren og vores samarbejdspartnere skal opleve at blive mødt af et Socialområde, der "
            "betragter borgernes trivsel som et fælles ansvar, og som går forrest og inviterer ind "
            "til tværgående samarbejde, når og hvor dette er relevant.",
        ],
        "keywords": [
            "Mod til at tænke nyt",
            "Udvikling og fremtidssikring af tilbud og faglige kompetencer",
            "Stærke arbejdsfællesskaber",
            "Relationel koordinering og social kapital",
            "Organisatorisk medlemskab, OLFA",
        ],
        "objectives": [
            "Vores tilbud og fysiske rammer er tilpasset efter (udviklingen i) borgernes behov",
            "Vi har de kompetencer, som skal til for at løse kerneopgaven nu og i fremtiden",
            "Vi kommunikerer og samarbejder med vores omverden for at skabe nytænkning og sikre "
            "enkle, effektive og sammenhængende indsatser.",
        ],
    },
]

# Seed 004 (committee introduction, 2025): pejlemærke 2 in 2025–2026, 3 and 4 in 2026–2027.
FOCUS = [
    (2, 2025, 2026, "Introduktion til Socialområdet for udvalget, 2025"),
    (3, 2026, 2027, "Introduktion til Socialområdet for udvalget, 2025"),
    (4, 2026, 2027, "Introduktion til Socialområdet for udvalget, 2025"),
]

# The organisation (seeds 000 and 001). Each entry: (name, kind, parent name or None).
# The services under each area are those named in Bilag 2 of seed 000.
ORGANISATION = [
    ("Socialområdet", "organisation", None),
    ("Socialafdelingen (voksenområdet)", "department", "Socialområdet"),
    ("Børne- og Familieafdelingen", "department", "Socialområdet"),
    ("Socialpsykiatri", "area", "Socialafdelingen (voksenområdet)"),
    ("Område Ørum", "area", "Socialafdelingen (voksenområdet)"),
    ("Område Grenå", "area", "Socialafdelingen (voksenområdet)"),
    ("Område Ørsted, Auning og Allingåbro", "area", "Socialafdelingen (voksenområdet)"),
    # Seed 001 names "Myndighed- og visitationsafdelingens børnedel": it serves both departments.
    ("Myndighed og visitation", "area", "Socialområdet"),
    ("Dolmer Have", "service", "Socialpsykiatri"),
    ("Bofællesskaberne i Glesborg", "service", "Socialpsykiatri"),
    ("Åparken", "service", "Område Ørum"),
    ("Kornvænget", "service", "Område Ørum"),
    ("Nøddebo", "service", "Område Ørum"),
    ("Nyvang", "service", "Område Ørum"),
    ("Skovstjernen", "service", "Område Grenå"),
    ("Ålunden", "service", "Område Grenå"),
    ("Banesvinget", "service", "Område Ørsted, Auning og Allingåbro"),
    ("Stadionparken/Broagervej", "service", "Område Ørsted, Auning og Allingåbro"),
    ("Kærvang/Skovvang", "service", "Område Ørsted, Auning og Allingåbro"),
]
