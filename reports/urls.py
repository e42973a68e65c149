from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("start/", views.landing, name="landing"),
    path("rapporter/", views.archive, name="archive"),
    path("rapporter/forhaandsvisning/", views.preview, name="preview"),
    path("rapporter/bestil/", views.request_report, name="request"),
    path("rapporter/<int:pk>/", views.detail, name="detail"),
    path("rapporter/<int:pk>/status/", views.status, name="status"),
    path("rapporter/<int:pk>/proev-igen/", views.retry, name="retry"),
    path("rapporter/<int:pk>/godkend/", views.sign_off, name="sign_off"),
    path("rapporter/<int:pk>/send-tilbage/", views.send_back, name="send_back"),
    path("rapporter/<int:pk>/rettelse/", views.correction, name="correction"),
    path("rapporter/<int:pk>/kommentar/", views.comment, name="comment"),
    path("rapporter/<int:pk>/pdf/", views.download, name="download"),
    path("rapporter/<int:pk>/vis/", views.frozen, name="frozen"),
]
