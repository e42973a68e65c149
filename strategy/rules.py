"""Every permission in the project is decided here, with `rules` predicates.

Views, templates (`{% has_perm %}` / `perms`) and tests all ask these rules; nothing else
decides who may do what. Object-level predicates receive the object being acted on.
"""

import rules

from strategy import roles

is_administrator = rules.is_superuser | rules.is_group_member(roles.ADMINISTRATOR)
is_leader = rules.is_group_member(roles.LEADER)
is_omu_member = rules.is_group_member(roles.OMU_MEMBER)
is_committee_member = rules.is_group_member(roles.COMMITTEE_MEMBER)
is_staff_reader = is_administrator | is_leader | is_omu_member

# The strategy: everyone logged in reads it; administrators maintain it in the admin.
rules.add_perm("strategy.view_strategy", rules.is_authenticated)
rules.add_perm("strategy.manage_structure", is_administrator)
