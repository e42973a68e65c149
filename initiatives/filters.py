from __future__ import annotations

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from core.widgets import PlainSelect
from initiatives.models import FocusArea, Initiative, InitiativeQuerySet, Period, TrafficLight
from strategy.models import Objective, Theme, Unit

MISSING = "missing"
INCLUDE, ONLY = "include", "only"


class ValuesChoiceIterator(ModelChoiceIterator):
    """The options from one query of plain values (`field.choice_values()`), without a model
    instance per option: the same query and markup, but at 200 units the instances were the
    biggest part of the filter form's cost (cProfile of the list at stress scale)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.choice_values(self.queryset)


class ValuesChoice(ModelChoiceField):
    """A filter's choice of a model row, labelled from `label_fields` (default: the name, as
    the models' __str__)."""

    iterator = ValuesChoiceIterator
    label_fields: tuple[str, ...] = ("name",)

    def label_from_values(self, *values) -> str:
        return str(values[0])

    def choice_values(self, queryset):
        key = self.to_field_name or "pk"
        for value, *labels in queryset.values_list(key, *self.label_fields):
            yield value, self.label_from_values(*labels)


class ThemeChoice(ValuesChoice):
    label_fields = ("number", "title")

    def label_from_values(self, number, title) -> str:  # as Theme.__str__
        return f"{number}. {title}"


class ObjectiveChoice(ValuesChoice):
    label_fields = ("theme__number", "number", "text")

    def label_from_instance(self, obj: Objective) -> str:
        return self.label_from_values(obj.theme.number, obj.number, obj.text)

    def label_from_values(self, theme_number, number, text) -> str:
        text = text if len(text) <= 70 else text[:67].rstrip() + " …"
        return f"{theme_number}.{number} {text}"


class InitiativeFilter(django_filters.FilterSet):
    """The initiative list's filters. The traffic light is the one of `period`; the queryset
    is annotated `with_period_state(period)` (with_status), as the list's is."""

    q = django_filters.CharFilter(label=_("Søg i titel og beskrivelse"), method="filter_text")
    theme = django_filters.ModelChoiceFilter(
        label=_("Pejlemærke"),
        queryset=Theme.objects.order_by("number"),
        to_field_name="number",
        method="filter_theme",
        empty_label=_("Alle pejlemærker"),
        widget=PlainSelect,
    )
    objective = django_filters.ModelChoiceFilter(
        label=_("Målsætning"),
        queryset=Objective.objects.select_related("theme").order_by("theme__number", "number"),
        method="filter_objective",
        empty_label=_("Alle målsætninger"),
        widget=PlainSelect,
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Enhed"),
        queryset=Unit.objects.order_by("order", "name"),
        method="filter_unit",
        empty_label=_("Alle enheder"),
        widget=PlainSelect,
    )
    light = django_filters.ChoiceFilter(
        label=_("Trafiklys"),
        choices=[*TrafficLight.choices, (MISSING, _("Mangler opdatering"))],
        method="filter_light",
        empty_label=_("Alle"),
        widget=PlainSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="lifecycle_status",
        choices=Initiative.Lifecycle.choices,
        empty_label=_("Alle"),
        widget=PlainSelect,
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Fokusområde"),
        queryset=FocusArea.objects.all(),
        empty_label=_("Alle fokusområder"),
        widget=PlainSelect,
    )
    # Without it, the list is the half-year's plan (InitiativeQuerySet.in_plan): archived
    # initiatives are left out.
    archived = django_filters.ChoiceFilter(
        label=_("Arkiverede tiltag"),
        choices=[(INCLUDE, _("Vis også arkiverede")), (ONLY, _("Kun arkiverede"))],
        method="filter_archived",
        empty_label=_("Vis ikke arkiverede"),
        widget=PlainSelect,
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    def __init__(self, *args, period: Period | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.filters["theme"].field_class = ThemeChoice
        self.filters["objective"].field_class = ObjectiveChoice
        self.filters["unit"].field_class = ValuesChoice
        self.filters["focus_area"].field_class = ValuesChoice

    def filter_queryset(self, queryset: InitiativeQuerySet) -> InitiativeQuerySet:
        if not self.form.cleaned_data.get("archived"):
            queryset = queryset.in_plan(self.period)
        return super().filter_queryset(queryset)

    def filter_archived(
        self, queryset: InitiativeQuerySet, name: str, value: str
    ) -> InitiativeQuerySet:
        return queryset.archived() if value == ONLY else queryset

    def filter_text(
        self, queryset: InitiativeQuerySet, name: str, value: str
    ) -> InitiativeQuerySet:
        return queryset.search(value.strip()) if value.strip() else queryset

    # One definition each, shared with the API (InitiativeQuerySet.for_*).

    def filter_theme(
        self, queryset: InitiativeQuerySet, name: str, value: Theme
    ) -> InitiativeQuerySet:
        return queryset.for_theme(value)

    def filter_objective(
        self, queryset: InitiativeQuerySet, name: str, value: Objective
    ) -> InitiativeQuerySet:
        return queryset.for_objective(value)

    def filter_unit(
        self, queryset: InitiativeQuerySet, name: str, value: Unit
    ) -> InitiativeQuerySet:
        return queryset.for_unit(value.pk)

    def filter_light(
        self, queryset: InitiativeQuerySet, name: str, value: str
    ) -> InitiativeQuerySet:
        if self.period is None:
            return queryset.none() if value != MISSING else queryset.missing_in(None)
        if value == MISSING:
            return queryset.missing_in(self.period)
        # The light of the half-year's update, through the join the list already has for it
        # (`period_status` of with_period_state): filtering on `status_updates` joined the
        # status table a second time, which made the query slower to plan and its count slower
        # to run (EXPLAIN at stress scale).
        return queryset.alias(period_light=F("period_status__traffic_light")).filter(
            period_light=value
        )
