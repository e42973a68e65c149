from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Strategy(models.Model):
    """The strategy document itself; there is normally exactly one."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    approved_by = models.CharField(_("godkendt af"), max_length=200)
    approved_on = models.DateField(_("godkendt den"))
    horizon = models.CharField(_("tidshorisont"), max_length=100)
    follow_up = models.TextField(_("opfølgning"))
    introduction = models.TextField(_("introduktion"))
    structure = models.TextField(_("strategiens opbygning"))
    vision = models.TextField(_("visionen"))
    # The committee's agenda item names it under "Lovgrundlag" (seed 004: "Lov om Social Service.").
    legal_basis = models.CharField(_("lovgrundlag"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")

    def __str__(self) -> str:
        return self.name


class ThemeQuerySet(models.QuerySet):
    def with_objectives(self, *, keywords: bool = True) -> ThemeQuerySet:
        lookups: list[str | Prefetch] = [
            Prefetch("objectives", queryset=Objective.objects.order_by("number")),
            "focus_periods",
        ]
        if keywords:
            lookups.append(Prefetch("keywords", queryset=Keyword.objects.order_by("order")))
        return self.prefetch_related(*lookups)


class Theme(models.Model):
    """A pejlemærke: one of the strategy's four guiding themes."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="themes", verbose_name=_("strategi")
    )
    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    motto = models.TextField(_("motto"))
    description = models.TextField(_("om pejlemærket"))
    history = HistoricalRecords()

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("pejlemærke")
        verbose_name_plural = _("pejlemærker")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("pages:theme", args=[self.number])

    def is_in_focus(self, year: int) -> bool:
        # Uses the prefetched focus periods, so calling it in a loop costs no queries.
        return any(f.start_year <= year <= f.end_year for f in self.focus_periods.all())

    @property
    def description_blocks(self) -> list[tuple[str, str]]:
        """The description as ("heading" | "paragraph", text) pairs, for templates."""
        blocks = []
        for part in self.description.split("\n\n"):
            part = part.strip()
            if part.startswith("### "):
                blocks.append(("heading", part[4:]))
            elif part:
                blocks.append(("paragraph", part))
        return blocks


class Keyword(models.Model):
    """A nøgleord of a pejlemærke."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="keywords", verbose_name=_("pejlemærke")
    )
    text = models.CharField(_("nøgleord"), max_length=200)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["theme__number", "order"]
        verbose_name = _("nøgleord")
        verbose_name_plural = _("nøgleord")
        constraints = [
            models.UniqueConstraint(fields=["theme", "text"], name="keyword_unique_per_theme")
        ]

    def __str__(self) -> str:
        return self.text


class Objective(models.Model):
    """A målsætning, numbered within its pejlemærke (1.1 … 4.3)."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("pejlemærke")
    )
    number = models.PositiveSmallIntegerField(_("nummer i pejlemærket"))
    text = models.TextField(_("målsætning"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__number", "number"]
        verbose_name = _("målsætning")
        verbose_name_plural = _("målsætninger")
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="objective_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def get_absolute_url(self) -> str:
        return reverse("pages:objective", args=[self.theme.number, self.number])

    @property
    def code(self) -> str:
        # theme_id equals the theme's pk, not its number, so go through the cached relation.
        return f"{self.theme.number}.{self.number}"


class ThemeFocus(models.Model):
    """Which pejlemærker are in focus when (e.g. pejlemærke 2 in 2025–2026)."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="focus_periods", verbose_name=_("pejlemærke")
    )
    start_year = models.PositiveSmallIntegerField(_("fra år"))
    end_year = models.PositiveSmallIntegerField(_("til og med år"))
    source = models.CharField(_("kilde"), max_length=300, blank=True)

    class Meta:
        ordering = ["start_year", "theme__number"]
        verbose_name = _("fokusperiode")
        verbose_name_plural = _("fokusperioder")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="focus_years_in_order"
            ),
            models.UniqueConstraint(
                fields=["theme", "start_year", "end_year"], name="focus_unique_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme}: {self.label}"

    @property
    def label(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class UnitQuerySet(models.QuerySet):
    def active(self) -> UnitQuerySet:
        """Units not retired: what every picker offers."""
        return self.filter(retired_at__isnull=True)

    def areas(self) -> UnitQuerySet:
        return self.filter(kind=Unit.Kind.AREA)

    def led_by(self, user) -> UnitQuerySet:
        return self.filter(leaders=user)

    def ids_under(self, unit_id: int) -> set[int]:
        """The unit and every unit under it (`units_under`): what an "Enhed" filter means on
        every list."""
        return units_under([unit_id], self.order_by().values_list("id", "parent_id"))


class ReverseSafeHistoricalRecords(HistoricalRecords):
    """HistoricalRecords whose m2m history also works when the relation is changed from the
    other side (`user.led_units.add(unit)`, `.remove()`, `.clear()`).

    django-simple-history records the change on the signal's instance, which on the reverse
    side is the user, and fails (django-commons/django-simple-history#1048). Here the change is
    recorded on each unit it touched instead, as if it had been made from the unit.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, model=None, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        owners = model._default_manager
        if action == "pre_clear":
            # After the clear the units are gone from the relation; remember them now.
            instance._history_cleared_pks = set(
                owners.filter(**{attr: instance}).values_list("pk", flat=True)
            )
            return None
        if action == "post_clear":
            pk_set = instance.__dict__.pop("_history_cleared_pks", set())
        if action in ("post_add", "post_remove", "post_clear"):
            for owner in owners.filter(pk__in=pk_set or ()):
                super().m2m_changed(owner, action, attr, None, False, **kwargs)
        return None


class Unit(models.Model):
    """A node in the organisation: Socialområdet, a department, an area or a service."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        DEPARTMENT = "department", _("Afdeling")
        AREA = "area", _("Område")
        SERVICE = "service", _("Tilbud")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("overordnet enhed"),
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    # A retired unit keeps its name and history (initiatives may still name it) but is offered
    # in no picker and led by no one.
    retired_at = models.DateTimeField(_("nedlagt"), null=True, blank=True)
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_units",
        verbose_name=_("ledere"),
    )
    history = ReverseSafeHistoricalRecords(m2m_fields=[leaders])

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")

    def __str__(self) -> str:
        return self.name


def units_under(roots: Iterable[int], edges: Iterable[tuple[int, int | None]]) -> set[int]:
    """The one walk down the organisation's tree: the units in `roots` and every unit under
    them, from the tree's (unit id, parent id) pairs (one query by the caller, a few hundred
    rows at most)."""
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id in edges:
        children.setdefault(parent_id, []).append(unit_id)
    result, stack = set(roots), list(roots)
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in result:
                result.add(child)
                stack.append(child)
    return result


class ChangeStamp(models.Model):
    """A stamp that moves whenever the strategy or the plan changes, for caches keyed on it.

    Database triggers (core.change_stamp, installed after every migrate on the tables each app
    names in its AppConfig's `stamped_tables`) bump it after every
    INSERT, UPDATE, DELETE or TRUNCATE of the watched tables, whoever writes: views, the admin,
    management commands, bulk operations and raw SQL alike. Reading it is one primary-key
    lookup, so a page can ask "has anything changed?" on every request for almost nothing.
    The time of the change is part of the stamp, so a counter rolled back with a transaction
    never names different data twice.
    """

    name = models.CharField(max_length=40, primary_key=True)
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ændringsstempel")
        verbose_name_plural = _("ændringsstempler")

    def __str__(self) -> str:
        return f"{self.name} {self.version}"
