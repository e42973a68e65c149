from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.rules import is_administrator, is_omu_member
from reports.rules import ALL_REPORTS, PUBLISHED_REPORTS, readable_reports

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _report_upload_to(report: Report, filename: str) -> str:
    # A random name: files are only ever served through the access-checking download view.
    return f"reports/{report.period_id}/{uuid.uuid4().hex}.pdf"


class Audience(models.TextChoices):
    OMU = "omu", _("OMU")
    LEADERS = "leaders", _("Ledermødet")
    COMMITTEE = "committee", _("Udvalget")


AUDIENCE_TITLES: dict[str, StrOrPromise] = {
    Audience.OMU: _("Halvårsstatus til OMU"),
    Audience.LEADERS: _("Halvårsstatus til ledermødet"),
    Audience.COMMITTEE: _("Status til udvalget"),
}


# The start of a report's file name, in Danish (the audience's code name is English).
FILE_NAMES = {
    Audience.OMU: "omu-halvaarsstatus",
    Audience.LEADERS: "ledermoede-halvaarsstatus",
    Audience.COMMITTEE: "udvalg-status",
}


def superseded_by_newer_version() -> Q:
    """Reports with a newer version for the same half-year and audience: no one acts on them."""
    newer = Report.objects.filter(
        period=models.OuterRef("period"),
        audience=models.OuterRef("audience"),
        version__gt=models.OuterRef("version"),
    )
    return Q(models.Exists(newer))


NEXT_ACTION = {
    "draft": _("venter på behandling på ledermødet"),
    "leaders_reviewed": _("venter på OMU's godkendelse"),
    "omu_approved": _("venter på at blive offentliggjort for udvalget"),
    "published": _("offentliggjort for udvalget"),
    "sent_back": _("sendt tilbage af OMU; administrationen danner en ny version"),
}

# Who acts next at each stage (the report page says it).
NEXT_ACTOR = {
    "draft": _("Administrationen registrerer behandlingen på ledermødet."),
    "leaders_reviewed": _("OMU godkender rapporten eller sender den tilbage med en kommentar."),
    "omu_approved": _("Administrationen offentliggør udvalgets version."),
    "published": _("Ingen: rapporten er offentliggjort."),
    "sent_back": _("Administrationen danner en ny version, og godkendelsen begynder forfra."),
}


class ReportQuerySet(models.QuerySet):
    def published(self) -> ReportQuerySet:
        return self.filter(stage=Report.Stage.PUBLISHED, status=Report.Status.DONE)

    def issued(self) -> ReportQuerySet:
        """Rendered, or moved beyond the draft stage: frozen, never changed or deleted."""
        return self.filter(Q(status=Report.Status.DONE) | ~Q(stage=Report.Stage.DRAFT))

    def visible_to(self, user) -> ReportQuerySet:
        """The reports the user reads (reports.rules.readable_reports, the one rule)."""
        scope = readable_reports(user)
        if scope == ALL_REPORTS:
            return self
        if scope == PUBLISHED_REPORTS:
            return self.published()
        return self.none()

    def for_archive(self) -> ReportQuerySet:
        return self.select_related("period", "requested_by").order_by(
            "-period__year", "-period__half", "audience", "-version"
        )

    def awaiting(self, user) -> ReportQuerySet:
        """The finished reports whose next sign-off step is this user's (OMU members: those
        the leaders' meeting has reviewed; administrators: drafts to take to the leaders'
        meeting, reports OMU approved, to publish, and reports OMU sent back, for a new
        version), newest first. Failed ones wait for an administrator too."""
        done = Q(status=Report.Status.DONE)
        condition = Q(pk__in=[])
        if is_omu_member(user):
            condition |= done & Q(stage=Report.Stage.LEADERS_REVIEWED)
        if is_administrator(user):
            condition |= done & Q(stage__in=[Report.Stage.DRAFT, Report.Stage.SENT_BACK])
            # Only the committee's version is published.
            condition |= done & Q(stage=Report.Stage.OMU_APPROVED, audience=Audience.COMMITTEE)
            condition |= Q(status=Report.Status.FAILED)
        return (
            self.filter(condition)
            .exclude(superseded_by_newer_version())
            .select_related("period")
            .order_by("-period__year", "-period__half", "audience", "-version")
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
        # OMU's way back: the administration then generates a new version, which starts over.
        SENT_BACK = "sent_back", _("Sendt tilbage af OMU")

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
    _change_reason: str  # not a column: read by simple-history on save

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
    def next_action_label(self) -> str:
        """What happens next, in Danish ("venter på OMU's godkendelse")."""
        if self.status == self.Status.FAILED:
            return str(_("dannelsen fejlede; prøv igen"))
        if self.status != self.Status.DONE:
            return str(_("dannes"))
        return str(NEXT_ACTION.get(self.stage, ""))

    @property
    def next_actor_label(self) -> str:
        if self.status != self.Status.DONE:
            return str(_("Administrationen: rapporten skal være færdigdannet først."))
        if self.stage == self.Stage.OMU_APPROVED and self.audience != Audience.COMMITTEE:
            return str(_("Ingen: kun udvalgets version offentliggøres."))
        return str(NEXT_ACTOR.get(self.stage, ""))

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def is_published(self) -> bool:
        """In the committee's archive: the row-level twin of ReportQuerySet.published()."""
        return self.stage == self.Stage.PUBLISHED and self.status == self.Status.DONE

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
        """Danish: "omu-halvaarsstatus-1-halvaar-2026-v2.pdf"."""
        period = slugify(str(self.period).replace("å", "aa"))
        return f"{FILE_NAMES[self.audience]}-{period}-v{self.version}.pdf"


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


class ReportCorrection(models.Model):
    """The administration's answer to a sent-back report: the correction of the half-year it
    opened (initiatives.Correction) and its reply to OMU's comment, shown in the next version."""

    report = models.OneToOneField(
        Report, on_delete=models.PROTECT, related_name="answer", verbose_name=_("rapport")
    )
    correction = models.OneToOneField(
        "initiatives.Correction",
        on_delete=models.PROTECT,
        related_name="report_answer",
        verbose_name=_("rettelse"),
    )
    reply = models.TextField(_("svar"), max_length=2000)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("svar på tilbagesendelse")
        verbose_name_plural = _("svar på tilbagesendelser")

    def __str__(self) -> str:
        return f"{self.report}: {self.correction}"
