"""`make bench`: the benchmark at realistic and stress scale, with the targets checked.

1. Fills three PostgreSQL databases with `python -m bench.data` (realistic, stress, report500);
   `--reuse` keeps a database already filled with the same scale and seed.
2. Times the pages in-process (bench.pages) with production settings: DEBUG off, whitenoise
   with the compressed manifest (after collectstatic), secure cookies, HTTPS redirect.
3. Renders the reports in processes of their own (bench.pdf): time and peak memory.
4. Load-tests gunicorn (2 workers, 127.0.0.1) on the stress database with wrk: the overview,
   the initiative list, the API's initiatives, the public page and /sundhed/ (the floor), logged
   in through a session cookie; the API's initiatives also with an API token, as a BI tool.
5. Writes bench/results.md (figures, machine, targets, and bench/findings.md) and prints a table.

Exits 1 when a target is missed, after writing the results. Every step is bounded in time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.pages import COLD, PAGE_NAMES, percentile

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
SCALES = ["realistic", "stress"]
# Every page but the floor and the save, which have targets of their own, and the cold rows
# (COLD: the first call after a change of the data), which are shown without a target: they
# grow with what the page shows (the public page lists every initiative), see findings.md.
PAGES_TIMED = [name for name in PAGE_NAMES if name not in ("sundhed", "status_gem", *COLD)]
LABELS = {
    "sundhed": "/sundhed/ (gulv)",
    "overblik": "Overblik /",
    "tiltag": "Tiltag, ufiltreret",
    "tiltag_filter": "Tiltag, filtreret",
    "mine_tiltag": "Mine tiltag",
    "tiltag_side": "Et tiltag",
    "personale": "Personale: opgørelser",
    "personale_opgoerelse": "Personale: Bilag 2",
    "personale_udvikling": "Personale: udvikling",
    "personale_sammenlign": "Personale: sammenlign",
    "indikatorer": "Indikatorer",
    "maalsaetning": "Målsætning 4.2 med indikatorer",
    "api_tiltag": "API: tiltag, side på 100",
    "api_tiltag_noegle": "API: tiltag, side på 100, med nøgle",
    "api_tiltag_kold": "API: tiltag, side på 100, uden gemte svar",
    "offentlig": "Offentlig statusside",
    "offentlig_kold": "Offentlig statusside, uden gemte svar",
    "status_gem": "Gem status (htmx POST)",
}
TARGETS = {
    "page_p95_realistic_ms": 100,
    "page_p95_stress_ms": 250,
    "page_ratio": 2.0,
    "save_p95_ms": 100,
    "report_realistic_s": 5,
    "report_500_s": 30,
    "report_500_mb": 800,
    "committee_pages": 8,
    "overview_rps": 150,
    "api_rps": 200,
    "load_p95_ms": 500,
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def production_env(database_url: str) -> dict[str, str]:
    """Production settings; only the database, the secret and the log level are the bench's."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "PLAIN_STATIC", "DEBUG", "DJANGO_ALLOW"))
    }
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="bench-secret-key-not-for-production-0123456789abcdefghij",  # noqa: S106
        LOG_LEVEL="WARNING",
        SITE_URL="http://127.0.0.1:8000",
        # The public page is timed too; the API's per-caller budget would turn a load test
        # into a test of the throttle, so the bench lifts it.
        PUBLIC_STATUS_PAGE="true",
        API_RATE_LIMIT="100000000/min",
        DJANGO_SETTINGS_MODULE="socialomraade.settings",
        PYTHONPATH=str(ROOT),
    )
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/10")
    return env


def run(args: list[str], env: dict[str, str], timeout: float) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


# --- Databases ---------------------------------------------------------------------------------


def _admin_connection(server: str):
    import psycopg

    return psycopg.connect(f"{server}/postgres", autocommit=True)


