"""Benchmark data, deterministic from a seed number.

`realistic` is what `make seed` loads (the strategy, the organisation, the real development plan
with its demo status, Bilag 2) plus history: generated initiatives up to about 60 and status
updates for six half-years. `stress` adds generated units, initiatives, half-years, status
updates and staffing snapshots up to the brief's stress scale. `report500` is realistic data
grown to 500 initiatives, for the report benchmark; `tiny-a` and `tiny-b` are for the smoke test.

Rows are written with bulk_create, so generated rows have no simple-history rows (as if they
had been imported). Timestamps are set explicitly, so two runs with one seed give the same data.
"""

from __future__ import annotations

import datetime
import random
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from accounts import roles
from initiatives.models import FocusArea, Initiative, Period, StatusUpdate, TrafficLight
from staffing.models import StaffGroup, StaffingFigure, StaffingSnapshot
from strategy.models import Objective, Unit

BENCH_LEADER = "bench.leder"
BENCH_LEADER_UNIT = "Område Grenå"
# The last half-year of the loaded plan; it is the open one.
LAST_PERIOD = (2026, 2)
BATCH = 2000


@dataclass(frozen=True)
class Scale:
    name: str
    real_plan: bool  # load the real plan and Bilag 2 as `make seed` does
    initiatives: int  # total, real ones included
    periods: int  # half-years, the last one open
    updates: int | None  # total status updates; None: about 85 % of initiatives each half-year
    units: int  # total, the real organisation included
    snapshots: int  # staffing snapshots, Bilag 2 included
    indicators: int = 0  # generated indicators, besides the loaded ones of the real plan
    indicator_measurements: int = 0  # per generated indicator, one per half-year, newest back


SCALES = {
    s.name: s
    for s in [
        Scale("realistic", True, initiatives=60, periods=6, updates=None, units=21, snapshots=3),
        Scale(
            "stress",
            True,
            initiatives=10_000,
            periods=12,
            updates=100_000,
            units=200,
            snapshots=20,
            indicators=500,
            indicator_measurements=20,
        ),
        Scale("report500", True, initiatives=500, periods=6, updates=None, units=40, snapshots=3),
        Scale(
            "tiny-a",
            False,
            initiatives=12,
            periods=3,
            updates=20,
            units=24,
            snapshots=2,
            indicators=14,  # one per målsætning, so each page has some
            indicator_measurements=3,
        ),
        Scale(
            "tiny-b",
            False,
            initiatives=40,
            periods=4,
            updates=90,
            units=30,
            snapshots=3,
            indicators=50,
            indicator_measurements=4,
        ),
    ]
}

WORDS = [
    "borgerinddragelse",
    "dokumentation",
    "kompetenceudvikling",
    "trivsel",
    "rehabilitering",
    "netværk",
    "recovery",
    "pårørende",
    "samarbejde",
    "overgange",
    "fastholdelse",
    "rekruttering",
    "sprog",
    "digitalisering",
    "bostøtte",
    "fællesskab",
    "tværfaglighed",
    "læring",
    "evaluering",
    "handleplaner",
    "ledelse",
    "arbejdsmiljø",
    "økonomi",
    "styring",
    "kommunikation",
    "sundhed",
    "mestring",
    "beskæftigelse",
    "fritid",
    "botilbud",
]
STATUS_TEXTS = {
    TrafficLight.GREEN: [
        "Arbejdet forløber som planlagt.",
        "Milepælene for halvåret er nået, og evalueringen er i gang.",
        "Medarbejderne er uddannet, og metoden bruges i hverdagen.",
    ],
    TrafficLight.YELLOW: [
        "Der er risiko for forsinkelse; tidsplanen drøftes på næste ledermøde.",
        "Rekrutteringen tager længere tid end ventet.",
    ],
    TrafficLight.RED: [
        "Arbejdet er forsinket og kræver en ledelsesbeslutning.",
        "Finansieringen er uafklaret; tiltaget kan ikke fortsætte uden beslutning.",
    ],
}
NEXT_STEPS = [
    "Status følges op på næste ledermøde.",
    "Evalueringen fremlægges for OMU.",
    "Næste skridt aftales med de involverede tilbud.",
]
LIGHTS = [TrafficLight.GREEN] * 6 + [TrafficLight.YELLOW] * 3 + [TrafficLight.RED]


@dataclass
class Summary:
    scale: str
    seed: int
    initiatives: int
    status_updates: int
    periods: int
    units: int
    snapshots: int
    staffing_figures: int
    bench_leader_initiatives: int


