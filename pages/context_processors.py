from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def site(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "OIDC_ENABLED": settings.OIDC_ENABLED,
        "SAML_ENABLED": settings.SAML_ENABLED,
        "ACCESSIBILITY_STATEMENT_URL": settings.ACCESSIBILITY_STATEMENT_URL
        or reverse("pages:accessibility"),
    }