def prepare_database(server: str, name: str, scale: str, seed: int, reuse: bool) -> dict:
    import psycopg

    marker = f"{scale}:{seed}"
    url = f"{server}/{name}"
    if reuse:
        try:
            with psycopg.connect(url) as conn:
                row = conn.execute("SELECT value FROM bench_marker").fetchone()
            if row and row[0] == marker:
                log(f"{name}: genbruger {marker}")
                return {"database": name, "reused": True, "seconds": 0.0, "summary": ""}
        except psycopg.Error:
            pass
    started = time.monotonic()
    with _admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = production_env(url)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env, timeout=600)
    log(f"{name}: genererer {scale} (seed {seed})")
    summary = run(
        [PYTHON, "-m", "bench.data", "--scale", scale, "--seed", str(seed)],
        env,
        timeout=900,
    ).strip()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_marker (value text)")
        conn.execute("INSERT INTO bench_marker VALUES (%s)", [marker])
    seconds = round(time.monotonic() - started, 1)
    log(f"{name}: {summary}")
    return {"database": name, "reused": False, "seconds": seconds, "summary": summary}


def prepare_real_plan(server: str, name: str) -> str:
    """A database holding exactly what `make seed` loads: the real strategy, plan with its demo
    status, and Bilag 2, for the committee version's page count."""
    url = f"{server}/{name}"
    with _admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = production_env(url)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env, timeout=600)
    for command in (["load_strategy"], ["load_plan", "--demo-status"], ["load_staffing"]):
        run([PYTHON, "manage.py", *command], env, timeout=600)
    return url


# --- Pages ------------------------------------------------------------------------------------


