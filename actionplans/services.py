"""Every write to plans, actions and reports, with the rules that keep slippage visible."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from commissions.models import Decision, DecisionStatus
from commissions.services import decision_set_status
from contacts.models import Person
from partners.models import Organization
from reminders.services import reminders_sync

from .models import (
    Action,
    ActionStatus,
    Axis,
    DueDateRevision,
    Evidence,
    Indicator,
    IndicatorValue,
    Plan,
    PlanStatus,
    ProgressReport,
    ReportingRound,
    ReportState,
)
from .reminders import expected_for_round

# What action_update() changes; dates, status and progress have services of their own.
ACTION_FIELDS = (
    "axis",
    "code",
    "title_fr",
    "title_ar",
    "title_en",
    "description",
    "lead",
    "responsible",
    "followed_by",
    "start_date",
    "weight",
)


# Plans -------------------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, plan: Plan, co_signers: Iterable[Organization] = ()) -> Plan:
    """A new plan or its edited details; its status moves only through plan_advance()."""
    if plan.lead_id in {organization.pk for organization in co_signers}:
        raise ValidationError({"co_signers": _("The lead department already signs the plan.")})
    plan.full_clean(exclude=["search_text"])
    plan.save()
    plan.co_signers.set(co_signers)
    return plan


@transaction.atomic
def plan_advance(*, plan: Plan) -> Plan:
    """Draft → agreed → in execution → closed. Agreeing freezes every baseline due date."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    target = plan.next_status
    if target is None:
        raise ValidationError(_("A closed plan has no further status."))
    if target == PlanStatus.AGREED:
        if not plan.actions.exists():
            raise ValidationError(_("A plan is agreed with its actions: add them first."))
        plan.agreed_at = timezone.now()
        # One statement for all the plan's actions; the audit trail's triggers see each row.
        plan.actions.filter(baseline_due_date__isnull=True).update(
            baseline_due_date=F("due_date"), updated_at=plan.agreed_at
        )
    plan.status = target
    plan.save(update_fields=["status", "agreed_at", "updated_at"])
    return plan


@transaction.atomic
def axis_add(
    *, plan: Plan, code: str, title_fr: str, title_ar: str = "", title_en: str = ""
) -> Axis:
    """A new axis at the end of the plan's list."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.axes.filter(code=code).exists():
        raise ValidationError(
            {"code": _("The plan already has an axis %(code)s.") % {"code": code}}
        )
    last = plan.axes.aggregate(Max("position"))["position__max"] or 0
    return Axis.objects.create(
        plan=plan,
        position=last + 1,
        code=code,
        title_fr=title_fr,
        title_ar=title_ar,
        title_en=title_en,
    )


# Actions -----------------------------------------------------------------------------------


def _check_action(action: Action) -> None:
    errors = {}
    if action.plan_id and action.axis_id and action.axis.plan_id != action.plan_id:
        errors["axis"] = _("Choose an axis of this plan.")
    if action.start_date and action.due_date < action.start_date:
        errors["due_date"] = _("The due date cannot come before the start date.")
    if action.responsible_id and (
        action.responsible.organization_id != action.lead_id or not action.responsible.is_current
    ):
        errors["responsible"] = _("Choose a person in post at the lead organisation.")
    duplicate = Action.objects.filter(plan=action.plan_id, code=action.code).exclude(pk=action.pk)
    if action.plan_id and duplicate.exists():
        errors["code"] = _("The plan already has an action %(code)s.") % {"code": action.code}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_create(*, co_owners: Iterable[Organization] = (), **fields) -> Action:
    """A new action; in an agreed plan, or without a plan, its due date is its baseline."""
    action = Action(**fields)
    if action.plan_id:
        # The plan's status as it is now, not as the caller last read it; and one at a time.
        action.plan = Plan.objects.select_for_update().get(pk=action.plan_id)
    _check_action(action)
    if action.plan is None or action.plan.baseline_frozen:
        action.baseline_due_date = action.due_date
    action.save()
    action.co_owners.set([o for o in co_owners if o.pk != action.lead_id])
    if action.decision_id:
        decision_follow_actions(decision=action.decision)
    return action


@transaction.atomic
def action_update(*, action: Action, co_owners: Iterable[Organization], **fields) -> Action:
    """The action's details. Dates, status and progress have services of their own."""
    for name, value in fields.items():
        if name not in ACTION_FIELDS:
            raise ValidationError(_("%(field)s is not changed here.") % {"field": name})
        setattr(action, name, value)
    _check_action(action)
    action.save()
    action.co_owners.set([o for o in co_owners if o.pk != action.lead_id])
    return action


