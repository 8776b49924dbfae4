from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("contact/", views.ministry_contact, name="ministry"),
    path("people/", views.person_list, name="people"),
    path("people/export.csv", views.person_export, {"extension": "csv"}, name="people_export_csv"),
    path(
        "people/export-excel.csv",
        views.person_export,
        {"extension": "excel.csv"},
        name="people_export_excel_csv",
    ),
    path(
        "people/export.xlsx", views.person_export, {"extension": "xlsx"}, name="people_export_xlsx"
    ),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/vcard.vcf", views.person_vcard_download, name="person_vcard"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/history/", views.person_history, name="person_history"),
    path("people/<int:pk>/replace/", views.person_replace, name="person_replace"),
    path(
        "people/<int:pk>/replace/confirm/",
        views.person_replace_confirm,
        name="person_replace_confirm",
    ),
]
