from typing import cast

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_guards import FinalRowsAdminMixin
from initiatives.models import (
    Contribution,
    ContributionQuerySet,
    FocusArea,
    Initiative,
    InitiativeQuerySet,
    Period,
    StatusUpdate,
    StatusUpdateQuerySet,
    record_initiative_history,
)
from initiatives.services import InitiativeError, period_close, period_open


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]


@admin.register(Period)
class PeriodAdmin(SimpleHistoryAdmin):
    list_display = ["name", "start", "end", "deadline", "state_label", "opened_at", "closed_at"]
    list_filter = ["is_open", "year"]
    # Opened, closed and reopened only through the services (the periods page, the actions).
    readonly_fields = ["is_open", "opened_at", "closed_at", "reopened_at", "reopen_reason"]
    actions = ["open_period", "close_period"]

    @admin.display(description=_("tilstand"))
    def state_label(self, obj: Period) -> str:
        return str(obj.state.label)

    @admin.action(description="Åbn det valgte halvår")
    def open_period(self, request: HttpRequest, queryset: QuerySet[Period]) -> None:
        self._run(request, queryset, period_open)

    @admin.action(description="Luk de valgte halvår")
    def close_period(self, request: HttpRequest, queryset: QuerySet[Period]) -> None:
        self._run(request, queryset, period_close)

    def _run(self, request, queryset, service) -> None:
        for period in queryset:
            try:
                service(period=period, user=request.user)
            except InitiativeError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, f"{period.name} er opdateret.", messages.SUCCESS)


STATUS_INLINE_FIELDS = ("period", "traffic_light", "progress", "author", "updated_at", "is_demo")


class StatusUpdateInline(admin.TabularInline):
    model = StatusUpdate
    extra = 0
    fields = STATUS_INLINE_FIELDS
    readonly_fields = STATUS_INLINE_FIELDS
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


ARCHIVED_MESSAGE = _(
    "”%(object)s” er arkiveret og kan ikke ændres. Tag det ud af arkivet på tiltagets side først."
)


class ChildFormSet(BaseInlineFormSet):
    """A parent's sub-projects: an archived one is frozen here too (InitiativeAdmin)."""

    def clean(self) -> None:
        super().clean()
        for form in self.initial_forms:
            deleted = self._should_delete_form(form)  # type: ignore[attr-defined]  # Django's, not in the stubs
            if form.instance.is_archived and (form.has_changed() or deleted):
                # By its saved title: the form has already put the changed one on the instance.
                title = form.initial.get("title", form.instance)
                raise ValidationError(ARCHIVED_MESSAGE % {"object": title})


class ChildInline(admin.TabularInline):
    model = Initiative
    fk_name = "parent"
    formset = ChildFormSet
    extra = 0
    fields = ["title", "lifecycle_status", "start_year", "start_quarter"]
    show_change_link = True
    verbose_name = "delprojekt"
    verbose_name_plural = "delprojekter"

    # On an archived initiative's read-only page its sub-projects are read-only too.
    def has_add_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.is_archived) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.is_archived) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.is_archived) and super().has_delete_permission(
            request, obj
        )


@admin.register(Initiative)
class InitiativeAdmin(FinalRowsAdminMixin, SimpleHistoryAdmin):
    # Still editable (to mark it Opgivet), but never deleted: its closed history is final.
    final_rows_read_only = False
    final_message = _(
        "Tiltag med status i et lukket halvår kan ikke slettes: %(objects)s. Sæt status til "
        "”Opgivet” i stedet."
    )

    def final_rows(self, queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
        # The admin's querysets come from the model's manager: its QuerySet class.
        return cast(InitiativeQuerySet, queryset).with_closed_history()

    # Archived: frozen like a closed half-year's rows, read-only with every field until an
    # administrator takes it out of the archive on the app's page (initiative_unarchive),
    # where a reason is required; the admin neither archives nor unarchives.
    frozen_message = ARCHIVED_MESSAGE

    def frozen_rows(self, queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
        return cast(InitiativeQuerySet, queryset).archived()

    list_display = ["title", "focus_area", "lifecycle_status", "start_label", "end_label", "source"]
    list_filter = [
        "lifecycle_status",
        "focus_area",
        "source",
        "objectives__theme",
        "responsible_unit",
        "units",
    ]
    list_select_related = ["focus_area"]
    search_fields = ["title", "description", "conditions"]
    filter_horizontal = ["objectives", "units"]
    autocomplete_fields = ["parent"]
    inlines = [ChildInline, StatusUpdateInline]
    # Archived and taken out again on the app's pages only, where a reason is required.
    readonly_fields = ["archived_at", "archive_reason"]
    fieldsets = [
        (None, {"fields": ["title", "description", "parent", "lifecycle_status"]}),
        ("Strategi", {"fields": ["objectives", "focus_area"]}),
        ("Ansvar", {"fields": ["responsible_unit", "responsible_leader", "units"]}),
        (
            "Tidsplan",
            {"fields": ["start_year", "start_quarter", "end_year", "end_quarter", "timing_note"]},
        ),
        (
            "Forudsætninger og kilde",
            {"fields": ["conditions", "source", "source_document", "order"]},
        ),
        ("Arkiv", {"fields": ["archived_at", "archive_reason"]}),
    ]

    # The row and its many-to-many fields make one history record, made once both are saved,
    # as on the app's editing pages (one_history_record). The inlines' rows keep their own.
    def save_model(self, request, obj, form, change) -> None:
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del form.instance.skip_history_when_saving
        record_initiative_history(form.instance, created=not change)

    @admin.display(description="Start")
    def start_label(self, obj: Initiative) -> str:
        return obj.start_label

    @admin.display(description="Forventet slut")
    def end_label(self, obj: Initiative) -> str:
        return obj.end_label


@admin.register(StatusUpdate)
class StatusUpdateAdmin(FinalRowsAdminMixin, SimpleHistoryAdmin):
    """Readable here; status is changed through the app, where lost updates are prevented.
    A closed half-year's updates cannot be deleted either."""

    final_message = _("Statusopdateringer i et lukket halvår kan ikke slettes: %(objects)s.")

    def final_rows(self, queryset: QuerySet[StatusUpdate]) -> QuerySet[StatusUpdate]:
        return cast(StatusUpdateQuerySet, queryset).in_closed_period()

    list_display = ["initiative", "period", "traffic_light", "progress", "author", "updated_at"]
    list_filter = ["period", "traffic_light", "is_demo"]
    list_select_related = ["initiative", "period", "author"]
    search_fields = ["initiative__title", "status_text"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Contribution)
class ContributionAdmin(FinalRowsAdminMixin, SimpleHistoryAdmin):
    """Readable here; added through the initiative's page by participating units. A closed
    half-year's contributions are final."""

    final_message = _("Bidrag i et lukket halvår kan ikke slettes: %(objects)s.")

    def final_rows(self, queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
        return cast(ContributionQuerySet, queryset).in_closed_period()

    list_display = ["initiative", "period", "unit", "author", "created_at"]
    list_filter = ["period", "unit"]
    list_select_related = ["initiative", "period", "unit", "author"]
    search_fields = ["initiative__title", "text"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
