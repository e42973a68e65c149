"""Server-side timings and query counts of the pages, measured in-process.

Each page is requested through Django's test Client (the whole middleware stack, templates and
database round trips, no network and no browser), logged in as the generated leader. One
warm-up request per page is made inside CaptureQueriesContext for the query count; the timed
requests run without it, so the count's bookkeeping does not slow them down. The time is
wall-clock around `client.get/post`, in milliseconds.

Run as `python -m bench.pages --requests 50 --output out.json` with DATABASE_URL set; the smoke
test calls `measure_pages()` directly.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import asdict, dataclass

PAGE_NAMES = [
    "sundhed",
    "overblik",
    "tiltag",
    "tiltag_filter",
    "mine_tiltag",
    "tiltag_side",
    "personale",
    "personale_opgoerelse",
    "personale_udvikling",
    "personale_sammenlign",
    "indikatorer",
    "maalsaetning",
    "api_tiltag",
    "api_tiltag_kold",
    "offentlig",
    "offentlig_kold",
    "status_gem",
]
# Pages kept under the data stamp (the API's answers, the public page), timed once more with
# the stamp moved before each call (untimed), as a change of the data moves it: the first call
# after a change, which finds nothing kept.
COLD = {"api_tiltag_kold", "offentlig_kold"}


def _move_stamp() -> None:
    from django.db import connection

    from core.change_stamp import STAMP_NAME, STAMP_TABLE

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {STAMP_TABLE} SET version = version + 1,"  # noqa: S608 - constants
            " changed_at = CURRENT_TIMESTAMP WHERE name = %s",
            [STAMP_NAME],
        )


LIGHTS = ["green", "yellow", "red"]


@dataclass
class PageResult:
    name: str
    url: str
    requests: int
    p50_ms: float
    p95_ms: float
    queries: int
    status: int
    timings_ms: list[float]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0–100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(share / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def _targets() -> dict[str, str]:
    from django.contrib.auth import get_user_model

    from bench.generate import BENCH_LEADER
    from initiatives.models import Initiative, Period
    from staffing.models import StaffingSnapshot

    leader = get_user_model().objects.get(username=BENCH_LEADER)
    mine = Initiative.objects.for_user(leader).order_by("order", "pk")
    # The initiative page: the leader's first. The status save goes to the second, so the
    # saves of one run (and of earlier runs on a reused database) do not lengthen the history
    # the initiative page shows.
    detail, saved = list(mine[:2])
    snapshot = StaffingSnapshot.objects.latest_first().first()
    period = Period.objects.current_open()
    return {
        "sundhed": "/sundhed/",
        "overblik": "/",
        "tiltag": "/tiltag/",
        "tiltag_filter": "/tiltag/?theme=2&light=green&status=in_progress",
        "mine_tiltag": "/mine-tiltag/",
        "tiltag_side": f"/tiltag/{detail.pk}/",
        "personale": "/personale/",
        "personale_opgoerelse": f"/personale/opgoerelser/{snapshot.pk}/",
        "personale_udvikling": "/personale/udvikling/",
        "personale_sammenlign": "/personale/sammenlign/",
        "indikatorer": "/indikatorer/",
        "maalsaetning": "/pejlemaerker/4/maalsaetninger/2/",
        "api_tiltag": "/api/v1/tiltag?page_size=100",
        "api_tiltag_kold": "/api/v1/tiltag?page_size=100",
        "offentlig": "/offentlig/",
        "offentlig_kold": "/offentlig/",
        "status_gem": f"/tiltag/{saved.pk}/status/",
        "_period": str(period.pk),
        "_initiative": str(saved.pk),
    }


def _save_data(initiative_id: int, period_id: str, step: int) -> dict:
    from initiatives.models import StatusUpdate

    current = StatusUpdate.objects.filter(initiative_id=initiative_id, period_id=period_id).first()
    return {
        "traffic_light": LIGHTS[step % len(LIGHTS)],
        "progress": str(10 + step % 80),
        "lifecycle_status": "in_progress",
        "status_text": f"Ydelsestest, gemning {step}.",
        "next_steps": "Følges op på næste ledermøde.",
        "version": str(current.version if current else 0),
        "period": period_id,
    }


def logged_in_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.generate import BENCH_LEADER

    # The host gunicorn would see; https as behind the TLS proxy in production.
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=BENCH_LEADER))
    return client


def measure_pages(
    requests: int = 50, time_budget: float = 120.0, names: list[str] | None = None
) -> list[PageResult]:
    """p50/p95 over `requests` requests per page (fewer if a page uses up its time budget)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    targets = _targets()
    client = logged_in_client()
    results = []
    for name in names or PAGE_NAMES:
        url = targets[name]
        is_save, is_cold = name == "status_gem", name in COLD
        step = 0

        def call(client=client, url=url, is_save=is_save, is_cold=is_cold):
            nonlocal step
            if is_cold:  # not timed
                _move_stamp()
            if is_save:
                step += 1
                data = _save_data(int(targets["_initiative"]), targets["_period"], step)
                started = time.perf_counter()
                response = client.post(url, data, secure=True, headers={"HX-Request": "true"})
            else:
                started = time.perf_counter()
                response = client.get(url, secure=True)
            return response, (time.perf_counter() - started) * 1000

        # Warm-up: the first save creates the row; from then on every save is an update.
        call()
        with CaptureQueriesContext(connection) as captured:
            response, _elapsed = call()
        # Read now: the captured list is a slice of the connection's log, reset per request.
        queries = len(captured.captured_queries) - (1 if is_cold else 0)  # not the stamp's move
        if response.status_code != 200:
            raise RuntimeError(f"{name} {url} answered {response.status_code}")
        timings: list[float] = []
        deadline = time.monotonic() + time_budget
        while len(timings) < requests and time.monotonic() < deadline:
            response, elapsed = call()
            if response.status_code != 200:
                raise RuntimeError(f"{name} {url} answered {response.status_code}")
            timings.append(elapsed)
        results.append(
            PageResult(
                name=name,
                url=url,
                requests=len(timings),
                p50_ms=round(statistics.median(timings), 1),
                p95_ms=round(percentile(timings, 95), 1),
                queries=queries,
                status=response.status_code,
                timings_ms=[round(t, 2) for t in timings],
            )
        )
    return results


def session_cookie() -> str:
    """A session for the generated leader, for the load test (Cookie header value)."""
    from django.conf import settings

    client = logged_in_client()
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def api_token() -> str:
    """An "intern" API token for the load test, as a BI tool would call with it (the raw
    token, printed once); the bench's earlier ones are deleted first."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from api.models import ApiToken
    from api.services import api_token_create
    from bench.generate import BENCH_LEADER

    ApiToken.objects.filter(name="bench-load").delete()
    _token, raw = api_token_create(
        name="bench-load",
        scope="intern",
        expires_on=timezone.localdate() + datetime.timedelta(days=2),
        user=get_user_model().objects.get(username=BENCH_LEADER),
    )
    return raw


def main(argv: list[str] | None = None) -> int:
    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--time-budget", type=float, default=120.0, help="seconds per page")
    parser.add_argument("--output", help="write the results as JSON here")
    parser.add_argument("--session-cookie", action="store_true", help="print a session cookie")
    parser.add_argument("--api-token", action="store_true", help="print a new API token")
    args = parser.parse_args(argv)
    django.setup()
    if args.session_cookie:
        print(session_cookie())
        return 0
    if args.api_token:
        print(api_token())
        return 0
    results = [asdict(r) for r in measure_pages(args.requests, args.time_budget)]
    text = json.dumps(results, indent=1)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialomraade.settings")
    sys.exit(main())
