from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from accounts.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Readable by administrators, never editable."""

    list_display = ["created_at", "kind", "username", "target", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["username", "target", "path"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """A model administrators keep on their own pages (Brugere og enheder): in the Django admin
    it is for superusers only, and hidden from everyone else."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)


class PersonAdmin(SuperuserOnlyAdmin, UserAdmin):
    """People are managed under Brugere og enheder; here only by superusers."""


class RoleGroupAdmin(SuperuserOnlyAdmin, GroupAdmin):
    pass


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), PersonAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)
