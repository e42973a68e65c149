"""Named slots a lower app offers and a higher app fills, so dependencies keep flowing down.

An app that wants to show something it may not import (an initiative's page listing the
decisions a meeting took about it) names a slot; the app above registers a function for it in
its AppConfig.ready(). The lower app calls `fill(slot, **kwargs)` (data, e.g. for a report's
snapshot) or the template tag `{% slot "name" key=value %}` (HTML, from core.templatetags.slots),
and gets nothing when no app fills the slot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_registry: dict[str, list[Callable[..., Any]]] = {}


def register(slot: str, function: Callable[..., Any]) -> None:
    functions = _registry.setdefault(slot, [])
    if function not in functions:
        functions.append(function)


def fill(slot: str, **kwargs: Any) -> list[Any]:
    """What every function registered for the slot returns, in registration order."""
    return [function(**kwargs) for function in _registry.get(slot, [])]
