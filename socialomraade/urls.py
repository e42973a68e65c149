from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from api.setup import api_urls, build_api
from indicators import api as indicators_api
from initiatives import api as initiatives_api
from reports import api as reports_api
from staffing import api as staffing_api
from strategy import api as strategy_api

admin.site.site_header = "Strategi for Socialområdet – administration"
admin.site.site_title = "Strategi for Socialområdet"
admin.site.index_title = "Administration"

# The read API: each app owns its routes (<app>/api.py); here they are put together.
api = build_api(
    [
        ("", strategy_api.router),
        ("", initiatives_api.router),
        ("", staffing_api.router),
        ("", reports_api.router),
        ("", indicators_api.router),
    ]
)

urlpatterns = [
    path("api/v1/", api_urls(api)),
    path("", include("pages.urls")),
    path("konto/", include("accounts.login_urls")),
    path("konto/saml/", include("accounts.saml")),
    path("", include("accounts.urls")),
    path("", include("initiatives.urls")),
    path("", include("reports.urls")),
    path("personale/", include("staffing.urls")),
    path("", include("indicators.urls")),
    path("", include("meetings.urls")),
    path("api-noegler/", include("api.urls")),
    path("offentlig/", include("api.public_urls")),
    path("admin/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.insert(2, path("konto/sso/", include("accounts.oidc")))

handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
