"""Leading a unit is a role: changes to a unit's leaders are audited (accounts.signals)."""

from accounts.signals import watch_role_membership
from strategy.models import Unit

watch_role_membership(Unit._meta.get_field("leaders"), "leader", "unit")
