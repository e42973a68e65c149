"""Staffing's permissions (`rules` predicates)."""

import rules

from accounts.rules import has_a_role, is_administrator, is_staff_reader

# Staffing figures are aggregates per area, not personal data: every role reads them (the
# committee reads them in the published PDFs too, with small numbers suppressed). The
# spreadsheet export is a working file for the organisation, not for the committee. Only
# administrators import snapshots; they maintain groups and snapshots in the admin.
rules.add_perm("staffing.view_staffing", has_a_role)
rules.add_perm("staffing.export_snapshot", is_staff_reader)
rules.add_perm("staffing.import_snapshot", is_administrator)
