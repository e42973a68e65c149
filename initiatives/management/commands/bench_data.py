import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from initiatives.models import Initiative


class Command(BaseCommand):
    help = (
        "Fylder en SEPARAT, migreret database (DATABASE_URL) med data til ydelsestesten: "
        "realistic, stress, report500 eller tiny-a/tiny-b, bestemt af et seed-tal."
    )

    def add_arguments(self, parser) -> None:
        from bench.generate import SCALES

        parser.add_argument("--scale", choices=sorted(SCALES), default="realistic")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Tøm databasen først (manage.py flush). Uden den skal databasen være tom.",
        )

    def handle(self, *args, **options) -> None:
        from bench.generate import SCALES, generate

        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        elif Initiative.objects.exists():
            raise CommandError(
                "Databasen indeholder allerede tiltag. Brug en tom database eller --reset."
            )
        started = time.monotonic()
        summary = generate(SCALES[options["scale"]], options["seed"])
        self.stdout.write(
            f"{summary.scale} (seed {summary.seed}): {summary.initiatives} tiltag, "
            f"{summary.status_updates} statusopdateringer, {summary.periods} halvår, "
            f"{summary.units} enheder, {summary.snapshots} personaleopgørelser "
            f"({summary.staffing_figures} tal); bench.leder har "
            f"{summary.bench_leader_initiatives} tiltag. "
            f"{time.monotonic() - started:.1f} s."
        )
