"""The initiatives' and the half-year's permissions (`rules` predicates)."""

import rules

from accounts.rules import has_a_role, is_administrator, is_leader, is_staff_reader

# Staff (administrators, leaders, OMU) read every initiative and its history; committee members
# read the overview (the last closed half-year, never a draft) and nothing else. One owner per
# initiative: a leader updates the status of initiatives whose responsible unit they lead (or
# lead a unit above) and those they are named tovholder of; administrators update all. Leaders
# of participating units (deltagere) add a contribution instead of changing the status. Only
# administrators open and close half-years. A closed half-year is read-only for everyone: the
# views check `period.is_open` and the service refuses.


@rules.predicate
def leads_initiative(user, initiative) -> bool:
    return initiative is not None and initiative.is_responsible(user)


@rules.predicate
def takes_part_in_initiative(user, initiative) -> bool:
    return initiative is not None and initiative.takes_part(user)


rules.add_perm("initiatives.view_status_overview", has_a_role)
rules.add_perm("initiatives.view_open_period", is_staff_reader)
rules.add_perm("initiatives.view_initiative", is_staff_reader)
rules.add_perm("initiatives.export_initiatives", is_staff_reader)
rules.add_perm("initiatives.view_own_initiatives", is_leader | is_administrator)
rules.add_perm("initiatives.update_status", is_administrator | (is_leader & leads_initiative))
rules.add_perm("initiatives.add_contribution", is_leader & takes_part_in_initiative)
rules.add_perm("initiatives.manage_periods", is_administrator)
# The plan kept in the app: administrators create, edit every field of, and archive (and take
# out of the archive again) initiatives; leaders responsible for an initiative edit its
# description, planned dates and conditions. An archived initiative is changed by no one until
# it is taken out of the archive (the views answer 409, the services refuse).
rules.add_perm("initiatives.manage_plan", is_administrator)
rules.add_perm("initiatives.edit_initiative", is_administrator | (is_leader & leads_initiative))
