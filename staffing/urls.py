from django.urls import path

from staffing import views

app_name = "staffing"

urlpatterns = [
    path("", views.snapshot_list, name="index"),
    path("opgoerelser/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("opgoerelser/<int:pk>/eksport.xlsx", views.snapshot_export, name="export"),
    path("udvikling/", views.trend, name="trend"),
    path("sammenlign/", views.compare, name="compare"),
    path("import/", views.snapshot_import, name="import"),
    path("import/bekraeft/", views.snapshot_import_confirm, name="import_confirm"),
]