def generate(scale: Scale, seed: int) -> Summary:
    """Fill the (migrated, empty) database given by DATABASE_URL with `scale`."""
    rng = random.Random(seed)
    with transaction.atomic():
        _load_base(scale)
        with _manual_timestamps():
            units = _units(scale)
            leader = _bench_leader()
            periods = _periods(scale)
            initiatives = _initiatives(scale, rng, units)
            _status_updates(scale, rng, initiatives, periods, leader)
            figures = _snapshots(scale, rng)
            _indicators(scale, rng, units)
    if connection.vendor == "postgresql":
        # As autovacuum would after an import: the planner needs to know the table sizes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return Summary(
        scale=scale.name,
        seed=seed,
        initiatives=Initiative.objects.count(),
        status_updates=StatusUpdate.objects.count(),
        periods=Period.objects.count(),
        units=Unit.objects.count(),
        snapshots=StaffingSnapshot.objects.count(),
        staffing_figures=figures,
        bench_leader_initiatives=Initiative.objects.for_user(leader).count(),
    )


@contextmanager
def _manual_timestamps():
    """Let generated rows keep the created/updated times the generator gives them."""
    fields = [
        f
        for model in (Initiative, StatusUpdate, StaffingSnapshot)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _load_base(scale: Scale) -> None:
    from accounts.services import roles_ensure
    from staffing.services import staff_groups_ensure, staffing_load_bilag2
    from strategy.services import organisation_load_norddjurs, strategy_load_norddjurs

    strategy_load_norddjurs()
    organisation_load_norddjurs()
    roles_ensure()
    staff_groups_ensure()
    if scale.real_plan:
        from indicators.services import indicators_load_demo, indicators_load_norddjurs
        from initiatives.services import plan_load_demo_status, plan_load_norddjurs
        from strategy.services import demo_users_create

        plan_load_norddjurs()
        plan_load_demo_status()
        staffing_load_bilag2()
        indicators_load_norddjurs()
        indicators_load_demo()
        demo_users_create()
    # The loaded rows get a fixed time too, so a second run gives the same data.
    loaded = timezone.make_aware(datetime.datetime(2024, 10, 1, 9))
    Initiative.objects.update(created_at=loaded, updated_at=loaded)


def _units(scale: Scale) -> list[Unit]:
    """The real organisation plus generated areas (each with services) up to `scale.units`."""
    existing = list(Unit.objects.all())
    missing = scale.units - len(existing)
    if missing > 0:
        departments = list(Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).order_by("order"))
        area_count = max(1, missing // 10)
        order = max(u.order for u in existing) + 1
        areas = Unit.objects.bulk_create(
            Unit(
                name=f"Område {n:02d} (genereret)",
                kind=Unit.Kind.AREA,
                parent=departments[n % len(departments)],
                order=order + n,
            )
            for n in range(1, area_count + 1)
        )
        order += area_count + 1
        Unit.objects.bulk_create(
            Unit(
                name=f"Tilbud {n:03d} (genereret)",
                kind=Unit.Kind.SERVICE,
                parent=areas[n % len(areas)],
                order=order + n,
            )
            for n in range(1, missing - area_count + 1)
        )
    return list(Unit.objects.order_by("pk"))


def _bench_leader():
    """The user the page benchmark logs in as: a leader of Område Grenå."""
    user = get_user_model().objects.create(
        username=BENCH_LEADER, first_name="Bente", last_name="Benchmark"
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=roles.LEADER))
    Unit.objects.get(name=BENCH_LEADER_UNIT).leaders.add(user)
    return user


def _periods(scale: Scale) -> list[Period]:
    """Half-years ending with the open LAST_PERIOD; the loaded plan's are kept as they are."""
    wanted = []
    year, half = LAST_PERIOD
    for _ in range(scale.periods):
        wanted.append((year, half))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    existing = {(p.year, p.half) for p in Period.objects.all()}
    new = []
    for year, half in reversed(wanted):
        if (year, half) in existing:
            continue
        start, end = Period.dates_for(year, half)
        is_open = (year, half) == LAST_PERIOD
        closed_at = timezone.make_aware(datetime.datetime.combine(end, datetime.time(16)))
        new.append(
            Period(
                year=year,
                half=half,
                start=start,
                end=end,
                deadline=datetime.date(2026, 12, 15)
                if is_open
                else datetime.date(end.year, end.month, 15),
                is_open=is_open,
                opened_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9))),
                closed_at=None if is_open else closed_at,
            )
        )
    Period.objects.bulk_create(new)
    return list(Period.objects.order_by("year", "half"))


