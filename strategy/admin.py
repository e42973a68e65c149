from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin import SuperuserOnlyAdmin
from strategy.models import Keyword, Objective, Strategy, Theme, ThemeFocus, Unit


class KeywordInline(admin.TabularInline):
    model = Keyword
    extra = 0


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


class ThemeFocusInline(admin.TabularInline):
    model = ThemeFocus
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "approved_by", "approved_on", "horizon"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "motto"]
    inlines = [ObjectiveInline, KeywordInline, ThemeFocusInline]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["code", "text"]
    list_select_related = ["theme"]
    list_filter = ["theme"]

    @admin.display(description="Nummer", ordering="theme__number")
    def code(self, obj: Objective) -> str:
        return obj.code


@admin.register(Unit)
class UnitAdmin(SuperuserOnlyAdmin, SimpleHistoryAdmin):
    """Units are kept under Brugere og enheder; here only by superusers."""

    list_display = ["name", "kind", "parent", "order"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    filter_horizontal = ["leaders"]
    search_fields = ["name"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "leaders":
            # Names, never usernames, in the picker.
            field.label_from_instance = lambda user: user.get_full_name() or user.email
        return field
