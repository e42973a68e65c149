from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("moeder/", views.meeting_list, name="list"),
    path("moeder/nyt/", views.meeting_create, name="create"),
    path("moeder/<int:pk>/", views.meeting_detail, name="detail"),
    path("moeder/<int:pk>/ret/", views.meeting_edit, name="edit"),
    path("moeder/<int:pk>/punkt/", views.point_add, name="point_add"),
    path("moeder/<int:pk>/indkald/", views.meeting_call, name="call"),
    path("moeder/<int:pk>/fravaer/", views.meeting_absentees, name="absentees"),
    path("moeder/<int:pk>/godkend-referat/", views.minutes_approve, name="approve"),
    path("moeder/punkt/<int:pk>/flyt/", views.point_move, name="point_move"),
    path("moeder/punkt/<int:pk>/fjern/", views.point_remove, name="point_remove"),
    path("moeder/punkt/<int:pk>/referat/", views.point_minutes, name="point_minutes"),
    path("beslutninger/", views.decision_list, name="decisions"),
    path("beslutninger/eksport.xlsx", views.decision_export, name="decisions_export"),
    path("opfoelgning/<int:pk>/udfoert/", views.follow_up_done, name="follow_up_done"),
    path("rapporter/<int:pk>/dagsordenpunkt/", views.agenda_item_draft, name="agenda_item_draft"),
    path("rapporter/<int:pk>/udvalgets-beslutning/", views.report_decision, name="report_decision"),
    path("dagsordenpunkter/<int:pk>/", views.agenda_item_detail, name="agenda_item"),
    path("dagsordenpunkter/<int:pk>/word/", views.agenda_item_docx, name="agenda_item_docx"),
    path("kalender/", views.calendar_settings, name="calendar"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
