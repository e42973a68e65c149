"""Writes for accounts: the role groups, users from single sign-on, and anonymising a user."""

from __future__ import annotations

import csv
import io

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.audit import audit_record
from accounts.models import AuditEvent
from core.spreadsheets import csv_cell

# Apps whose model permissions the Administrator group gets in the Django admin.
ADMIN_APPS = [
    "accounts",
    "strategy",
    "initiatives",
    "staffing",
    "reports",
    "indicators",
    "auth",
    "axes",
]


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the four role groups; administrators get the admin permissions of our apps."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL}
    admin_permissions = Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
    groups[roles.ADMINISTRATOR].permissions.set(admin_permissions)
    return groups


@transaction.atomic
def user_sync_from_identity_provider(
    *, user, granted_roles: set[str], email: str, first_name: str, last_name: str
):
    """Create or update a single-sign-on user: names from the identity provider, and exactly
    the role groups it grants (administrators get the admin site)."""
    user.email = email or user.email
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.is_staff = roles.ADMINISTRATOR in granted_roles or user.is_superuser
    if user.pk is None:
        user.set_unusable_password()
    user.save()
    role_groups = list(Group.objects.filter(name__in=roles.ALL))
    held = set(user.groups.values_list("pk", flat=True))
    # Only what changes, so the security log names no role the person never had.
    user.groups.remove(*[g for g in role_groups if g.name not in granted_roles and g.pk in held])
    user.groups.add(*[g for g in role_groups if g.name in granted_roles and g.pk not in held])
    return user


def anonymous_name(user) -> str:
    """What an anonymised user is called everywhere: "Tidligere medarbejder 7" (its id)."""
    return _("Tidligere medarbejder %(number)s") % {"number": user.pk}


@transaction.atomic
def user_anonymise(*, user, by=None):
    """A person leaves (or asks to be forgotten): the account stays, so every history, sign-off,
    comment and measurement still points at it, but it is deactivated and named "Tidligere
    medarbejder N" wherever it is shown (reports not yet issued are rendered with that name;
    issued ones keep what they printed). Its e-mail, username, password, roles and units are
    cleared; its audit rows keep the action and the time, not the person (user, username,
    address, path); its login attempts are deleted."""
    former_username = user.get_username()
    user.first_name = str(_("Tidligere medarbejder"))
    user.last_name = str(user.pk)
    user.username = f"tidligere-medarbejder-{user.pk}"
    user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    user.led_units.clear()  # strategy.Unit.leaders: a former employee leads nothing
    events = AuditEvent.objects.filter(Q(user=user) | Q(username=former_username))
    # Append-only rows, changed in bulk (AuditEvent.save refuses): the event stays, the
    # person goes.
    events.update(user=None, username="", ip_address=None, path="")
    AuditEvent.objects.filter(target=former_username).update(target="")
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=former_username).delete()
    audit_record(kind=AuditEvent.Kind.USER_ANONYMISED, user=by, target=anonymous_name(user))
    return user


def audit_events_export(*, person, by) -> str:
    """One person's own entries in the audit log, as CSV (semicolons, Danish headings), for a
    request of access to their data; the export is itself logged."""
    events = AuditEvent.objects.filter(Q(user=person) | Q(username=person.get_username()))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Tidspunkt"),
            _("Hændelse"),
            _("Brugernavn"),
            _("IP-adresse"),
            _("Adresse"),
            _("Genstand"),
        ]
    )
    for event in events.order_by("created_at", "pk"):
        writer.writerow(
            csv_cell(value)
            for value in (
                timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                event.get_kind_display(),
                event.username,
                event.ip_address or "",
                event.path,
                event.target,
            )
        )
    audit_record(
        kind=AuditEvent.Kind.EXPORT,
        user=by,
        target=str(_("Logposter for %(person)s") % {"person": person.get_username()}),
    )
    return out.getvalue()
