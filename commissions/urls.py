from django.urls import path

from . import views

app_name = "commissions"

urlpatterns = [
    path("commissions/", views.commission_list, name="list"),
    path("commissions/<int:pk>/", views.commission_detail, name="detail"),
    path("commissions/<int:pk>/decisions/", views.decision_register, name="decisions"),
    path(
        "commissions/<int:pk>/decisions/export.csv",
        views.decision_register_csv,
        name="decisions_csv",
    ),
    path("commissions/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("commissions/<int:pk>/meetings/record/", views.meeting_record, name="meeting_record"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/calendar/", views.meeting_calendar, name="calendar"),
    path("meetings/subscription/", views.calendar_feed, name="feed"),
    path("meetings/subscription/<str:token>.ics", views.calendar_feed_ics, name="feed_ics"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/convocation/", views.meeting_convocation, name="convocation"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/postpone/", views.meeting_postpone, name="meeting_postpone"),
    path("meetings/<int:pk>/convene/", views.meeting_convene, name="meeting_convene"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/held/", views.meeting_mark_held, name="meeting_held"),
    path("meetings/<int:pk>/agenda/new/", views.agenda_item_create, name="agenda_item_create"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/delivery/", views.meeting_delivery, name="meeting_delivery"),
    path("meetings/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("meetings/<int:pk>/minutes/", views.minutes_edit, name="minutes"),
    path("meetings/<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/minutes/circulate/", views.minutes_circulate, name="minutes_circulate"),
    path("meetings/<int:pk>/minutes/sign/", views.minutes_sign, name="minutes_sign"),
    path("meetings/<int:pk>/minutes/review/", views.minutes_review, name="minutes_review"),
    path("meetings/<int:pk>/minutes/print/", views.minutes_print, name="minutes_print"),
    path("meetings/<int:pk>/minutes/file/", views.minutes_file, name="minutes_file"),
    path("meetings/<int:pk>/presenters/", views.agenda_presenters, name="presenters"),
    path("agenda-items/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("agenda-items/<int:pk>/move/", views.agenda_item_move, name="agenda_item_move"),
    path("agenda-items/<int:pk>/delete/", views.agenda_item_delete, name="agenda_item_delete"),
    path("agenda-documents/<int:pk>/", views.agenda_document_download, name="agenda_document"),
    path("invitations/<int:pk>/answer/", views.invitation_answer, name="invitation_answer"),
    path("answer/<str:token>/", views.answer_from_email, name="answer"),
    path("decisions/<int:pk>/status/", views.decision_status, name="decision_status"),
]
