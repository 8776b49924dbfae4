from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.organization_list, name="list"),
    path("export.csv", views.organization_export, {"extension": "csv"}, name="export_csv"),
    path(
        "export-excel.csv",
        views.organization_export,
        {"extension": "excel.csv"},
        name="export_excel_csv",
    ),
    path("export.xlsx", views.organization_export, {"extension": "xlsx"}, name="export_xlsx"),
    path("new/", views.organization_create, name="create"),
    path("suggest/", views.organization_suggest, name="suggest"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/history/", views.organization_history, name="history"),
]
