"""50 leaders saving their own initiatives at once, against gunicorn (2 workers, loopback only).

`prepare(leaders)` (run in a Django process on the bench database) makes the leaders: each
leads a unit of its own with one initiative in the open half-year, and gets a session. Then
`load(port, sessions, seconds)` runs one thread per leader, each saving its own initiative's
status again and again for `seconds` (bounded: one request in flight per leader, loopback,
no retries), and `count_history(ids)` counts the history rows the saves left. An acknowledged
save (302) must be exactly one history row: lost = acknowledged - rows.

Run `python -m bench.saves --leaders 50 --seconds 30` with DATABASE_URL set (bench/run.py does,
on the stress database); it prints one JSON line.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import sys
import threading
import time
import urllib.parse

PREFIX = "bench_gemmer_"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepare(leaders: int) -> list[dict]:
    """The leaders, their units and initiatives (made once, reused), with a fresh session each."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from accounts import roles
    from initiatives.models import Initiative, Period, StatusUpdate
    from strategy.models import Objective, Unit

    period = Period.objects.current_open()
    if period is None:
        raise RuntimeError("No open half-year on the bench database.")
    objective = Objective.objects.order_by("pk").first()
    group = Group.objects.get(name=roles.LEADER)
    out = []
    for n in range(leaders):
        user, _ = get_user_model().objects.get_or_create(
            username=f"{PREFIX}{n:02d}", defaults={"first_name": "Gemmer", "last_name": str(n)}
        )
        user.groups.add(group)
        unit, _ = Unit.objects.get_or_create(
            name=f"Ydelsestest enhed {n:02d}", defaults={"kind": Unit.Kind.SERVICE}
        )
        unit.leaders.add(user)
        initiative, created = Initiative.objects.get_or_create(
            title=f"Ydelsestest tiltag {n:02d}", defaults={"responsible_unit": unit}
        )
        if created and objective is not None:
            initiative.objectives.add(objective)
        current = StatusUpdate.objects.filter(initiative=initiative, period=period).first()
        client = Client()
        client.force_login(user)
        out.append(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}="
                f"{client.cookies[settings.SESSION_COOKIE_NAME].value}",
                "initiative": initiative.pk,
                "period": period.pk,
                "version": current.version if current else 0,
            }
        )
    return out


def count_history(initiative_ids: list[int], period_id: int) -> int:
    from initiatives.models import StatusUpdate

    return StatusUpdate.history.filter(
        initiative_id__in=initiative_ids, period_id=period_id
    ).count()


def _request(port: int, method: str, path: str, headers: dict, body: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _leader(port: int, leader: dict, until: float, out: dict, lock: threading.Lock) -> None:
    path = f"/tiltag/{leader['initiative']}/status/"
    base = {
        "Host": f"127.0.0.1:{port}",
        "X-Forwarded-Proto": "https",  # as behind the TLS proxy
        "Cookie": leader["cookie"],
    }
    status, headers, body = _request(port, "GET", path, base)
    match = CSRF_INPUT.search(body.decode())
    csrf_cookie = next(
        (v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and "csrftoken" in v),
        "",
    )
    if status != 200 or not match or not csrf_cookie:
        with lock:
            out["errors"] += 1
        return
    headers = {
        **base,
        "Cookie": f"{leader['cookie']}; {csrf_cookie}",
        "Referer": f"https://127.0.0.1:{port}{path}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    version, step, times, acked, errors = leader["version"], 0, [], 0, 0
    while time.monotonic() < until:
        step += 1
        form = {
            "csrfmiddlewaretoken": match.group(1),
            "traffic_light": ["green", "yellow", "red"][step % 3],
            "progress": str(step % 100),
            "lifecycle_status": "in_progress",
            "status_text": f"Ydelsestest, gemning {step}.",
            "next_steps": "",
            "version": str(version),
            "period": str(leader["period"]),
        }
        started = time.perf_counter()
        try:
            status, _headers, _body = _request(
                port, "POST", path, headers, urllib.parse.urlencode(form)
            )
        except OSError:
            status = 0
        times.append((time.perf_counter() - started) * 1000)
        if status == 302:
            acked += 1
            version += 1
        else:
            errors += 1
    with lock:
        out["times"] += times
        out["acked"] += acked
        out["errors"] += errors


def load(port: int, leaders: list[dict], seconds: float) -> dict:
    out: dict = {"times": [], "acked": 0, "errors": 0}
    lock = threading.Lock()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_leader, args=(port, leader, until, out, lock))
        for leader in leaders
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    times = sorted(out["times"])
    p95 = times[max(0, round(0.95 * len(times)) - 1)] if times else 0.0
    return {
        "leaders": len(leaders),
        "seconds": round(elapsed, 1),
        "saves_per_s": round(out["acked"] / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(statistics.median(times), 1) if times else 0.0,
        "p95_ms": round(p95, 1),
        "acked": out["acked"],
        "errors": out["errors"],
    }


def leader_saves(env: dict, *, run, gunicorn, python: str, leaders: int = 50, seconds: int = 30):
    """The whole measurement, for bench/run.py: its `run` (a subprocess, returns stdout) and
    `gunicorn` (a context manager yielding the port of 2 workers on 127.0.0.1) are passed in,
    so this module does not import bench.run."""
    env = {**env, "BEHIND_TLS_PROXY": "true"}
    prepared = json.loads(
        run([python, "-m", "bench.saves", "--leaders", str(leaders), "--prepare"], env, 300)
        .strip()
        .splitlines()[-1]
    )
    ids = ",".join(str(leader["initiative"]) for leader in prepared)
    count = [python, "-m", "bench.saves", "--count", f"{ids},{prepared[0]['period']}"]
    before = int(run(count, env, 120).strip().splitlines()[-1])
    with gunicorn(env) as port:
        result = load(port, prepared, seconds)
    result["history_rows"] = int(run(count, env, 120).strip().splitlines()[-1]) - before
    result["lost"] = result["acked"] - result["history_rows"]
    return result


def checks(result: dict | None) -> list[dict]:
    """The targets: no errors, no lost save, p95 at most 1 s."""
    if result is None:
        return []
    return [
        {
            "target": f"{result['leaders']} ledere gemmer: fejl",
            "value": result["errors"],
            "limit": "0",
            "ok": result["errors"] == 0,
        },
        {
            "target": f"{result['leaders']} ledere gemmer: kvitterede gemninger uden historikrække",
            "value": result["lost"],
            "limit": "0",
            "ok": result["lost"] == 0 and result["acked"] > 0,
        },
        {
            "target": f"{result['leaders']} ledere gemmer: p95 ({result['saves_per_s']} "
            f"gemninger/s, {result['acked']} kvitteret = {result['history_rows']} historikrækker)",
            "value": result["p95_ms"],
            "limit": "≤ 1000 ms",
            "ok": result["p95_ms"] <= 1000,
        },
    ]


def main(argv: list[str] | None = None) -> int:
    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leaders", type=int, default=50)
    parser.add_argument("--prepare", action="store_true", help="print the leaders as JSON")
    parser.add_argument("--count", default="", help="initiative ids,period id: history rows")
    args = parser.parse_args(argv)
    django.setup()
    if args.prepare:
        print(json.dumps(prepare(args.leaders)))
        return 0
    ids, period = args.count.rsplit(",", 1)[0], args.count.rsplit(",", 1)[1]
    print(count_history([int(i) for i in ids.split(",")], int(period)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