def _initiatives(scale: Scale, rng: random.Random, units: list[Unit]) -> list[Initiative]:
    count = scale.initiatives - Initiative.objects.count()
    if count > 0:
        objectives = list(Objective.objects.order_by("pk").values_list("pk", flat=True))
        focus_areas = list(FocusArea.objects.order_by("pk"))
        if not focus_areas:
            focus_areas = FocusArea.objects.bulk_create(
                FocusArea(name=f"Fokusområde {n}", order=n) for n in range(1, 7)
            )
        order = (max(Initiative.objects.values_list("order", flat=True), default=0) or 0) + 1
        lifecycle = (
            [Initiative.Lifecycle.IN_PROGRESS] * 6
            + [Initiative.Lifecycle.NOT_STARTED] * 2
            + [Initiative.Lifecycle.COMPLETED, Initiative.Lifecycle.PAUSED]
        )
        created = timezone.make_aware(datetime.datetime(2021, 1, 4, 9))
        rows = []
        for n in range(count):
            words = rng.sample(WORDS, 3)
            start_year = rng.randint(2021, 2026)
            rows.append(
                Initiative(
                    title=f"Tiltag {n + 1:05d}: {words[0]} og {words[1]}".capitalize(),
                    description=(
                        f"Genereret til ydelsestest. Tiltaget styrker {words[0]}, {words[1]} "
                        f"og {words[2]} på tværs af tilbuddene. " * rng.randint(1, 4)
                    ).strip(),
                    focus_area=rng.choice(focus_areas),
                    start_year=start_year,
                    start_quarter=rng.randint(1, 4),
                    end_year=start_year + rng.randint(0, 3),
                    end_quarter=rng.randint(1, 4),
                    lifecycle_status=rng.choice(lifecycle),
                    order=order + n,
                    created_at=created,
                    updated_at=created,
                )
            )
        new = Initiative.objects.bulk_create(rows, batch_size=BATCH)
        # One in ten is a sub-project (delprojekt) of an earlier generated initiative.
        children = []
        for n, initiative in enumerate(new):
            if n >= 10 and n % 10 == 0:
                initiative.parent_id = new[rng.randrange(0, n)].pk
                children.append(initiative)
        Initiative.objects.bulk_update(children, ["parent"], batch_size=BATCH)
        objective_links, unit_links = [], []
        anchor = Unit.objects.get(name=BENCH_LEADER_UNIT)
        for n, initiative in enumerate(new):
            # The first two are the bench leader's area's, so "Mine tiltag" is never empty.
            chosen = [anchor] if n < 2 else rng.sample(units, rng.choice([1, 1, 1, 2]))
            if n == 2:
                # The third has the bench leader's area taking part, so "Mine tiltag" also
                # lists what the leader takes part in, at every scale.
                chosen = [next(u for u in units if u.pk != anchor.pk), anchor]
            # The first is responsible; a second takes part.
            initiative.responsible_unit_id = chosen[0].pk
            for unit in chosen[1:]:
                unit_links.append(Initiative.units.through(initiative_id=initiative.pk, unit=unit))
            for objective_id in rng.sample(objectives, rng.choice([1, 1, 2, 2, 3])):
                objective_links.append(
                    Initiative.objectives.through(
                        initiative_id=initiative.pk, objective_id=objective_id
                    )
                )
        Initiative.objects.bulk_update(new, ["responsible_unit"], batch_size=BATCH)
        Initiative.objectives.through.objects.bulk_create(objective_links, batch_size=BATCH)
        Initiative.units.through.objects.bulk_create(unit_links, batch_size=BATCH)
    return list(Initiative.objects.order_by("pk").only("pk", "lifecycle_status"))


def _status_updates(
    scale: Scale,
    rng: random.Random,
    initiatives: list[Initiative],
    periods: list[Period],
    author,
) -> None:
    existing = set(StatusUpdate.objects.values_list("initiative_id", "period_id"))
    candidates = [
        (initiative, period)
        for initiative in initiatives
        for period in periods
        if (initiative.pk, period.pk) not in existing
    ]
    if scale.updates is None:
        wanted = int(len(initiatives) * len(periods) * 0.85) - len(existing)
    else:
        wanted = scale.updates - len(existing)
    wanted = max(0, min(wanted, len(candidates)))
    chosen = sorted(
        rng.sample(range(len(candidates)), wanted),
        key=lambda i: (candidates[i][1].year, candidates[i][1].half, candidates[i][0].pk),
    )
    rows = []
    for index in chosen:
        initiative, period = candidates[index]
        light = rng.choice(LIGHTS)
        when = timezone.make_aware(
            datetime.datetime.combine(
                period.deadline - datetime.timedelta(days=rng.randint(0, 40)),
                datetime.time(rng.randint(8, 15), rng.randint(0, 59)),
            )
        )
        rows.append(
            StatusUpdate(
                initiative_id=initiative.pk,
                period=period,
                traffic_light=light,
                progress=rng.randint(0, 100),
                lifecycle_status=initiative.lifecycle_status,
                status_text=rng.choice(STATUS_TEXTS[light]),
                next_steps=rng.choice(NEXT_STEPS),
                author=author,
                created_at=when,
                updated_at=when,
                version=1,
            )
        )
        if len(rows) >= BATCH:
            StatusUpdate.objects.bulk_create(rows)
            rows = []
    StatusUpdate.objects.bulk_create(rows)


