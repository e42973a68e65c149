"""Loading data that may already be there: a command run twice changes nothing, not even the
history (django-simple-history writes a row on every save, changed or not)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

M = TypeVar("M", bound=models.Model)


def update_or_create_if_changed(
    model: type[M], *, defaults: dict[str, Any], **lookup: Any
) -> tuple[M, bool]:
    """As QuerySet.update_or_create, but saves an existing row only when a value differs.
    Returns (row, written): written is True when the row was created or changed."""
    try:
        row = model._default_manager.get(**lookup)
    except ObjectDoesNotExist:
        return model._default_manager.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(row, name) != value]
    if not changed:
        return row, False
    for name in changed:
        setattr(row, name, defaults[name])
    row.save()
    return row, True
