"""Single sign-on against a fake Entra ID running in the test: groups become roles."""

import importlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.urls import clear_url_caches, reverse

from accounts import roles
from accounts.models import AuditEvent
from tests.security.fake_oidc import FakeIdentityProvider

ROOT = Path(__file__).resolve().parent.parent.parent
CLIENT_ID = "strategi-test-client"
CLIENT_SECRET = "hemmelig-klientnoegle"
GROUPS = {
    "11111111-aaaa": roles.ADMINISTRATOR,
    "22222222-bbbb": roles.LEADER,
    "33333333-cccc": roles.OMU_MEMBER,
    "44444444-dddd": roles.COMMITTEE_MEMBER,
}
User = get_user_model()


def _reload_urls() -> None:
    import socialomraade.urls

    importlib.reload(socialomraade.urls)
    clear_url_caches()


@pytest.fixture
def idp():
    provider = FakeIdentityProvider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    provider.user = {
        "sub": "entra-sub-1",
        "preferred_username": "Mette.Hansen@norddjurs.dk",
        "email": "mette.hansen@norddjurs.dk",
        "given_name": "Mette",
        "family_name": "Hansen",
        "groups": ["22222222-bbbb", "99999999-other"],
    }
    yield provider
    provider.stop()


@pytest.fixture
def sso(settings, idp, strategy_data):
    """Single sign-on switched on, as OIDC_RP_CLIENT_ID in the environment would."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_ROLE_GROUPS = GROUPS
    settings.LOGIN_REDIRECT_URL_FAILURE = "/konto/log-ind/?sso=fejl"
    for name, value in idp.endpoints().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        settings.AUTHENTICATION_BACKENDS[0],
        "accounts.oidc.RoleMappingOIDCBackend",
        *settings.AUTHENTICATION_BACKENDS[1:],
    ]
    _reload_urls()
    yield idp
    settings.OIDC_ENABLED = False
    _reload_urls()


def _sign_in(client, next_url: str = ""):
    """The browser's round trip: our app → the provider → our callback."""
    start = client.get(reverse("oidc_authentication_init"), {"next": next_url} if next_url else {})
    assert start.status_code == 302
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    callback = urlsplit(at_provider.headers["Location"])
    return client.get(callback.path, {k: v[0] for k, v in parse_qs(callback.query).items()})


def test_the_login_page_offers_microsoft_only_when_single_sign_on_is_on(client, sso):
    page = client.get(reverse("login"), {"next": "/tiltag/"}).content.decode()
    assert "Log ind med Microsoft" in page
    assert f'href="{reverse("oidc_authentication_init")}?next=/tiltag/"' in page
    assert 'name="password"' in page  # password login stays


def test_without_single_sign_on_there_is_no_button_and_no_route(client, db):
    assert "Log ind med Microsoft" not in client.get(reverse("login")).content.decode()
    assert client.get("/konto/sso/log-ind/").status_code == 404
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")


def test_the_sign_in_is_sent_to_the_provider_with_state_and_nonce(client, sso):
    start = client.get(reverse("oidc_authentication_init"))
    query = parse_qs(urlsplit(start["Location"]).query)
    assert start["Location"].startswith(f"{sso.url}/authorize?")
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"] == ["openid email profile"]
    assert query["state"] and query["nonce"]
    assert query["redirect_uri"] == ["http://testserver/konto/sso/retur/"]


def test_a_new_user_is_created_with_the_roles_of_their_groups(client, sso):
    response = _sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == resolve_url(settings.LOGIN_REDIRECT_URL)
    user = User.objects.get(username="mette.hansen@norddjurs.dk")
    assert (user.first_name, user.last_name, user.email) == (
        "Mette",
        "Hansen",
        "mette.hansen@norddjurs.dk",
    )
    assert list(user.groups.values_list("name", flat=True)) == [roles.LEADER]
    assert not user.has_usable_password() and not user.is_staff
    assert client.get(reverse("pages:overview")).status_code == 200
    login = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN)
    assert login.user == user and login.details["backend"] == "accounts.oidc.RoleMappingOIDCBackend"
    assert sso.token_requests[0]["client_secret"] == CLIENT_SECRET


def test_the_next_sign_in_brings_roles_in_line_with_the_provider(client, sso):
    _sign_in(client)
    client.post(reverse("logout"))
    sso.user["groups"] = ["11111111-aaaa", "33333333-cccc"]

    _sign_in(client, next_url="/sikkerhedslog/")

    user = User.objects.get(username="mette.hansen@norddjurs.dk")
    assert sorted(user.groups.values_list("name", flat=True)) == [
        roles.ADMINISTRATOR,
        roles.OMU_MEMBER,
    ]
    assert user.is_staff
    assert client.get("/sikkerhedslog/").status_code == 200
    changes = AuditEvent.objects.filter(kind=AuditEvent.Kind.ROLE_CHANGED, target=user.username)
    assert {e.details["change"] for e in changes} == {"group_added", "group_removed", "flags"}


