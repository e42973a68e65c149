from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("sikkerhedslog/", views.audit_log, name="audit_log"),
]
