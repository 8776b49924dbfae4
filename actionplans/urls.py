from django.urls import path

from . import views

app_name = "actionplans"

urlpatterns = [
    path("plans/", views.plan_list, name="plans"),
    path("plans/export.csv", views.plan_export, {"extension": "csv"}, name="plans_csv"),
    path("plans/export.xlsx", views.plan_export, {"extension": "xlsx"}, name="plans_xlsx"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/advance/", views.plan_advance, name="plan_advance"),
    path("plans/<int:pk>/history/", views.plan_history, name="plan_history"),
    path("plans/<int:pk>/document/", views.plan_document, name="plan_document"),
    path("plans/<int:pk>/axes/new/", views.axis_create, name="axis_create"),
    path("plans/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/", views.action_list, name="actions"),
    path("actions/mine/", views.action_list, {"which": "mine"}, name="mine"),
    path("actions/overdue/", views.action_list, {"which": "overdue"}, name="overdue"),
    path("actions/export.csv", views.action_export, {"extension": "csv"}, name="actions_csv"),
    path("actions/export.xlsx", views.action_export, {"extension": "xlsx"}, name="actions_xlsx"),
    path(
        "actions/mine/export.csv",
        views.action_export,
        {"extension": "csv", "which": "mine"},
        name="mine_csv",
    ),
    path(
        "actions/mine/export.xlsx",
        views.action_export,
        {"extension": "xlsx", "which": "mine"},
        name="mine_xlsx",
    ),
    path(
        "actions/overdue/export.csv",
        views.action_export,
        {"extension": "csv", "which": "overdue"},
        name="overdue_csv",
    ),
    path(
        "actions/overdue/export.xlsx",
        views.action_export,
        {"extension": "xlsx", "which": "overdue"},
        name="overdue_xlsx",
    ),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/due-date/", views.action_due_date, name="action_due_date"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("actions/<int:pk>/history/", views.action_history, name="action_history"),
    path("actions/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("actions/<int:pk>/report/", views.report_create, name="report_create"),
    path("reports/<int:pk>/validate/", views.report_validate, name="report_validate"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/remind/", views.round_remind, name="round_remind"),
    path(
        "decisions/<int:pk>/actions/new/",
        views.decision_action_create,
        name="decision_action_create",
    ),
]
