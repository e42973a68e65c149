"""Reads for the administrators' pages on people and the organisation (Brugere og enheder):
each returns what its page shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import AuditEvent
from strategy.models import Unit


def display_name(user) -> str:
    """A person as every page and picker names them: their name, the e-mail only when no name
    is known (never a bare username)."""
    return user.get_full_name() or user.email or user.get_username()


@dataclass(frozen=True)
class TreeNode:
    unit: Unit
    depth: int
    children: list[TreeNode] = field(default_factory=list)


def organisation_tree(*, include_retired: bool = True) -> list[TreeNode]:
    """The organisation as nested nodes, roots first, siblings in their order (two queries:
    the units and their leaders)."""
    units = Unit.objects.select_related("parent").prefetch_related(
        Prefetch("leaders", queryset=get_user_model().objects.order_by("first_name", "last_name"))
    )
    if not include_retired:
        units = units.active()
    by_parent: dict[int | None, list[Unit]] = {}
    for unit in units.order_by("order", "name"):
        by_parent.setdefault(unit.parent_id, []).append(unit)

    def build(parent_id: int | None, depth: int, seen: frozenset[int]) -> list[TreeNode]:
        return [
            TreeNode(unit, depth, build(unit.pk, depth + 1, seen | {unit.pk}))
            for unit in by_parent.get(parent_id, [])
            if unit.pk not in seen
        ]

    return build(None, 0, frozenset())


@dataclass(frozen=True)
class PersonRow:
    person: object
    name: str
    role_names: list[str]
    led_units: list[Unit]


@dataclass(frozen=True)
class Warning:
    text_kind: str  # "leader_without_unit" or "unit_leader_not_leader"
    person: object
    name: str
    unit: Unit | None = None


def _people():
    User = get_user_model()
    return User.objects.order_by("first_name", "last_name", "email").prefetch_related(
        "groups", Prefetch("led_units", queryset=Unit.objects.order_by("order", "name"))
    )


def person_row(person) -> PersonRow:
    return PersonRow(
        person=person,
        name=display_name(person),
        role_names=sorted(g.name for g in person.groups.all() if g.name in roles.ALL),
        led_units=list(person.led_units.all()),
    )


def people_overview(*, active: bool = True) -> list[PersonRow]:
    """Every person with their roles and the units they lead (three queries)."""
    return [person_row(p) for p in _people().filter(is_active=active)]


def organisation_warnings(rows: list[PersonRow]) -> list[Warning]:
    """What an administrator should look at: a Leder who leads no unit, and a person who leads
    a unit without having the role Leder (so Mine tiltag is not theirs)."""
    found: list[Warning] = []
    for row in rows:
        is_leader = roles.LEADER in row.role_names
        if is_leader and not row.led_units:
            found.append(Warning("leader_without_unit", row.person, row.name))
        if not is_leader:
            found.extend(
                Warning("unit_leader_not_leader", row.person, row.name, unit)
                for unit in row.led_units
            )
    return found


_CHANGE_TEXTS = {
    "group_added": _("fik rollen %(group)s"),
    "group_removed": _("mistede rollen %(group)s"),
    "group_cleared": _("mistede rollen %(group)s"),
    "leader_added": _("blev leder af %(unit)s"),
    "leader_removed": _("er ikke længere leder af %(unit)s"),
    "leader_cleared": _("er ikke længere leder af %(unit)s"),
    "flags": _("adgang ændret"),
    "created": _("oprettet"),
    "updated": _("navn eller e-mail ændret"),
    "deactivated": _("deaktiveret"),
}


def person_history(person, *, limit: int = 50) -> list[tuple[object, str]]:
    """A person's readable history from the security log: (event, what happened in Danish)."""
    events = (
        AuditEvent.objects.filter(
            kind__in=[AuditEvent.Kind.ROLE_CHANGED, AuditEvent.Kind.PERSON_CHANGED],
            target=person.get_username(),
        )
        .select_related("user")
        .order_by("-created_at", "-pk")[:limit]
    )
    lines = []
    for event in events:
        details = event.details or {}
        text = _CHANGE_TEXTS.get(details.get("change", ""), event.get_kind_display())
        lines.append(
            (
                event,
                str(text) % {"group": details.get("group", ""), "unit": details.get("unit", "")},
            )
        )
    return lines
