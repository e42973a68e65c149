"""SAML 2.0 login through djangosaml2 (over pysaml2, with Debian's xmlsec1): KOMBIT's Context
Handler, or any SAML identity provider.

Why djangosaml2: it is kept (IdentityPython), uses pysaml2, which checks signatures, decrypts
assertions, audiences, lifetimes and InResponseTo, and serves the metadata; python3-saml would
need libxmlsec1 bindings compiled against the same libxml2 as lxml, which breaks on upgrades.

What is added here:
- the response is bounded and must be well-formed XML (read with defusedxml) before pysaml2
  sees it: a Danish 400 otherwise;
- an assertion is accepted once (its id is kept until it expires): a replay is refused even
  from another session;
- the NSIS assurance level (Context Handler's `…/nsis/loa` attribute, or the authentication
  context) must reach SAML_MINIMUM_NSIS_LEVEL (Substantial by default);
- roles and led units follow the identity provider's attributes at every login
  (strategy.directory, which knows the units; see docs/login.md);
- every refusal is a Danish page and a row in the security log.
"""

from __future__ import annotations

import base64
import binascii

import saml2
from defusedxml import ElementTree
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from djangosaml2 import views as saml_views
from saml2.config import SPConfig

from accounts.audit import audit_record
from accounts.models import AuditEvent

# NSIS assurance levels, lowest first, as OIO SAML 3 names them (attribute values and the
# last part of the authentication context class).
NSIS_LEVELS = ["Low", "Substantial", "High"]
NSIS_LEVEL_ATTRIBUTE = "https://data.gov.dk/concept/core/nsis/loa"
NSIS_LEVEL_NAMES = {"Low": "Lav", "Substantial": "Betydelig", "High": "Høj"}
# A Context Handler response with many roles is a few tens of kB; base64 adds a third.
MAX_RESPONSE_BYTES = 256 * 1024


def sp_config(config: dict | None = None, request: HttpRequest | None = None) -> SPConfig:
    """The service provider's pysaml2 configuration, from the settings (SAML_CONFIG_LOADER)."""
    base = settings.SITE_URL.rstrip("/")
    keypair = {"key_file": settings.SAML_SP_KEY_FILE, "cert_file": settings.SAML_SP_CERT_FILE}
    conf = SPConfig()
    conf.load(
        {
            "entityid": settings.SAML_SP_ENTITY_ID,
            "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
            "allow_unknown_attributes": True,
            "service": {
                "sp": {
                    "name": "Strategi for Socialområdet",
                    "endpoints": {
                        "assertion_consumer_service": [
                            (f"{base}{reverse('saml2_acs')}", saml2.BINDING_HTTP_POST)
                        ],
                    },
                    "authn_requests_signed": True,
                    "want_assertions_signed": True,
                    "want_response_signed": False,
                    "allow_unsolicited": False,
                    "signing_algorithm": saml2.xmldsig.SIG_RSA_SHA256,
                    "digest_algorithm": saml2.xmldsig.DIGEST_SHA256,
                }
            },
            "metadata": {"local": [settings.SAML_IDP_METADATA_FILE]},
            **keypair,
            "encryption_keypairs": [keypair],
            "accepted_time_diff": 60,
        }
    )
    return conf


def nsis_level(response) -> str:
    """The assertion's NSIS level: the attribute, else the authentication context class."""
    values = response.ava.get(NSIS_LEVEL_ATTRIBUTE) or []
    if values:
        return str(values[0])
    for statement in response.assertion.authn_statement:
        ref = statement.authn_context.authn_context_class_ref
        if ref is not None and ref.text:
            return ref.text.rstrip("/").rsplit("/", 1)[-1]
    return ""


class Refusal(Exception):
    def __init__(self, reason: str, message: str, status: int = 403, detail: str = "") -> None:
        super().__init__(message)
        self.reason, self.message, self.status = reason, message, status
        self.detail = detail  # what pysaml2 said, for the security log


