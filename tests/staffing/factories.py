"""Factories for staffing tests: extra snapshots beyond the one real Bilag 2."""

import datetime
from decimal import Decimal

import factory

from staffing.models import StaffGroup, StaffingFigure, StaffingSnapshot


class StaffGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffGroup

    name = factory.Sequence(lambda n: f"Faggruppe {n}")
    is_trained = True
    order = factory.Sequence(lambda n: 100 + n)


class StaffingSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffingSnapshot

    label = factory.Sequence(lambda n: f"opgørelse {n}")
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=30 * n))


class StaffingFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffingFigure

    snapshot = factory.SubFactory(StaffingSnapshotFactory)
    group = factory.SubFactory(StaffGroupFactory)
    fte = Decimal("5.00")


def snapshot_with(figures: dict, **kwargs) -> StaffingSnapshot:
    """A snapshot with figures {(area, group): fte}."""
    snapshot = StaffingSnapshotFactory(**kwargs)
    for (area, group), fte in figures.items():
        StaffingFigureFactory(snapshot=snapshot, area=area, group=group, fte=Decimal(fte))
    return snapshot
