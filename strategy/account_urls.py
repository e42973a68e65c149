from django.contrib.auth import views as auth_views
from django.urls import path

from strategy.forms import LoginForm

urlpatterns = [
    # FormView would also take PUT as a form post; the login page answers GET and POST only.
    path(
        "log-ind/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, http_method_names=["get", "post"]
        ),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
]