def _check_size_and_xml(raw: str) -> None:
    if len(raw) > MAX_RESPONSE_BYTES:
        raise Refusal("too_large", _("Svaret fra login-tjenesten er for stort."), 400)
    try:
        document = base64.b64decode(raw, validate=True)
        ElementTree.fromstring(document)
    except (binascii.Error, ValueError, ElementTree.ParseError) as error:
        raise Refusal("not_xml", _("Svaret fra login-tjenesten kunne ikke læses."), 400) from error
    except Exception as error:  # defusedxml refuses entities and DTDs with its own errors
        raise Refusal("not_xml", _("Svaret fra login-tjenesten kunne ikke læses."), 400) from error


def _refuse(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    audit_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        request=request,
        username="saml",
        details={
            "reason": refusal.reason,
            **({"detail": refusal.detail} if refusal.detail else {}),
        },
    )
    return render(
        request,
        "registration/saml_error.html",
        {"message": refusal.message},
        status=refusal.status,
    )


@method_decorator([csrf_exempt, login_not_required], name="dispatch")
class AssertionConsumerServiceView(saml_views.AssertionConsumerServiceView):
    """djangosaml2's ACS with a bounded, well-formed response, one use per assertion and the
    NSIS level; every refusal in Danish."""

    refusal: Refusal | None = None

    def dispatch(self, request, *args, **kwargs):
        if not settings.SAML_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        raw = request.POST.get("SAMLResponse", "")
        try:
            _check_size_and_xml(raw)
        except Refusal as refusal:
            return _refuse(request, refusal)
        return super().post(request, *args, **kwargs)

    def custom_validation(self, response) -> None:
        level = nsis_level(response)
        minimum = settings.SAML_MINIMUM_NSIS_LEVEL
        if level not in NSIS_LEVELS or NSIS_LEVELS.index(level) < NSIS_LEVELS.index(minimum):
            self.refusal = Refusal(
                "nsis_level",
                _(
                    "Du er logget ind med sikringsniveau %(level)s. Appen kræver mindst "
                    "%(minimum)s (NSIS). Log ind igen med et stærkere login, fx MitID."
                )
                % {
                    "level": NSIS_LEVEL_NAMES.get(level, level or _("ukendt")),
                    "minimum": NSIS_LEVEL_NAMES[minimum],
                },
            )
            raise self.refusal
        assertion = response.assertion
        # One use per assertion, whatever the session: kept until it could expire anyway.
        if not cache.add(f"saml-assertion:{assertion.id}", 1, timeout=60 * 60):
            self.refusal = Refusal(
                "replayed", _("Dette login er allerede brugt. Log ind igen."), 403
            )
            raise self.refusal

    def custom_redirect(self, user, relay_state: str, session_info) -> str:
        # A person without a role yet gets the welcome page, not an empty app.
        from accounts.rules import has_a_role

        return "" if has_a_role(user) else reverse("pages:welcome")

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        if self.refusal is not None:
            return _refuse(request, self.refusal)
        reason = type(exception).__name__ if exception is not None else "unknown"
        message = _("Login mislykkedes: svaret fra login-tjenesten kunne ikke godkendes.")
        if reason == "ResponseLifetimeExceed":
            message = _("Login er udløbet. Log ind igen.")
        elif reason == "UnsolicitedResponse":
            message = _("Dette login er allerede brugt eller blev ikke startet her. Log ind igen.")
        elif reason == "PermissionDenied":
            message = _("Du har ikke adgang til appen. Kontakt din administrator.")
        return _refuse(request, Refusal(reason, message, status, str(exception or "")[:200]))


def _enabled(view):
    def wrapped(request, *args, **kwargs):
        if not settings.SAML_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return login_not_required(wrapped)


urlpatterns = [
    path("log-ind/", _enabled(saml_views.LoginView.as_view()), name="saml2_login"),
    path("acs/", AssertionConsumerServiceView.as_view(), name="saml2_acs"),
    path("metadata/", _enabled(saml_views.MetadataView.as_view()), name="saml2_metadata"),
]