@transaction.atomic
def action_revise_due_date(
    *, action: Action, due_date: datetime.date, reason: str, user: User
) -> DueDateRevision:
    """A new due date, kept with its reason; the baseline, once frozen, never moves."""
    action = Action.objects.select_for_update(of=("self",)).select_related("plan").get(pk=action.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the due date changes.")})
    if due_date == action.due_date:
        raise ValidationError({"due_date": _("This is already the due date.")})
    if action.start_date and due_date < action.start_date:
        raise ValidationError({"due_date": _("The due date cannot come before the start date.")})
    if action.is_closed:
        raise ValidationError(_("A completed or cancelled action keeps its dates."))
    revision = DueDateRevision.objects.create(
        action=action,
        previous_due_date=action.due_date,
        due_date=due_date,
        reason=reason.strip(),
        changed_by=user,
    )
    action.due_date = due_date
    if not (action.plan and action.plan.baseline_frozen) and action.plan_id:
        action.baseline_due_date = None  # a draft plan's dates are still being agreed
    action.save(update_fields=["due_date", "baseline_due_date", "updated_at"])
    return revision


@transaction.atomic
def action_set_status(*, action: Action, status: str) -> Action:
    """Not started, in progress, delayed or cancelled by hand; completion needs a validated
    report at 100 %."""
    if status == ActionStatus.COMPLETED:
        raise ValidationError(
            _("An action is completed by validating a report at 100 %, with its date.")
        )
    if action.status == ActionStatus.COMPLETED:
        raise ValidationError(_("A completed action keeps its status."))
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    if action.decision_id:
        decision_follow_actions(decision=action.decision)
    return action


@transaction.atomic
def indicator_add(*, action: Action, **fields) -> Indicator:
    indicator = Indicator(action=action, **fields)
    indicator.full_clean()
    indicator.save()
    return indicator


# Progress reports --------------------------------------------------------------------------


@transaction.atomic
def report_submit(
    *,
    action: Action,
    user: User,
    period: str,
    progress: int,
    narrative: str,
    values: dict[Indicator, Decimal] | None = None,
    evidence: Iterable = (),
    reporting_round: ReportingRound | None = None,
) -> ProgressReport:
    """A new version of the action's report, awaiting validation; in a round, for its period."""
    action = Action.objects.select_for_update(of=("self",)).select_related("plan").get(pk=action.pk)
    if not action.takes_reports:
        raise ValidationError(
            _("%(code)s takes no more reports: its plan is closed or it is cancelled.")
            % {"code": action.code}
        )
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage, from 0 to 100.")})
    if action.reports.awaiting().exists():
        raise ValidationError(
            _("A report on %(code)s already awaits validation.") % {"code": action.code}
        )
    if reporting_round is not None:
        if not reporting_round.plans.filter(pk=action.plan_id).exists():
            raise ValidationError(_("This round does not cover the action's plan."))
        period = reporting_round.name
    values = values or {}
    if any(indicator.action_id != action.pk for indicator in values):
        raise ValidationError(_("An indicator of another action was given."))
    last = action.reports.aggregate(Max("version"))["version__max"] or 0
    report = ProgressReport.objects.create(
        action=action,
        version=last + 1,
        round=reporting_round,
        period=period,
        progress=progress,
        narrative=narrative,
        submitted_by=user,
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, report=report, value=value)
        for indicator, value in values.items()
        if value is not None
    )
    for upload in evidence:
        Evidence.objects.create(report=report, title=upload.name, file=upload)
    _remind_round(report)
    return report


def _remind_round(report: ProgressReport) -> None:
    """Who the round still waits for changes with each report: its outbox follows."""
    if report.round_id:
        reporting_round = ReportingRound.objects.get(pk=report.round_id)
        reminders_sync(target=reporting_round, expected=expected_for_round(reporting_round))


def _check_review(report: ProgressReport, user: User) -> None:
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(_("This report was already reviewed."))
    if report.submitted_by_id == user.pk:
        raise ValidationError(_("Someone other than its author reviews a report."))


@transaction.atomic
def report_validate(*, report: ProgressReport, user: User) -> ProgressReport:
    """The action's progress becomes the report's; at 100 % the action is completed."""
    report = ProgressReport.objects.select_for_update().select_related("action").get(pk=report.pk)
    _check_review(report, user)
    report.state = ReportState.VALIDATED
    report.reviewed_by, report.reviewed_at = user, timezone.now()
    report.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    action = report.action
    action.progress = report.progress
    if report.progress == 100:
        action.status = ActionStatus.COMPLETED
        action.completed_on = timezone.localdate(report.submitted_at)
    elif action.status == ActionStatus.NOT_STARTED:
        action.status = ActionStatus.IN_PROGRESS
    action.save(update_fields=["progress", "status", "completed_on", "updated_at"])
    if action.decision_id:
        decision_follow_actions(decision=action.decision)
    _remind_round(report)
    return report


@transaction.atomic
def report_return(*, report: ProgressReport, user: User, comment: str) -> ProgressReport:
    """Back to its author with what to correct; a new version corrects it."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    _check_review(report, user)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should be corrected.")})
    report.state = ReportState.RETURNED
    report.reviewed_by, report.reviewed_at = user, timezone.now()
    report.review_comment = comment.strip()
    report.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
    _remind_round(report)
    return report


@transaction.atomic
def plan_import(*, plan: Plan, axes: list[dict], rows: list[dict]) -> int:
    """A previewed workbook's axes and actions, all or none; how many actions were added."""
    if not plan.takes_reports:
        raise ValidationError(_("A closed plan takes no new action."))
    for axis in axes:
        axis_add(plan=plan, **axis)
    by_code = {axis.code: axis for axis in plan.axes.all()}
    for row in rows:
        fields = dict(row)
        start = fields.pop("start_date")
        action_create(
            plan=plan,
            axis=by_code.get(fields.pop("axis")),
            lead=Organization.objects.get(pk=fields.pop("lead")),
            co_owners=Organization.objects.filter(pk__in=fields.pop("co_owners")),
            start_date=datetime.date.fromisoformat(start) if start else None,
            due_date=datetime.date.fromisoformat(fields.pop("due_date")),
            **fields,
        )
    return len(rows)


