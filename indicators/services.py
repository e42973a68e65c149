"""Writes for indicators: a measurement saved without lost updates, a target set, an import
that stores all rows or none. Every error message is Danish and safe to show."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.audit import audit_record
from accounts.models import AuditEvent
from core.changes import FieldChange
from core.loading import update_or_create_if_changed
from core.spreadsheets import rows_workbook
from core.versions import StaleVersion, lock_at_version
from indicators.exports import EXPORT_COLUMNS, export_rows
from indicators.models import COMMENT_MAX, Frequency, Indicator, Measurement, MeasureUnit, Target
from indicators.periods import covers_label, ends_within, example_label, is_period_end
from indicators.series import format_value
from initiatives.models import Period

MAX_VALUE = Decimal("1e9")


class IndicatorError(Exception):
    """A domain error whose message is Danish and safe to show to the user."""


class PeriodNotOpenError(IndicatorError):
    pass


class CoveredPeriodError(IndicatorError):
    """The date is not the end of a period of the indicator's frequency."""


class StaleVersionError(StaleVersion, IndicatorError):
    """Someone else saved the measurement after this user opened it."""

    current: Measurement
    message = gettext_lazy(
        "%(who)s har gemt en nyere måling for denne indikator (%(when)s), efter du åbnede den. "
        "Intet er overskrevet. Se ændringerne nedenfor, og gem igen, hvis din værdi stadig skal "
        "gælde."
    )


_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def parse_value(text: str) -> Decimal:
    """A number as a Dane writes it: "12,5", "1.234,50", "-3"; raises IndicatorError."""
    raw = str(text).replace("\u00a0", " ").strip().replace(" ", "")
    if raw.endswith("%"):
        raw = raw[:-1]
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    raw = raw.replace("−", "-")
    # Digits with at most one decimal point: Decimal() alone would also take "1e2", "NaN"
    # and "Infinity", which no Dane means as a number.
    if not _PLAIN_NUMBER.fullmatch(raw):
        raise IndicatorError(
            _("»%(text)s« er ikke et tal. Skriv fx 12,5.") % {"text": str(text).strip()[:40]}
        )
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        raise IndicatorError(
            _("»%(text)s« er ikke et tal. Skriv fx 12,5.") % {"text": str(text).strip()[:40]}
        ) from None
    if not value.is_finite() or abs(value) >= MAX_VALUE:
        raise IndicatorError(
            _("»%(text)s« er ikke et tal. Skriv fx 12,5.") % {"text": str(text).strip()[:40]}
        )
    return value


def value_check(indicator: Indicator, value: Decimal) -> None:
    """Refuse a value the indicator's unit cannot have, or with too many decimals."""
    if indicator.unit == MeasureUnit.PERCENT and not 0 <= value <= 100:
        raise IndicatorError(_("En procentdel skal ligge mellem 0 og 100."))
    if value < 0:
        raise IndicatorError(
            _("Værdien kan ikke være negativ (%(unit)s).") % {"unit": indicator.get_unit_display()}
        )
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > indicator.decimals:
        if indicator.decimals == 0:
            raise IndicatorError(_("Værdien skal være et helt tal."))
        raise IndicatorError(
            ngettext(
                "Værdien må højst have %(n)s decimal.",
                "Værdien må højst have %(n)s decimaler.",
                indicator.decimals,
            )
            % {"n": indicator.decimals}
        )


def _period_check(period: Period) -> None:
    if period.is_open:
        return
    if period.is_planned:
        raise PeriodNotOpenError(
            _("%(p)s er endnu ikke åbnet; der kan ikke indtastes målinger for det.")
            % {"p": period.name}
        )
    raise PeriodNotOpenError(
        _("%(p)s er lukket, og dets målinger kan ikke ændres.") % {"p": period.name}
    )


MEASUREMENT_FIELDS = {"value": _("Værdi"), "comment": _("Kommentar")}


def _changes_since(indicator: Indicator, current: Measurement, version: int) -> list[FieldChange]:
    before = (
        Measurement.history.filter(id=current.pk, version=version)
        .order_by("-history_date")
        .values("value", "comment")
        .first()
    ) or {}
    changes = []
    for name, label in MEASUREMENT_FIELDS.items():
        old, new = before.get(name), getattr(current, name)
        if old != new:
            show = (lambda v: format_value(indicator, v)) if name == "value" else str
            changes.append(
                FieldChange(name, str(label), "–" if old in (None, "") else show(old), show(new))
            )
    return changes


