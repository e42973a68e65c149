"""The read API: tokens, the public/internal boundary, bad input and query counts.

The scenario: the real strategy and Bilag 2, two closed half-years and an open one, two
initiatives with status in each, one published committee report and one OMU draft.
"""

import datetime
import hashlib
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create
from strategy.models import Objective, Unit
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

from tests.api.conftest import LEADER_NAME  # noqa: E402


def _token(data, scope: str, **kwargs) -> str:
    expires = kwargs.pop("expires_on", datetime.date(2099, 1, 1))
    return api_token_create(name=scope, scope=scope, expires_on=expires, user=data["admin"])[1]


def _get(path: str, token: str | None = None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client().get(f"/api/v1/{path}", params, **headers)


# --- Tokens -------------------------------------------------------------------------------------


def test_a_token_is_shown_once_stored_hashed_and_records_its_use(client, data):
    client.force_login(data["admin"])
    response = client.post(
        "/api-noegler/", {"name": "Power BI", "scope": "intern", "expires_on": "2027-01-31"}
    )
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("so_") and len(raw) > 40
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(name="Power BI")
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert raw not in client.get("/api-noegler/").content.decode()  # never shown again
    assert token.last_used_at is None
    assert _get("halvaar", raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_expired_malformed_or_unknown_token_gets_401_in_danish(client, data):
    revoked = _token(data, "intern")
    client.force_login(data["admin"])
    token = ApiToken.objects.get(digest=hashlib.sha256(revoked.encode()).hexdigest())
    assert client.post(f"/api-noegler/{token.pk}/tilbagekald/").status_code == 302
    expired = _token(data, "intern")
    ApiToken.objects.filter(digest=hashlib.sha256(expired.encode()).hexdigest()).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    cases = {
        revoked: "API-nøglen er tilbagekaldt.",
        expired: "API-nøglen er udløbet.",
        "so_findes-ikke": "Ukendt API-nøgle.",
    }
    for raw, message in cases.items():
        response = _get("tiltag", raw)
        assert (response.status_code, response.json()) == (401, {"detail": message})
    malformed = Client().get("/api/v1/tiltag", HTTP_AUTHORIZATION="Token abc")
    assert malformed.status_code == 401
    assert "Authorization: Bearer" in malformed.json()["detail"]
    history = [row.history_type for row in ApiToken.history.filter(id=token.pk)]
    assert sorted(history) == ["+", "~"]  # created, then revoked, both in the history


def test_a_tokens_last_use_is_written_at_most_once_a_minute(data):
    """A BI tool polling many times a second costs no write per call: "last used" is kept to
    the minute."""
    raw = _token(data, "intern")
    token = ApiToken.objects.get(digest=hashlib.sha256(raw.encode()).hexdigest())
    recent = timezone.now() - datetime.timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    assert _get("halvaar", raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == recent  # used 30 seconds ago: not written again
    old = timezone.now() - datetime.timedelta(seconds=61)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=old)
    assert _get("halvaar", raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > old + datetime.timedelta(seconds=60)


def test_the_token_form_refuses_a_past_or_distant_expiry(client, data):
    client.force_login(data["admin"])
    for day, message in [
        ("2020-01-01", "Udløbsdatoen skal ligge efter i dag."),
        ("2099-01-01", "En nøgle kan højst gælde et år."),
    ]:
        response = client.post("/api-noegler/", {"name": "x", "scope": "intern", "expires_on": day})
        assert response.status_code == 422
        html = response.content.decode()
        assert message in html
        # The hint and the message are linked to the input by Django's own ids (a field group).
        assert '<ul class="errorlist" id="id_expires_on_error">' in html
        assert '<p class="help" id="id_expires_on_helptext">Højst et år frem.</p>' in html
        assert 'aria-describedby="id_expires_on_helptext id_expires_on_error"' in html
    assert not ApiToken.objects.exists()


def test_each_token_has_a_budget_and_gets_429_with_retry_after(data, settings):
    settings.API_RATE_LIMIT = "3/min"
    raw = _token(data, "offentlig")
    assert [_get("enheder", raw).status_code for _ in range(3)] == [200, 200, 200]
    response = _get("enheder", raw)
    assert response.status_code == 429
    assert response.json() == {"detail": "For mange kald. Vent lidt, og prøv igen."}
    assert 1 <= int(response["Retry-After"]) <= 60
    assert _get("enheder", _token(data, "offentlig")).status_code == 200  # another token


def test_the_budget_counts_calls_in_a_window_that_starts_at_the_first_call(data, settings):
    """The counter in Redis: the fourth call of a 3/min budget is refused with the seconds
    left of the window, and the window's key has an expiry (it cannot count for ever)."""
    from django.core.cache import cache

    from api.auth import _count_call

    cache.delete("api_calls_test")
    counts = [_count_call("api_calls_test", 60) for _ in range(4)]
    assert [calls for calls, _left in counts] == [1, 2, 3, 4]
    assert all(58 < left <= 60 for _calls, left in counts)
    key = cache.make_and_validate_key("api_calls_test")
    assert 58_000 < cache._cache.get_client(key).pttl(key) <= 60_000


def test_the_budget_also_counts_without_redis(data, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from api.auth import _count_call

    counts = [_count_call("api_calls_local", 60) for _ in range(3)]
    assert [calls for calls, _left in counts] == [1, 2, 3]
    assert all(58 < left <= 60 for _calls, left in counts)


def test_every_call_is_logged_without_the_token(data, caplog):
    raw = _token(data, "intern")
    with caplog.at_level("INFO", logger="socialomraade.api"):
        _get("tiltag", raw, page_size=1)
    lines = [r.getMessage() for r in caplog.records if r.name == "socialomraade.api"]
    assert any(
        line.startswith("api_call method=GET path=/api/v1/tiltag status=200") for line in lines
    )
    assert not any(raw in line or raw[:12] in line for line in lines)


# --- The boundary -----------------------------------------------------------------------------


def test_a_public_token_sees_closed_half_years_and_no_personal_data(data):
    raw = _token(data, "offentlig")
    periods = _get("halvaar", raw).json()
    assert [p["name"] for p in periods] == ["1. halvår 2026", "2. halvår 2025"]
    statuses = _get("status", raw).json()
    assert statuses["count"] == 4  # 2 initiatives × 2 closed half-years, the open one left out
    assert {s["half_year"] for s in statuses["items"]} == {data["closed"].pk, data["older"].pk}
    assert {s["next_steps"] for s in statuses["items"]} == {None}
    reports = _get("rapporter", raw).json()
    assert [(r["audience"], r["stage"]) for r in reports] == [("committee", "published")]


def test_an_internal_token_sees_what_an_omu_member_sees(data):
    raw = _token(data, "intern")
    periods = _get("halvaar", raw).json()
    assert [p["name"] for p in periods] == ["2. halvår 2026", "1. halvår 2026", "2. halvår 2025"]
    statuses = _get("status", raw, halvaar=data["open"].pk).json()
    assert statuses["count"] == 2
    assert {s["next_steps"] for s in statuses["items"]} == {"Intern arbejdsnote."}
    assert len(_get("rapporter", raw).json()) == 2


def test_no_public_response_carries_a_person(data):
    raw = _token(data, "offentlig")
    paths = ["strategi", "pejlemaerker", "enheder", "halvaar", "tiltag", "status", "personale"]
    paths += [f"personale/{data['snapshot'].pk}", "rapporter"]
    paths += [f"tiltag/{i.pk}" for i in data["initiatives"]]
    paths += ["indikatorer", f"indikatorer/{data['indicator'].pk}"]
    for path in paths:
        response = _get(path, raw)
        assert response.status_code == 200, path
        body = response.content.decode("unicode_escape")
        for personal in [LEADER_NAME, "Birte", "birte", "Lederlund", data["admin"].username]:
            assert personal not in body, (path, personal)
        for key in ['"author"', '"user"', '"leaders"', '"requested_by"', '"comment']:
            assert key not in body, (path, key)


def test_public_staffing_hides_what_the_committee_pdf_hides(data):
    public = _get(f"personale/{data['snapshot'].pk}", _token(data, "offentlig")).json()
    internal = _get(f"personale/{data['snapshot'].pk}", _token(data, "intern")).json()
    hidden = [c for row in public["rows"] for c in [*row["cells"], row["total"]] if c["suppressed"]]
    hidden += [a[k] for a in public["areas"] for k in ("total", "trained") if a[k]["suppressed"]]
    # Bilag 2 has 19 hidden figures in the committee's version (tests/staffing/test_suppression).
    assert len(hidden) == 19
    assert {(c["fte"], c["share"]) for c in hidden} == {(None, None)}
    assert public["suppressed_up_to"] == 1.0 and internal["suppressed_up_to"] is None
    ørum = next(a for a in internal["areas"] if a["name"] == "Område Ørum")
    assert ørum["total"] == {"fte": 53.49, "share": 100.0, "suppressed": False}
    other = next(r for r in internal["rows"] if r["group"] == "Øvrigt personale")
    column = [a["name"] for a in internal["areas"]].index("Område Ørum")
    assert other["cells"][column] == {"fte": 6.22, "share": 11.63, "suppressed": False}


def test_anonymous_callers_are_refused_unless_the_public_page_is_on(data, settings):
    response = _get("tiltag")
    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Log ind, eller send en API-nøgle."},
    )
    settings.PUBLIC_STATUS_PAGE = True
    assert _get("status").json()["count"] == 4


# --- Bad input ----------------------------------------------------------------------------------


def test_every_route_refuses_an_unknown_parameter_in_danish(data):
    raw = _token(data, "intern")
    schema = Client().get("/api/v1/openapi.json").json()
    routes = [p.replace("/api/v1/", "") for p in schema["paths"]]
    assert len(routes) == 13
    indicator = data["indicator"]
    for route in routes:
        path = route.format(
            initiative_id=data["initiatives"][0].pk,
            snapshot_id=data["snapshot"].pk,
            indicator_id=indicator.pk,
            report_id=1,  # parameters are checked before the report is looked up
        )
        response = _get(path, raw, pejlemarke=2)
        assert response.status_code == 400, route
        assert response.json() == {"detail": "Ukendt parameter: pejlemarke."}, route


@pytest.mark.parametrize(
    ("path", "params", "status", "detail"),
    [
        # 2 initiatives, 50 a page: one page.
        (
            "tiltag",
            {"page": 99},
            404,
            "Side 99 findes ikke: der er 2 rækker i alt, 50 pr. side, så siderne går fra 1 til 1.",
        ),
        (
            "tiltag",
            {"page": 2, "page_size": 1},
            200,
            None,
        ),
        (
            "tiltag",
            {"page": 3, "page_size": 1},
            404,
            "Side 3 findes ikke: der er 2 rækker i alt, 1 pr. side, så siderne går fra 1 til 2.",
        ),
        (
            "tiltag",
            {"page": 0},
            400,
            "Ugyldig værdi for page: skal være et helt tal fra 1 til 100.000.",
        ),
        (
            "tiltag",
            {"page_size": 501},
            400,
            "Ugyldig værdi for page_size: skal være et helt tal fra 1 til 500.",
        ),
        (
            "tiltag",
            {"pejlemaerke": "to"},
            400,
            "Ugyldig værdi for pejlemaerke: skal være et helt tal fra 1 til 99.",
        ),
        (
            "status",
            {"halvaar": "-1"},
            400,
            "Ugyldig værdi for halvaar: skal være et helt tal, mindst 1.",
        ),
        ("tiltag/999999", {}, 404, "Findes ikke."),
    ],
)
def test_bad_input_gets_a_4xx_with_a_danish_body(data, path, params, status, detail):
    response = _get(path, _token(data, "intern"), **params)
    assert response.status_code == status
    if detail is not None:
        assert response.json() == {"detail": detail}


def test_lists_cost_the_same_queries_whatever_the_page_size(data, django_assert_max_num_queries):
    raw = _token(data, "intern")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    assert _get("halvaar", raw).status_code == 200  # the token's first use is written here
    for path in ["tiltag", "status"]:
        for size in (1, 50):
            with CaptureQueriesContext(connection) as queries:
                assert _get(path, raw, page_size=size).status_code == 200
            counts[(path, size)] = len(queries)
    assert counts[("tiltag", 1)] == counts[("tiltag", 50)]
    assert counts[("status", 1)] == counts[("status", 50)]
    assert max(counts.values()) <= 10


def test_indicators_give_public_callers_the_closed_half_years_values_only(data):
    public = _get(f"indikatorer/{data['indicator'].pk}", _token(data, "offentlig")).json()
    internal = _get(f"indikatorer/{data['indicator'].pk}", _token(data, "intern")).json()
    assert [(m["label"], m["value"]) for m in public["measurements"]] == [
        ("2. halvår 2025", 12.5),
        ("1. halvår 2026", 11.25),
    ]
    assert [m["value"] for m in internal["measurements"]] == [12.5, 11.25, 10.0]
    assert (public["unit"], public["direction"], public["objectives"]) == ("days", "lower", ["2.1"])


# --- Answers kept under the data stamp ----------------------------------------------------------


def test_a_repeated_call_is_answered_from_the_cache_with_the_same_body(data):
    """The second call for the same page of the same data costs the caller check and the
    stamp only, whatever the page size; the body is byte for byte the first one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    raw = _token(data, "intern")
    first = _get("tiltag", raw, page_size=50)
    with CaptureQueriesContext(connection) as queries:
        second = _get("tiltag", raw, page_size=50)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == "application/json; charset=utf-8"
    # The token's lookup and the data stamp (its last use was written by the first call).
    assert len(queries) == 2, [q["sql"] for q in queries]


def test_without_the_answer_cache_every_call_does_the_full_work(data, settings):
    """API_ANSWER_CACHE=false (the benchmark's cold rows): the same body, from the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    raw = _token(data, "intern")
    first = _get("tiltag", raw, page_size=50)
    settings.API_ANSWER_CACHE = False
    with CaptureQueriesContext(connection) as queries:
        second = _get("tiltag", raw, page_size=50)
    assert second.content == first.content
    # The token, the half-year, the count, the page and its two prefetches (no stamp: no key).
    assert len(queries) == 6, [q["sql"] for q in queries]


def test_a_change_to_the_data_is_in_the_next_answer(data):
    from initiatives.models import Initiative

    raw = _token(data, "intern")
    titles = {i["title"] for i in _get("tiltag", raw).json()["items"]}
    assert titles == {"Tiltag 0", "Tiltag 1"}
    Initiative.objects.filter(title="Tiltag 0").update(title="Tiltag nul")
    titles = {i["title"] for i in _get("tiltag", raw).json()["items"]}
    assert titles == {"Tiltag nul", "Tiltag 1"}


def test_a_kept_answer_never_crosses_the_boundary(data):
    """A public caller asks first, then an internal one the same address, and back: each
    gets its own side's answer (next steps for the internal caller only)."""
    public, internal = _token(data, "offentlig"), _token(data, "intern")
    for _round in range(2):
        public_steps = {s["next_steps"] for s in _get("status", public).json()["items"]}
        internal_steps = {s["next_steps"] for s in _get("status", internal).json()["items"]}
        assert public_steps == {None}
        assert internal_steps == {"Intern arbejdsnote."}


def test_a_kept_answer_still_passes_the_token_check_and_the_throttle(data, settings):
    raw = _token(data, "intern")
    assert _get("tiltag", raw).status_code == 200
    token = ApiToken.objects.get(digest=hashlib.sha256(raw.encode()).hexdigest())
    token.revoked_at = timezone.now()
    token.save()
    assert _get("tiltag", raw).status_code == 401
    settings.API_RATE_LIMIT = "1/min"
    other = _token(data, "intern")
    assert _get("tiltag", other).status_code == 200
    assert _get("tiltag", other).status_code == 429


def test_a_report_pdf_comes_with_the_same_key_within_the_same_boundary(data):
    """The list links each PDF to the API's own PDF route: a public key fetches a published
    committee report's PDF, and never an OMU draft, which an internal key can fetch."""
    from django.core.files.base import ContentFile

    from reports.models import Audience, Report

    published = Report(
        period=data["closed"],
        audience=Audience.COMMITTEE,
        version=2,
        stage=Report.Stage.PUBLISHED,
        status=Report.Status.DONE,
        sha256="a" * 64,
        requested_by=data["admin"],
    )
    published.file.save("udvalg.pdf", ContentFile(b"%PDF-1.7 udvalget"), save=False)
    published.save()
    draft = Report(
        period=data["closed"],
        audience=Audience.OMU,
        version=2,
        stage=Report.Stage.DRAFT,
        status=Report.Status.DONE,
        sha256="b" * 64,
        requested_by=data["admin"],
    )
    draft.file.save("omu.pdf", ContentFile(b"%PDF-1.7 OMU"), save=False)
    draft.save()
    public, internal = _token(data, "offentlig"), _token(data, "intern")
    links = {r["id"]: r["pdf"] for r in _get("rapporter", public).json()}
    assert links[published.pk] == f"http://testserver/api/v1/rapporter/{published.pk}/pdf"
    assert draft.pk not in links
    pdf = _get(f"rapporter/{published.pk}/pdf", public)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == b"%PDF-1.7 udvalget"
    assert _get(f"rapporter/{draft.pk}/pdf", public).status_code == 404
    assert _get(f"rapporter/{draft.pk}/pdf", internal).status_code == 200


def test_a_process_keeps_the_latest_answers_in_memory_too_within_its_bounds():
    """The store in front of Redis: least recently used out first, by count and by bytes."""
    from api.setup import _NearAnswers

    near = _NearAnswers(entries=2, size=40)
    near.set("a", (b"1" * 10, "application/json"))
    near.set("b", (b"2" * 10, "application/json"))
    assert near.get("a") == (b"1" * 10, "application/json")  # now "b" is the oldest
    near.set("c", (b"3" * 10, "application/json"))
    assert (near.get("a"), near.get("b"), near.get("c")) == (
        (b"1" * 10, "application/json"),
        None,
        (b"3" * 10, "application/json"),
    )
    near.set("big", (b"4" * 11, "application/json"))  # over a quarter of the bytes: not kept
    assert near.get("big") is None
    near = _NearAnswers(entries=10, size=40)
    for name in "defgh":
        near.set(name, (b"5" * 10, "application/json"))
    assert [near.get(name) is not None for name in "defgh"] == [False, True, True, True, True]


def test_an_answer_kept_in_memory_is_served_when_redis_has_lost_it(data):
    """The second call gets the first's body from the process's memory, even after Redis was
    emptied; a change to the data still shows at once (the key holds the data stamp)."""
    from django.core.cache import cache

    from initiatives.models import Initiative

    raw = _token(data, "intern")
    first = _get("tiltag", raw)
    cache.clear()
    second = _get("tiltag", raw)
    assert second.content == first.content
    Initiative.objects.filter(title="Tiltag 1").update(title="Tiltag et")
    titles = {i["title"] for i in _get("tiltag", raw).json()["items"]}
    assert titles == {"Tiltag 0", "Tiltag et"}


def test_the_schema_has_no_duplicate_keys_so_the_docs_page_can_read_it(client, data):
    """Swagger UI reads the schema with a YAML parser, which refuses a key given twice (the
    PDF route's 200 once came both as 200 and as "200", and the docs page showed no routes)."""
    client.force_login(data["admin"])
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200

    def no_duplicates(pairs):
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    schema = json.loads(response.content, object_pairs_hook=no_duplicates)
    pdf = schema["paths"]["/api/v1/rapporter/{report_id}/pdf"]["get"]["responses"]
    assert list(pdf) == ["200", "400", "401", "404", "429"]
    assert list(pdf["200"]["content"]) == ["application/pdf"]


def test_the_docs_page_is_danish_with_a_heading_and_the_apps_own_files(client, data):
    client.force_login(data["admin"])
    html = client.get("/api/v1/docs").content.decode()
    assert '<html lang="da">' in html
    assert "<h1>API-dokumentation: Strategi for Socialområdet</h1>" in html
    assert '<main id="main">' in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/css/api-docs.css" in html
    assert "/static/js/api-docs.js" in html
    assert "cdn" not in html.lower()


# --- Revoking a token: a confirmation step without JavaScript -------------------------------------


def test_revoking_a_token_asks_first_on_a_page_and_revokes_on_the_confirmed_post(data):
    raw = _token(data, "intern")
    token = ApiToken.objects.get(digest=hashlib.sha256(raw.encode()).hexdigest())
    client = Client(enforce_csrf_checks=True)
    client.force_login(data["admin"])
    url = f"/api-noegler/{token.pk}/tilbagekald/"

    listing = client.get("/api-noegler/").content.decode()
    assert f'href="{url}"' in listing  # the list links to the step, it does not revoke
    assert f'action="{url}"' not in listing

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Bekræft: tilbagekald intern</h1>" in html
    assert f'<form method="post" action="{url}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    token.refresh_from_db()
    assert token.revoked_at is None  # asking revokes nothing
    assert _get("halvaar", raw).status_code == 200

    assert client.post(url).status_code == 403  # no CSRF token
    token.refresh_from_db()
    assert token.revoked_at is None

    csrf = client.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": csrf})
    assert (response.status_code, response["Location"]) == (302, "/api-noegler/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _get("halvaar", raw).status_code == 401

    again = client.get(url, follow=True)
    assert again.redirect_chain == [("/api-noegler/", 302)]
    assert "Nøglen ”intern” er allerede tilbagekaldt." in again.content.decode()


def test_only_an_administrator_sees_the_revocation_step(client, data):
    raw = _token(data, "intern")
    token = ApiToken.objects.get(digest=hashlib.sha256(raw.encode()).hexdigest())
    leader = get_user_model().objects.get(username="birte")
    client.force_login(leader)
    assert client.get(f"/api-noegler/{token.pk}/tilbagekald/").status_code == 403


# --- Archived initiatives: the list is the web list's -------------------------------------------


def _archive_third(data):
    """A third initiative next to the scenario's two, archived today (after the closed
    half-years closed, before the open one does)."""
    from initiatives.services import initiative_archive
    from tests.initiatives.factories import InitiativeFactory

    third = InitiativeFactory(title="Tiltag 2")
    initiative_archive(initiative=third, reason="Lagt sammen med Tiltag 1.", author=data["admin"])
    return third


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [i["title"] for i in response.json()["items"]]


def test_the_initiative_list_leaves_archived_ones_out_unless_asked(data):
    _archive_third(data)
    raw = _token(data, "intern")
    # The open half-year's plan, as the web list shows it: 3 initiatives, 1 archived.
    assert _titles(_get("tiltag", raw)) == ["Tiltag 0", "Tiltag 1"]
    assert _titles(_get("tiltag", raw, arkiveret="false")) == ["Tiltag 0", "Tiltag 1"]
    assert _titles(_get("tiltag", raw, arkiveret="true")) == ["Tiltag 2"]
    assert _titles(_get("tiltag", raw, arkiveret="alle")) == ["Tiltag 0", "Tiltag 1", "Tiltag 2"]
    response = _get("tiltag", raw, arkiveret="ja")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Ugyldig værdi for arkiveret: tilladte værdier: false, true, alle."},
    )


def test_a_public_caller_sees_the_plan_of_the_last_closed_half_year(data):
    """1. halvår 2026 closed on 30 June 2026, before the archive: there the archived
    initiative still counts (in_plan_q), as in the committee's web list of that half-year."""
    _archive_third(data)
    raw = _token(data, "offentlig")
    assert _titles(_get("tiltag", raw)) == ["Tiltag 0", "Tiltag 1", "Tiltag 2"]
    assert _titles(_get("tiltag", raw, arkiveret="true")) == ["Tiltag 2"]


def test_an_initiative_carries_its_archive_date_and_reason_but_not_who_archived(data):
    third = _archive_third(data)
    for scope in ("intern", "offentlig"):
        raw = _token(data, scope)
        items = {i["title"]: i for i in _get("tiltag", raw, arkiveret="alle").json()["items"]}
        today = timezone.localdate().isoformat()
        assert (items["Tiltag 2"]["archived"], items["Tiltag 2"]["archive_reason"]) == (
            today,
            "Lagt sammen med Tiltag 1.",
        )
        assert (items["Tiltag 0"]["archived"], items["Tiltag 0"]["archive_reason"]) == (None, "")
        detail = _get(f"tiltag/{third.pk}", raw)
        assert detail.status_code == 200
        assert detail.json()["archived"] == today
        body = detail.content.decode("unicode_escape")
        for personal in [data["admin"].username, "archived_by", '"user"']:
            assert personal not in body, (scope, personal)


def test_archiving_moves_the_data_stamp_so_the_kept_list_answer_changes(data):
    from core.change_stamp import data_stamp
    from initiatives.services import initiative_archive, initiative_unarchive

    raw = _token(data, "intern")
    assert _titles(_get("tiltag", raw)) == ["Tiltag 0", "Tiltag 1"]
    first = data["initiatives"][0]
    stamp = data_stamp()
    initiative_archive(initiative=first, reason="Afløst af Tiltag 1.", author=data["admin"])
    assert data_stamp() != stamp
    assert _titles(_get("tiltag", raw)) == ["Tiltag 1"]
    assert _titles(_get("tiltag", raw, arkiveret="true")) == ["Tiltag 0"]
    initiative_unarchive(initiative=first, reason="Genoptaget.", author=data["admin"])
    assert _titles(_get("tiltag", raw)) == ["Tiltag 0", "Tiltag 1"]


def test_the_unit_and_theme_filters_are_the_web_lists_and_name_the_responsible_unit(data, client):
    """enhed: what the unit or a unit under it is responsible for or takes part in, as the web
    list's "Enhed" filter (one definition, InitiativeQuerySet.for_unit)."""
    grenaa = Unit.objects.get(name="Område Grenå")
    skovstjernen = Unit.objects.get(name="Skovstjernen")  # under Område Grenå
    oerum = Unit.objects.get(name="Område Ørum")
    objective = Objective.objects.get(theme__number=3, number=1)
    InitiativeFactory(
        title="Skovstjernens eget", responsible_unit=skovstjernen, objectives=[objective]
    )
    InitiativeFactory(title="Ørums med Grenå", responsible_unit=oerum, units=[grenaa])
    InitiativeFactory(title="Ørums eget", responsible_unit=oerum, objectives=[objective])
    raw = _token(data, "intern")
    expected = ["Skovstjernens eget", "Tiltag 0", "Tiltag 1", "Ørums med Grenå"]
    assert sorted(_titles(_get("tiltag", raw, enhed=grenaa.pk, arkiveret="alle"))) == expected
    assert sorted(_titles(_get("tiltag", raw, pejlemaerke=3, arkiveret="alle"))) == [
        "Skovstjernens eget",
        "Ørums eget",
    ]
    client.force_login(data["admin"])
    page = client.get("/tiltag/", {"unit": grenaa.pk})
    assert sorted(i.title for i in page.context["page"].object_list) == expected
    items = {i["title"]: i for i in _get("tiltag", raw, arkiveret="alle").json()["items"]}
    assert (items["Ørums med Grenå"]["responsible_unit"], items["Ørums med Grenå"]["units"]) == (
        oerum.pk,
        [grenaa.pk],
    )


def test_issuing_and_revoking_a_token_is_in_the_security_log_without_the_token(client, data):
    from accounts.models import AuditEvent

    client.force_login(data["admin"])
    response = client.post(
        "/api-noegler/", {"name": "Power BI", "scope": "intern", "expires_on": "2027-01-31"}
    )
    raw = response.context["new_token"]
    token = ApiToken.objects.get(name="Power BI")
    assert client.post(f"/api-noegler/{token.pk}/tilbagekald/").status_code == 302
    rows = AuditEvent.objects.filter(kind="api_token").order_by("created_at", "pk")
    assert [(r.username, r.target, r.details) for r in rows] == [
        (
            data["admin"].username,
            f"Power BI ({raw[:8]}…)",
            {"action": action, "scope": "intern", "expires": "2027-01-31"},
        )
        for action in ("created", "revoked")
    ]
    assert raw not in json.dumps(list(AuditEvent.objects.values()), default=str)
    assert "API-nøgle oprettet eller tilbagekaldt" in client.get("/sikkerhedslog/").content.decode()


def test_after_a_key_is_made_the_form_keeps_its_default_expiry_and_offers_a_copy_button(
    client, data
):
    """The default expiry is 90 days from today, before and after a key is made."""
    client.force_login(data["admin"])
    default = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    before = client.get("/api-noegler/").content.decode()
    assert f'name="expires_on" value="{default}"' in before
    response = client.post(
        "/api-noegler/", {"name": "Qlik", "scope": "offentlig", "expires_on": "2027-01-31"}
    )
    html = response.content.decode()
    assert f'name="expires_on" value="{default}"' in html
    assert (
        '<button type="button" class="button" data-copy-from="new-token" '
        'data-copied-to="copy-result" hidden>Kopiér nøglen</button>'
    ) in html
    assert "js/copy-token.js" in html
    assert "js/copy-token.js" not in before  # only where a key is shown


def test_every_code_valued_field_also_gives_its_danish_label_and_the_code_stays(data):
    raw = _token(data, "intern")
    statuses = _get("status", raw, halvaar=data["open"].pk).json()["items"]
    assert {
        (s["traffic_light"], s["traffic_light_label"], s["lifecycle"], s["lifecycle_label"])
        for s in statuses
    } == {("red", "Forsinket – kræver handling", "in_progress", "I gang")}
    older = _get("status", raw, halvaar=data["older"].pk).json()["items"]
    assert {(s["traffic_light"], s["traffic_light_label"]) for s in older} == {("yellow", "Risiko")}
    initiative = _get(f"tiltag/{data['initiatives'][0].pk}", raw).json()
    assert (initiative["lifecycle"], initiative["lifecycle_label"]) == ("in_progress", "I gang")
    periods = _get("halvaar", raw).json()
    assert [(p["state"], p["state_label"]) for p in periods] == [
        ("open", "Åben"),
        ("closed", "Lukket"),
        ("closed", "Lukket"),
    ]
    reports = _get("rapporter", raw).json()
    assert sorted((r["audience_label"], r["stage_label"]) for r in reports) == [
        ("OMU", "Kladde"),
        ("Udvalget", "Offentliggjort for udvalget"),
    ]
    units = {u["name"]: (u["kind"], u["kind_label"]) for u in _get("enheder", raw).json()}
    assert units["Område Grenå"] == ("area", "Område")
    indicator = _get(f"indikatorer/{data['indicator'].pk}", raw).json()
    assert (indicator["unit"], indicator["unit_label"]) == ("days", "dage")
    assert (indicator["direction"], indicator["direction_label"]) == ("lower", "Lavere er bedre")
    assert indicator["status_label"] == "Ingen data"  # no target: status no_data


def test_the_schema_describes_the_labels(data):
    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schema["StatusOut"]["properties"]["traffic_light_label"]["description"] == (
        'Trafiklyset, som appen skriver det: "Forsinket – kræver handling".'
    )
    for name, field in [
        ("StatusOut", "lifecycle_label"),
        ("InitiativeOut", "lifecycle_label"),
        ("PeriodOut", "state_label"),
        ("ReportOut", "stage_label"),
        ("ReportOut", "audience_label"),
        ("UnitOut", "kind_label"),
        ("IndicatorOut", "status_label"),
        ("IndicatorOut", "unit_label"),
        ("IndicatorOut", "direction_label"),
    ]:
        assert field in schema[name]["required"], (name, field)


def test_the_half_years_give_their_deadline_and_state(data):
    """The factory's deadlines: 15 June for a first half, 15 December for a second."""
    answer = _get("halvaar", _token(data, "intern")).json()
    assert [(p["name"], p["deadline"], p["state"]) for p in answer] == [
        ("2. halvår 2026", "2026-12-15", "open"),
        ("1. halvår 2026", "2026-06-15", "closed"),
        ("2. halvår 2025", "2025-12-15", "closed"),
    ]


def test_the_initiative_list_gives_each_state_in_a_half_year_missing_included(data):
    """In 2. halvår 2025 both initiatives were yellow; a third initiative, added with no
    update, is missing in the open half-year; without halvaar no state is given."""
    raw = _token(data, "intern")
    grenaa = Unit.objects.get(name="Område Grenå")
    InitiativeFactory(title="Tiltag uden status", units=[grenaa])
    from initiatives.models import Period

    older = Period.objects.get(year=2025, half=2)
    open_ = Period.objects.get(year=2026, half=2)
    states = {i["title"]: i["state"] for i in _get("tiltag", raw, halvaar=older.pk).json()["items"]}
    assert states == {"Tiltag 0": "yellow", "Tiltag 1": "yellow", "Tiltag uden status": "mangler"}
    states = {i["title"]: i["state"] for i in _get("tiltag", raw, halvaar=open_.pk).json()["items"]}
    assert states == {"Tiltag 0": "red", "Tiltag 1": "red", "Tiltag uden status": "mangler"}
    assert {i["state"] for i in _get("tiltag", raw).json()["items"]} == {None}


def test_a_public_caller_cannot_ask_for_the_open_half_year(data):
    from initiatives.models import Period

    open_ = Period.objects.get(year=2026, half=2)
    response = _get("tiltag", _token(data, "offentlig"), halvaar=open_.pk)
    assert response.status_code == 404
