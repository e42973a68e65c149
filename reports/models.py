from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def _report_upload_to(report: Report, filename: str) -> str:
    # A random name: files are only ever served through the access-checking download view.
    return f"reports/{report.period_id}/{uuid.uuid4().hex}.pdf"


class Audience(models.TextChoices):
    OMU = "omu", _("OMU")
    LEADERS = "leaders", _("Ledermødet")
    COMMITTEE = "committee", _("Udvalget")


AUDIENCE_TITLES = {
    Audience.OMU: _("Halvårsstatus til OMU"),
    Audience.LEADERS: _("Halvårsstatus til ledermødet"),
    Audience.COMMITTEE: _("Status til udvalget"),
}


class ReportQuerySet(models.QuerySet):
    def published(self) -> ReportQuerySet:
        return self.filter(stage=Report.Stage.PUBLISHED, status=Report.Status.DONE)

    def issued(self) -> ReportQuerySet:
        """Rendered, or moved beyond the draft stage: frozen, never changed or deleted."""
        return self.filter(Q(status=Report.Status.DONE) | ~Q(stage=Report.Stage.DRAFT))

    def visible_to(self, user) -> ReportQuerySet:
        """What the archive shows: committee members see only published reports."""
        from strategy.rules import is_committee_member, is_staff_reader

        if is_staff_reader(user):
            return self
        if is_committee_member(user):
            return self.published()
        return self.none()

    def for_archive(self) -> ReportQuerySet:
        return self.select_related("period", "requested_by").order_by(
            "-period__year", "-period__half", "audience", "-version"
        )

    def undispatched(self) -> ReportQuerySet:
        return self.filter(status=Report.Status.PENDING, dispatched_at__isnull=True)


class Report(models.Model):
    """One version of a half-year report for one audience, frozen once rendered."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        RENDERING = "rendering", _("Genereres")
        DONE = "done", _("Færdig")
        FAILED = "failed", _("Fejlet")

    class Stage(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        LEADERS_REVIEWED = "leaders_reviewed", _("Behandlet på ledermødet")
        OMU_APPROVED = "omu_approved", _("Godkendt af OMU")
        PUBLISHED = "published", _("Offentliggjort for udvalget")

    period = models.ForeignKey(
        "initiatives.Period",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("halvår"),
    )
    audience = models.CharField(_("målgruppe"), max_length=20, choices=Audience.choices)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    stage = models.CharField(
        _("godkendelse"), max_length=30, choices=Stage.choices, default=Stage.DRAFT
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestilt af"),
    )
    requested_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("sendt til køen"), null=True, blank=True)
    started_at = models.DateTimeField(_("påbegyndt"), null=True, blank=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    error = models.TextField(_("fejl"), blank=True)
    file = models.FileField(_("PDF"), upload_to=_report_upload_to, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("sider"), null=True, blank=True)
    snapshot = models.JSONField(_("data, rapporten er dannet af"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "audience", "version"], name="report_unique_version"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(sha256=""), name="report_done_has_checksum"
            ),
        ]
        indexes = [models.Index(fields=["status", "dispatched_at"])]

    def __str__(self) -> str:
        return f"{self.title} – {self.period} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return str(AUDIENCE_TITLES[self.audience])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.DONE or self.stage != self.Stage.DRAFT

    @property
    def period_reopened_after(self):
        """When the half-year was reopened after this report was made (None if it was not):
        the report keeps its frozen data, and its page says so."""
        reopened = self.period.reopened_at
        if reopened and self.finished_at and reopened > self.finished_at:
            return reopened
        return None

    @property
    def filename(self) -> str:
        period = str(self.period).replace(". ", "-").replace(" ", "-")
        return f"{self.audience}-{period}-v{self.version}.pdf"


class SignOff(models.Model):
    """One step of the ledermøde → OMU → udvalg sign-off: who moved the report, and when."""

    # PROTECT: a report that has been signed off cannot be deleted with its sign-offs.
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="sign_offs", verbose_name=_("rapport")
    )
    stage = models.CharField(_("trin"), max_length=30, choices=Report.Stage.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("af"),
    )
    comment = models.TextField(_("bemærkning"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("godkendelsestrin")
        verbose_name_plural = _("godkendelsestrin")
        constraints = [
            models.UniqueConstraint(fields=["report", "stage"], name="signoff_once_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_stage_display()}"


class ReportComment(models.Model):
    """A comment on a report, e.g. from OMU's review."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="comments", verbose_name=_("rapport")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    text = models.TextField(_("kommentar"), max_length=2000)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class Reminder(models.Model):
    """A deadline reminder sent to one leader for one half-year (so it is sent only once)."""

    period = models.ForeignKey(
        "initiatives.Period",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("halvår"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("modtager"),
    )
    missing_count = models.PositiveIntegerField(_("manglende opdateringer"))
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("påmindelse")
        verbose_name_plural = _("påmindelser")
        constraints = [
            models.UniqueConstraint(fields=["period", "user"], name="reminder_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.period}"
