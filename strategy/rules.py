"""Every permission in the project is decided here, with `rules` predicates.

Views, templates (`{% has_perm %}` / `perms`) and tests all ask these rules; nothing else
decides who may do what. Object-level predicates receive the object being acted on.
"""

import rules

from accounts.rules import (
    is_administrator,
    is_committee_member,
    is_leader,
    is_omu_member,
    is_staff_reader,
)

# The strategy: everyone logged in reads it; administrators maintain it in the admin.
rules.add_perm("strategy.view_strategy", rules.is_authenticated)
rules.add_perm("strategy.manage_structure", is_administrator)


# --- Reports -------------------------------------------------------------------------------
# Staff (administrators, leaders, OMU) read every report; committee members only published ones.


@rules.predicate
def is_published_report(user, report) -> bool:
    return report is not None and report.stage == "published" and report.status == "done"


rules.add_perm("reports.view_archive", is_staff_reader | is_committee_member)
rules.add_perm("reports.view_report", is_staff_reader | (is_committee_member & is_published_report))
rules.add_perm("reports.preview_report", is_staff_reader)
rules.add_perm("reports.request_report", is_administrator)
rules.add_perm("reports.retry_report", is_administrator)
rules.add_perm("reports.comment_report", is_staff_reader)
# The sign-off: the administration records the leaders' meeting, OMU members approve,
# the administration publishes for the committee.
rules.add_perm("reports.sign_off_leaders_reviewed", is_administrator)
rules.add_perm("reports.sign_off_omu_approved", is_omu_member)
rules.add_perm("reports.sign_off_published", is_administrator)
# OMU's way back: a report awaiting their approval goes back with a required comment.
rules.add_perm("reports.send_back_report", is_omu_member)

# --- Staffing ---------------------------------------------------------------------------------
# Staffing figures are aggregates per area, not personal data: every role reads them (the
# committee reads them in the published PDFs too, with small numbers suppressed). The
# spreadsheet export is a working file for the organisation, not for the committee. Only
# administrators import snapshots; they maintain groups and snapshots in the admin.
has_a_role = is_staff_reader | is_committee_member
rules.add_perm("staffing.view_staffing", has_a_role)
rules.add_perm("staffing.export_snapshot", is_staff_reader)
rules.add_perm("staffing.import_snapshot", is_administrator)

# --- Initiatives and the half-yearly status -------------------------------------------------
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
