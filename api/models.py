"""API tokens: named, scoped, expiring, revocable, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

TOKEN_PREFIX = "so_"  # noqa: S105 (a visible marker, not a secret)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        PUBLIC = "offentlig", _("Offentlig: lukkede halvår og offentliggjorte rapporter")
        INTERNAL = "intern", _("Intern: det, et OMU-medlem ser")

    name = models.CharField(_("navn"), max_length=100)
    scope = models.CharField(_("adgang"), max_length=10, choices=Scope.choices)
    digest = models.CharField(_("kontrolsum"), max_length=64, unique=True, editable=False)
    hint = models.CharField(_("begynder med"), max_length=12, editable=False)
    expires_at = models.DateTimeField(_("udløber"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at"])
    _history_user: AbstractBaseUser  # not a column: read by simple-history on save
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_internal(self) -> bool:
        return self.scope == self.Scope.INTERNAL

    @property
    def state(self) -> str:
        if self.revoked_at:
            return str(_("Tilbagekaldt"))
        if self.expires_at <= timezone.now():
            return str(_("Udløbet"))
        return str(_("Aktiv"))
