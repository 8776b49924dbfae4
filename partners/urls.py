from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="list"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="detail"),
]
