"""SAML 2.0 login against a local identity provider (pysaml2's Server, built in the test,
offline): the app's signed request, a signed and encrypted assertion accepted, and each bad
answer refused in Danish with nothing changed."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from strategy.models import Unit
from tests.security.local_saml_idp import (
    EMAIL,
    OTHER_SP_ENTITY_ID,
    ROLES,
    SP_ENTITY_ID,
    UNITS,
    LocalIdentityProvider,
    encode,
    make_keypair,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def idp(settings, tmp_path, strategy_data) -> LocalIdentityProvider:
    """SAML switched on as the environment would (docs/login.md), and an IdP that trusts us."""
    provider = LocalIdentityProvider.create(tmp_path)
    sp_key, sp_cert = make_keypair(tmp_path, "sp")
    settings.SAML_ENABLED = True
    settings.SAML_SP_ENTITY_ID = SP_ENTITY_ID
    settings.SAML_IDP_METADATA_FILE = str(provider.metadata_file)
    settings.SAML_SP_KEY_FILE = str(sp_key)
    settings.SAML_SP_CERT_FILE = str(sp_cert)
    settings.SITE_URL = "http://testserver"
    settings.SAML_ALLOWED_HOSTS = ["testserver"]
    settings.SAML_ATTRIBUTE_MAPPING = {EMAIL: ("username", "email")}
    settings.SAML_ROLE_ATTRIBUTE = ROLES
    settings.SAML_ROLE_MAP = {"leder": "Leder", "omu": "OMU-medlem"}
    settings.SAML_UNIT_ATTRIBUTE = UNITS
    settings.SAML_UNIT_MAP = {"ou-socialpsykiatri": "Socialpsykiatri", "ou-oerum": "Område Ørum"}
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "strategy.directory.RoleMappingSaml2Backend",
        "rules.permissions.ObjectPermissionBackend",
        "accounts.backends.StaffModelBackend",
    ]
    metadata = Client().get(reverse("saml2_metadata"))
    assert metadata.status_code == 200
    provider.trust(metadata.content.decode())
    return provider


def _start(client: Client, idp: LocalIdentityProvider):
    start = client.get(reverse("saml2_login"), {"next": "/mine-tiltag/"})
    assert start.status_code == 302
    request, query = idp.receive(start["Location"])
    return request, query


def _post(client: Client, xml: str, relay_state: str = ""):
    data = {"SAMLResponse": encode(xml)}
    if relay_state:
        data["RelayState"] = relay_state  # the IdP posts back what the request carried
    return client.post(reverse("saml2_acs"), data)


def _refusals() -> list[str]:
    return list(
        AuditEvent.objects.filter(kind="login_failed", username="saml").values_list(
            "details__reason", flat=True
        )
    )


def test_the_metadata_is_at_a_stable_url_with_signing_and_encryption_keys(idp):
    xml = Client().get("/konto/saml/metadata/").content.decode()
    assert f'entityID="{SP_ENTITY_ID}"' in xml
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert 'use="signing"' in xml and 'use="encryption"' in xml
    assert "http://testserver/konto/saml/acs/" in xml


def test_a_signed_request_and_a_signed_encrypted_assertion_log_a_leader_in(idp):
    client = Client()
    request, query = _start(client, idp)
    # The request is signed (the IdP checked the signature while parsing it).
    assert query["SigAlg"] == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    xml = idp.respond(request)
    assert "EncryptedAssertion" in xml and "sara@norddjurs.dk" not in xml
    response = _post(client, xml, query["RelayState"])
    assert response.status_code == 302
    assert response["Location"] == "/mine-tiltag/"
    person = User.objects.get(username="sara@norddjurs.dk")
    assert person.email == "sara@norddjurs.dk"
    assert list(person.groups.values_list("name", flat=True)) == ["Leder"]
    assert list(person.led_units.values_list("name", flat=True)) == ["Socialpsykiatri"]
    page = client.get("/mine-tiltag/").content.decode()
    assert "Du er leder af Socialpsykiatri." in page
    assert AuditEvent.objects.filter(kind="login", username="sara@norddjurs.dk").count() == 1


def test_a_removed_role_and_unit_are_removed_at_the_next_login_and_audited(idp):
    first = Client()
    request, _ = _start(first, idp)
    _post(
        first,
        idp.respond(request, roles=("leder", "omu"), units=("ou-socialpsykiatri", "ou-oerum")),
    )
    person = User.objects.get(username="sara@norddjurs.dk")
    assert set(person.led_units.values_list("name", flat=True)) == {
        "Socialpsykiatri",
        "Område Ørum",
    }
    second = Client()
    request, _ = _start(second, idp)
    assert (
        _post(second, idp.respond(request, roles=("leder",), units=("ou-oerum",))).status_code
        == 302
    )
    assert list(person.groups.values_list("name", flat=True)) == ["Leder"]
    assert list(person.led_units.values_list("name", flat=True)) == ["Område Ørum"]
    removed = set(
        AuditEvent.objects.filter(
            kind="role_changed", target="sara@norddjurs.dk", details__change__endswith="_removed"
        ).values_list("details__change", "details__group", "details__unit")
    )
    assert removed == {
        ("group_removed", "OMU-medlem", None),
        ("leader_removed", None, "Socialpsykiatri"),
    }


def test_a_tampered_signature_is_refused(idp):
    client = Client()
    request, _ = _start(client, idp)
    xml = idp.respond(request, encrypt=False).replace("sara@norddjurs.dk", "admin@norddjurs.dk")
    response = _post(client, xml)
    assert response.status_code == 403
    assert "Login mislykkedes" in response.content.decode()
    assert not User.objects.filter(
        username__in=["admin@norddjurs.dk", "sara@norddjurs.dk"]
    ).exists()
    assert _refusals() == ["SignatureError"]


def test_an_expired_assertion_is_refused(idp):
    client = Client()
    request, _ = _start(client, idp)
    idp.with_lifetime(-10)  # issued with a lifetime that ended ten minutes ago
    response = _post(client, idp.respond(request))
    assert response.status_code == 403
    # pysaml2 finds the assertion's conditions out of date ("Condition not OK").
    assert (
        "Login mislykkedes: svaret fra login-tjenesten kunne ikke godkendes."
        in response.content.decode()
    )
    assert _refusals() == ["VerificationError"]
    assert not User.objects.filter(username="sara@norddjurs.dk").exists()


def test_a_replayed_assertion_is_refused(idp):
    client = Client()
    request, _ = _start(client, idp)
    xml = idp.respond(request)
    assert _post(client, xml).status_code == 302
    client.post(reverse("logout"))
    again = _post(client, xml)
    assert again.status_code == 403
    assert "allerede brugt" in again.content.decode()
    # In a new session with a request of its own, the old answer is still refused.
    other = Client()
    _start(other, idp)
    assert _post(other, xml).status_code == 403
    assert AuditEvent.objects.filter(kind="login", username="sara@norddjurs.dk").count() == 1


def test_an_assertion_for_another_audience_is_refused(idp):
    client = Client()
    request, _ = _start(client, idp)
    response = _post(client, idp.respond(request, audience=OTHER_SP_ENTITY_ID, encrypt=False))
    assert response.status_code == 403
    assert "Login mislykkedes" in response.content.decode()
    refusal = AuditEvent.objects.get(kind="login_failed", username="saml")
    assert refusal.details["detail"].startswith("AudienceRestrictions conditions not satisfied!")
    assert not User.objects.filter(username="sara@norddjurs.dk").exists()


def test_a_level_below_the_minimum_is_refused_in_danish(idp):
    client = Client()
    request, _ = _start(client, idp)
    response = _post(client, idp.respond(request, level="Low"))
    assert response.status_code == 403
    assert (
        "Du er logget ind med sikringsniveau Lav. Appen kræver mindst Betydelig (NSIS)."
        in response.content.decode()
    )
    assert not User.objects.filter(username="sara@norddjurs.dk").exists()
    assert _refusals() == ["nsis_level"]


def test_the_minimum_level_is_configurable(idp, settings):
    settings.SAML_MINIMUM_NSIS_LEVEL = "High"
    client = Client()
    request, _ = _start(client, idp)
    response = _post(client, idp.respond(request, level="Substantial"))
    assert response.status_code == 403
    assert "sikringsniveau Betydelig. Appen kræver mindst Høj" in response.content.decode()


def test_a_unit_the_mapping_names_but_the_app_lacks_refuses_and_changes_nothing(idp, settings):
    settings.SAML_UNIT_MAP = {"ou-socialpsykiatri": "Socialpsykiatrien i Randers"}
    client = Client()
    request, _ = _start(client, idp)
    response = _post(client, idp.respond(request))
    assert response.status_code == 403
    assert "Du har ikke adgang til appen" in response.content.decode()
    assert not User.objects.filter(username="sara@norddjurs.dk").exists()
    assert not Unit.objects.filter(name="Socialpsykiatrien i Randers").exists()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("PGh0bWw+", "not_xml"),  # base64 of "<html>", not well-formed
        ("ikke base64 !", "not_xml"),
        ("A" * (256 * 1024 + 4), "too_large"),
    ],
)
def test_a_response_that_is_not_xml_or_too_large_is_refused_with_a_400(idp, body, reason):
    response = Client().post(reverse("saml2_acs"), {"SAMLResponse": body})
    assert response.status_code == 400
    assert "Svaret fra login-tjenesten" in response.content.decode()
    assert _refusals() == [reason]


def test_an_entity_bomb_is_refused_by_defused_xml(idp):
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>'
    response = Client().post(reverse("saml2_acs"), {"SAMLResponse": encode(bomb)})
    assert response.status_code == 400


def test_with_saml_on_only_break_glass_accounts_log_in_with_a_password(
    idp, settings, administrator
):
    from tests.conftest import PASSWORD

    settings.LOCAL_LOGIN_USERNAMES = []
    refused = Client().post(reverse("login"), {"username": "admin_user", "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in refused.client.session
    settings.LOCAL_LOGIN_USERNAMES = ["admin_user"]
    client = Client()
    accepted = client.post(reverse("login"), {"username": "admin_user", "password": PASSWORD})
    assert accepted.status_code == 302


def test_the_saml_urls_are_not_found_while_saml_is_off(client, settings):
    settings.SAML_ENABLED = False
    assert client.get(reverse("saml2_metadata")).status_code == 404
    assert client.get(reverse("saml2_login")).status_code == 404
    assert client.post(reverse("saml2_acs"), {"SAMLResponse": "x"}).status_code == 404


def test_a_person_without_a_role_gets_the_danish_welcome_page(idp):
    client = Client()
    request, query = _start(client, idp)
    response = _post(client, idp.respond(request, roles=("ukendt-rolle",)), query["RelayState"])
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:welcome")
    person = User.objects.get(username="sara@norddjurs.dk")
    assert not person.groups.exists() and not person.led_units.exists()
    page = client.get(reverse("pages:welcome")).content.decode()
    assert "du har endnu ingen rolle" in page


def test_an_incomplete_saml_configuration_names_the_missing_setting(tmp_path):
    from socialomraade.settings import saml_settings_problem

    existing = tmp_path / "x.pem"
    existing.write_text("x")
    complete = {
        "SAML_IDP_METADATA_FILE": str(existing),
        "SAML_SP_KEY_FILE": str(existing),
        "SAML_SP_CERT_FILE": str(existing),
        "SAML_XMLSEC_BINARY": "/usr/bin/xmlsec1",
        "SAML_MINIMUM_NSIS_LEVEL": "Substantial",
        "SAML_ROLE_ATTRIBUTE": "roles",
        "SAML_ROLE_MAP": {"leder": "Leder"},
        "SAML_UNIT_ATTRIBUTE": "",
        "SAML_UNIT_MAP": {},
    }
    assert saml_settings_problem(complete) == ""
    assert saml_settings_problem({**complete, "SAML_SP_KEY_FILE": ""}) == (
        "SAML_SP_KEY_FILE must be set when SAML_SP_ENTITY_ID is (see docs/login.md)."
    )
    assert saml_settings_problem({**complete, "SAML_MINIMUM_NSIS_LEVEL": "Medium"}) == (
        "SAML_MINIMUM_NSIS_LEVEL must be Low, Substantial or High."
    )
    assert "SAML_ROLE_MAP names roles the app does not have: ['Chef']" in saml_settings_problem(
        {**complete, "SAML_ROLE_MAP": {"x": "Chef"}}
    )
    assert saml_settings_problem({**complete, "SAML_UNIT_MAP": {"ou": "Nyvang"}}) == (
        "SAML_UNIT_ATTRIBUTE must be set when SAML_UNIT_MAP is."
    )


def test_the_app_refuses_to_start_with_saml_half_configured():
    import os
    import subprocess
    import sys

    env = {**os.environ, "SAML_SP_ENTITY_ID": SP_ENTITY_ID, "SAML_IDP_METADATA_FILE": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "socialomraade.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SAML_IDP_METADATA_FILE must be set when SAML_SP_ENTITY_ID is" in result.stderr
