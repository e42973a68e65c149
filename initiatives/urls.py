from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("tiltag/", views.initiative_list, name="list"),
    path("tiltag/eksport.xlsx", views.initiative_export, name="export"),
    path("tiltag/nyt/", views.initiative_create, name="create"),
    path("tiltag/<int:pk>/", views.initiative_detail, name="detail"),
    path("tiltag/<int:pk>/ret/", views.initiative_edit, name="edit"),
    path("tiltag/<int:pk>/arkiver/", views.initiative_archive_view, name="archive"),
    path("tiltag/<int:pk>/genopret/", views.initiative_unarchive_view, name="unarchive"),
    path("tiltag/<int:pk>/status/", views.status_edit, name="status_edit"),
    path("tiltag/<int:pk>/raekke/", views.status_row, name="status_row"),
    path("tiltag/<int:pk>/bidrag/", views.contribution_add, name="contribution_add"),
    path("mine-tiltag/", views.my_initiatives, name="mine"),
    path("aendringer/", views.changes, name="changes"),
    path("halvaar/", views.periods, name="periods"),
    path("halvaar/opret/", views.period_create_view, name="period_create"),
    path("halvaar/<int:pk>/aabn/", views.period_open_view, name="period_open"),
    path("halvaar/<int:pk>/genaabn/", views.period_reopen_view, name="period_reopen"),
    path("halvaar/<int:pk>/luk/", views.period_close_view, name="period_close"),
    path("halvaar/<int:pk>/frist/", views.period_deadline_view, name="period_deadline"),
]
