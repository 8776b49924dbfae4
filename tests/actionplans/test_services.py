"""The rules of plans, actions and reports, as the services keep them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from actionplans import services
from actionplans.models import (
    Action,
    ActionStatus,
    Plan,
    PlanStatus,
    ReportState,
    Rollup,
    rollup_of,
)
from commissions import services as commissions
from commissions.models import DecisionStatus
from contacts import services as contacts
from tests.commissions.conftest import commission_with
from tests.commissions.world import convened
from tests.commissions.world import plan as plan_meeting
from tests.factories import PersonFactory

from .world import plan_world

DAY = datetime.timedelta(days=1)


def test_agreeing_a_plan_freezes_every_baseline_due_date(partner_a_org, partner_a):
    world = plan_world("PX", partner_a_org, reporter=partner_a)
    action = world["action"]
    action.refresh_from_db()
    assert world["plan"].status == PlanStatus.AGREED
    assert action.baseline_due_date == datetime.date(2027, 6, 30)


def test_a_revised_due_date_keeps_the_baseline_its_reason_and_the_slippage(world, coordinator):
    action = world["action"]
    services.action_revise_due_date(
        action=action, due_date=datetime.date(2027, 9, 30), reason="Retard", user=coordinator
    )
    services.action_revise_due_date(
        action=action, due_date=datetime.date(2027, 12, 31), reason="Encore", user=coordinator
    )
    action = Action.objects.listed().get(pk=action.pk)
    assert action.baseline_due_date == datetime.date(2027, 6, 30)
    assert action.slippage == 184
    assert [r.reason for r in action.revisions.order_by("pk")] == ["Retard", "Encore"]
    assert action.revisions.last().changed_by == coordinator


@pytest.mark.parametrize(
    ("due_date", "reason", "field"),
    [
        (datetime.date(2027, 9, 30), "  ", "reason"),
        (datetime.date(2025, 1, 1), "Avant le début", "due_date"),
        (datetime.date(2027, 6, 30), "La même", "due_date"),
    ],
)
def test_a_revision_without_reason_before_the_start_or_unchanged_is_refused(
    world, coordinator, due_date, reason, field
):
    with pytest.raises(ValidationError) as refused:
        services.action_revise_due_date(
            action=world["action"], due_date=due_date, reason=reason, user=coordinator
        )
    assert field in refused.value.message_dict
    assert world["action"].revisions.count() == 0


def test_the_baseline_cannot_be_edited_even_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=world["action"].pk).update(
            due_date=datetime.date(2025, 1, 1)  # before the start: the constraint holds
        )


def test_progress_comes_only_from_the_latest_validated_report(world, coordinator):
    action = world["action"]
    action.refresh_from_db()
    assert action.progress == 0  # submitted, not validated
    services.report_validate(report=world["report"], user=coordinator)
    action.refresh_from_db()
    assert (action.progress, action.status) == (40, ActionStatus.IN_PROGRESS)


def test_nobody_validates_their_own_report(world, partner_a_org, coordinator):
    mine = plan_world("PC", partner_a_org, reporter=coordinator)["report"]
    with pytest.raises(ValidationError):
        services.report_validate(report=mine, user=coordinator)
    mine.refresh_from_db()
    assert mine.state == ReportState.SUBMITTED


def test_a_returned_report_is_corrected_by_a_new_version_then_validated(
    world, coordinator, partner_a
):
    with pytest.raises(ValidationError):
        services.report_return(report=world["report"], user=coordinator, comment=" ")
    services.report_return(report=world["report"], user=coordinator, comment="Joindre la preuve")
    corrected = services.report_submit(
        action=world["action"], user=partner_a, period="2026-Q3", progress=45, narrative="Corrigé"
    )
    services.report_validate(report=corrected, user=coordinator)
    versions = list(world["action"].reports.order_by("version").values_list("version", "state"))
    assert versions == [(1, ReportState.RETURNED), (2, ReportState.VALIDATED)]
    world["action"].refresh_from_db()
    assert world["action"].progress == 45


def test_a_second_report_waits_for_the_first_to_be_reviewed(world, partner_a):
    with pytest.raises(ValidationError):
        services.report_submit(
            action=world["action"], user=partner_a, period="2026-Q4", progress=50, narrative="x"
        )


def test_a_validated_report_at_100_completes_the_action_with_its_date(
    world, coordinator, partner_a
):
    services.report_validate(report=world["report"], user=coordinator)
    report = services.report_submit(
        action=world["action"], user=partner_a, period="2026-Q4", progress=100, narrative="Fini"
    )
    services.report_validate(report=report, user=coordinator)
    action = Action.objects.get(pk=world["action"].pk)
    assert (action.status, action.progress) == (ActionStatus.COMPLETED, 100)
    assert action.completed_on == timezone.localdate()


def test_completed_is_never_set_by_hand(world):
    with pytest.raises(ValidationError):
        services.action_set_status(action=world["action"], status=ActionStatus.COMPLETED)


@pytest.mark.parametrize("closing", ["plan", "action"])
def test_a_closed_plan_or_a_cancelled_action_takes_no_report(
    world, coordinator, partner_a, closing
):
    services.report_validate(report=world["report"], user=coordinator)
    if closing == "plan":
        services.plan_advance(plan=world["plan"])  # in execution
        services.plan_advance(plan=world["plan"])  # closed
    else:
        services.action_set_status(action=world["action"], status=ActionStatus.CANCELLED)
    with pytest.raises(ValidationError):
        services.report_submit(
            action=world["action"], user=partner_a, period="2026-Q4", progress=60, narrative="x"
        )


def test_progress_outside_0_to_100_is_refused(world, coordinator):
    services.report_return(report=world["report"], user=coordinator, comment="Revoir")
    for progress in (-1, 101):
        with pytest.raises(ValidationError):
            services.report_submit(
                action=world["action"],
                user=coordinator,
                period="Q",
                progress=progress,
                narrative="x",
            )


def test_a_due_date_before_the_start_is_refused_on_a_new_action(world):
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            plan=world["plan"],
            code="X-1",
            title_fr="Action",
            lead=world["plan"].lead,
            start_date=datetime.date(2026, 5, 1),
            due_date=datetime.date(2026, 4, 1),
        )
    assert "due_date" in refused.value.message_dict


def test_a_code_is_unique_in_its_plan(world):
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            plan=world["plan"],
            code=world["action"].code,
            title_fr="Doublon",
            lead=world["plan"].lead,
            due_date=datetime.date(2027, 1, 1),
        )
    assert "code" in refused.value.message_dict


def test_the_responsible_must_be_in_post_at_the_lead(world, partner_b_org):
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            plan=world["plan"],
            code="X-2",
            title_fr="Action",
            lead=world["plan"].lead,
            responsible=PersonFactory(organization=partner_b_org),
            due_date=datetime.date(2027, 1, 1),
        )
    assert "responsible" in refused.value.message_dict


def test_the_rollup_weights_progress_and_leaves_out_cancelled_actions(world, coordinator):
    plan, lead = world["plan"], world["plan"].lead
    services.report_validate(report=world["report"], user=coordinator)  # weight 2, 40 %
    other = services.action_create(
        plan=plan, code="PA-1.2", title_fr="B", lead=lead, due_date=datetime.date(2027, 1, 1)
    )  # weight 1, 0 %
    cancelled = services.action_create(
        plan=plan,
        code="PA-1.3",
        title_fr="C",
        lead=lead,
        due_date=datetime.date(2027, 1, 1),
        weight=5,
    )
    services.action_set_status(action=cancelled, status=ActionStatus.CANCELLED)
    services.action_revise_due_date(
        action=other, due_date=datetime.date(2027, 3, 1), reason="Budget", user=coordinator
    )
    row = Plan.objects.listed(coordinator).get(pk=plan.pk)
    assert Rollup.of(row) == Rollup(progress=27, slippage_total=59, slippage_worst=59)
    axis_row = plan.axes.annotate(**rollup_of("axis", Action.objects.all())).get()
    assert Rollup.of(axis_row).progress == 40


def test_an_action_past_its_due_date_and_not_completed_is_overdue(world):
    Action.objects.filter(pk=world["action"].pk).update(
        start_date=timezone.localdate() - 10 * DAY, due_date=timezone.localdate() - DAY
    )
    assert list(Action.objects.overdue()) == [world["action"]]
    assert Action.objects.listed().get(pk=world["action"].pk).is_overdue


@pytest.fixture
def decision(ministry, partner_a_org):
    commission = commission_with("CIM", ministry, partner_a_org)
    meeting = convened(plan_meeting(commission, 4))
    return commissions.decision_record(meeting=meeting, text="Suivre", responsible=[partner_a_org])


def test_a_decision_becomes_actions_in_the_partners_current_plan_or_outside_any(
    decision, partner_a_org, partner_a
):
    due = timezone.localdate() + 90 * DAY
    loose = services.decision_create_action(
        decision=decision, lead=partner_a_org, title_fr="Sans plan", due_date=due
    )
    assert loose.plan is None and loose.code == f"{decision.number}.1"
    assert loose.baseline_due_date == due  # outside a plan, frozen at once
    current = plan_world("PA", partner_a_org, reporter=partner_a)["plan"]
    planned = services.decision_create_action(
        decision=decision, lead=partner_a_org, title_fr="Dans le plan", due_date=due
    )
    assert (planned.plan, planned.code) == (current, f"{decision.number}.2")
    assert set(decision.actions.all()) == {loose, planned}


def test_a_decisions_status_follows_its_actions(decision, partner_a_org, partner_a, coordinator):
    first, second = (
        services.decision_create_action(
            decision=decision,
            lead=partner_a_org,
            title_fr=title,
            due_date=timezone.localdate() + 90 * DAY,
        )
        for title in ("Un", "Deux")
    )
    services.action_set_status(action=first, status=ActionStatus.CANCELLED)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN
    services.action_set_status(action=second, status=ActionStatus.IN_PROGRESS)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IN_PROGRESS
    report = services.report_submit(
        action=second, user=partner_a, period="2026-Q4", progress=100, narrative="Fait"
    )
    services.report_validate(report=report, user=coordinator)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CLOSED


def test_a_replaced_focal_point_hands_over_their_open_actions(world):
    predecessor = world["responsible"]
    successor = PersonFactory(organization=predecessor.organization)
    done = services.action_create(
        plan=world["plan"],
        code="PA-9",
        title_fr="Close",
        lead=predecessor.organization,
        responsible=predecessor,
        due_date=datetime.date(2027, 1, 1),
    )
    services.action_set_status(action=done, status=ActionStatus.CANCELLED)
    pending = contacts.focal_point_pending_work(person=predecessor)
    assert [work.items for work in pending if work.source.key == "open_actions"] == [
        [world["action"]]
    ]
    _successor, moved = contacts.focal_point_replace(
        predecessor=predecessor, successor=successor, on=timezone.localdate()
    )
    assert moved["open_actions"] == 1
    assert list(Action.objects.filter(responsible=successor)) == [world["action"]]
    assert list(Action.objects.filter(responsible=predecessor)) == [done]


def test_a_follow_up_action_is_led_by_an_organisation_the_decision_names(decision, partner_b_org):
    with pytest.raises(ValidationError) as refused:
        services.decision_create_action(
            decision=decision,
            lead=partner_b_org,
            title_fr="Pas concernée",
            due_date=timezone.localdate() + 30 * DAY,
        )
    assert "lead" in refused.value.message_dict
