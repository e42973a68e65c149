from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    def clean(self) -> dict:
        # Django gives the username field its max_length after building it, so no validator
        # checks it; a longer name would reach django-axes, whose column holds 255 characters.
        # It cannot be anyone's name, so it gets the same answer as a wrong password.
        # (254 when the model's field has none, as AuthenticationForm itself does.)
        limit = self.username_field.max_length or 254
        username = self.cleaned_data.get("username") or ""
        if len(username) > limit:
            raise self.get_invalid_login_error()
        # With SAML login on, a password opens the door only for the break-glass accounts
        # (LOCAL_LOGIN_USERNAMES); everyone else logs in through the identity provider. The
        # answer is the same as a wrong password, so it tells no one which accounts exist.
        if settings.SAML_ENABLED and username.lower() not in {
            name.lower() for name in settings.LOCAL_LOGIN_USERNAMES
        }:
            raise self.get_invalid_login_error()
        return super().clean()
