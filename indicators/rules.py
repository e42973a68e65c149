"""Who may do what with indicators, on the role predicates of accounts.rules.

Every role reads indicators; committee members only the closed half-years' values (the views
and indicators.series choose the half-years through `Period.objects.visible_to`). Leaders of
the responsible unit (or a unit above it) and administrators enter a value for the open
half-year; administrators set targets and import; staff export.
"""

import rules

from accounts.rules import has_a_role, is_administrator, is_leader, is_staff_reader


@rules.predicate
def leads_indicator_unit(user, indicator) -> bool:
    if indicator is None:
        return False
    from initiatives.models import led_unit_ids

    return indicator.responsible_unit_id in led_unit_ids(user)


rules.add_perm("indicators.view_indicators", has_a_role)
rules.add_perm("indicators.view_history", is_staff_reader)
rules.add_perm(
    "indicators.enter_measurement", is_administrator | (is_leader & leads_indicator_unit)
)
rules.add_perm("indicators.set_target", is_administrator)
rules.add_perm("indicators.import_measurements", is_administrator)
rules.add_perm("indicators.export_measurements", is_staff_reader)
