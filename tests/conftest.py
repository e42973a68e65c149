"""Shared fixtures: the loaded strategy, the standing users, a real Celery worker, Chromium.

The standing users: an administrator, the leader of unit A (Område Grenå), the leader of unit B
(Område Ørum), an OMU member and a committee member.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from accounts import roles
from accounts.services import roles_ensure
from strategy.models import Unit
from strategy.services import organisation_load_norddjurs, strategy_load_norddjurs

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
UNIT_A = "Område Grenå"
UNIT_B = "Område Ørum"
PASSWORD = "korrekt-hest-batteri-42"


@pytest.fixture(scope="session", autouse=True)
def _own_cache_keys():
    """With REDIS_URL the cache is Redis, shared by every process on it: this test process
    (one of the xdist workers, one run among many) keeps its keys to itself, as if it had its
    own cache (the workers' databases are separate; their users and tokens share ids)."""
    from django.conf import settings
    from django.test import override_settings

    caches = {
        name: {**config, "KEY_PREFIX": f"test-{os.getpid()}-{uuid.uuid4().hex[:8]}"}
        for name, config in settings.CACHES.items()
    }
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _mail_worker_inline(monkeypatch):
    """A queued e-mail (accounts.mail) is delivered as soon as it is handed to the broker, as
    if a Celery worker took it at once: after the commit, never inside the request's
    transaction. tests/accounts/test_mail.py uses the real broker path."""
    from accounts import mail

    real = mail._to_broker
    monkeypatch.setattr(mail, "_to_broker", lambda mail_id: mail.mail_deliver(mail_id=mail_id))
    return real  # a test that asks for this fixture gets the real hand-off to the broker


@pytest.fixture
def strategy_data(db):
    """The real strategy, organisation and roles, as `make run` loads them."""
    strategy = strategy_load_norddjurs()
    organisation_load_norddjurs()
    roles_ensure()
    return strategy


def _user(username: str, role: str, units: tuple[str, ...] = ()):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.split("_")[0].capitalize(),
        last_name="Testesen",
        email=f"{username}@example.invalid",
        is_staff=role == roles.ADMINISTRATOR,
    )
    user.groups.add(Group.objects.get(name=role))
    for unit in Unit.objects.filter(name__in=units):
        unit.leaders.add(user)
    return user


@pytest.fixture
def unit_a(strategy_data) -> Unit:
    return Unit.objects.get(name=UNIT_A)


@pytest.fixture
def unit_b(strategy_data) -> Unit:
    return Unit.objects.get(name=UNIT_B)


@pytest.fixture
def administrator(strategy_data):
    return _user("admin_user", roles.ADMINISTRATOR)


@pytest.fixture
def leader_a(strategy_data):
    return _user("leder_a", roles.LEADER, (UNIT_A,))


@pytest.fixture
def leader_b(strategy_data):
    return _user("leder_b", roles.LEADER, (UNIT_B,))


@pytest.fixture
def omu_member(strategy_data):
    return _user("omu_member", roles.OMU_MEMBER)


@pytest.fixture
def committee_member(strategy_data):
    return _user("udvalg_member", roles.COMMITTEE_MEMBER)


@pytest.fixture
def standing_users(administrator, leader_a, leader_b, omu_member, committee_member) -> dict:
    return {
        "administrator": administrator,
        "leader_a": leader_a,
        "leader_b": leader_b,
        "omu_member": omu_member,
        "committee_member": committee_member,
    }


@pytest.fixture
def client_for(client, standing_users):
    """The test client logged in as one of the standing users ("leader_a", "omu_member", …)."""

    def _client(role: str):
        client.force_login(standing_users[role])
        return client

    return _client


# --- Celery: a real worker process on Redis -------------------------------------------------


def _queue_suffix() -> str:
    # Each xdist worker gets its own queues, so two test processes never take each other's tasks.
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session", autouse=True)
def _isolated_celery_queues():
    from django.conf import settings

    from socialomraade.celery import app

    suffix = _queue_suffix()
    default_queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-test-{suffix}"
    pdf_queue = f"{settings.CELERY_PDF_QUEUE}-test-{suffix}"
    app.conf.task_default_queue = default_queue
    app.conf.task_routes = {"reports.tasks.render_*": {"queue": pdf_queue}}
    return {"default": default_queue, "pdf": pdf_queue}


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class CeleryWorker:
    """A `celery worker` subprocess on the test database and this process's queues."""

    def __init__(self, queues: dict[str, str], extra_env: dict[str, str] | None = None):
        self.name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        self.queues = queues
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_DEFAULT_QUEUE": queues["default"],
            "CELERY_PDF_QUEUE": queues["pdf"],
            **(extra_env or {}),
        }
        self.log = Path(f"/tmp/celery-{self.name}.log")  # noqa: S108
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "socialomraade",
                "worker",
                "--hostname",
                self.name,
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--queues",
                f"{queues['default']},{queues['pdf']}",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout: float = 40) -> None:
        from socialomraade.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Celery worker exited: {self.log.read_text()[-2000:]}")
            if app.control.ping(destination=[self.name], timeout=0.5):
                return
        raise RuntimeError(f"Celery worker did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def celery_worker_process(transactional_db, _isolated_celery_queues):
    """A real worker for one test. The test's data must be committed (transactional_db)."""
    from socialomraade.celery import app

    with app.connection_for_write() as conn:  # start from empty queues
        for queue in _isolated_celery_queues.values():
            conn.default_channel.queue_purge(queue)
    worker = CeleryWorker(_isolated_celery_queues)
    yield worker
    worker.stop()


# --- Chromium through pytest-playwright ------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "timezone_id": "Europe/Copenhagen"}


def login(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/konto/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page) -> list[dict]:
    """Run axe-core (shipped with axe-playwright-python): WCAG 2.1 A/AA and best practices."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


# --- Content-Security-Policy violations in Chromium -----------------------------------------

# Runs through Playwright before any script of the page (not inline in it, so CSP cannot block
# it) and reports every violation the browser raises to Python.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__reportCspViolation(
    `${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
      + ` at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


@pytest.fixture
def page(page):
    """Every Playwright page records CSP violations, and a journey that met one fails.

    Read them during a test with `csp_violations(page)`; a test that provokes one on purpose
    clears them with `page._csp_violations.clear()`.
    """
    violations: list[str] = []

    def report(violation: str) -> None:
        violations.append(violation)

    page.expose_function("__reportCspViolation", report)
    page.add_init_script(_CSP_LISTENER)
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page._csp_violations = violations
    yield page
    if violations:
        pytest.fail(f"Content-Security-Policy violations in this journey: {violations}")


def csp_violations(page) -> list[str]:
    """The CSP violations the page has met since it opened, across navigations."""
    return list(page._csp_violations)


# --- Half-years: the same three in every app's tests ------------------------------------------
# 1. halvår 2026 closed, 2. halvår 2026 open, 1. halvår 2027 planned. The reports tests, which
# load the real plan with its half-years, take the same closed half-year from the plan.


@pytest.fixture
def closed_period(db):
    from tests.initiatives.factories import PeriodFactory

    return PeriodFactory(year=2026, half=1, is_open=False)


@pytest.fixture
def open_period(closed_period):
    from tests.initiatives.factories import PeriodFactory

    return PeriodFactory(year=2026, half=2, is_open=True)


@pytest.fixture
def planned_period(open_period):
    from tests.initiatives.factories import PeriodFactory

    return PeriodFactory(year=2027, half=1, planned=True)
