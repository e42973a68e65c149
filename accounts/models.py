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
        USER_ANONYMISED = "user_anonymised", _("Bruger anonymiseret")

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


class OutboundMail(models.Model):
    """An e-mail on its way out (accounts.mail): written in the transaction that caused it,
    delivered by a Celery task after the commit, retried with backoff, and kept as a row an
    administrator can see when delivery failed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Fejlet")

    to = models.JSONField(_("modtagere"), default=list)
    subject = models.CharField(_("emne"), max_length=300)
    body = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    last_error = models.CharField(_("seneste fejl"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("udgående e-mail")
        verbose_name_plural = _("udgående e-mails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
