"""The roles as `rules` predicates, for every app's rules.py, and the security log's rule."""

import rules

from accounts import roles

is_administrator = rules.is_superuser | rules.is_group_member(roles.ADMINISTRATOR)
is_leader = rules.is_group_member(roles.LEADER)
is_omu_member = rules.is_group_member(roles.OMU_MEMBER)
is_committee_member = rules.is_group_member(roles.COMMITTEE_MEMBER)
is_staff_reader = is_administrator | is_leader | is_omu_member

# Staff names (who wrote a status, changed a figure, made a report) are personal data shown to
# staff roles only; committee members read as the public does, on every page as in the API.
rules.add_perm("accounts.view_staff_names", is_staff_reader)
# The security log (logins, denials, role changes, exports …) is personal data: administrators.
rules.add_perm("accounts.view_audit_log", is_administrator)
# Every role: staff and committee members (what the committee may read is each app's rule).
has_a_role = is_staff_reader | is_committee_member
