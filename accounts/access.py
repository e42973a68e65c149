"""The one access check of every view: `require_perm(request, perm, obj, target=...)` asks the
rules (each app's rules.py), and when they say no it writes the denial to the audit log and
raises PermissionDenied (a 403 with the Danish message, when one is given).

`deny()` is the same refusal for a view that decided itself (a rule that needs more than one
object). Either way the denial is audited here, once: AccessDeniedAuditMiddleware only adds a
row for a 403 that did not come through this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from accounts.audit import audit_record
from accounts.models import AuditEvent

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def deny(
    request: HttpRequest,
    perm: str,
    *,
    target: str = "",
    message: StrOrPromise = "",
    hide: bool = False,
) -> NoReturn:
    """Audit the refusal and raise it: a 403 with `message`, or with `hide` a 404 with it, for
    an object whose very existence the user may not learn (a report not yet published)."""
    audit_record(
        kind=AuditEvent.Kind.ACCESS_DENIED,
        request=request,
        target=target or request.path,
        details={"permission": perm},
    )
    if hide:
        raise Http404(message)
    raise PermissionDenied(message)


def require_perm(
    request: HttpRequest,
    perm: str,
    obj=None,
    *,
    target: str = "",
    message: StrOrPromise = "",
    hide: bool = False,
) -> None:
    if not request.user.has_perm(perm, obj):
        deny(request, perm, target=target, message=message, hide=hide)
