"""The reports' permissions (`rules` predicates), and the one rule for who reads which report."""

import rules

from accounts.rules import is_administrator, is_committee_member, is_omu_member, is_staff_reader

# The one report-visibility rule: staff (administrators, leaders, OMU) read every report;
# committee members only published ones; nobody else any. `ReportQuerySet.visible_to` (the
# archive, the API, the banners) and the `reports.view_report` permission both ask it.
ALL_REPORTS = "all"
PUBLISHED_REPORTS = "published"
NO_REPORTS = "none"


def readable_reports(user) -> str:
    """Which reports the user reads: ALL_REPORTS, PUBLISHED_REPORTS or NO_REPORTS."""
    if is_staff_reader(user):
        return ALL_REPORTS
    if is_committee_member(user):
        return PUBLISHED_REPORTS
    return NO_REPORTS


@rules.predicate
def may_read_report(user, report) -> bool:
    scope = readable_reports(user)
    if report is None or scope == NO_REPORTS:
        return False
    return scope == ALL_REPORTS or report.is_published


rules.add_perm("reports.view_archive", is_staff_reader | is_committee_member)
rules.add_perm("reports.view_report", may_read_report)
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
