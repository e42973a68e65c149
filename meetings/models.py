"""Meetings (ledermøde, OMU, udvalg), their agenda and minutes, decisions and follow-ups, the
committee's agenda item (dagsordenpunkt) for a report, and personal calendar feeds."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import roles


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


class MeetingKind(models.TextChoices):
    LEADERS = "leaders", _("Ledermøde")
    OMU = "omu", _("OMU")
    COMMITTEE = "committee", _("Udvalg")


# Who takes part by default: the roles of the strategy's follow-up (the administration calls
# and writes the minutes of every meeting).
DEFAULT_PARTICIPANT_ROLES: dict[str, list[str]] = {
    MeetingKind.LEADERS: [roles.ADMINISTRATOR, roles.LEADER],
    MeetingKind.OMU: [roles.ADMINISTRATOR, roles.OMU_MEMBER],
    MeetingKind.COMMITTEE: [roles.ADMINISTRATOR, roles.COMMITTEE_MEMBER],
}
# The report a review meeting approves (reports.models.Audience values).
REPORT_AUDIENCE: dict[str, str] = {
    MeetingKind.LEADERS: "leaders",
    MeetingKind.OMU: "omu",
    MeetingKind.COMMITTEE: "committee",
}


class MeetingQuerySet(models.QuerySet):
    def for_user(self, user) -> MeetingQuerySet:
        """Administrators read every meeting, participants theirs, committee members the
        committee's meetings."""
        from accounts.rules import is_administrator, is_committee_member

        if is_administrator(user):
            return self
        condition = Q(participants=user)
        if is_committee_member(user):
            condition |= Q(kind=MeetingKind.COMMITTEE)
        return self.filter(condition).distinct()

    def chronological(self) -> MeetingQuerySet:
        return self.select_related("period").order_by("-date", "-start_time", "-pk")


