"""Optimistic locking: a form carries the version of the row it was drawn from, and a save
goes through only while the row is still at that version."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.changes import FieldChange, author_name

M = TypeVar("M", bound=Model)


def lock_at_version(
    queryset: QuerySet[M],
    expected_version: int,
    *,
    error: type[Exception],
    stale: Callable[[M], Exception],
) -> M | None:
    """The row `queryset` finds, with its author (for the stale message), locked until the
    transaction ends, if it is still at `expected_version`; None for a row not written yet
    (version 0).

    A row that moved on since the form was drawn raises `stale(row)`, which says what changed;
    a form ahead of the database (a version the row never had) raises `error`.
    """
    current = queryset.select_for_update(of=("self",)).select_related("author").first()
    if expected_version != getattr(current, "version", 0):  # None: not written yet, 0
        if current is None:
            raise error(_("Formularen er forældet. Indlæs siden igen."))
        raise stale(current)
    return current


class StaleVersion(Exception):
    """Someone saved `current` after this user opened it; `changes` says what they changed.

    Mixed into each app's own error class, which gives `message` (with %(who)s and %(when)s:
    who saved last, and when)."""

    message: str | Promise = ""

    def __init__(self, current, changes: list[FieldChange]):
        self.current = current
        self.changes = changes
        when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
        super().__init__(str(self.message) % {"who": author_name(current), "when": when})


def merge_by_field(
    *, base: Mapping[str, object] | None, mine: Mapping[str, object], theirs: Mapping[str, object]
) -> tuple[dict[str, object], list[str]]:
    """A three-way merge of one row's fields after a stale save: `base` is the version both
    started from (None if the row did not exist then), `mine` what this user posted, `theirs`
    the row as the other person saved it.

    A field only the other person changed keeps their value, one only this user changed keeps
    theirs, and a field both changed to different values is a clash: it keeps this user's value
    and is named in the second item, for the user to choose. Nothing is reverted unasked."""
    merged: dict[str, object] = {}
    clashes: list[str] = []
    for field, my_value in mine.items():
        their_value = theirs[field]
        before = None if base is None else base.get(field)
        if my_value == their_value or their_value == before:
            merged[field] = my_value
        elif my_value == before:
            merged[field] = their_value
        else:
            merged[field] = my_value
            clashes.append(field)
    return merged, clashes
