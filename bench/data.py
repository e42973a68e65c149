"""Fills a SEPARATE, migrated database (DATABASE_URL) with the benchmark's data:
`python -m bench.data --scale stress --seed 1` (realistic, stress, report500 or tiny-a/tiny-b).

A module of the benchmark, not a management command of an app: the generator writes every
app's data, so no app may import it (pyproject.toml, the import contract)."""

from __future__ import annotations

import argparse
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialomraade.settings")
    django.setup()
    from django.core.management import call_command

    from bench.generate import SCALES, generate
    from core.formatting import number
    from initiatives.models import Initiative

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="realistic")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reset",
        action="store_true",
        help="Tøm databasen først (manage.py flush). Uden den skal databasen være tom.",
    )
    args = parser.parse_args(argv)
    if args.reset:
        call_command("flush", interactive=False, verbosity=0)
    elif Initiative.objects.exists():
        print("Databasen indeholder allerede tiltag. Brug en tom database eller --reset.")
        return 1
    started = time.monotonic()
    summary = generate(SCALES[args.scale], args.seed)
    print(
        f"{summary.scale} (seed {summary.seed}): {summary.initiatives} tiltag, "
        f"{summary.status_updates} statusopdateringer, {summary.periods} halvår, "
        f"{summary.units} enheder, {summary.snapshots} personaleopgørelser "
        f"({summary.staffing_figures} tal); bench.leder har "
        f"{summary.bench_leader_initiatives} tiltag. "
        f"{number(time.monotonic() - started, 1)} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