def measure_pages_interleaved(urls: dict[str, str], requests: int, rounds: int) -> dict:
    """Times the pages at both scales in alternating rounds (realistic, stress, realistic, …),
    each a process of its own, and pools each page's timings per scale.

    The machine is shared and its speed drifts over minutes; measured one scale after the
    other, the drift went into the stress/realistic ratios. Alternating spreads it over both.
    """
    per_round = max(1, -(-requests // rounds))  # ceiling
    pooled: dict[str, dict[str, dict]] = {scale: {} for scale in SCALES}
    for number in range(1, rounds + 1):
        for scale in SCALES:
            log(f"sider, {scale}, runde {number} af {rounds}: {per_round} forespørgsler pr. side")
            output = run(
                [PYTHON, "-m", "bench.pages", "--requests", str(per_round)],
                production_env(urls[scale]),
                timeout=1800,
            )
            for result in json.loads(output):
                page = pooled[scale].setdefault(result["name"], {**result, "timings_ms": []})
                page["timings_ms"].extend(result["timings_ms"])
    pages = {}
    for scale in SCALES:
        pages[scale] = []
        for page in pooled[scale].values():
            timings = page.pop("timings_ms")
            page.update(
                requests=len(timings),
                p50_ms=round(statistics.median(timings), 1),
                p95_ms=round(percentile(timings, 95), 1),
            )
            pages[scale].append(page)
    return pages


# --- Load test ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            # As the TLS proxy would send it; otherwise the app redirects to https.
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn answered not on {url} within {seconds:.0f} s")


@contextlib.contextmanager
def _gunicorn(env: dict[str, str]):
    """gunicorn with 2 sync workers on a free port; yields the port."""
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "socialomraade.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/sundhed/", 60)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _wrk(port: int, path: str, header: str, count: int, duration: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t",
            str(min(2, count)),
            "-c",
            str(count),
            "-d",
            f"{duration}s",
            "--timeout",
            "5s",
            "-s",
            str(BENCH / "wrk_report.lua"),
            "-H",
            header,
            "-H",
            "X-Forwarded-Proto: https",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=True,
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    figures["connections"] = count
    figures["errors"] = sum(v for k, v in figures.items() if k.startswith("errors_"))
    log(
        f"wrk {path} c={count}: {figures['rps']} req/s, p95 {figures['p95_ms']} ms, "
        f"{figures['errors']} fejl"
    )
    return figures


def load_test(database_url: str, duration: int, connections: list[int]) -> dict:
    """wrk against gunicorn (2 sync workers) on the stress data; the API once more against a
    server that keeps no answers (API_ANSWER_CACHE=false), so every call does the full work."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk mangler: apt-get install wrk (make bench gør det som root)")
    env = production_env(database_url)
    env["BEHIND_TLS_PROXY"] = "true"  # as behind the TLS proxy: X-Forwarded-Proto: https
    cookie = run([PYTHON, "-m", "bench.pages", "--session-cookie"], env, timeout=120).strip()
    # The last line: the command may log before it prints the token.
    token = run([PYTHON, "-m", "bench.pages", "--api-token"], env, timeout=120).strip()
    token = token.splitlines()[-1]
    session, bearer = f"Cookie: {cookie}", f"Authorization: Bearer {token}"
    api = "/api/v1/tiltag?page_size=100"
    results: dict[str, list[dict]] = {}
    for server_env, targets in [
        (
            env,
            [
                ("sundhed", "/sundhed/", session),
                ("overblik", "/", session),
                ("tiltag", "/tiltag/", session),
                ("api_tiltag", api, session),
                # As a BI tool calls it: a bearer token, no session.
                ("api_tiltag_noegle", api, bearer),
                ("offentlig", "/offentlig/", session),
            ],
        ),
        ({**env, "API_ANSWER_CACHE": "false"}, [("api_tiltag_kold", api, bearer)]),
    ]:
        with _gunicorn(server_env) as port:
            for name, path, header in targets:
                results[name] = [_wrk(port, path, header, n, duration) for n in connections]
    return results


def best_under(levels: list[dict], p95_limit: float) -> dict | None:
    """The level with the most requests per second whose p95 is under the limit and no errors."""
    good = [x for x in levels if x["p95_ms"] < p95_limit and x["errors"] == 0]
    return max(good, key=lambda x: x["rps"]) if good else None


# --- Targets, results.md and the table ---------------------------------------------------------


def check_targets(pages: dict, reports: list[dict], load: dict | None) -> list[dict]:
    checks = []

    def check(name: str, value, limit, ok: bool) -> None:
        checks.append({"target": name, "value": value, "limit": limit, "ok": ok})

    realistic = {p["name"]: p for p in pages["realistic"]}
    stress = {p["name"]: p for p in pages["stress"]}
    for name in PAGES_TIMED:
        r, s = realistic[name], stress[name]
        check(
            f"{LABELS[name]}: p95 realistisk",
            r["p95_ms"],
            f"≤ {TARGETS['page_p95_realistic_ms']} ms",
            r["p95_ms"] <= TARGETS["page_p95_realistic_ms"],
        )
        check(
            f"{LABELS[name]}: p95 stress",
            s["p95_ms"],
            f"≤ {TARGETS['page_p95_stress_ms']} ms",
            s["p95_ms"] <= TARGETS["page_p95_stress_ms"],
        )
        ratio = round(s["p50_ms"] / r["p50_ms"], 2)
        check(
            f"{LABELS[name]}: stress/realistisk (p50)",
            ratio,
            f"≤ {TARGETS['page_ratio']}",
            ratio <= TARGETS["page_ratio"],
        )
    for scale, figures in (("realistisk", realistic), ("stress", stress)):
        save = figures["status_gem"]["p95_ms"]
        check(
            f"Gem status: p95 {scale}",
            save,
            f"≤ {TARGETS['save_p95_ms']} ms",
            save <= TARGETS["save_p95_ms"],
        )
    for name in realistic:
        same = realistic[name]["queries"] == stress[name]["queries"]
        check(
            f"{LABELS[name]}: forespørgsler ens",
            f"{realistic[name]['queries']} / {stress[name]['queries']}",
            "ens",
            same,
        )
    for report in reports:
        if report["scale"] == "real":
            check(
                "Udvalgets version af den rigtige plan: sider (A4)",
                report["pages"],
                f"≤ {TARGETS['committee_pages']}",
                report["pages"] <= TARGETS["committee_pages"],
            )
        elif report["scale"] == "realistic":
            check(
                f"Rapport realistisk ({report['audience']}): tid",
                report["total_s"],
                f"≤ {TARGETS['report_realistic_s']} s",
                report["total_s"] <= TARGETS["report_realistic_s"],
            )
        else:
            check(
                f"Rapport 500 tiltag ({report['audience']}): tid",
                report["total_s"],
                f"≤ {TARGETS['report_500_s']} s",
                report["total_s"] <= TARGETS["report_500_s"],
            )
            check(
                f"Rapport 500 tiltag ({report['audience']}): hukommelse",
                report["peak_mb"],
                f"≤ {TARGETS['report_500_mb']} MB",
                report["peak_mb"] <= TARGETS["report_500_mb"],
            )
    if load is not None:
        best = best_under(load["overblik"], TARGETS["load_p95_ms"])
        rps = best["rps"] if best else 0
        check(
            "Overblik under last (stress): req/s, p95 < 500 ms, 0 fejl",
            rps,
            f"≥ {TARGETS['overview_rps']}",
            rps >= TARGETS["overview_rps"],
        )
        for name, caller in (("api_tiltag", "session"), ("api_tiltag_noegle", "nøgle")):
            best = best_under(load[name], TARGETS["page_p95_realistic_ms"])
            rps = best["rps"] if best else 0
            check(
                f"API tiltag (side på 100, {caller}) under last (stress): req/s, p95 ≤ 100 ms, "
                "0 fejl",
                rps,
                f"≥ {TARGETS['api_rps']}",
                rps >= TARGETS["api_rps"],
            )
    return checks


def machine() -> dict:
    def out(args: list[str]) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.TimeoutExpired):
            return ""

    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in out(["lscpu"]).splitlines()
            if line.startswith("Model name")
        ),
        platform.processor(),
    )
    memory = next((line for line in out(["free", "-m"]).splitlines() if line.startswith("Mem")), "")
    postgres = ""
    try:
        with _admin_connection(
            os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
        ) as c:
            postgres = c.execute("SHOW server_version").fetchone()[0]
    except Exception:
        postgres = "?"
    return {
        "cpus": out(["nproc"]).strip(),
        "cpu_model": model,
        "memory_mb": memory.split()[1] if memory else "?",
        "python": platform.python_version(),
        "postgres": postgres,
        "kernel": platform.release(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "commit": out(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).strip(),
    }


def page_table(pages: dict) -> list[str]:
    realistic = {p["name"]: p for p in pages["realistic"]}
    stress = {p["name"]: p for p in pages["stress"]}
    floor_r, floor_s = realistic["sundhed"]["p50_ms"], stress["sundhed"]["p50_ms"]
    lines = [
        "| side | realistisk p50 / p95 ms | stress p50 / p95 ms | stress/realistisk (p50) "
        "| × gulvet (p50, stress) | forespørgsler (r / s) | n |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in realistic:
        r, s = realistic[name], stress[name]
        lines.append(
            f"| {LABELS[name]} | {r['p50_ms']} / {r['p95_ms']} | {s['p50_ms']} / {s['p95_ms']} "
            f"| {s['p50_ms'] / r['p50_ms']:.2f} | {s['p50_ms'] / floor_s:.1f} "
            f"| {r['queries']} / {s['queries']} | {r['requests']} / {s['requests']} |"
        )
    lines.append("")
    lines.append(
        f"Gulvet (/sundhed/, logget ind): p50 {floor_r} ms realistisk, {floor_s} ms stress."
    )
    return lines


def write_results(path: Path, data: dict) -> str:
    m = data["machine"]
    lines = [
        "# Ydelse: målinger",
        "",
        "Skrevet af `make bench` (bench/run.py); afsnittet *Fund* til sidst er bench/findings.md.",
        "",
        f"- Dato: {data['date']} (commit {m['commit']})",
        f"- Maskine: {m['cpus']} kerner ({m['cpu_model']}), {m['memory_mb']} MB RAM, "
        f"Linux {m['kernel']}, Python {m['python']}, PostgreSQL {m['postgres']}",
        f"- Belastning (load average 1/5/15 min) ved start: {data['load_start']}, "
        f"ved slut: {m['load']}. Maskinen deles med andre processer; tallene svinger med den.",
        f"- Seed {data['seed']}, {data['requests']} målte forespørgsler pr. side og skala, "
        f"fordelt på {data['rounds']} runder, hvor realistisk og stress skiftes "
        "(hver runde en proces med én opvarmning pr. side), så maskinens svingende fart "
        "rammer begge skalaer ens.",
        "",
        "## Data",
        "",
    ]
    for item in data["databases"]:
        state = "genbrugt" if item["reused"] else f"dannet på {item['seconds']} s"
        lines.append(f"- `{item['database']}` ({state}): {item['summary'] or '–'}")
    lines += [
        "",
        "## Sider (server-side, i processen)",
        "",
        "Django's test-Client gennem hele middleware-stakken med produktionsindstillinger "
        "(DEBUG fra, whitenoise med manifest, sikre cookies, HTTPS), logget ind som en leder af "
        "Område Grenå (`bench.leder`). Tid er væguret omkring hvert kald; antal forespørgsler fra "
        "én måling med CaptureQueriesContext (sessionen gemmes ved hvert kald og tæller med).",
        "",
        *page_table(data["pages"]),
        "",
        "## Rapporter (PDF, egen proces)",
        "",
        "`build_snapshot()` + `render_pdf()` (WeasyPrint, PDF/UA-1) for sidste lukkede halvår. "
        "Hukommelse er processens maksimale RSS (getrusage), Django og WeasyPrint medregnet. "
        "Importen af WeasyPrint, som en worker betaler én gang, er målt for sig og ikke med i "
        "*i alt*.",
        "",
        "| data | målgruppe | tiltag | data s | PDF s | i alt s | sider | KB | maks. MB "
        "| import af WeasyPrint s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in data["reports"]:
        lines.append(
            f"| {r['scale']} | {r['audience']} | {r['initiatives']} | {r['build_s']} "
            f"| {r['render_s']} | {r['total_s']} | {r['pages']} | {r['pdf_kb']} | {r['peak_mb']} "
            f"| {r['import_s']} |"
        )
    lines += ["", "## Last (wrk mod gunicorn, 2 workers, stress-data)", ""]
    if data["load"] is None:
        lines.append("Ikke kørt (--skip-load).")
    else:
        lines += [
            f"`wrk --timeout 5s -d {data['load_seconds']}s` på 127.0.0.1 med sessionscookie "
            "(API'et også med en API-nøgle i `Authorization`, som et BI-værktøj) og "
            "`X-Forwarded-Proto: https` (som bag TLS-proxyen). /sundhed/ er gulvet: samme server, "
            "samme middleware, ingen side. *Uden gemte svar* er en server med "
            "`API_ANSWER_CACHE=false`: hvert kald gør det fulde arbejde (uden mål).",
            "",
            "| side | forbindelser | req/s | p50 ms | p95 ms | p99 ms | fejl | × gulvets req/s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        floor = {x["connections"]: x["rps"] for x in data["load"]["sundhed"]}
        for name, levels in data["load"].items():
            for x in levels:
                share = x["rps"] / floor[x["connections"]] if floor.get(x["connections"]) else 0
                lines.append(
                    f"| {LABELS[name]} | {x['connections']} | {x['rps']} | {x['p50_ms']} "
                    f"| {x['p95_ms']} | {x['p99_ms']} | {x['errors']} | {share:.2f} |"
                )
    missed = [c for c in data["checks"] if not c["ok"]]
    lines += [
        "",
        "## Mål",
        "",
        f"{len(data['checks']) - len(missed)} af {len(data['checks'])} mål nået.",
        "",
        "| mål | målt | grænse | |",
        "|---|---:|---:|---|",
    ]
    for c in data["checks"]:
        lines.append(
            f"| {c['target']} | {c['value']} | {c['limit']} | {'ok' if c['ok'] else '**MISSET**'} |"
        )
    findings = BENCH / "findings.md"
    if findings.exists():
        lines += ["", findings.read_text(encoding="utf-8").strip()]
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def print_summary(data: dict) -> None:
    realistic = {p["name"]: p for p in data["pages"]["realistic"]}
    stress = {p["name"]: p for p in data["pages"]["stress"]}
    print()
    print(f"{'side':28} {'real p95':>9} {'stress p95':>11} {'ratio':>6} {'queries':>8}")
    for name in realistic:
        r, s = realistic[name], stress[name]
        print(
            f"{LABELS[name]:28} {r['p95_ms']:9.1f} {s['p95_ms']:11.1f} "
            f"{s['p50_ms'] / r['p50_ms']:6.2f} {r['queries']:>3}/{s['queries']:<4}"
        )
    for r in data["reports"]:
        print(
            f"rapport {r['scale']:10} {r['audience']:9} {r['total_s']:6.1f} s {r['peak_mb']:5} MB"
        )
    if data["load"] is not None:
        for name, levels in data["load"].items():
            best = best_under(levels, TARGETS["load_p95_ms"])
            text = f"{best['rps']} req/s (c={best['connections']})" if best else "ingen niveau ok"
            print(f"last {LABELS[name]:24} {text}")
    missed = [c for c in data["checks"] if not c["ok"]]
    print()
    if missed:
        print(f"MISSEDE MÅL ({len(missed)} af {len(data['checks'])}):")
        for c in missed:
            print(f"  - {c['target']}: {c['value']} (grænse {c['limit']})")
    else:
        print(f"Alle {len(data['checks'])} mål nået.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds the page requests are split in"
    )
    parser.add_argument("--reuse", action="store_true", help="keep databases already generated")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--load-seconds", type=int, default=10)
    parser.add_argument("--connections", default="2,4,8", help="wrk connection levels")
    parser.add_argument("--output", default=str(BENCH / "results.md"))
    args = parser.parse_args(argv)

    server = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    prefix = os.environ.get("BENCH_DB_PREFIX", "so_bench_")
    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    started = time.monotonic()
    databases = {
        scale: prepare_database(server, f"{prefix}{scale}", scale, args.seed, args.reuse)
        for scale in [*SCALES, "report500"]
    }
    urls = {scale: f"{server}/{prefix}{scale}" for scale in [*SCALES, "report500"]}

    log("collectstatic (whitenoise-manifest som i produktion)")
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        production_env(urls["realistic"]),
        300,
    )

    pages = measure_pages_interleaved(urls, args.requests, args.rounds)

    reports = []
    for scale, audiences in (
        ("realistic", ["omu", "leaders", "committee"]),
        ("report500", ["leaders"]),
    ):
        for audience in audiences:
            log(f"rapport, {scale}, {audience}")
            output = run(
                [PYTHON, "-m", "bench.pdf", "--audience", audience],
                production_env(urls[scale]),
                timeout=900,
            )
            reports.append({"scale": scale, **json.loads(output.strip().splitlines()[-1])})
    log("rapport, den rigtige plan (make seed), committee: sidetal")
    output = run(
        [PYTHON, "-m", "bench.pdf", "--audience", "committee"],
        production_env(prepare_real_plan(server, f"{prefix}real")),
        timeout=900,
    )
    reports.append({"scale": "real", **json.loads(output.strip().splitlines()[-1])})

    load = None
    if not args.skip_load:
        log("last: gunicorn + wrk på stress-data")
        levels = [int(x) for x in args.connections.split(",")]
        load = load_test(urls["stress"], args.load_seconds, levels)

    data = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seed": args.seed,
        "requests": args.requests,
        "rounds": args.rounds,
        "load_start": load_start,
        "load_seconds": args.load_seconds,
        "machine": machine(),
        "databases": list(databases.values()),
        "pages": pages,
        "reports": reports,
        "load": load,
    }
    data["checks"] = check_targets(pages, reports, load)
    output = Path(args.output)
    write_results(output, data)
    raw = BENCH / "out" / "results.json"  # every figure, for comparing runs (not committed)
    raw.parent.mkdir(exist_ok=True)
    raw.write_text(json.dumps(data, indent=1), encoding="utf-8")
    print_summary(data)
    log(f"skrevet {output} på {time.monotonic() - started:.0f} s")
    return 1 if any(not c["ok"] for c in data["checks"]) else 0


if __name__ == "__main__":
    sys.exit(main())
