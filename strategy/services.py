"""Writes for the strategy app: loading the real strategy and organisation, roles, demo users."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts import roles
from accounts.services import roles_ensure
from core.loading import update_or_create_if_changed
from strategy import seed
from strategy.models import Keyword, Objective, Strategy, Theme, ThemeFocus, Unit


@transaction.atomic
def strategy_load_norddjurs() -> Strategy:
    """Load the strategy verbatim. Idempotent: running it again changes nothing."""
    data = dict(seed.STRATEGY)
    strategy, _ = update_or_create_if_changed(Strategy, name=data.pop("name"), defaults=data)
    for theme_data in seed.THEMES:
        theme, _ = update_or_create_if_changed(
            Theme,
            number=theme_data["number"],
            defaults={
                "strategy": strategy,
                "title": theme_data["title"],
                "motto": theme_data["motto"],
                "description": "\n\n".join(theme_data["description"]),
            },
        )
        for order, text in enumerate(theme_data["keywords"], start=1):
            update_or_create_if_changed(Keyword, theme=theme, text=text, defaults={"order": order})
        for number, text in enumerate(theme_data["objectives"], start=1):
            update_or_create_if_changed(
                Objective, theme=theme, number=number, defaults={"text": text}
            )
    for theme_number, start_year, end_year, source in seed.FOCUS:
        update_or_create_if_changed(
            ThemeFocus,
            theme=Theme.objects.get(number=theme_number),
            start_year=start_year,
            end_year=end_year,
            defaults={"source": source},
        )
    return strategy


@transaction.atomic
def organisation_load_norddjurs() -> list[Unit]:
    """Load Socialområdet's units as a tree. Idempotent."""
    units: dict[str, Unit] = {}
    for order, (name, kind, parent_name) in enumerate(seed.ORGANISATION, start=1):
        units[name], _ = update_or_create_if_changed(
            Unit,
            name=name,
            defaults={
                "kind": kind,
                "parent": units[parent_name] if parent_name else None,
                "order": order,
            },
        )
    return list(units.values())


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    units: tuple[str, ...] = ()


DEMO_PASSWORD = "demo1234"  # noqa: S105 - documented demo accounts for `make run` only
DEMO_ACCOUNTS = [
    DemoAccount("admin", "Anne Administrator", roles.ADMINISTRATOR),
    DemoAccount("leder.grenaa", "Lars Leder (Område Grenå)", roles.LEADER, ("Område Grenå",)),
    DemoAccount("leder.oerum", "Lene Leder (Område Ørum)", roles.LEADER, ("Område Ørum",)),
    DemoAccount("omu", "Ole OMU-medlem", roles.OMU_MEMBER),
    DemoAccount("udvalg", "Ulla Udvalgsmedlem", roles.COMMITTEE_MEMBER),
]


@transaction.atomic
def demo_users_create(*, password: str = DEMO_PASSWORD) -> list:
    """Create one demo account per role (see README). Idempotent; resets the password."""
    groups = roles_ensure()
    User = get_user_model()
    users = []
    for account in DEMO_ACCOUNTS:
        first_name, _, last_name = account.full_name.partition(" ")
        user, _ = update_or_create_if_changed(
            User,
            username=account.username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{account.username}@example.invalid",
                "is_staff": account.role == roles.ADMINISTRATOR,
            },
        )
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.set([groups[account.role]])
        for unit in Unit.objects.filter(name__in=account.units).exclude(leaders=user):
            unit.leaders.add(user)
        users.append(user)
    return users
