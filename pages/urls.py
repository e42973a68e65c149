from django.urls import path

from pages import organisation, views

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
    path("velkommen/", organisation.welcome, name="welcome"),
    # Brugere og enheder (administrators)
    path("brugere/", organisation.people, name="people"),
    path("brugere/ny/", organisation.person_create, name="person_create"),
    path("brugere/<int:pk>/", organisation.person_edit, name="person_edit"),
    path(
        "brugere/<int:pk>/deaktiver/",
        organisation.person_deactivate_view,
        name="person_deactivate",
    ),
    path("enheder/", organisation.units, name="units"),
    path("enheder/ny/", organisation.unit_create_view, name="unit_create"),
    path("enheder/<int:pk>/", organisation.unit_edit, name="unit_edit"),
    path("enheder/<int:pk>/nedlaeg/", organisation.unit_retire_view, name="unit_retire"),
]
