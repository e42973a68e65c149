from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from initiatives.services import plan_load_demo_status, plan_load_norddjurs


class Command(BaseCommand):
    help = (
        "Indlæser udviklingsplanens tiltag, fokusområder og halvår fra kildedokumenterne "
        "(kan køres flere gange). Med --demo-status også eksempler på statusopdateringer."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo-status",
            action="store_true",
            help="Opret DEMODATA: eksempler på status for 2. halvår 2025 og 1. halvår 2026.",
        )

    def handle(self, *args, **options) -> None:
        result = plan_load_norddjurs()
        self.stdout.write(
            f"Udviklingsplan: {result.initiatives_total} tiltag "
            f"({result.initiatives_created} nye), {result.focus_areas} fokusområder, "
            f"{result.periods_created} nye halvår."
        )
        if options["demo_status"]:
            created = plan_load_demo_status()
            self.stdout.write(f"Demodata: {created} eksempler på statusopdateringer.")
        # The indicators app sits to the right of this one: reached by its command's name,
        # never imported, and skipped when it is not installed.
        if apps.is_installed("indicators"):
            call_command("load_indicators", demo_status=options["demo_status"], stdout=self.stdout)
