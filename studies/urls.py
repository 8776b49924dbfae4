from django.urls import path

from . import views

app_name = "studies"

urlpatterns = [
    path("studies/", views.study_list, name="studies"),
    path("studies/export.csv", views.study_export, {"extension": "csv"}, name="studies_csv"),
    path(
        "studies/export-excel.csv",
        views.study_export,
        {"extension": "excel.csv"},
        name="studies_excel_csv",
    ),
    path("studies/export.xlsx", views.study_export, {"extension": "xlsx"}, name="studies_xlsx"),
    path("studies/new/", views.study_create, name="study_create"),
    path("studies/<int:pk>/", views.study_detail, name="study"),
    path("studies/<int:pk>/edit/", views.study_edit, name="study_edit"),
    path("studies/<int:pk>/history/", views.study_history, name="study_history"),
    path("studies/<int:pk>/advance/", views.study_advance, name="study_advance"),
    path(
        "studies/<int:pk>/milestones/new/",
        views.part_add,
        {"part": "milestone"},
        name="milestone_create",
    ),
    path(
        "studies/<int:pk>/documents/new/",
        views.part_add,
        {"part": "document"},
        name="document_create",
    ),
    path(
        "studies/<int:pk>/findings/new/", views.part_add, {"part": "finding"}, name="finding_create"
    ),
    path(
        "studies/<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("study-documents/<int:pk>/", views.document_download, name="document"),
    path("recommendations/", views.recommendation_list, name="recommendations"),
    path(
        "recommendations/export.csv",
        views.recommendation_export,
        {"extension": "csv"},
        name="recommendations_csv",
    ),
    path(
        "recommendations/export-excel.csv",
        views.recommendation_export,
        {"extension": "excel.csv"},
        name="recommendations_excel_csv",
    ),
    path(
        "recommendations/export.xlsx",
        views.recommendation_export,
        {"extension": "xlsx"},
        name="recommendations_xlsx",
    ),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path(
        "recommendations/<int:pk>/take-up/",
        views.recommendation_take_up,
        name="recommendation_take_up",
    ),
    path(
        "recommendations/<int:pk>/reject/",
        views.recommendation_reject,
        name="recommendation_reject",
    ),
    path("experts/", views.expert_list, name="experts"),
    path("experts/new/", views.expert_create, name="expert_create"),
    path("experts/<int:pk>/", views.expert_detail, name="expert"),
    path("experts/<int:pk>/edit/", views.expert_edit, name="expert_edit"),
    path("experts/<int:pk>/cv/", views.expert_cv, name="expert_cv"),
    path(
        "experts/<int:pk>/mobilisations/new/",
        views.mobilisation_add,
        name="mobilisation_create",
    ),
]