def covered_period(indicator: Indicator, covers_end, period: Period | None = None) -> Period:
    """The half-year a value covering the period ending on `covers_end` is entered in, after
    checking that the date ends a period of the indicator's frequency and that the half-year is
    open. Without `covers_end`, the one period of the frequency that ends in `period` (a
    half-year, or the year in the second half-year); a quarterly indicator must name its
    quarter. Raises IndicatorError (PeriodNotOpenError for a closed or planned half-year)."""
    frequency = indicator.frequency
    if covers_end is None:
        if period is None:
            raise CoveredPeriodError(_("Vælg den periode, værdien gælder."))
        ends = ends_within(frequency, period.start, period.end)
        if frequency == Frequency.YEAR and not ends:
            raise CoveredPeriodError(
                _(
                    "%(name)s måles pr. år; værdien for året indtastes i det halvår, der "
                    "indeholder 31. december."
                )
                % {"name": indicator.name}
            )
        if len(ends) != 1:
            raise CoveredPeriodError(_("Vælg det kvartal, værdien gælder."))
        return period
    if not is_period_end(frequency, covers_end):
        what: dict[str, str] = {Frequency.QUARTER: _("et kvartal"), Frequency.YEAR: _("et år")}
        raise CoveredPeriodError(
            _("%(date)s er ikke sidste dag i %(what)s. Vælg fx %(example)s.")
            % {
                "date": date_format(covers_end),
                "what": what.get(frequency, _("et halvår")),
                "example": example_label(frequency),
            }
        )
    holder = Period.objects.filter(start__lte=covers_end, end__gte=covers_end).first()
    if holder is None or (period is not None and holder.pk != period.pk):
        raise PeriodNotOpenError(
            _("%(what)s ligger ikke i det åbne halvår; der kan ikke indtastes en værdi for det.")
            % {"what": covers_label(frequency, covers_end)}
        )
    return holder


@transaction.atomic
def measurement_save(
    *,
    indicator: Indicator,
    author,
    value: Decimal,
    comment: str = "",
    expected_version: int,
    period: Period | None = None,
    covers_end=None,
) -> Measurement:
    """Create or update the indicator's measurement for the period ending on `covers_end` (a
    quarter, a year or a half-year, from its frequency; without it, the one such period in
    `period`), which must lie in the open half-year.

    `expected_version` is the version the user started from (0 when there was none). Raises
    StaleVersionError if someone saved in between and IndicatorError for a value, a date or a
    half-year that cannot take it. The indicator row is locked, so two first saves cannot both
    create a row.
    """
    Indicator.objects.select_for_update().only("id").get(pk=indicator.pk)
    period = covered_period(indicator, covers_end, period)
    period = Period.objects.select_for_update().get(pk=period.pk)
    _period_check(period)
    if covers_end is None:
        covers_end = ends_within(indicator.frequency, period.start, period.end)[0]
    if indicator.is_computed:
        raise IndicatorError(
            _("%(name)s beregnes ud fra personaleopgørelserne og kan ikke indtastes.")
            % {"name": indicator.name}
        )
    value_check(indicator, value)
    if len(comment) > COMMENT_MAX:
        raise IndicatorError(_("Kommentaren må højst være %(n)s tegn.") % {"n": COMMENT_MAX})
    current = lock_at_version(
        Measurement.objects.filter(indicator=indicator, covers_end=covers_end),
        expected_version,
        error=IndicatorError,
        stale=lambda row: StaleVersionError(row, _changes_since(indicator, row, expected_version)),
    )
    if current is None:
        measurement = Measurement(
            indicator=indicator, period=period, covers_end=covers_end, version=1
        )
    else:
        measurement = current
        measurement.version = current.version + 1
    measurement.value = value
    measurement.comment = comment.strip()
    measurement.author = author
    measurement.is_demo = False
    measurement.save()
    return measurement


@transaction.atomic
def target_save(*, indicator: Indicator, value: Decimal, date, is_demo: bool = False) -> Target:
    """Add (or change) the target for a date. A target dated before the baseline is refused."""
    value_check(indicator, value)
    if indicator.baseline_date is not None and date < indicator.baseline_date:
        raise IndicatorError(
            _("Måltallets dato (%(date)s) ligger før baseline (%(baseline)s).")
            % {"date": date_format(date), "baseline": date_format(indicator.baseline_date)}
        )
    target, _created = Target.objects.update_or_create(
        indicator=indicator, date=date, defaults={"value": value, "is_demo": is_demo}
    )
    return target


