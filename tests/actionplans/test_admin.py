"""The admin lists every action plan model but never goes around the services: dates, statuses,
progress and report states are read-only there, and its plan action calls the service."""

import datetime

from actionplans import services
from actionplans.models import Action, Plan, PlanStatus, ReportState
from tests.access import assert_ok


def test_an_actions_serviced_fields_are_read_only_in_the_admin(client_as, administrator, world):
    action = world["action"]
    page = assert_ok(client_as(administrator), f"/admin/actionplans/action/{action.pk}/change/")
    form = page.context["adminform"].form
    assert not {"due_date", "status", "baseline_due_date", "progress", "completed_on"} & set(
        form.fields
    )
    assert {"code", "title_fr", "weight"} <= set(form.fields)


def test_a_reports_state_cannot_be_changed_in_the_admin(client_as, administrator, world):
    report = world["report"]
    client = client_as(administrator)
    page = assert_ok(client, f"/admin/actionplans/progressreport/{report.pk}/change/")
    assert "state" not in page.context["adminform"].form.fields
    client.post(
        f"/admin/actionplans/progressreport/{report.pk}/change/", {"state": ReportState.VALIDATED}
    )
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert client.get("/admin/actionplans/progressreport/add/").status_code == 403


def test_the_admins_plan_action_agrees_a_plan_through_the_service(
    client_as, administrator, partner_a_org
):
    plan = services.plan_save(
        plan=Plan(lead=partner_a_org, code="ADM", title_fr="Plan", first_year=2026, last_year=2027)
    )
    action = services.action_create(
        plan=plan, code="A-1", title_fr="A", lead=partner_a_org, due_date=datetime.date(2027, 3, 1)
    )
    response = client_as(administrator).post(
        "/admin/actionplans/plan/", {"action": "advance", "_selected_action": [plan.pk]}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    assert Action.objects.get(pk=action.pk).baseline_due_date == datetime.date(2027, 3, 1)
