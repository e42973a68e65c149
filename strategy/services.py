"""Writes for the strategy app: loading the real strategy and organisation, roles, demo users."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.audit import audit_record
from accounts.models import AuditEvent
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


# --- Brugere og enheder: the administrators' own pages write through these -------------------


def _email_taken(email: str, *, exclude_pk: int | None) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exclude(pk=exclude_pk).exists()


@transaction.atomic
def person_save(
    *,
    person=None,
    actor,
    first_name: str,
    last_name: str,
    email: str,
    role_names: set[str],
    led_units: Iterable[Unit],
    is_active: bool = True,
):
    """Create (`person=None`) or update a person in one step: name, e-mail, roles and the units
    they lead. The e-mail is their sign-in name and is unique (case-insensitive). Role and
    leadership changes are audited by accounts.signals; the rest is audited here."""
    User = get_user_model()
    email = email.strip().lower()
    if not email:
        raise ValidationError(_("Skriv personens e-mailadresse."))
    # Locks the rows with this e-mail, so two administrators cannot both create it.
    list(User.objects.select_for_update().filter(email__iexact=email))
    if _email_taken(email, exclude_pk=person.pk if person is not None else None):
        raise ValidationError(
            _("Der findes allerede en person med e-mailadressen %(email)s.") % {"email": email}
        )
    unknown = set(role_names) - set(roles.ALL)
    if unknown:
        raise ValidationError(_("Ukendt rolle: %(role)s.") % {"role": ", ".join(sorted(unknown))})
    if (
        person is not None
        and person.pk == actor.pk
        and roles.ADMINISTRATOR not in role_names
        and not person.is_superuser
    ):
        raise ValidationError(_("Du kan ikke fjerne din egen rolle som Administrator."))
    if person is not None and person.pk == actor.pk and not is_active:
        raise ValidationError(_("Du kan ikke deaktivere dig selv."))
    created = person is None
    if created:
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError(
                _("Der findes allerede en person med brugernavnet %(email)s.") % {"email": email}
            )
        person = User(username=email)
        person.set_unusable_password()
        before: dict = {}
    else:
        before = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
        }
    person.first_name, person.last_name, person.email = first_name, last_name, email
    person.is_active = is_active
    person.is_staff = roles.ADMINISTRATOR in role_names or person.is_superuser
    person.save()
    person.groups.set(Group.objects.filter(name__in=role_names))
    units = list(led_units)
    retired = [unit.name for unit in units if unit.retired_at is not None]
    if retired:
        raise ValidationError(
            _("%(unit)s er nedlagt og kan ikke have en leder.") % {"unit": ", ".join(retired)}
        )
    person.led_units.set(units)
    after = {"first_name": first_name, "last_name": last_name, "email": email}
    changed = {key: value for key, value in after.items() if before.get(key) != value}
    if changed:
        audit_record(
            kind=AuditEvent.Kind.PERSON_CHANGED,
            user=actor,
            target=person.get_username(),
            details={"change": "created" if created else "updated", **changed},
        )
    return person


@transaction.atomic
def person_deactivate(*, person, actor):
    """A deactivated person can no longer log in and leads no unit; their name stays in the
    history. (Anonymising them is a separate step.)"""
    if person.pk == actor.pk:
        raise ValidationError(_("Du kan ikke deaktivere dig selv."))
    person.is_active = False
    person.save()
    person.led_units.clear()
    audit_record(
        kind=AuditEvent.Kind.PERSON_CHANGED,
        user=actor,
        target=person.get_username(),
        details={"change": "deactivated"},
    )
    return person


def unit_parent_check(unit: Unit | None, parent: Unit | None) -> None:
    if parent is None:
        return
    if parent.retired_at is not None:
        raise ValidationError(_("%(unit)s er nedlagt.") % {"unit": parent.name})
    if unit is None or unit.pk is None:
        return
    below = Unit.objects.ids_under(unit.pk)
    if parent.pk in below:
        raise ValidationError(
            _("%(unit)s kan ikke ligge under %(parent)s, som er %(relation)s.")
            % {
                "unit": unit.name,
                "parent": parent.name,
                "relation": _("enheden selv")
                if parent.pk == unit.pk
                else _("en af dens underenheder"),
            }
        )


def _check_name(name: str, *, exclude_pk: int | None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(_("Skriv enhedens navn."))
    if Unit.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ValidationError(
            _("Der findes allerede en enhed med navnet %(name)s.") % {"name": name}
        )
    return name


@transaction.atomic
def unit_create(*, actor, name: str, kind: str, parent: Unit | None, order: int = 0) -> Unit:
    name = _check_name(name, exclude_pk=None)
    unit_parent_check(None, parent)
    unit = Unit.objects.create(name=name, kind=kind, parent=parent, order=order)
    audit_record(
        kind=AuditEvent.Kind.UNIT_CHANGED,
        user=actor,
        target=unit.name,
        details={"change": "created", "parent": parent.name if parent else ""},
    )
    return unit


@transaction.atomic
def unit_update(
    *, unit: Unit, actor, name: str, kind: str, parent: Unit | None, order: int
) -> Unit:
    """Rename or move a unit (or change its kind and place among its siblings). A unit can never
    come to lie under itself: refused here, and by the database (strategy.tree_guard)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.retired_at is not None:
        raise ValidationError(_("%(unit)s er nedlagt og kan ikke ændres.") % {"unit": unit.name})
    name = _check_name(name, exclude_pk=unit.pk)
    unit_parent_check(unit, parent)
    before = {
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent.name if unit.parent else "",
    }
    unit.name, unit.kind, unit.parent, unit.order = name, kind, parent, order
    unit.save()
    after = {"name": name, "kind": kind, "parent": parent.name if parent else ""}
    changed = {key: [before[key], value] for key, value in after.items() if before[key] != value}
    if changed:
        audit_record(
            kind=AuditEvent.Kind.UNIT_CHANGED,
            user=actor,
            target=unit.name,
            details={"change": "updated", **changed},
        )
    return unit


