"""Who calls, reads and minutes meetings, and who reads the committee's agenda items."""

import rules

from accounts.rules import has_a_role, is_administrator, is_committee_member, is_leader


@rules.predicate
def takes_part(user, meeting) -> bool:
    if meeting is None:
        return False
    return meeting.participants.filter(pk=user.pk).exists()


@rules.predicate
def is_committee_meeting(user, meeting) -> bool:
    return meeting is not None and meeting.kind == "committee"


@rules.predicate
def agenda_item_is_published(user, item) -> bool:
    return item is not None and item.report.is_published


may_read_meeting = is_administrator | takes_part | (is_committee_member & is_committee_meeting)

rules.add_perm("meetings.view_meetings", has_a_role)
rules.add_perm("meetings.view_meeting", may_read_meeting)
rules.add_perm("meetings.manage_meetings", is_administrator)
rules.add_perm("meetings.view_decisions", has_a_role)
# Leaders see the follow-ups of their units in Mine tiltag (the units decide which).
rules.add_perm("meetings.view_follow_ups", is_administrator | is_leader)
# The committee reads an agenda item once its report is published; staff while it is prepared.
rules.add_perm(
    "meetings.view_agenda_item",
    is_administrator | (is_committee_member & agenda_item_is_published),
)
rules.add_perm("meetings.edit_agenda_item", is_administrator)
rules.add_perm("meetings.record_report_decision", is_administrator)
rules.add_perm("meetings.use_calendar", has_a_role)
