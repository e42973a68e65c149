"""Concurrent requests that compete for the same rows answer in order, never with a 500.

Real threads, each with its own PostgreSQL connection, started together at a barrier.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from initiatives.models import Period
from reports.models import Audience, Report
from tests.initiatives.factories import PeriodFactory

pytestmark = pytest.mark.django_db(transaction=True)


def post_together(user, requests: list[tuple[str, dict]]) -> list[int]:
    """POST every (url, data) at once, each from its own thread and connection."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = [0] * len(requests)

    def post(index: int, url: str, data: dict) -> None:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait(timeout=30)
            statuses[index] = client.post(url, data).status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(index, url, data))
        for index, (url, data) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_six_concurrent_report_orders_each_get_their_own_version(administrator, monkeypatch):
    monkeypatch.setattr("reports.services.report_dispatch", lambda *, report_id: False)
    period = PeriodFactory(year=2026, half=1, is_open=False)
    order = (reverse("reports:request"), {"period": period.pk, "audience": Audience.OMU})

    statuses = post_together(administrator, [order] * 6)

    assert statuses == [302] * 6
    versions = Report.objects.filter(period=period, audience=Audience.OMU).values_list(
        "version", flat=True
    )
    assert sorted(versions) == [1, 2, 3, 4, 5, 6]


def test_two_concurrent_openings_give_one_open_half_year_and_a_409(administrator):
    first = PeriodFactory(year=2026, half=1, planned=True)
    second = PeriodFactory(year=2026, half=2, planned=True)

    statuses = post_together(
        administrator,
        [
            (reverse("initiatives:period_open", args=[first.pk]), {}),
            (reverse("initiatives:period_open", args=[second.pk]), {}),
        ],
    )

    assert sorted(statuses) == [302, 409]
    assert Period.objects.filter(is_open=True).count() == 1


def test_opening_while_another_half_year_is_open_answers_409_with_the_reason(client, administrator):
    PeriodFactory(year=2026, half=1, is_open=True)
    second = PeriodFactory(year=2026, half=2, is_open=False)
    client.force_login(administrator)

    response = client.post(reverse("initiatives:period_open", args=[second.pk]))

    assert response.status_code == 409
    assert "1. halvår 2026 er stadig åben. Luk den, før du åbner 2. halvår 2026." in (
        response.content.decode()
    )
