from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    """After login, each role lands on its own work (reports:landing, LOGIN_REDIRECT_URL).
    The site's front page as `next` (what a visitor to the bare address is sent back to) is
    the same as none: it leads to the landing too."""

    # django-stubs gives this method a `request` parameter Django 5.2's has not.
    def get_redirect_url(self) -> str:  # type: ignore[override]
        url = super().get_redirect_url()
        return "" if url == "/" else url


urlpatterns = [
    # FormView would also take PUT as a form post; the login page answers GET and POST only.
    path(
        "log-ind/",
        LoginView.as_view(authentication_form=LoginForm, http_method_names=["get", "head", "post"]),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
]
