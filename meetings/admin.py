"""Read-only in the admin: meetings, decisions and agenda items change through the app's
services, which keep approved minutes frozen and every change in the history."""

from django.contrib import admin

from accounts.rules import is_administrator
from meetings.models import AgendaItem, CalendarFeed, Decision, FollowUp, Meeting, ReportDecision


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_view_permission(self, request, obj=None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "date", "minutes_approved_at"]
    list_filter = ["kind"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["decided_on", "meeting", "text"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ["due_on", "unit", "initiative", "done_on"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "report"]


@admin.register(ReportDecision)
class ReportDecisionAdmin(ReadOnlyAdmin):
    list_display = ["committee", "decided_on", "report"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    list_display = ["user", "created_at"]
    exclude = ["token_hash"]
