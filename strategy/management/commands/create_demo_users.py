from django.core.management.base import BaseCommand

from strategy.services import DEMO_PASSWORD, demo_users_create


class Command(BaseCommand):
    help = "Opretter demo-brugere, én pr. rolle (kun til demo og udvikling)."

    def handle(self, *args, **options) -> None:
        users = demo_users_create()
        names = ", ".join(u.username for u in users)
        self.stdout.write(f"Demo-brugere: {names} (adgangskode {DEMO_PASSWORD})")
