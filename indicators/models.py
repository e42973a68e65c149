"""Indicators: what a målsætning is measured by, its baseline, targets and measurements.

An indicator is either entered (a measurement per half-year, by the responsible unit's leaders
or imported by administrators) or computed (the trained-staff share, from the staffing
snapshots through staffing.tables; it never has Measurement rows). Its status against the
target is decided in one place, indicators.status.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import NO_CITIZEN_DATA, Period
from strategy.models import Objective, Unit

COMMENT_MAX = 1000


class MeasureUnit(models.TextChoices):
    PERCENT = "percent", _("procent")
    COUNT = "count", _("antal")
    DAYS = "days", _("dage")
    KRONER = "kroner", _("kroner")
    FTE = "fte", _("årsværk")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Højere er bedre")
    LOWER = "lower", _("Lavere er bedre")


class Frequency(models.TextChoices):
    HALF_YEAR = "half_year", _("Pr. halvår")
    YEAR = "year", _("Pr. år")
    QUARTER = "quarter", _("Pr. kvartal")


class Computed(models.TextChoices):
    NONE = "", _("Indtastes")
    TRAINED_SHARE = "trained_share", _("Beregnes: andel faguddannede (personaleopgørelser)")


class IndicatorQuerySet(models.QuerySet):
    def with_relations(self) -> IndicatorQuerySet:
        """The responsible unit and the area, joined. The målsætninger and targets of many
        indicators are read by indicators.series.indicator_rows, one query each, without the
        prefetch machinery (which costs a queryset per indicator: 0,2 s at 500 indicators)."""
        return self.select_related("responsible_unit", "computed_area")

    def for_objective(self, objective: Objective) -> IndicatorQuerySet:
        return self.filter(objectives=objective)


class Indicator(models.Model):
    """An indikator of one or more målsætninger."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    definition = models.TextField(
        _("definition"),
        max_length=4000,
        help_text=_("Hvad der måles, hvordan og fra hvilken kilde."),
    )
    objectives = models.ManyToManyField(
        Objective, related_name="indicators", verbose_name=_("målsætninger")
    )
    link_reason = models.TextField(
        _("begrundelse for målsætningerne"),
        max_length=2000,
        blank=True,
        help_text=_("Hvorfor indikatoren hører til netop disse målsætninger."),
    )
    unit = models.CharField(_("enhed"), max_length=10, choices=MeasureUnit.choices)
    decimals = models.PositiveSmallIntegerField(_("antal decimaler"), default=0)
    direction = models.CharField(_("retning"), max_length=10, choices=Direction.choices)
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("ansvarlig enhed"),
    )
    frequency = models.CharField(
        _("hyppighed"), max_length=10, choices=Frequency.choices, default=Frequency.HALF_YEAR
    )
    computed = models.CharField(
        _("beregning"), max_length=20, choices=Computed.choices, default="", blank=True
    )
    computed_area = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område (beregnet)"),
        help_text=_("Tomt: alle områder i opgørelsen."),
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline dato"), null=True, blank=True)
    baseline_is_demo = models.BooleanField(_("baseline er et eksempel"), default=False)
    is_headline = models.BooleanField(
        _("hovedindikator"),
        default=False,
        help_text=_("Vises i udvalgets rapport."),
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        constraints = [
            models.CheckConstraint(condition=Q(decimals__lte=4), name="indicator_decimals_0_4"),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_date__isnull=False),
                name="indicator_baseline_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.baseline_value is not None and self.baseline_date is None:
            raise ValidationError({"baseline_date": _("Angiv datoen for baseline.")})
        baseline = self.baseline_date
        if self.pk and baseline is not None and self.targets.filter(date__lt=baseline).exists():
            raise ValidationError({"baseline_date": _("Der er måltal dateret før denne baseline.")})

    @property
    def is_computed(self) -> bool:
        return bool(self.computed)

    @property
    def unit_suffix(self) -> str:
        return {"percent": " %", "days": " dage", "kroner": " kr.", "fte": " årsværk"}.get(
            self.unit, ""
        )


class Target(models.Model):
    """A måltal: the value the indicator should reach by a date."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indikator")
    )
    value = models.DecimalField(_("måltal"), max_digits=14, decimal_places=4)
    date = models.DateField(_("nås senest"))
    is_demo = models.BooleanField(_("eksempel"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("måltal")
        verbose_name_plural = _("måltal")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="target_one_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date})"

    def clean(self) -> None:
        super().clean()
        baseline = self.indicator.baseline_date if self.indicator_id else None
        if baseline is not None and self.date is not None and self.date < baseline:
            raise ValidationError({"date": _("Måltallets dato ligger før baseline.")})


class MeasurementQuerySet(models.QuerySet):
    def in_closed_period(self) -> MeasurementQuerySet:
        return self.filter(period__in=Period.objects.closed())


class Measurement(models.Model):
    """A måling: the value of an entered indicator for the period ending on `covers_end` (a
    half-year, a quarter or a year, from the indicator's frequency; indicators.periods),
    entered in the half-year `period`. Saved with optimistic locking (`version`); every change
    is kept by simple-history; frozen when its half-year closes (database triggers,
    indicators/migrations/0002 and 0003)."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indikator"),
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("halvår")
    )
    covers_end = models.DateField(
        _("dækker perioden til"),
        help_text=_("Sidste dag i det halvår, kvartal eller år, værdien gælder."),
    )
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=4)
    comment = models.TextField(
        _("kommentar"), max_length=COMMENT_MAX, blank=True, help_text=NO_CITIZEN_DATA
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indtastet af"),
    )
    is_demo = models.BooleanField(_("eksempel"), default=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["covers_end"]
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "covers_end"], name="measurement_one_per_covered_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} – {self.covers_label}"

    def save(self, *args, **kwargs) -> None:
        if self.covers_end is None and self.period_id is not None:
            # Without a date, the value covers its half-year (a half-yearly indicator).
            self.covers_end = self.period.end
        super().save(*args, **kwargs)

    @property
    def covers_label(self) -> str:
        from indicators.periods import covers_label

        return covers_label(self.indicator.frequency, self.covers_end)
