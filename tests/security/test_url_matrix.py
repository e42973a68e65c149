"""Every URL of the project, for every role and every method, answers what this table says.

How to extend: a new URL pattern fails `test_every_url_pattern_is_in_the_matrix` until it has
an entry in MATRIX below: its namespaced name, how to build its arguments from the `world`
fixture (one Case per object-level situation, e.g. unit A's and unit B's initiative), and the
expected status per method and role. Methods a Case does not list must answer 405 to every
logged-in role. Every request runs in its own savepoint, so a POST that succeeds changes
nothing for the next row.

Django admin URLs follow one rule instead of rows: anonymous visitors are sent to the login page
and every role without staff status to the admin login, whatever the URL or method;
administrators open the index and every change list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reports.models import Audience, Report

ROLES = ["anonymous", "committee_member", "omu_member", "leader_b", "leader_a", "administrator"]
LOGGED_IN = ROLES[1:]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
UNSAFE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]

# Expected answers besides plain status codes.
LOGIN = "302 → log ind"
ADMIN_LOGIN = "302 → admin log ind"
ADMIN_INDEX = "302 → admin forside"
ANY_LOGIN = "302 → log ind eller admin log ind"
REDIRECT_TARGETS = {
    LOGIN: {reverse("login")},
    ADMIN_LOGIN: {reverse("admin:login")},
    ADMIN_INDEX: {reverse("admin:index")},
    ANY_LOGIN: {reverse("login"), reverse("admin:login")},
}

Expectation = int | str
Row = dict[str, Expectation]


def everyone(status: Expectation, *, anonymous: Expectation = LOGIN) -> Row:
    return {"anonymous": anonymous, **dict.fromkeys(LOGGED_IN, status)}


def only(allowed: Iterable[str], status: Expectation, *, other: Expectation = 403) -> Row:
    allowed = set(allowed)
    return {
        "anonymous": LOGIN,
        **{role: status if role in allowed else other for role in LOGGED_IN},
    }


STAFF = ["administrator", "leader_a", "leader_b", "omu_member"]
LEADERS_AND_ADMIN = ["administrator", "leader_a", "leader_b"]
ADMIN = ["administrator"]
EDITORS_A = ["administrator", "leader_a"]
EDITORS_B = ["administrator", "leader_b"]


@dataclass(frozen=True)
class Case:
    """One situation of a URL: its arguments (built from the world) and the answers."""

    methods: dict[str, Row]
    kwargs: Callable[[dict], dict] = field(default=lambda world: {})
    label: str = ""
    # Form data (the query string for GET), built from the world; none by default.
    data: Callable[[dict], dict] = field(default=lambda world: {})


def pk(key: str) -> Callable[[dict], dict]:
    return lambda world: {"pk": world[key].pk}


# --- The matrix -------------------------------------------------------------------------------
# Statuses are for a request without form data: a POST that an allowed role makes with an empty
# form re-renders the form (200) or refuses it (400), a denied role gets 403, and an object the
# role may not even know about is 404.
MATRIX: dict[str, list[Case]] = {
    # strategy
    "pages:overview": [Case({"GET": everyone(200)})],
    "pages:theme": [Case({"GET": everyone(200)}, lambda w: {"number": 1})],
    "pages:objective": [
        Case({"GET": everyone(200)}, lambda w: {"theme_number": 2, "number": 1}),
        Case({"GET": everyone(404)}, lambda w: {"theme_number": 2, "number": 9}, "unknown"),
    ],
    "accounts:audit_log": [Case({"GET": only(ADMIN, 200)})],
    "pages:accessibility": [Case({"GET": everyone(200, anonymous=200)})],
    "pages:health": [Case({"GET": everyone(200, anonymous=200)})],
    "login": [Case({"GET": everyone(200, anonymous=200), "POST": everyone(200, anonymous=200)})],
    "logout": [Case({"POST": everyone(LOGIN, anonymous=LOGIN)})],
    # initiatives
    "initiatives:list": [Case({"GET": only(STAFF, 200)})],
    "initiatives:export": [Case({"GET": only(STAFF, 200)})],
    "initiatives:detail": [
        Case({"GET": only(STAFF, 200)}, pk("initiative_a"), "unit A's initiative"),
        Case({"GET": only(STAFF, 200)}, pk("initiative_b"), "unit B's initiative"),
        Case({"GET": only(STAFF, 200)}, pk("archived_initiative"), "archived"),
    ],
    "initiatives:status_edit": [
        Case(
            {"GET": only(EDITORS_A, 200), "POST": only(EDITORS_A, 422)},
            pk("initiative_a"),
            "unit A's initiative",
        ),
        Case(
            {"GET": only(EDITORS_B, 200), "POST": only(EDITORS_B, 422)},
            pk("initiative_b"),
            "unit B's initiative",
        ),
        # Archived: the responsible side is told it is out of the plan (409), others 403.
        Case(
            {"GET": only(EDITORS_A, 409), "POST": only(EDITORS_A, 409)},
            pk("archived_initiative"),
            "archived",
        ),
    ],
    # The inline row is the editable row of "Mine tiltag": only for those who may edit.
    "initiatives:status_row": [
        Case({"GET": only(EDITORS_A, 200)}, pk("initiative_a"), "unit A's initiative"),
        Case({"GET": only(EDITORS_B, 200)}, pk("initiative_b"), "unit B's initiative"),
    ],
    # Only a leader of a participating unit adds a contribution (unit B takes part in unit A's
    # initiative); the responsible side writes the status instead. An empty form is 422.
    "initiatives:contribution_add": [
        Case({"POST": only(["leader_b"], 422)}, pk("initiative_a"), "unit B takes part"),
        Case({"POST": only([], 422)}, pk("initiative_b"), "nobody takes part"),
    ],
    # The plan's editing pages: administrators create; the responsible side edits. An empty
    # form is shown again with its Danish messages (422).
    "initiatives:create": [Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)})],
    "initiatives:edit": [
        Case(
            {"GET": only(EDITORS_A, 200), "POST": only(EDITORS_A, 422)},
            pk("initiative_a"),
            "unit A's initiative",
        ),
        Case(
            {"GET": only(EDITORS_B, 200), "POST": only(EDITORS_B, 422)},
            pk("initiative_b"),
            "unit B's initiative",
        ),
        Case(
            {"GET": only(EDITORS_A, 409), "POST": only(EDITORS_A, 409)},
            pk("archived_initiative"),
            "archived",
        ),
    ],
    # Administrators archive, and take out of the archive, with a reason: GET is the
    # confirmation step (a page, without JavaScript), a POST without a reason is 422, and the
    # step an initiative is already past is 409. Leaders, OMU and the committee get 403.
    "initiatives:archive": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)}, pk("initiative_a"), "in plan"),
        Case(
            {"GET": only(ADMIN, 409), "POST": only(ADMIN, 409)},
            pk("archived_initiative"),
            "archived",
        ),
    ],
    "initiatives:unarchive": [
        Case(
            {"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)},
            pk("archived_initiative"),
            "archived",
        ),
        Case({"GET": only(ADMIN, 409), "POST": only(ADMIN, 409)}, pk("initiative_a"), "in plan"),
    ],
    "initiatives:mine": [Case({"GET": only(LEADERS_AND_ADMIN, 200)})],
    "initiatives:changes": [Case({"GET": only(STAFF, 200)})],
    "initiatives:periods": [Case({"GET": only(ADMIN, 200)})],
    "initiatives:period_create": [Case({"POST": only(ADMIN, 422)})],
    # Another half-year is open (and this one is closed): 409 with the reason on the page.
    # GET is the confirmation step, for a planned half-year only (others go back to the list).
    "initiatives:period_open": [
        Case({"GET": only(ADMIN, 302), "POST": only(ADMIN, 409)}, pk("closed_period"))
    ],
    # Without a written reason a closed half-year is not reopened; GET (a reload) shows the form.
    "initiatives:period_reopen": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)}, pk("closed_period"))
    ],
    # GET is the confirmation step (a page, without JavaScript); POST closes.
    "initiatives:period_close": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 302)}, pk("open_period"))
    ],
    # Without a date the deadline form is shown again with its Danish message.
    "initiatives:period_deadline": [Case({"POST": only(ADMIN, 422)}, pk("open_period"))],
    # reports
    "reports:landing": [Case({"GET": everyone(302)})],
    "reports:archive": [Case({"GET": everyone(200)})],
    "reports:preview": [
        Case({"GET": only(STAFF, 200)}, data=lambda w: {"period": w["closed_period"].pk}),
        Case({"GET": only(STAFF, 404)}, label="no half-year"),
    ],
    # GET is the confirmation step; POST orders the report.
    "reports:request": [
        Case(
            {"GET": only(ADMIN, 200), "POST": only(ADMIN, 302)},
            data=lambda w: {"period": w["closed_period"].pk, "audience": Audience.OMU},
        ),
        Case({"GET": only(ADMIN, 404), "POST": only(ADMIN, 404)}, label="no half-year"),
    ],
    "reports:detail": [
        Case({"GET": only(STAFF, 200, other=404)}, pk("draft_report"), "draft"),
        Case({"GET": everyone(200)}, pk("published_report"), "published"),
    ],
    "reports:status": [
        Case({"GET": only(STAFF, 200, other=404)}, pk("draft_report"), "draft"),
        Case({"GET": everyone(200)}, pk("published_report"), "published"),
    ],
    # A finished report cannot be retried (409); committee members never learn a draft exists.
    "reports:retry": [
        Case({"POST": {**only(ADMIN, 409), "committee_member": 404}}, pk("draft_report"), "draft"),
    ],
    # GET is the confirmation step of the same move (a page, without JavaScript).
    "reports:sign_off": [
        Case(
            {
                "GET": {**only(ADMIN, 200), "committee_member": 404},
                "POST": {**only(ADMIN, 302), "committee_member": 404},
            },
            pk("draft_report"),
            "leaders' meeting on a draft",
            data=lambda w: {"stage": Report.Stage.LEADERS_REVIEWED},
        ),
        Case(
            {
                "GET": {**only(["omu_member"], 409), "committee_member": 404},
                "POST": {**only(["omu_member"], 409), "committee_member": 404},
            },
            pk("draft_report"),
            "OMU approval before the leaders' meeting",
            data=lambda w: {"stage": Report.Stage.OMU_APPROVED},
        ),
        Case(
            {
                "GET": {**only(STAFF, 400), "committee_member": 404},
                "POST": {**only(STAFF, 400), "committee_member": 404},
            },
            pk("draft_report"),
            "no stage",
        ),
    ],
    # OMU sends back with a required comment: without one, 422 (the check comes before the
    # stage's); the committee never learns a draft exists.
    "reports:send_back": [
        Case(
            {
                "GET": {**only(["omu_member"], 200), "committee_member": 404},
                "POST": {**only(["omu_member"], 422), "committee_member": 404},
            },
            pk("draft_report"),
            "draft",
        ),
    ],
    # The administration answers a sent-back report with a correction: GET the form; POST
    # without choices is 422 (the stage is checked after the form).
    "reports:correction": [
        Case(
            {
                "GET": {**only(ADMIN, 200), "committee_member": 404},
                "POST": {**only(ADMIN, 422), "committee_member": 404},
            },
            pk("draft_report"),
            "draft",
        ),
    ],
    "reports:comment": [
        Case(
            {"POST": only(STAFF, 302, other=404)},
            pk("draft_report"),
            "draft",
            data=lambda w: {"text": "En bemærkning fra matrixtesten."},
        ),
    ],
    "reports:download": [
        Case({"GET": only(STAFF, 200, other=404)}, pk("draft_report"), "draft"),
        Case({"GET": everyone(200)}, pk("published_report"), "published"),
    ],
    "reports:frozen": [
        Case({"GET": only(STAFF, 200, other=404)}, pk("draft_report"), "draft"),
        Case({"GET": everyone(200)}, pk("published_report"), "published"),
    ],
    # staffing
    "staffing:index": [Case({"GET": everyone(200)})],
    "staffing:snapshot": [Case({"GET": everyone(200)}, pk("snapshot"))],
    "staffing:export": [Case({"GET": only(STAFF, 200)}, pk("snapshot"))],
    "staffing:trend": [Case({"GET": everyone(200)})],
    "staffing:compare": [Case({"GET": everyone(200)})],
    "staffing:import": [Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)})],
    "staffing:import_confirm": [Case({"GET": only(ADMIN, 302), "POST": only(ADMIN, 302)})],
    # indicators: every role reads them (committee members the closed half-years' values);
    # leaders of the responsible unit and administrators enter a value for the open half-year.
    "indicators:list": [Case({"GET": everyone(200)})],
    "indicators:export": [Case({"GET": only(STAFF, 200)})],
    "indicators:import": [Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)})],
    "indicators:detail": [
        Case({"GET": everyone(200)}, pk("indicator_a"), "unit A's indicator"),
        Case({"GET": everyone(200)}, pk("computed_indicator"), "computed"),
    ],
    "indicators:measurement_edit": [
        Case(
            {"GET": only(EDITORS_A, 200), "POST": only(EDITORS_A, 422)},
            pk("indicator_a"),
            "unit A's indicator",
        ),
        Case(
            {"GET": only(EDITORS_B, 200), "POST": only(EDITORS_B, 422)},
            pk("indicator_b"),
            "unit B's indicator",
        ),
        # Computed from the staffing snapshots: never entered, a conflict with what it is.
        Case(
            {"GET": only(ADMIN, 409), "POST": only(ADMIN, 409)},
            pk("computed_indicator"),
            "computed",
        ),
    ],
    "indicators:target_add": [Case({"POST": only(ADMIN, 422)}, pk("indicator_a"))],
    # The read API answers anonymous callers itself (401 while the public page is off) and
    # every signed-in role: committee members as public callers, staff as internal ones.
    **{
        f"api:{name}": [Case({"GET": everyone(200, anonymous=401)}, kwargs)]
        for name, kwargs in [
            ("strategy_detail", lambda w: {}),
            ("theme_list", lambda w: {}),
            ("unit_list", lambda w: {}),
            ("period_list", lambda w: {}),
            ("initiative_list", lambda w: {}),
            ("initiative_detail", lambda w: {"initiative_id": w["initiative_a"].pk}),
            ("status_list", lambda w: {}),
            ("snapshot_list", lambda w: {}),
            ("snapshot_detail", lambda w: {"snapshot_id": w["snapshot"].pk}),
            ("report_list", lambda w: {}),
            ("indicator_list", lambda w: {}),
            ("indicator_detail", lambda w: {"indicator_id": w["indicator_a"].pk}),
        ]
    },
    # A report's PDF through the API: published committee reports for every caller, a draft
    # for internal callers only (committee members are public callers: 404, as in the app).
    "api:report_pdf": [
        Case(
            {"GET": {**only(STAFF, 200, other=404), "anonymous": 401}},
            lambda w: {"report_id": w["draft_report"].pk},
            "draft",
        ),
        Case(
            {"GET": everyone(200, anonymous=401)},
            lambda w: {"report_id": w["published_report"].pk},
            "published",
        ),
    ],
    "api:openapi-json": [Case({"GET": everyone(200, anonymous=200)})],
    "api:openapi-view": [Case({"GET": everyone(200, anonymous=200)})],
    "api:api-root": [Case(dict.fromkeys(METHODS, everyone(404, anonymous=404)))],
    # The public status page is off unless PUBLIC_STATUS_PAGE is on: 404 for everyone.
    "public:page": [Case({"GET": everyone(404, anonymous=404)})],
    "public:download": [
        Case({"GET": everyone(404, anonymous=404)}, lambda w: {"kind": "tiltag", "fmt": "csv"})
    ],
    "public:report_pdf": [Case({"GET": everyone(404, anonymous=404)}, pk("published_report"))],
    # meetings: administrators call and minute meetings; participants (unit A's leader) read
    # theirs; committee members read the committee's meetings and published agenda items.
    "meetings:list": [Case({"GET": everyone(200)})],
    "meetings:create": [Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)})],
    "meetings:detail": [
        Case(
            {"GET": only(["administrator", "leader_a"], 200, other=404)},
            pk("meeting"),
            "ledermøde",
        ),
        Case(
            {"GET": only(["administrator", "committee_member"], 200, other=404)},
            pk("committee_meeting"),
            "udvalg",
        ),
    ],
    "meetings:edit": [
        Case(
            {
                "GET": {**only(ADMIN, 200, other=404), "leader_a": 403},
                "POST": {**only(ADMIN, 422, other=404), "leader_a": 403},
            },
            pk("meeting"),
        )
    ],
    **{
        f"meetings:{name}": [
            Case(
                {"POST": {**only(ADMIN, status, other=404), "leader_a": 403}},
                pk(key),
                data=data,
            )
        ]
        for name, key, status, data in [
            ("point_add", "meeting", 422, lambda w: {}),
            ("call", "meeting", 302, lambda w: {}),
            ("absentees", "meeting", 302, lambda w: {}),
            ("approve", "meeting", 302, lambda w: {}),
            ("point_move", "point", 400, lambda w: {"direction": "sideways"}),
            # The point has a decision: it stays (409).
            ("point_remove", "point", 409, lambda w: {}),
        ]
    },
    "meetings:point_minutes": [
        Case(
            {
                "GET": {**only(ADMIN, 200, other=404), "leader_a": 403},
                "POST": {**only(ADMIN, 302, other=404), "leader_a": 403},
            },
            pk("point"),
        )
    ],
    "meetings:decisions": [Case({"GET": everyone(200)})],
    "meetings:decisions_export": [Case({"GET": everyone(200)})],
    # The leader of the follow-up's unit (A) or an administrator marks it done; once done, 409.
    "meetings:follow_up_done": [
        Case({"POST": only(EDITORS_A, 302)}, pk("follow_up")),
    ],
    # The published committee report has its agenda item already: drafting again is 409.
    "meetings:agenda_item_draft": [Case({"POST": only(ADMIN, 409)}, pk("published_report"))],
    "meetings:agenda_item": [
        Case(
            {
                "GET": only(["administrator", "committee_member"], 200, other=404),
                "POST": {**only(ADMIN, 422, other=404), "committee_member": 403},
            },
            pk("agenda_item"),
        )
    ],
    "meetings:agenda_item_docx": [
        Case(
            {"GET": only(["administrator", "committee_member"], 200, other=404)}, pk("agenda_item")
        )
    ],
    "meetings:report_decision": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)}, pk("published_report"))
    ],
    "meetings:calendar": [Case({"GET": everyone(200), "POST": everyone(400)})],
    # An unknown token opens nothing, for anyone.
    "meetings:calendar_feed": [
        Case({"GET": everyone(404, anonymous=404)}, lambda w: {"token": "ukendt"})
    ],
    "api_tokens:list": [Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)})],
    # GET is the confirmation step (a page, without JavaScript); POST revokes.
    "api_tokens:revoke": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 302)}, pk("api_token"), "a token"),
        Case(
            {"GET": only(ADMIN, 404), "POST": only(ADMIN, 404)},
            lambda w: {"pk": 999_999},
            "unknown",
        ),
    ],
    # Brugere og enheder: administrators only. An empty form is refused (422); deactivating a
    # leader and retiring a leaf unit succeed (302); retiring a unit with units under it is
    # refused (409).
    # Everyone in the matrix has a role, so the welcome page sends them on to their work.
    "pages:welcome": [Case({"GET": everyone(302)})],
    "pages:people": [Case({"GET": only(ADMIN, 200)})],
    "pages:person_create": [Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)})],
    "pages:person_edit": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)}, pk("leader_b"), "a leader"),
        Case(
            {"GET": only(ADMIN, 404), "POST": only(ADMIN, 404)},
            lambda w: {"pk": 999_999},
            "unknown",
        ),
    ],
    "pages:person_deactivate": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 302)}, pk("leader_b"), "a leader"),
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 409)}, pk("administrator"), "oneself"),
    ],
    "pages:units": [Case({"GET": only(ADMIN, 200)})],
    "pages:unit_create": [Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)})],
    "pages:unit_edit": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 422)}, lambda w: {"pk": _leaf(w)})
    ],
    "pages:unit_retire": [
        Case({"GET": only(ADMIN, 200), "POST": only(ADMIN, 302)}, lambda w: {"pk": _leaf(w)}),
        Case(
            {"GET": only(ADMIN, 200), "POST": only(ADMIN, 409)},
            lambda w: {"pk": w["leader_b"].led_units.get().pk},
            "a unit with units under it",
        ),
    ],
    # SAML login is off unless configured (tests/security/test_saml.py runs it on): every
    # method of its three URLs is then not found, for everyone.
    "saml2_login": [Case(dict.fromkeys(METHODS, everyone(404, anonymous=404)))],
    "saml2_acs": [Case(dict.fromkeys(METHODS, everyone(404, anonymous=404)))],
    "saml2_metadata": [Case(dict.fromkeys(METHODS, everyone(404, anonymous=404)))],
}


def _leaf(world: dict) -> int:
    from strategy.models import Unit

    return Unit.objects.get(name="Nyvang").pk


# --- Walking the URL patterns -----------------------------------------------------------------


def url_patterns() -> dict[str, str]:
    """{namespaced name (or route when unnamed): route} for every pattern of the project."""
    found: dict[str, str] = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, route, ns)
            elif isinstance(pattern, URLPattern):
                found[f"{namespace}{pattern.name}" if pattern.name else route] = route

    walk(get_resolver().url_patterns, "", "")
    return found


def _is_admin(name: str, route: str) -> bool:
    return name.startswith("admin:") or route.startswith("admin/") or route.startswith("^admin/")


def _clients(world: dict) -> dict[str, Client]:
    """One logged-in session per role, reused by cookie so a logout cannot end it for good."""
    cookies = {}
    for role in LOGGED_IN:
        client = Client()
        client.force_login(world[role])
        cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def _request(cookie: str | None, method: str, url: str, data=None, *, csrf: bool = False):
    client = Client(enforce_csrf_checks=csrf)
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    with transaction.atomic():
        response = getattr(client, method.lower())(url, data or {})
        transaction.set_rollback(True)
    return response


def _matches(response, expected: Expectation) -> bool:
    if isinstance(expected, int):
        return response.status_code == expected
    targets = REDIRECT_TARGETS[expected]
    return response.status_code == 302 and urlsplit(response["Location"]).path in targets


def _observed(response) -> str:
    if response.status_code in (301, 302):
        return f"{response.status_code} → {urlsplit(response['Location']).path}"
    return str(response.status_code)


def _sample_path(route: str) -> str:
    """A concrete path for an admin route: converters become 1, the app list shows strategy."""
    if "(?P<app_label>" in route:
        return "/admin/strategy/"
    if "(?P<url>" in route:
        return "/admin/findes-ikke/"
    path = re.sub(r"<[^>]+>|\(\[\^/\]\+\)", "1", route)
    return "/" + path.replace("^", "").replace("$", "")


def _unlisted(case: Case, role: str) -> Expectation:
    """A method the case does not list: 405, except that private pages send visitors to log in."""
    public = any(row["anonymous"] != LOGIN for row in case.methods.values())
    return LOGIN if role == "anonymous" and not public else 405


def _case_urls(world: dict) -> list[tuple[str, Case, str]]:
    return [
        (name, case, reverse(name, kwargs=case.kwargs(world)))
        for name, cases in MATRIX.items()
        for case in cases
    ]


# --- The tests ----------------------------------------------------------------------------------


def test_every_url_pattern_is_in_the_matrix():
    patterns = url_patterns()
    missing = sorted(
        n for n, route in patterns.items() if not _is_admin(n, route) and n not in MATRIX
    )
    stale = sorted(set(MATRIX) - set(patterns))
    assert not missing, (
        f"These URL patterns are not in the URL × role matrix: {missing}. Add each to MATRIX in "
        "tests/security/test_url_matrix.py with the answer every role should get for every "
        "method the view accepts (and a Case per object-level situation, e.g. another unit's "
        "object)."
    )
    assert not stale, f"MATRIX names URL patterns that no longer exist: {stale}. Remove them."


@pytest.mark.django_db
def test_each_url_answers_each_role_and_method_as_the_matrix_says(world):
    cookies = _clients(world)
    wrong = []
    for name, case, url in _case_urls(world):
        data = case.data(world)
        for method in METHODS:
            row = case.methods.get(method)
            for role in ROLES:
                expected = row[role] if row is not None else _unlisted(case, role)
                response = _request(cookies.get(role), method, url, data if row else None)
                if not _matches(response, expected):
                    wrong.append(
                        f"{name} {case.label} {method} {url} as {role}: "
                        f"expected {expected}, got {_observed(response)}"
                    )
    assert not wrong, "Answers that differ from the matrix:\n" + "\n".join(wrong)


@pytest.mark.django_db
def test_every_admin_url_sends_anyone_without_staff_status_to_a_login(world):
    cookies = _clients(world)
    wrong = []
    for name, route in url_patterns().items():
        if not _is_admin(name, route) or name == "admin:login":
            continue
        url = _sample_path(route)
        for method in ["GET", "POST"]:
            for role in ["anonymous", "committee_member", "omu_member", "leader_b", "leader_a"]:
                response = _request(cookies.get(role), method, url)
                if role == "anonymous":
                    # LoginRequiredMiddleware answers before a ModelAdmin view does.
                    expected = ANY_LOGIN
                elif name == "admin:logout":
                    expected = ADMIN_INDEX  # the admin sends non-staff from logout to its index
                else:
                    expected = ADMIN_LOGIN
                if not _matches(response, expected):
                    wrong.append(f"{name} {method} {url} as {role}: got {_observed(response)}")
    assert not wrong, "Admin URLs that do not send to the admin login:\n" + "\n".join(wrong)


@pytest.mark.django_db
def test_administrators_open_the_admin_index_and_every_change_list(world):
    cookies = _clients(world)
    from accounts.admin import SuperuserOnlyAdmin

    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, SuperuserOnlyAdmin)
    ]
    answers = {url: _request(cookies["administrator"], "GET", url).status_code for url in urls}
    assert set(answers.values()) == {200}, answers
    assert len(urls) > 10


@pytest.mark.django_db
def test_no_state_changing_request_without_a_csrf_token_gets_through(world):
    cookies = _clients(world)
    # The admin shares one CSRF guard, so its URLs are tried with POST by an administrator.
    requests = [
        (url, method, role)
        for _, _, url in _case_urls(world)
        for method in UNSAFE_METHODS
        for role in ["anonymous", "leader_a", "administrator"]
    ] + [
        (_sample_path(route), "POST", "administrator")
        for name, route in url_patterns().items()
        if _is_admin(name, route)
    ]
    wrong = []
    for url, method, role in requests:
        response = _request(cookies.get(role), method, url, csrf=True)
        # The read API's routes are GET only and answer an unsafe method with 405 before any
        # CSRF check (ninja's views are CSRF-exempt); everywhere else the guard answers 403.
        allowed = (403, 405) if url.startswith("/api/") else (403,)
        if url == reverse("saml2_acs"):
            # The identity provider posts the SAML answer from its own site, so the ACS is
            # CSRF-exempt by design: the signed assertion, its audience and InResponseTo are
            # its guard (tests/security/test_saml.py). With SAML off it is not found.
            allowed = (404,)
        if response.status_code not in allowed:
            wrong.append(f"{method} {url} as {role}: got {_observed(response)}")
    assert not wrong, "State-changing requests accepted without a CSRF token:\n" + "\n".join(wrong)
