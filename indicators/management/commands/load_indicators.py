from django.core.management.base import BaseCommand

from indicators.services import indicators_load_demo, indicators_load_norddjurs


class Command(BaseCommand):
    help = (
        "Indlæser de indikatorer, kilderne nævner, uden værdier (kan køres flere gange). "
        "Med --demo-status også eksempler på baseline, måltal og målinger."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo-status",
            action="store_true",
            help="Opret DEMODATA: eksempler på målinger, markeret som eksempler.",
        )

    def handle(self, *args, **options) -> None:
        total = indicators_load_norddjurs()
        self.stdout.write(f"Indikatorer: {total}.")
        if options["demo_status"]:
            created = indicators_load_demo()
            self.stdout.write(f"Demodata: {created} eksempler på målinger.")
