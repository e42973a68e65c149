from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from staffing.models import StaffGroup, StaffingFigure, StaffingSnapshot


@admin.register(StaffGroup)
class StaffGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "is_trained", "order"]
    list_editable = ["is_trained", "order"]
    search_fields = ["name"]


class StaffingFigureInline(admin.TabularInline):
    model = StaffingFigure
    extra = 0
    autocomplete_fields = ["area"]
    ordering = ["area__order", "group__order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("area", "group")


@admin.register(StaffingSnapshot)
class StaffingSnapshotAdmin(SimpleHistoryAdmin):
    list_display = ["label", "date", "created_by", "created_at"]
    list_select_related = ["created_by"]
    readonly_fields = ["created_by", "created_at"]
    search_fields = ["label"]
    date_hierarchy = "date"
    inlines = [StaffingFigureInline]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
