from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    def clean(self) -> dict:
        # Django gives the username field its max_length after building it, so no validator
        # checks it; a longer name would reach django-axes, whose column holds 255 characters.
        # It cannot be anyone's name, so it gets the same answer as a wrong password.
        # (254 when the model's field has none, as AuthenticationForm itself does.)
        limit = self.username_field.max_length or 254
        if len(self.cleaned_data.get("username") or "") > limit:
            raise self.get_invalid_login_error()
        return super().clean()
