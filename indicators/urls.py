from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("indikatorer/", views.indicator_list, name="list"),
    path("indikatorer/eksport.xlsx", views.measurement_export, name="export"),
    path("indikatorer/import/", views.measurement_import, name="import"),
    path("indikatorer/<int:pk>/", views.indicator_detail, name="detail"),
    path("indikatorer/<int:pk>/maaling/", views.measurement_edit, name="measurement_edit"),
    path("indikatorer/<int:pk>/maaltal/", views.target_add, name="target_add"),
]