# Reporting rounds --------------------------------------------------------------------------


@transaction.atomic
def round_open(
    *, name: str, plans: Iterable[Plan], deadline: datetime.date, user: User
) -> ReportingRound:
    """A call for reports over plans, with reminders to the focal points it waits for."""
    plans = list(plans)
    if not plans:
        raise ValidationError({"plans": _("Choose the plans the round covers.")})
    if closed := [plan.code for plan in plans if not plan.takes_reports]:
        raise ValidationError(
            {"plans": _("Closed plans take no reports: %(codes)s.") % {"codes": ", ".join(closed)}}
        )
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    reporting_round = ReportingRound.objects.create(name=name, deadline=deadline, opened_by=user)
    reporting_round.plans.set(plans)
    reminders_sync(target=reporting_round, expected=expected_for_round(reporting_round))
    return reporting_round


@transaction.atomic
def round_remind_late(*, reporting_round: ReportingRound) -> int:
    """A reminder now to each focal point the round still waits for; how many there are."""
    reporting_round = ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)
    reporting_round.late_reminded_at = timezone.now()
    reporting_round.save(update_fields=["late_reminded_at"])
    expected = expected_for_round(reporting_round)
    reminders_sync(target=reporting_round, expected=expected)
    return len({item.recipient for item in expected})


@transaction.atomic
def round_reports_import(*, reporting_round: ReportingRound, user: User, rows: list[dict]) -> int:
    """A previewed offline workbook's reports, each awaiting validation; all or none."""
    for row in rows:
        action = Action.objects.reportable_by(user).filter(pk=row["action"]).first()
        if action is None:
            raise ValidationError(_("You no longer report on %(code)s.") % {"code": row["code"]})
        values = {
            indicator: Decimal(row["values"][str(indicator.pk)])
            for indicator in action.indicators.filter(pk__in=[int(pk) for pk in row["values"]])
        }
        report_submit(
            action=action,
            user=user,
            reporting_round=reporting_round,
            period="",
            progress=row["progress"],
            narrative=row["narrative"],
            values=values,
        )
    return len(rows)


# From decision to action, and back ---------------------------------------------------------


def plan_for(organization: Organization) -> Plan | None:
    """The organisation's current plan: agreed or in execution, the latest period first."""
    return (
        Plan.objects.filter(lead=organization)
        .exclude(status__in=[PlanStatus.DRAFT, PlanStatus.CLOSED])
        .order_by("-last_year", "-pk")
        .first()
    )


@transaction.atomic
def decision_follow_actions(*, decision: Decision) -> Decision:
    """A decision with actions is open while any is, and closed when all are done with."""
    actions = Action.objects.filter(decision=decision)
    if not actions.exists():
        return decision
    if not actions.still_open().exists():
        status = DecisionStatus.CLOSED
    elif actions.exclude(status__in=[ActionStatus.NOT_STARTED, ActionStatus.CANCELLED]).exists():
        status = DecisionStatus.IN_PROGRESS
    else:
        status = DecisionStatus.OPEN
    if decision.status != status:
        decision_set_status(decision=decision, status=status)
    return decision


def follow_up_code(decision: Decision, organization: Organization, plan: Plan | None) -> str:
    """A free code for the decision's next action: CIM-2026-01/D2.1, .2 ..."""
    taken = set(Action.objects.filter(plan=plan).values_list("code", flat=True))
    number = 1 + Action.objects.filter(decision=decision, lead=organization).count()
    while f"{decision.number}.{number}" in taken:
        number += 1
    return f"{decision.number}.{number}"


@transaction.atomic
def decision_create_action(
    *,
    decision: Decision,
    lead: Organization,
    title_fr: str,
    due_date: datetime.date,
    responsible: Person | None = None,
    followed_by: User | None = None,
    title_ar: str = "",
    title_en: str = "",
) -> Action:
    """A follow-up action in the lead's current plan, or without a plan when it has none."""
    if not decision.responsible.filter(pk=lead.pk).exists():
        raise ValidationError({"lead": _("Choose one of the organisations the decision names.")})
    plan = plan_for(lead)
    return action_create(
        plan=plan,
        code=follow_up_code(decision, lead, plan),
        title_fr=title_fr,
        title_ar=title_ar,
        title_en=title_en,
        lead=lead,
        responsible=responsible,
        followed_by=followed_by or lead.followed_by,
        start_date=timezone.localdate(),
        due_date=due_date,
        decision=decision,
    )
