"""Single sign-on with OpenID Connect (Microsoft Entra ID) through mozilla-django-oidc.

A user is found or created by their sign-in name and gets exactly the roles their
identity-provider groups map to (settings.OIDC_ROLE_GROUPS); nobody without a mapped group
gets in. Which units a leader leads is still set in the admin.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.urls import path
from mozilla_django_oidc import views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.services import user_sync_from_identity_provider


def _username(claims: dict) -> str:
    # Entra ID's preferred_username is the sign-in name (name@kommune.dk); email may be absent.
    return str(claims.get("preferred_username") or claims.get("email") or "").strip().lower()[:150]


def roles_from_claims(claims: dict) -> set[str]:
    mapping = settings.OIDC_ROLE_GROUPS
    return {mapping[group] for group in claims.get("groups") or [] if group in mapping}


class RoleMappingOIDCBackend(OIDCAuthenticationBackend):
    def verify_token(self, token: str, **kwargs) -> dict:
        # mozilla-django-oidc checks signature, expiry and nonce but not who the token is for.
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The ID token was issued to another client.")
        if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict) -> dict:
        # Entra ID puts the group ids in the (verified) ID token, not in the userinfo answer.
        userinfo = super().get_userinfo(access_token, id_token, payload)
        return {**payload, **userinfo, "groups": payload.get("groups") or userinfo.get("groups")}

    def verify_claims(self, claims: dict) -> bool:
        return bool(_username(claims)) and bool(roles_from_claims(claims))

    def filter_users_by_claims(self, claims: dict):
        return self.UserModel.objects.filter(username__iexact=_username(claims))

    def create_user(self, claims: dict):
        return self._sync(self.UserModel(username=_username(claims)), claims)

    def update_user(self, user, claims: dict):
        return self._sync(user, claims)

    def _sync(self, user, claims: dict):
        return user_sync_from_identity_provider(
            user=user,
            granted_roles=roles_from_claims(claims),
            email=str(claims.get("email") or "")[:254],
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )


# mozilla-django-oidc's views predate LoginRequiredMiddleware; the sign-in itself is public.
urlpatterns = [
    path(
        "log-ind/",
        login_not_required(views.OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "retur/",
        login_not_required(views.OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
