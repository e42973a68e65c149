"""How a change is shown to people: the field, its label, the old and the new value, and who
made it. Used by every readable history and every stale-edit conflict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Field, Model
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def field_label(model: type[Model], name: str) -> str:
    """A model field's Danish name, as a history row's heading: "Trafiklys"."""
    return str(cast(Field, model._meta.get_field(name)).verbose_name).capitalize()


def person_name(user, *, unknown: str = "") -> str:
    """A user as shown in histories: the full name, else the username; `unknown` when none
    (an earlier record's author, a system load)."""
    if user is None:
        return unknown
    return user.get_full_name() or user.get_username()


def history_author(user) -> str:
    """Who made a change, as every history names them: the person, or "Indlæst af systemet"
    for a load without a user (load_plan, load_staffing, the demo data)."""
    return person_name(user, unknown=_("Indlæst af systemet"))


def recorded_person(row, field: str, *, unknown: str = "") -> str:
    """The name of the user `row.<field>` points at. A history row keeps the id of a user
    who was since deleted in the database (its foreign keys have no constraint): that is
    "Tidligere medarbejder", never an error and never `unknown` (the system)."""
    try:
        user = getattr(row, field)
    except ObjectDoesNotExist:
        return _("Tidligere medarbejder")
    if user is None and getattr(row, f"{field}_id", None) is not None:  # a join found none
        return _("Tidligere medarbejder")
    return person_name(user, unknown=unknown)


def author_name(row) -> str:
    """Who saved a row someone else's edit collided with ("En anden bruger" when unknown)."""
    return person_name(row.author, unknown=_("En anden bruger"))