@transaction.atomic
def unit_retire(*, unit: Unit, actor) -> Unit:
    """Retire a unit that has no active units under it: it leaves every picker and its leaders
    stop leading it; its name stays on what it did."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.retired_at is not None:
        raise ValidationError(_("%(unit)s er allerede nedlagt.") % {"unit": unit.name})
    children = list(unit.children.active().values_list("name", flat=True))
    if children:
        raise ValidationError(
            _("%(unit)s har aktive underenheder (%(children)s); flyt eller nedlæg dem først.")
            % {"unit": unit.name, "children": ", ".join(children)}
        )
    unit.retired_at = timezone.now()
    unit.save()
    unit.leaders.clear()
    audit_record(
        kind=AuditEvent.Kind.UNIT_CHANGED,
        user=actor,
        target=unit.name,
        details={"change": "retired"},
    )
    return unit


@transaction.atomic
def people_deactivate_unseen(*, days: int, now=None) -> list[str]:
    """Deactivate every active person not seen for `days` days (last login, or joined then and
    never seen), superusers and break-glass accounts excepted: they can no longer log in and
    lead no unit; each is audited. Returns their usernames. Anonymising them is a later step."""
    from django.conf import settings

    if days <= 0:
        return []
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    User = get_user_model()
    unseen = (
        User.objects.filter(is_active=True, is_superuser=False)
        .filter(
            models.Q(last_login__lt=cutoff)
            | models.Q(last_login__isnull=True, date_joined__lt=cutoff)
        )
        .exclude(username__in=settings.LOCAL_LOGIN_USERNAMES)
        .order_by("username")
    )
    names = []
    for person in unseen:
        person.is_active = False
        person.save()
        person.led_units.clear()
        audit_record(
            kind=AuditEvent.Kind.PERSON_CHANGED,
            username="system",
            target=person.get_username(),
            details={"change": "deactivated", "unseen_days": days},
        )
        names.append(person.get_username())
    return names
