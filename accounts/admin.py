from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.mail import mail_retry
from accounts.models import AuditEvent, OutboundMail
from accounts.services import audit_events_export, user_anonymise


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


@admin.register(OutboundMail)
class OutboundMailAdmin(admin.ModelAdmin):
    """The mail outbox: what left, what waits and what failed (with the error), read-only;
    a failed or waiting e-mail can be sent again."""

    list_display = ["created_at", "subject", "recipients", "status", "attempts", "last_error"]
    list_filter = ["status"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]

    @admin.display(description=_("modtagere"))
    def recipients(self, obj: OutboundMail) -> str:
        return ", ".join(obj.to)

    @admin.action(description=_("Send valgte e-mails igen"))
    def send_again(self, request, queryset) -> None:
        for mail in queryset.exclude(status=OutboundMail.Status.SENT):
            mail_retry(mail=mail)
        self.message_user(request, _("E-mailene sendes igen, når mailserveren svarer."))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AnonymisingUserAdmin(UserAdmin):
    """Users cannot be deleted (their history, sign-offs and comments would lose their author):
    a person who leaves is anonymised instead (accounts.services.user_anonymise)."""

    actions = ["anonymise", "export_audit_events"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Anonymisér valgte brugere (fratrådt eller ønsker at blive glemt)"))
    def anonymise(self, request, queryset) -> None:
        count = 0
        for user in queryset.exclude(pk=request.user.pk):
            user_anonymise(user=user, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s bruger er anonymiseret.", "%(count)s brugere er anonymiseret.", count
            )
            % {"count": count},
        )

    @admin.action(description=_("Eksportér personens logposter (CSV)"))
    def export_audit_events(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Vælg én bruger ad gangen."), level=messages.ERROR)
            return None
        person = queryset.get()
        response = HttpResponse(
            audit_events_export(person=person, by=request.user),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="logposter-{person.pk}.csv"'
        return response


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


class PersonAdmin(SuperuserOnlyAdmin, AnonymisingUserAdmin):
    """People are managed under Brugere og enheder; here only by superusers, who anonymise
    rather than delete (AnonymisingUserAdmin)."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RoleGroupAdmin(SuperuserOnlyAdmin, GroupAdmin):
    pass


admin.site.unregister(User)
admin.site.register(User, PersonAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)
