from typing import cast

from django.contrib import admin
from django.db.models import QuerySet
from simple_history.admin import SimpleHistoryAdmin

from core.admin_guards import FinalRowsAdminMixin
from indicators.models import Indicator, Measurement, MeasurementQuerySet, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["value", "date", "is_demo"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "direction", "responsible_unit", "computed", "is_headline"]
    list_filter = ["computed", "is_headline", "unit", "direction"]
    search_fields = ["name", "definition"]
    filter_horizontal = ["objectives"]
    inlines = [TargetInline]


@admin.register(Measurement)
class MeasurementAdmin(FinalRowsAdminMixin, SimpleHistoryAdmin):
    final_message = "Målinger i et lukket halvår kan ikke ændres eller slettes: %(objects)s."
    list_display = ["indicator", "covers_end", "period", "value", "author", "updated_at", "is_demo"]
    list_filter = ["period", "is_demo"]
    readonly_fields = ["version", "author", "created_at", "updated_at"]

    def final_rows(self, queryset: QuerySet) -> QuerySet:
        return cast(MeasurementQuerySet, queryset).in_closed_period()  # the manager's class
