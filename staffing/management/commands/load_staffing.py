from django.core.management.base import BaseCommand

from core.formatting import number
from staffing.services import staffing_load_bilag2
from staffing.tables import snapshot_table


class Command(BaseCommand):
    help = "Indlæser faggrupperne og Bilag 2 (personale pr. september 2024); kan køres flere gange."

    def handle(self, *args, **options) -> None:
        snapshot = staffing_load_bilag2()
        table = snapshot_table(snapshot)
        self.stdout.write(
            f"Opgørelse {snapshot.label}: {len(table.columns)} områder, "
            f"{len(table.figures())} tal, {number(table.total)} fuldtidspersoner i alt."
        )
