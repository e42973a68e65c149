"""Writes for accounts: the role groups, and users from single sign-on."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts import roles

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
