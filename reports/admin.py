from typing import cast

from django.contrib import admin
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_guards import FinalRowsAdminMixin
from reports.models import Reminder, Report, ReportComment, ReportQuerySet, SignOff


class SignOffInline(admin.TabularInline):
    model = SignOff
    extra = 0
    readonly_fields = ["stage", "user", "comment", "created_at"]
    can_delete = False


@admin.register(Report)
class ReportAdmin(FinalRowsAdminMixin, SimpleHistoryAdmin):
    final_message = _("En udsendt rapport kan ikke ændres eller slettes: %(objects)s.")

    def final_rows(self, queryset: QuerySet[Report]) -> QuerySet[Report]:
        return cast(ReportQuerySet, queryset).issued()  # the manager's QuerySet class

    list_display = ["period", "audience", "version", "status", "stage", "requested_at"]
    list_filter = ["audience", "status", "stage"]
    list_select_related = ["period"]
    readonly_fields = [
        "period",
        "audience",
        "version",
        "status",
        "stage",
        "requested_by",
        "requested_at",
        "dispatched_at",
        "started_at",
        "finished_at",
        "attempts",
        "error",
        "file",
        "sha256",
        "page_count",
    ]
    exclude = ["snapshot"]
    inlines = [SignOffInline]

    def has_add_permission(self, request) -> bool:
        return False  # reports are requested from the report pages, never typed in


@admin.register(ReportComment)
class ReportCommentAdmin(FinalRowsAdminMixin, admin.ModelAdmin):
    list_display = ["report", "author", "created_at"]
    final_message = _(
        "Kommentarer på en udsendt rapport kan ikke ændres eller slettes: %(objects)s."
    )

    def final_rows(self, queryset: QuerySet[ReportComment]) -> QuerySet[ReportComment]:
        return queryset.filter(report__in=Report.objects.issued())


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["period", "user", "missing_count", "sent_at"]
