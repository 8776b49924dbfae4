from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

handler500 = "mra_portal.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("accounts/", include("accounts.urls")),
    path("partners/", include("partners.urls")),
    path("", include("contacts.urls")),
    path("", include("commissions.urls")),
    path("", include("actionplans.urls")),
    path("", include("cooperation.urls")),
    path("", include("studies.urls")),
    path("notifications/", include("reminders.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK:
    urlpatterns.append(path("bench/baseline/", views.baseline))