@dataclass(frozen=True)
class ImportRow:
    indicator: Indicator
    period: Period
    value: Decimal
    comment: str
    covers_end: datetime.date


@transaction.atomic
def measurements_import(*, rows: list[ImportRow], author, filename: str = "") -> int:
    """Store every row or none, and audit the import. The rows are checked by
    indicators.spreadsheets first; the service checks again (a half-year may have closed in
    between) and raises on the first problem, which undoes everything."""
    saved = 0
    for row in rows:
        current = Measurement.objects.filter(
            indicator=row.indicator, covers_end=row.covers_end
        ).first()
        measurement_save(
            indicator=row.indicator,
            period=row.period,
            covers_end=row.covers_end,
            author=author,
            value=row.value,
            comment=row.comment,
            expected_version=current.version if current else 0,
        )
        saved += 1
    audit_record(
        kind=AuditEvent.Kind.IMPORT,
        user=author,
        target="indikatorer",
        details={"rows": saved, "file": filename[:100]},
    )
    return saved


def measurements_export(*, user) -> bytes:
    """Every value the user may read as an .xlsx file (indicators.exports); audited."""
    content, rows = rows_workbook("Målinger", EXPORT_COLUMNS, export_rows(user))
    audit_record(
        kind=AuditEvent.Kind.EXPORT, user=user, target="indikatorer.xlsx", details={"rows": rows}
    )
    return content


# --- Loading the indicators the sources name -------------------------------------------------


@transaction.atomic
def indicators_load_norddjurs() -> int:
    """Create (or update) the indicators of indicators.seed, linked to their målsætninger.
    Idempotent; no values are entered. Returns how many indicators there are."""
    from indicators import seed
    from strategy.models import Objective, Unit

    objectives = {
        f"{o.theme.number}.{o.number}": o for o in Objective.objects.select_related("theme")
    }
    units = {u.name: u for u in Unit.objects.all()}
    for order, spec in enumerate(seed.INDICATORS):
        indicator, _written = update_or_create_if_changed(
            Indicator,
            name=spec["name"],
            defaults={
                "definition": spec["definition"],
                "link_reason": spec["why"],
                "unit": spec["unit"],
                "decimals": spec["decimals"],
                "direction": spec["direction"],
                "frequency": spec["frequency"],
                "responsible_unit": units[spec["unit_name"]],
                "computed": spec.get("computed", ""),
                "computed_area": units[area] if (area := spec.get("area")) else None,
                "is_headline": spec["headline"],
                "order": order,
            },
        )
        indicator.objectives.set([objectives[code] for code in spec["objectives"]])
    return len(seed.INDICATORS)


@transaction.atomic
def indicators_load_demo() -> int:
    """DEMO DATA: example baselines, targets and measurements for the closed demo half-years,
    all marked as examples. Existing values are never touched. Returns the measurements made."""
    from indicators import seed

    by_name = {spec["key"]: spec["name"] for spec in seed.INDICATORS}
    periods = {(p.year, p.half): p for p in Period.objects.all()}
    created = 0
    for key, demo in seed.DEMO.items():
        indicator = Indicator.objects.filter(name=by_name[key]).first()
        if indicator is None:
            continue
        if "baseline" in demo and indicator.baseline_value is None:
            day, value = demo["baseline"]
            indicator.baseline_value = Decimal(value)
            indicator.baseline_date = datetime.date.fromisoformat(day)
            indicator.baseline_is_demo = True
            indicator.save()
        for day, value in demo.get("targets", []):
            Target.objects.get_or_create(
                indicator=indicator,
                date=datetime.date.fromisoformat(day),
                defaults={"value": Decimal(value), "is_demo": True},
            )
        for year_half, value in demo.get("values", {}).items():
            period = periods.get(year_half)
            if period is None or period.is_planned:
                continue
            ends = ends_within(indicator.frequency, period.start, period.end)
            if not ends:
                continue  # a yearly indicator's value belongs to the second half-year
            _m, made = Measurement.objects.get_or_create(
                indicator=indicator,
                covers_end=ends[-1],
                defaults={"period": period, "value": Decimal(value), "is_demo": True},
            )
            created += made
    return created
