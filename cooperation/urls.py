from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("programmes/", views.programme_list, name="programmes"),
    path(
        "programmes/export.csv", views.programme_export, {"extension": "csv"}, name="programmes_csv"
    ),
    path(
        "programmes/export-excel.csv",
        views.programme_export,
        {"extension": "excel.csv"},
        name="programmes_excel_csv",
    ),
    path(
        "programmes/export.xlsx",
        views.programme_export,
        {"extension": "xlsx"},
        name="programmes_xlsx",
    ),
    path("programmes/iati.xml", views.programme_iati, name="programmes_iati"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/history/", views.programme_history, name="programme_history"),
    path(
        "programmes/<int:pk>/activities/new/",
        views.part_add,
        {"part": "activity"},
        name="activity_create",
    ),
    path(
        "programmes/<int:pk>/results/new/",
        views.part_add,
        {"part": "result"},
        name="result_create",
    ),
    path(
        "programmes/<int:pk>/documents/new/",
        views.part_add,
        {"part": "document"},
        name="document_create",
    ),
    path(
        "results/<int:pk>/indicators/new/",
        views.part_add,
        {"part": "indicator"},
        name="indicator_create",
    ),
    path(
        "result-indicators/<int:pk>/periods/new/",
        views.part_add,
        {"part": "period"},
        name="period_create",
    ),
    path("programme-documents/<int:pk>/", views.document_download, name="document"),
    path("agreements/", views.agreement_list, name="agreements"),
    path(
        "agreements/export.csv", views.agreement_export, {"extension": "csv"}, name="agreements_csv"
    ),
    path(
        "agreements/export-excel.csv",
        views.agreement_export,
        {"extension": "excel.csv"},
        name="agreements_excel_csv",
    ),
    path(
        "agreements/export.xlsx",
        views.agreement_export,
        {"extension": "xlsx"},
        name="agreements_xlsx",
    ),
    path("agreements/to-act-on/", views.agreement_list, {"to_act_on": True}, name="to_act_on"),
    path(
        "agreements/to-act-on/export.csv",
        views.agreement_export,
        {"extension": "csv", "to_act_on": True},
        name="to_act_on_csv",
    ),
    path(
        "agreements/to-act-on/export-excel.csv",
        views.agreement_export,
        {"extension": "excel.csv", "to_act_on": True},
        name="to_act_on_excel_csv",
    ),
    path(
        "agreements/to-act-on/export.xlsx",
        views.agreement_export,
        {"extension": "xlsx", "to_act_on": True},
        name="to_act_on_xlsx",
    ),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/history/", views.agreement_history, name="agreement_history"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/new/", views.framework_create, name="framework_create"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework"),
    path("frameworks/<int:pk>/edit/", views.framework_edit, name="framework_edit"),
    path("countries/", views.country_list, name="countries"),
    path("countries/new/", views.country_create, name="country_create"),
    path("countries/<int:pk>/", views.country_detail, name="country"),
    path("countries/<int:pk>/edit/", views.country_edit, name="country_edit"),
    path("cooperation/", views.cooperation_summary, name="summary"),
]