class Meeting(models.Model):
    kind = models.CharField(_("mødetype"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    period = models.ForeignKey(
        "initiatives.Period",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("halvår"),
    )
    date = models.DateField(_("dato"))
    start_time = models.TimeField(_("tidspunkt"))
    end_time = models.TimeField(_("sluttidspunkt"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="meetings", verbose_name=_("deltagere"), blank=True
    )
    absentees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("fraværende"), blank=True
    )
    called_at = models.DateTimeField(_("indkaldt"), null=True, blank=True)
    minutes_approved_at = models.DateTimeField(_("referat godkendt"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referat godkendt af"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    history = HistoricalRecords(m2m_fields=[participants, absentees])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        """Approved minutes are final, like an issued report."""
        return self.minutes_approved_at is not None

    @property
    def uid(self) -> str:
        """The calendar event's UID: stable, so a changed meeting replaces the old event."""
        return f"moede-{self.pk}@{uid_domain()}"


class AgendaPoint(models.Model):
    class Subject(models.TextChoices):
        SUMMARY = "summary", _("Opsummering")
        RED = "red", _("Rødt tiltag")
        MISSING = "missing", _("Manglende opdateringer")
        STAFFING = "staffing", _("Personale")
        INDICATORS = "indicators", _("Indikatorer")
        REPORT = "report", _("Rapport")
        FOLLOW_UPS = "follow_ups", _("Opfølgninger")
        OTHER = "other", _("Andet")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="points", verbose_name=_("møde")
    )
    position = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("overskrift"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True, max_length=4000)
    subject = models.CharField(
        _("emne"), max_length=20, choices=Subject.choices, default=Subject.OTHER
    )
    # The app's own page the point is about (a path, never another site).
    subject_url = models.CharField(_("henvisning"), max_length=500, blank=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tiltag"),
    )
    note = models.TextField(_("referat"), blank=True, max_length=8000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_point_unique_position",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(
                condition=Q(subject_url="") | Q(subject_url__startswith="/"),
                name="agenda_point_subject_is_a_path",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class DecisionQuerySet(models.QuerySet):
    def for_user(self, user) -> DecisionQuerySet:
        """Staff (administrators, leaders, OMU) read every decision; committee members the
        committee's."""
        from accounts.rules import is_committee_member, is_staff_reader

        if is_staff_reader(user):
            return self
        if is_committee_member(user):
            return self.filter(meeting__kind=MeetingKind.COMMITTEE)
        return self.none()

    def for_list(self) -> DecisionQuerySet:
        return (
            self.select_related("meeting", "point")
            .prefetch_related("initiatives")
            .order_by("-decided_on", "-pk")
        )


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("møde")
    )
    point = models.ForeignKey(
        AgendaPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("punkt"),
    )
    text = models.TextField(_("beslutning"), max_length=4000)
    decided_on = models.DateField(_("dato"))
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        related_name="+",
        blank=True,
        verbose_name=_("tiltag"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[initiatives])

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")

    def __str__(self) -> str:
        return self.text[:60]


class FollowUpQuerySet(models.QuerySet):
    def open_on(self, day) -> FollowUpQuerySet:
        """Not done by the end of `day` (a report's half-year shows these)."""
        return self.filter(Q(done_on__isnull=True) | Q(done_on__gt=day))

    def for_units(self, units) -> FollowUpQuerySet:
        return self.filter(unit__in=units)

    def for_list(self) -> FollowUpQuerySet:
        return self.select_related("initiative", "unit", "decision__meeting").order_by(
            "due_on", "pk"
        )


class FollowUp(models.Model):
    """What a decision asks of a unit about an initiative, by a date (opfølgning)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("beslutning")
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tiltag"),
    )
    unit = models.ForeignKey(
        "strategy.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarlig")
    )
    due_on = models.DateField(_("frist"))
    text = models.TextField(_("opfølgning"), max_length=2000)
    done_on = models.DateField(_("udført"), null=True, blank=True)
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")

    def __str__(self) -> str:
        return self.text[:60]


class AgendaItem(models.Model):
    """The committee's agenda item (dagsordenpunkt) for a committee report, in the fixed
    structure of seeds 001 and 004; the report's PDF is its bilag."""

    report = models.OneToOneField(
        "reports.Report",
        on_delete=models.PROTECT,
        related_name="agenda_item",
        verbose_name=_("rapport"),
    )
    title = models.CharField(_("titel"), max_length=300)
    case_route = models.CharField(_("Sagsgang"), max_length=300, blank=True)
    account = models.TextField(_("Sagsfremstilling"), max_length=20000)
    context = models.TextField(
        _("Sammenhæng til andre politikker/strategier og fagområder"), blank=True, max_length=4000
    )
    economy = models.TextField(_("Økonomiske konsekvenser"), blank=True, max_length=4000)
    legal_basis = models.CharField(_("Lovgrundlag"), max_length=300, blank=True)
    recommendation = models.TextField(_("Indstilling"), max_length=4000)
    author = models.CharField(_("forfatter"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dagsordenpunkt")
        verbose_name_plural = _("dagsordenpunkter")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:agenda_item", args=[self.pk])


class ReportDecision(models.Model):
    """The committee's decision on a published report ("Beslutning i <udvalg> den <dato>")."""

    report = models.OneToOneField(
        "reports.Report",
        on_delete=models.PROTECT,
        related_name="committee_decision",
        verbose_name=_("rapport"),
    )
    committee = models.CharField(_("udvalg"), max_length=200)
    decided_on = models.DateField(_("dato"))
    text = models.TextField(_("beslutning"), max_length=4000)
    absent = models.TextField(_("fraværende"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("udvalgets beslutning")
        verbose_name_plural = _("udvalgenes beslutninger")

    def __str__(self) -> str:
        return f"{self.committee} {self.decided_on}"

    @property
    def absent_names(self) -> list[str]:
        return [line.strip() for line in self.absent.splitlines() if line.strip()]


class CalendarFeed(models.Model):
    """A user's personal calendar address. Only the token's SHA-256 is kept: the address is
    shown once, and a new one revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnementer")

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
