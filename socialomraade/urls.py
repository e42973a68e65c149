from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Strategi for Socialområdet – administration"
admin.site.site_title = "Strategi for Socialområdet"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", include("strategy.urls")),
    path("konto/", include("strategy.account_urls")),
    path("", include("initiatives.urls")),
    path("", include("reports.urls")),
    path("personale/", include("staffing.urls")),
    path("", include("indicators.urls")),
    path("admin/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.insert(2, path("konto/sso/", include("strategy.oidc")))

handler404 = "strategy.views.page_not_found"
handler500 = "strategy.views.server_error"
