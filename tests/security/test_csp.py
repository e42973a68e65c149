"""The Content-Security-Policy allows nothing inline, and no page of any journey breaks it."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from tests.conftest import csp_violations, login

# Links the crawl never follows: they end the session or leave the HTML pages.
NOT_FOLLOWED = ("/konto/log-ud/", "/static/", "/media/")
MAX_PAGES_PER_ROLE = 60
# Pages of one URL pattern share a template; two of each (e.g. two objectives) are enough.
PAGES_PER_PATTERN = 2


def _same_site_links(page, live_server) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parts = urlsplit(url)
        if url.startswith(live_server.url) and not parts.path.startswith(NOT_FOLLOWED):
            links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def _is_admin_detail(path: str) -> bool:
    # The admin index and its change lists are enough; every object's form, history and delete
    # page is the same Django template.
    segments = [s for s in path.split("?")[0].split("/") if s]
    return segments[:1] == ["admin"] and (len(segments) > 3 or "?" in path)


def _pattern(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return path


def _crawl(page, live_server, start: str = "/") -> list[str]:
    """Visit the pages reachable by links from `start` (breadth first); return the paths."""
    queue, seen, visited = [start], {start}, []
    per_pattern: dict[str, int] = {}
    while queue and len(visited) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        try:
            response = page.goto(f"{live_server.url}{path}")
        except Exception as exc:  # a link to a file download aborts navigation
            if "Download is starting" in str(exc) or "ERR_ABORTED" in str(exc):
                continue
            raise
        assert response is not None and response.status < 500, f"{path} gave {response.status}"
        visited.append(path)
        for link in _same_site_links(page, live_server):
            if link in seen or _is_admin_detail(link):
                continue
            seen.add(link)
            pattern = _pattern(link)
            if per_pattern.get(pattern, 0) < PAGES_PER_PATTERN:
                per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
                queue.append(link)
    return visited


def test_the_policy_header_forbids_inline_scripts_and_styles(client, leader_a):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.e2e
def test_the_helper_sees_a_violation_when_a_page_breaks_the_policy(page, live_server, db):
    # Proves the check below can fail: an inline style added after load is refused and reported.
    page.goto(f"{live_server.url}{reverse('login')}")
    page.evaluate(
        "() => { const s = document.createElement('style'); s.textContent = 'p{}';"
        " document.head.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("style-src" in v for v in csp_violations(page))
    page._csp_violations.clear()  # provoked on purpose; the fixture fails journeys that keep one


@pytest.mark.e2e
def test_the_login_page_and_a_failed_login_meet_the_policy(page, live_server, leader_a):
    login(page, live_server, "leder_a", "forkert-kode")
    assert page.get_by_role("alert").is_visible()
    assert csp_violations(page) == []


@pytest.mark.e2e
@pytest.mark.parametrize(
    "role", ["administrator", "leader_a", "leader_b", "omu_member", "committee_member"]
)
def test_every_page_each_role_can_reach_meets_the_policy(page, live_server, standing_users, role):
    user = standing_users[role]
    login(page, live_server, user.username)
    visited = _crawl(page, live_server)
    assert any(path.startswith("/pejlemaerker/") for path in visited)
    if role == "administrator":
        assert "/admin/" in visited
    assert csp_violations(page) == [], f"CSP violations while visiting {visited}"
