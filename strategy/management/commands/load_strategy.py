from django.core.management.base import BaseCommand

from accounts.services import roles_ensure
from strategy.services import organisation_load_norddjurs, strategy_load_norddjurs


class Command(BaseCommand):
    help = "Indlæser strategien, organisationen og rollerne (kan køres flere gange)."

    def handle(self, *args, **options) -> None:
        strategy = strategy_load_norddjurs()
        units = organisation_load_norddjurs()
        roles_ensure()
        self.stdout.write(
            f"Strategi: {strategy.themes.count()} pejlemærker, "
            f"{sum(t.objectives.count() for t in strategy.themes.all())} målsætninger; "
            f"{len(units)} enheder."
        )
