"""Security events become audit rows: logins, failed logins, lock-outs, logouts, role changes.

Signals are the one place these events are visible for every path into them (the login form,
single sign-on, the admin, the shell), so the audit log cannot be bypassed by a new view.
"""

from __future__ import annotations

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from accounts.audit import audit_record, current_request
from accounts.middleware import SESSION_LOGIN_AT
from accounts.models import AuditEvent

User = get_user_model()
ROLE_FLAGS = ("is_superuser", "is_staff", "is_active")


def _clean_username(value: object) -> str:
    # Typed by anyone on the login page: PostgreSQL refuses NUL, the column holds 150.
    return str(value or "").replace("\x00", "")[:150]


@receiver(user_logged_in)
def _record_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = time.time()
    audit_record(
        kind=AuditEvent.Kind.LOGIN,
        request=request,
        user=user,
        details={"backend": getattr(user, "backend", "")},
    )


@receiver(user_logged_out)
def _record_logout(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    audit_record(kind=AuditEvent.Kind.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _record_login_failed(sender, credentials, request=None, **kwargs) -> None:
    audit_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        request=request,
        username=_clean_username(credentials.get("username")),
    )


@receiver(user_locked_out)
def _record_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    audit_record(
        kind=AuditEvent.Kind.LOCKED_OUT,
        request=request,
        username=_clean_username(username),
    )


def _record_role_change(*, target_user, change: str, details: dict) -> None:
    request = current_request()
    actor = request.user if request is not None and request.user.is_authenticated else None
    audit_record(
        kind=AuditEvent.Kind.ROLE_CHANGED,
        request=request,
        user=actor,
        username=actor.get_username() if actor is not None else "system",
        target=target_user.get_username(),
        details={"change": change, **details},
    )


_M2M_ACTIONS = {"post_add": "added", "post_remove": "removed", "pre_clear": "cleared"}
# The memberships that are roles: (field, name of the change, name of the other side). Apps
# add theirs with `watch_role_membership` (strategy: the leaders of a unit).
_ROLE_MEMBERSHIPS: dict = {}


def watch_role_membership(field, change: str, other_name: str) -> None:
    """Audit every change of a many-to-many between users and something that gives them a
    role (a group; a unit they lead), from either side."""
    _ROLE_MEMBERSHIPS[field.remote_field.through] = (field, change, other_name)
    m2m_changed.connect(_record_membership_change, sender=field.remote_field.through)


def _changed_pairs(*, field, instance, action: str, reverse: bool, pk_set) -> list[tuple]:
    """(owner, related) pairs of a many-to-many change, whichever side it was made from."""
    if action == "pre_clear":  # pk_set is None for clear; read what is about to go
        manager = getattr(
            instance, field.remote_field.get_accessor_name() if reverse else field.name
        )
        pk_set = set(manager.values_list("pk", flat=True))
    if not pk_set:
        return []
    if reverse:  # related.owner_set.add(owner, ...)
        return [(owner, instance) for owner in field.model.objects.filter(pk__in=pk_set)]
    return [(instance, related) for related in field.related_model.objects.filter(pk__in=pk_set)]


def _record_membership_change(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in _M2M_ACTIONS:
        return
    field, change, other_name = _ROLE_MEMBERSHIPS[sender]
    for owner, related in _changed_pairs(
        field=field, instance=instance, action=action, reverse=reverse, pk_set=pk_set
    ):
        user, other = (owner, related) if field.model is User else (related, owner)
        _record_role_change(
            target_user=user,
            change=f"{change}_{_M2M_ACTIONS[action]}",
            details={other_name: other.name},
        )


watch_role_membership(User._meta.get_field("groups"), "group", "group")


@receiver(pre_save, sender=User)
def _remember_role_flags(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(ROLE_FLAGS):
        return  # e.g. last_login at every login
    before = User.objects.filter(pk=instance.pk).values(*ROLE_FLAGS).first()
    instance._role_flags_before = before


@receiver(post_save, sender=User)
def _record_role_flags(sender, instance, created, raw=False, **kwargs) -> None:
    before = getattr(instance, "_role_flags_before", None)
    instance._role_flags_before = None
    if raw or created or before is None:
        return
    changed = {
        flag: getattr(instance, flag)
        for flag in ROLE_FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if changed:
        _record_role_change(target_user=instance, change="flags", details=changed)
