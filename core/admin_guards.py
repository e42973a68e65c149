"""Admin support for rows that are final (a closed half-year's status, an issued report):
the admin shows them read-only, offers no delete, and refuses a delete, single or bulk, with a
Danish message instead of a bare 403. The database refuses as well (core.row_guards)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    # For the type checker the mixin is the ModelAdmin it is mixed into.
    _AdminBase = admin.ModelAdmin
else:
    _AdminBase = object

FINAL_TITLES_SHOWN = 5


class FinalRowsAdminMixin(_AdminBase):
    """Mix into a ModelAdmin and define `final_rows(queryset)` (the final ones among them) and
    `final_message` (Danish, with `%(objects)s` for their names). With `final_rows_read_only`
    the change form of a final row is read-only too.

    Rows can also be frozen without being final (`frozen_rows`, by default the final ones when
    they are read-only): their change form is read-only and a POST changing one is refused
    with `frozen_message` (an archived initiative: read-only until it is taken out of the
    archive on the app's own page)."""

    final_message: StrOrPromise = ""
    final_rows_read_only: bool = True
    frozen_message: StrOrPromise = ""

    def final_rows(self, queryset: QuerySet) -> QuerySet:
        raise NotImplementedError

    def frozen_rows(self, queryset: QuerySet) -> QuerySet:
        """The rows whose change form is read-only."""
        return self.final_rows(queryset) if self.final_rows_read_only else queryset.none()

    def is_final(self, obj: Model | None) -> bool:
        if obj is None or obj.pk is None:
            return False
        return self.final_rows(self.model._default_manager.filter(pk=obj.pk)).exists()

    def is_frozen(self, obj: Model | None) -> bool:
        if obj is None or obj.pk is None:
            return False
        return self.frozen_rows(self.model._default_manager.filter(pk=obj.pk)).exists()

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if self.is_frozen(obj):
            return False
        return super().has_change_permission(request, obj)

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        # A POST to a frozen row's form (opened before it froze, or sent by hand) is refused
        # with a Danish message and the row's read-only page, instead of a bare 403.
        if request.method == "POST" and object_id is not None and self.frozen_message:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.is_frozen(obj):
                self.message_user(request, self.frozen_message % {"object": obj}, messages.ERROR)
                opts = self.model._meta
                return redirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if self.is_final(obj):
            return False
        return super().has_delete_permission(request, obj)

    def _refuse(self, request: HttpRequest, final: QuerySet) -> None:
        names = [str(row) for row in final[: FINAL_TITLES_SHOWN + 1]]
        shown = ", ".join(f"”{name}”" for name in names[:FINAL_TITLES_SHOWN])
        if len(names) > FINAL_TITLES_SHOWN:
            shown += " …"
        self.message_user(request, self.final_message % {"objects": shown}, messages.ERROR)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.is_final(obj):
            self._refuse(request, self.model._default_manager.filter(pk=obj.pk))
            opts = self.model._meta
            return redirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request: HttpRequest) -> dict:
        # The stubs type an action as returning str; ours returns a response or None.
        actions: dict[str, Any] = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (self._delete_selected_unless_final, name, description)
        return actions

    @staticmethod
    def _delete_selected_unless_final(
        modeladmin, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        final = modeladmin.final_rows(queryset)
        if final.exists():
            modeladmin._refuse(request, final)
            return None
        return delete_selected(modeladmin, request, queryset)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        # Reached only through the action above; kept strict for any other caller.
        if self.final_rows(queryset).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)
