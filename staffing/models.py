"""Staffing: FTE per area and professional group, in dated snapshots (opgørelser).

Only FTE figures are stored. Totals, percentages and the trained share are always computed
from them (staffing.tables), so nothing copied can drift from the figures it came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from strategy.models import Unit


class StaffGroup(models.Model):
    """A faggruppe, e.g. "Socialpædagog". `is_trained` decides the trained share."""

    name = models.CharField(_("navn"), max_length=120, unique=True)
    is_trained = models.BooleanField(
        _("faguddannet"),
        default=False,
        help_text=_("Tæller med i andelen af faguddannede."),
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Fx hvilke stillinger gruppen omfatter.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("faggruppe")
        verbose_name_plural = _("faggrupper")

    def __str__(self) -> str:
        return self.name


class StaffingSnapshotQuerySet(models.QuerySet):
    def chronological(self) -> StaffingSnapshotQuerySet:
        return self.order_by("date", "pk")

    def with_figures(self) -> StaffingSnapshotQuerySet:
        return self.prefetch_related(
            Prefetch("figures", queryset=StaffingFigure.objects.select_related("area", "group"))
        )

    def with_totals(self) -> StaffingSnapshotQuerySet:
        """Annotate total FTE and trained FTE, computed in the database from the figures."""
        return self.annotate(
            total_fte=Sum("figures__fte"),
            trained_fte=Sum("figures__fte", filter=Q(figures__group__is_trained=True)),
        )

    def latest_first(self) -> StaffingSnapshotQuerySet:
        return self.order_by("-date", "-pk")


class StaffingSnapshot(models.Model):
    """An opgørelse: the staffing of the areas at one date."""

    label = models.CharField(
        _("betegnelse"), max_length=100, unique=True, help_text=_("Fx “september 2024”.")
    )
    date = models.DateField(_("opgjort pr."), unique=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Kilde og forbehold. Skriv ikke personoplysninger om borgere."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    history = HistoricalRecords()

    objects = StaffingSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("personaleopgørelse")
        verbose_name_plural = _("personaleopgørelser")

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("staffing:snapshot", args=[self.pk])


class StaffingFigure(models.Model):
    """FTE (fuldtidspersoner) of one professional group in one area in one snapshot.

    A group an area does not have ("-" in Bilag 2) simply has no row.
    """

    snapshot = models.ForeignKey(
        StaffingSnapshot,
        on_delete=models.CASCADE,
        related_name="figures",
        verbose_name=_("opgørelse"),
    )
    area = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="staffing_figures",
        limit_choices_to={"kind": Unit.Kind.AREA},
        verbose_name=_("område"),
    )
    group = models.ForeignKey(
        StaffGroup,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name=_("faggruppe"),
    )
    fte = models.DecimalField(_("fuldtidspersoner"), max_digits=7, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["snapshot", "area__order", "group__order"]
        verbose_name = _("årsværk")
        verbose_name_plural = _("årsværk")
        constraints = [
            models.CheckConstraint(condition=Q(fte__gte=0), name="staffing_fte_not_negative"),
            models.UniqueConstraint(
                fields=["snapshot", "area", "group"], name="staffing_one_figure_per_cell"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot}: {self.area} / {self.group} = {self.fte}"