def _snapshots(scale: Scale, rng: random.Random) -> int:
    """Half-yearly staffing snapshots back from March 2026, Bilag 2's September 2024 kept."""
    groups = list(StaffGroup.objects.order_by("order"))
    areas = list(Unit.objects.areas().order_by("order", "pk"))
    existing = {s.date for s in StaffingSnapshot.objects.all()}
    snapshots: list[StaffingSnapshot] = []
    year, month = 2026, 3
    when = timezone.make_aware(datetime.datetime(2026, 4, 1, 9))
    while len(existing) + len(snapshots) < scale.snapshots:
        date = datetime.date(year, month, 31 if month == 3 else 30)
        if not any(abs((date - d).days) < 60 for d in existing):
            snapshots.append(
                StaffingSnapshot(
                    label=f"{'marts' if month == 3 else 'september'} {year} (genereret)",
                    date=date,
                    note="Genereret til ydelsestest.",
                    created_at=when,
                )
            )
        year, month = (year, 3) if month == 9 else (year - 1, 9)
    snapshots = StaffingSnapshot.objects.bulk_create(snapshots)
    figures = []
    for snapshot in snapshots:
        for area in areas:
            for group in groups:
                if rng.random() < 0.15:
                    continue  # not every area has every group ("-" in Bilag 2)
                fte = Decimal(rng.randint(50, 4000)) / 100
                figures.append(StaffingFigure(snapshot=snapshot, area=area, group=group, fte=fte))
    StaffingFigure.objects.bulk_create(figures, batch_size=BATCH)
    return StaffingFigure.objects.count()


def _indicators(scale: Scale, rng: random.Random, units: list[Unit]) -> int:
    """`scale.indicators` indicators over the 14 målsætninger, each with a target and
    `scale.indicator_measurements` measurements, one per half-year back from the open one.
    When the scale has fewer half-years than that, earlier closed ones are added (stress:
    12 half-years for the initiatives, 20 for the indicators' history)."""
    from indicators.models import Indicator, Measurement, Target
    from strategy.models import Objective

    if not scale.indicators:
        return 0
    periods = list(Period.objects.order_by("-year", "-half"))
    year, half = periods[-1].year, periods[-1].half
    older: list[Period] = []
    while len(periods) + len(older) < scale.indicator_measurements:
        year, half = (year, 1) if half == 2 else (year - 1, 2)
        start, end = Period.dates_for(year, half)
        at = timezone.make_aware(datetime.datetime.combine(end, datetime.time(16)))
        older.append(
            Period(
                year=year,
                half=half,
                start=start,
                end=end,
                deadline=datetime.date(end.year, end.month, 15),
                opened_at=at,
                closed_at=at,
            )
        )
    Period.objects.bulk_create(older)
    periods = list(Period.objects.order_by("-year", "-half"))[: scale.indicator_measurements]
    objectives = list(Objective.objects.order_by("theme__number", "number"))
    indicators = Indicator.objects.bulk_create(
        Indicator(
            name=f"Ydelsesindikator {n:04d}",
            definition="Genereret til ydelsestesten.",
            unit=rng.choice(["percent", "count", "days"]),
            decimals=1,
            direction=rng.choice(["higher", "lower"]),
            responsible_unit=units[n % len(units)],
            baseline_value=Decimal(50),
            baseline_date=datetime.date(2015, 1, 1),
            order=100 + n,
        )
        for n in range(scale.indicators)
    )
    Indicator.objectives.through.objects.bulk_create(
        Indicator.objectives.through(
            indicator_id=indicator.pk, objective_id=objectives[n % len(objectives)].pk
        )
        for n, indicator in enumerate(indicators)
    )
    Target.objects.bulk_create(
        Target(
            indicator=indicator,
            value=Decimal(rng.randint(20, 80)),
            date=datetime.date(2028, 12, 31),
        )
        for indicator in indicators
    )
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            period=period,
            covers_end=period.end,
            value=Decimal(rng.randint(0, 1000)) / 10,
            version=1,
        )
        for indicator in indicators
        for period in periods
    )
    return len(indicators)
