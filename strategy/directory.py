"""Roles that follow the directory: at every SAML login the person gets exactly the roles and
led units the identity provider's attributes map to, and every change is audited.

The mapping is configured (docs/login.md): SAML_ROLE_ATTRIBUTE names the attribute whose values
are role keys (Context Handler's system roles, Entra ID's app roles or groups), SAML_ROLE_MAP
maps each key to one of the app's roles, SAML_UNIT_ATTRIBUTE names the attribute with the
leader's data constraint (the organisation unit ids), and SAML_UNIT_MAP maps each id to the name
of a unit here. A removed role or unit is removed at the next login.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from djangosaml2.backends import Saml2Backend

from accounts import roles
from accounts.services import user_sync_from_identity_provider
from strategy.models import Unit


def _values(attributes: dict, name: str) -> list[str]:
    return [str(value) for value in attributes.get(name) or []] if name else []


def mapped_roles(attributes: dict) -> set[str]:
    mapping = settings.SAML_ROLE_MAP
    return {
        mapping[key] for key in _values(attributes, settings.SAML_ROLE_ATTRIBUTE) if key in mapping
    }


def mapped_units(attributes: dict) -> list[Unit]:
    """The units named by the leader's data constraints. A mapping that names a unit this
    installation does not have refuses the login (and changes nothing) rather than quietly
    leaving a leader without their unit."""
    mapping = settings.SAML_UNIT_MAP
    names = [
        mapping[key] for key in _values(attributes, settings.SAML_UNIT_ATTRIBUTE) if key in mapping
    ]
    units = list(Unit.objects.active().filter(name__in=names))
    missing = sorted(set(names) - {unit.name for unit in units})
    if missing:
        raise PermissionDenied(
            _(
                "Login-tjenesten giver dig en enhed, som appen ikke kender: %(units)s. "
                "Kontakt din administrator."
            )
            % {"units": ", ".join(missing)}
        )
    return units


@transaction.atomic
def directory_sync(*, user, attributes: dict):
    """Apply the directory's roles and units to the person (audited by accounts.signals)."""
    granted = mapped_roles(attributes)
    units = mapped_units(attributes) if roles.LEADER in granted else []
    user = user_sync_from_identity_provider(
        user=user,
        granted_roles=granted,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
    )
    user.led_units.set(units)
    return user


class RoleMappingSaml2Backend(Saml2Backend):
    """djangosaml2's backend, with the person's roles and units from the directory."""

    def is_authorized(
        self, attributes: dict, attribute_mapping, idp_entityid, assertion_info, **kwargs
    ) -> bool:
        # Before the person is looked up or created: an unknown unit changes nothing.
        if roles.LEADER in mapped_roles(attributes):
            mapped_units(attributes)  # raises PermissionDenied, which ends authenticate()
        return True

    def _update_user(self, user, attributes: dict, attribute_mapping: dict, force_save=False):
        user = super()._update_user(user, attributes, attribute_mapping, force_save=True)
        return directory_sync(user=user, attributes=attributes)
