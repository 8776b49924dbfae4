from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("count/", views.notification_count, name="count"),
    path("read/", views.notification_read, name="read"),
    path("preferences/", views.preferences, name="preferences"),
    path("stop/<str:token>/", views.stop_from_email, name="stop"),
]
