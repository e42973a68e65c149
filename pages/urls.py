from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("pejlemaerker/<int:number>/", views.theme_detail, name="theme"),
    path(
        "pejlemaerker/<int:theme_number>/maalsaetninger/<int:number>/",
        views.objective_detail,
        name="objective",
    ),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("sundhed/", views.health, name="health"),
]
