"""A SAML identity provider built in the test, offline: pysaml2's own Server, with a key and a
self-signed certificate made on the spot for it and for the app (the service provider)."""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

IDP_ENTITY_ID = "https://idp.test.invalid/metadata"
IDP_SSO_URL = "https://idp.test.invalid/sso"
SP_ENTITY_ID = "https://strategi.test.invalid/saml"
NSIS = "https://data.gov.dk/concept/core/nsis/loa"
EMAIL = "https://data.gov.dk/model/core/eid/email"
ROLES = "https://data.gov.dk/model/core/eid/privileges/roles"
UNITS = "https://data.gov.dk/model/core/eid/privileges/units"


def make_keypair(directory: Path, name: str) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


OTHER_SP_ENTITY_ID = "https://other.test.invalid/sp"


def _idp_config(
    key_file: Path, cert_file: Path, sp_metadata: str | None, minutes: int
) -> IdPConfig:
    conf = IdPConfig()
    conf.load(
        {
            "entityid": IDP_ENTITY_ID,
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "service": {
                "idp": {
                    "endpoints": {"single_sign_on_service": [(IDP_SSO_URL, BINDING_HTTP_REDIRECT)]},
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": minutes},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                    "want_authn_requests_signed": True,
                }
            },
            "key_file": str(key_file),
            "cert_file": str(cert_file),
            # The app, and another service provider (for an answer meant for someone else).
            "metadata": {
                "inline": [sp_metadata, sp_metadata.replace(SP_ENTITY_ID, OTHER_SP_ENTITY_ID)]
            }
            if sp_metadata
            else {},
        }
    )
    return conf


@dataclass
class LocalIdentityProvider:
    directory: Path
    key_file: Path
    cert_file: Path
    metadata_file: Path
    server: Server | None = None

    @classmethod
    def create(cls, directory: Path) -> LocalIdentityProvider:
        key_file, cert_file = make_keypair(directory, "idp")
        metadata_file = directory / "idp-metadata.xml"
        own = entity_descriptor(_idp_config(key_file, cert_file, None, 5))
        metadata_file.write_text(str(own))
        return cls(directory, key_file, cert_file, metadata_file)

    def trust(self, sp_metadata: str, *, minutes: int = 5) -> None:
        """Read the app's metadata (as the municipality's IdP administrator would)."""
        self.sp_metadata = sp_metadata
        self.server = Server(
            config=_idp_config(self.key_file, self.cert_file, sp_metadata, minutes)
        )

    def with_lifetime(self, minutes: int) -> None:
        self.trust(self.sp_metadata, minutes=minutes)

    def receive(self, location: str):
        """The AuthnRequest the app redirected the browser with; its signature is checked."""
        query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
        assert self.server is not None
        return self.server.parse_authn_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        ), query

    def respond(
        self,
        request,
        *,
        email: str = "sara@norddjurs.dk",
        level: str = "Substantial",
        roles: tuple[str, ...] = ("leder",),
        units: tuple[str, ...] = ("ou-socialpsykiatri",),
        audience: str = SP_ENTITY_ID,
        encrypt: bool = True,
    ) -> str:
        assert self.server is not None
        identity = {NSIS: [level], EMAIL: [email], ROLES: list(roles), UNITS: list(units)}
        response = self.server.create_authn_response(
            identity,
            in_response_to=request.message.id,
            destination=request.message.assertion_consumer_service_url,
            sp_entity_id=audience,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=f"id-{email}"),
            authn={"class_ref": f"{NSIS}/{level}", "authn_auth": IDP_ENTITY_ID},
            sign_assertion=True,
            sign_response=True,
            encrypt_assertion=encrypt,
            encrypt_assertion_self_contained=True,
        )
        return str(response)


def encode(xml: str) -> str:
    return base64.b64encode(xml.encode()).decode()