def test_an_existing_local_account_with_the_same_name_is_used_not_duplicated(client, sso):
    existing = User.objects.create_user("mette.hansen@norddjurs.dk", password="lokal-kode-123")
    _sign_in(client)
    assert User.objects.filter(username__iexact="mette.hansen@norddjurs.dk").count() == 1
    assert client.session["_auth_user_id"] == str(existing.pk)


def test_someone_without_a_mapped_group_is_refused_with_a_danish_message(client, sso):
    sso.user["groups"] = ["99999999-other"]
    response = _sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/konto/log-ind/?sso=fejl"
    assert not User.objects.filter(username="mette.hansen@norddjurs.dk").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Log ind med Microsoft lykkedes ikke" in page


def test_a_deactivated_user_is_refused(client, sso):
    User.objects.create_user("mette.hansen@norddjurs.dk", is_active=False)
    response = _sign_in(client)
    assert response["Location"] == "/konto/log-ind/?sso=fejl"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "tampering",
    [{"aud": "another-client"}, {"iss": "https://evil.example/v2.0"}, {"nonce": "replayed"}],
)
def test_an_id_token_for_another_client_issuer_or_nonce_is_refused(client, sso, tampering):
    sso.id_token_overrides = tampering
    response = _sign_in(client)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(username="mette.hansen@norddjurs.dk").exists()


@pytest.mark.parametrize("name", ["oidc_authentication_init", "oidc_authentication_callback"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_sign_in_routes_answer_get_only(client, sso, name, method):
    # They are not in the URL matrix, which runs with single sign-on off.
    assert getattr(client, method)(reverse(name)).status_code == 405


def test_a_forged_callback_without_the_session_state_is_refused(client, sso):
    response = client.get(reverse("oidc_authentication_callback"), {"code": "x", "state": "y"})
    assert response.status_code in (302, 400)
    assert "_auth_user_id" not in client.session


# --- Configuration from the environment --------------------------------------------------------

PRINT_OIDC = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.OIDC_ENABLED, s.OIDC_OP_AUTHORIZATION_ENDPOINT, s.OIDC_OP_JWKS_ENDPOINT, "
    "s.OIDC_OP_ISSUER, s.OIDC_ROLE_GROUPS, s.AUTHENTICATION_BACKENDS[1])"
)


def _settings_with(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    return subprocess.run(
        [sys.executable, "-c", PRINT_OIDC],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "socialomraade.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_tenant_id_gives_the_entra_id_endpoints_and_the_role_mapping():
    result = _settings_with(
        OIDC_RP_CLIENT_ID="app-id",
        OIDC_RP_CLIENT_SECRET="secret",
        OIDC_TENANT_ID="tenant-42",
        OIDC_ROLE_GROUPS="g1=Administrator,g2=Leder",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ", 4)[:4] == [
        "True",
        "https://login.microsoftonline.com/tenant-42/oauth2/v2.0/authorize",
        "https://login.microsoftonline.com/tenant-42/discovery/v2.0/keys",
        "https://login.microsoftonline.com/tenant-42/v2.0",
    ]
    assert "{'g1': 'Administrator', 'g2': 'Leder'} accounts.oidc.RoleMappingOIDCBackend" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("env", "sentence"),
    [
        ({"OIDC_ROLE_GROUPS": "g1=Leder"}, "OIDC_RP_CLIENT_SECRET must be set"),
        (
            {"OIDC_RP_CLIENT_SECRET": "s", "OIDC_ROLE_GROUPS": "g1=Leder"},
            "Set OIDC_TENANT_ID or OIDC_OP_AUTHORIZATION_ENDPOINT",
        ),
        (
            {"OIDC_RP_CLIENT_SECRET": "s", "OIDC_TENANT_ID": "t", "OIDC_ROLE_GROUPS": "g1=Chef"},
            "OIDC_ROLE_GROUPS must map identity-provider group ids to the roles",
        ),
    ],
)
def test_an_incomplete_single_sign_on_setup_stops_start_up(env, sentence):
    result = _settings_with(OIDC_RP_CLIENT_ID="app-id", **env)
    assert result.returncode != 0
    assert sentence in result.stderr


def test_without_a_client_id_single_sign_on_is_off():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.OIDC_ENABLED, 'accounts.oidc.RoleMappingOIDCBackend' in "
            "s.AUTHENTICATION_BACKENDS)",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("OIDC_")},
            "DJANGO_SETTINGS_MODULE": "socialomraade.settings",
            "OIDC_TENANT_ID": "tenant-42",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
