"""factory-boy factories for initiatives, half-years and status updates."""

from __future__ import annotations

import datetime

import factory

from initiatives.models import (
    FocusArea,
    Initiative,
    Period,
    StatusUpdate,
    TrafficLight,
    record_initiative_history,
)


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Fokusområde {n}")


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(16), tzinfo=datetime.UTC)


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ["year", "half"]

    year = 2026
    half = 2
    start = factory.LazyAttribute(lambda p: Period.dates_for(p.year, p.half)[0])
    end = factory.LazyAttribute(lambda p: Period.dates_for(p.year, p.half)[1])
    deadline = factory.LazyAttribute(lambda p: datetime.date(p.year, 6 if p.half == 1 else 12, 15))
    is_open = False
    # Opened at its start and, unless open, closed at its end: a closed half-year. A planned
    # one (created in advance, never opened) is `PeriodFactory(..., planned=True)`.
    opened_at = factory.LazyAttribute(lambda p: _at(p.start))
    closed_at = factory.LazyAttribute(lambda p: None if p.is_open else _at(p.end))

    class Params:
        planned = factory.Trait(opened_at=None, closed_at=None)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tiltag {n:04d}")
    description = "Et tiltag til test."
    lifecycle_status = Initiative.Lifecycle.IN_PROGRESS
    focus_area = factory.SubFactory(FocusAreaFactory, name="Faglighed og kompetenceudvikling")

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create and extracted:
            self.objectives.set(extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # One history record for the creation, with the målsætninger and units as set, as the
        # app's pages make it (initiative_save): the records made along the way go.
        if create:
            instance.history.all().delete()
            record_initiative_history(instance, created=True)


class StatusUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusUpdate

    initiative = factory.SubFactory(InitiativeFactory)
    period = factory.SubFactory(PeriodFactory)
    traffic_light = TrafficLight.GREEN
    progress = 40
    lifecycle_status = Initiative.Lifecycle.IN_PROGRESS
    status_text = "Det går fint."
    next_steps = "Vi fortsætter."
    version = 1
