"""Identity and security data: the audit log. Users and role groups are Django's own
(`auth.User`, `auth.Group`); the roles are named in accounts.roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """An append-only security and audit log row: who did what, when, from where."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Log ind")
        LOGOUT = "logout", _("Log ud")
        LOGIN_FAILED = "login_failed", _("Mislykket login")
        LOCKED_OUT = "locked_out", _("Spærret efter for mange forsøg")
        ACCESS_DENIED = "access_denied", _("Adgang nægtet")
        ROLE_CHANGED = "role_changed", _("Rolle ændret")
        EXPORT = "export", _("Eksport")
        IMPORT = "import", _("Import")
        REPORT_DOWNLOAD = "report_download", _("Rapport hentet")
        SIGN_OFF = "sign_off", _("Godkendelsestrin")
        PERIOD_CHANGED = "period_changed", _("Halvår oprettet, åbnet, lukket eller ændret")
        API_TOKEN = "api_token", _("API-nøgle oprettet eller tilbagekaldt")
        PERSON_CHANGED = "person_changed", _("Person oprettet, ændret eller deaktiveret")
        UNIT_CHANGED = "unit_changed", _("Enhed oprettet, omdøbt, flyttet eller nedlagt")

    kind = models.CharField(_("hændelse"), max_length=30, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    username = models.CharField(_("brugernavn"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    path = models.CharField(_("adresse"), max_length=500, blank=True)
    target = models.CharField(_("genstand"), max_length=300, blank=True)
    details = models.JSONField(_("detaljer"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("logpost")
        verbose_name_plural = _("sikkerheds- og revisionslog")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")
