from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_bidi, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.audit import history_page
from accounts.scoping import get_editable_or_404, get_for_user_or_404
from commissions.models import Decision
from mra_portal.lib.exports import Column, date_cell, table_response
from mra_portal.lib.files import download
from mra_portal.lib.forms import form_view, say_refused, submitted
from mra_portal.lib.lists import filtered_rows, page_of
from mra_portal.lib.queries import count_of

from . import origins, services, workbooks
from .filters import ActionFilter, PlanFilter
from .forms import (
    ActionForm,
    AxisForm,
    DecisionActionForm,
    DueDateForm,
    IndicatorForm,
    PlanForm,
    ReportForm,
    ReturnForm,
    RoundForm,
    StatusForm,
    WorkbookForm,
)
from .models import (
    LATE_STATES,
    Action,
    DueDateRevision,
    Evidence,
    Plan,
    ProgressReport,
    ReportingRound,
    ReportState,
    Rollup,
    rollup_of,
    round_tally,
)
from .timeline import timeline_of

# The round page lists this many of the actions still owed; the tally counts them all.
LATE_SHOWN = 50


PLAN_COLUMNS = [
    Column(gettext_lazy("Code"), lambda plan: plan.code, text=True),
    Column(gettext_lazy("Title"), lambda plan: plan.title),
    Column(gettext_lazy("Lead department"), lambda plan: plan.lead.name),
    Column(gettext_lazy("Period"), lambda plan: plan.period),
    Column(gettext_lazy("Status"), lambda plan: plan.get_status_display()),
    Column(gettext_lazy("Actions"), lambda plan: plan.action_count or 0),
    Column(gettext_lazy("Progress (%)"), lambda plan: plan.rollup.progress),
    Column(gettext_lazy("Slippage, total (days)"), lambda plan: plan.rollup.slippage_total),
    Column(gettext_lazy("Slippage, worst (days)"), lambda plan: plan.rollup.slippage_worst),
    Column(gettext_lazy("Overdue actions"), lambda plan: plan.overdue_count or 0),
]
ACTION_COLUMNS = [
    Column(gettext_lazy("Plan"), lambda action: action.plan.code if action.plan else "", text=True),
    Column(gettext_lazy("Code"), lambda action: action.code, text=True),
    Column(gettext_lazy("Title"), lambda action: action.title),
    Column(gettext_lazy("Lead organisation"), lambda action: action.lead.name),
    Column(gettext_lazy("Start"), lambda action: date_cell(action.start_date)),
    Column(gettext_lazy("Baseline due date"), lambda action: date_cell(action.baseline_due_date)),
    Column(gettext_lazy("Due date"), lambda action: date_cell(action.due_date)),
    Column(gettext_lazy("Slippage (days)"), lambda action: action.slippage),
    Column(gettext_lazy("Status"), lambda action: action.get_status_display()),
    Column(gettext_lazy("Overdue"), lambda action: _("Yes") if action.is_overdue else ""),
    Column(gettext_lazy("Weight"), lambda action: action.weight),
    Column(gettext_lazy("Progress (%)"), lambda action: action.progress),
]


# Plans -------------------------------------------------------------------------------------


def _plans(request):
    rows = Plan.objects.for_user(request.user).listed(request.user)
    listing = PlanFilter(request.GET or None, queryset=rows, user=request.user)
    return listing, filtered_rows(listing)


@require_safe
def plan_list(request):
    listing, rows = _plans(request)
    return render(
        request,
        "actionplans/plan_list.html",
        {
            "filter": listing,
            **page_of(request, rows),
            "may_add": request.user.has_perm("actionplans.add_plan"),
        },
    )


@require_safe
def plan_export(request, extension: str):
    return table_response(
        extension, "action-plans", PLAN_COLUMNS, _plans(request)[1], title=_("Action plans")
    )


@form_view
def plan_create(request):
    if not request.user.has_perm("actionplans.add_plan"):
        raise PermissionDenied
    form = PlanForm(request.POST or None, request.FILES or None, user=request.user)
    if plan := submitted(
        request,
        form,
        lambda: services.plan_save(plan=form.instance, co_signers=form.cleaned_data["co_signers"]),
    ):
        messages.success(request, _("Plan %(code)s was created.") % {"code": plan.code})
        return redirect(plan)
    return render(
        request, "actionplans/form_page.html", {"form": form, "heading": _("New action plan")}
    )


@require_safe
def plan_detail(request, pk: int):
    user = request.user
    plan = get_for_user_or_404(
        Plan.objects.listed(user).with_editable(user).prefetch_related("co_signers"), user, pk=pk
    )
    axes = list(plan.axes.annotate(**rollup_of("axis", Action.objects.for_user(user))))
    actions = list(
        Action.objects.for_user(user).filter(plan=plan).listed().order_by("axis__position", "code")
    )
    by_axis = {axis.pk: [] for axis in axes}
    loose = []
    for action in actions:
        by_axis.get(action.axis_id, loose).append(action)
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "axes": [(axis, Rollup.of(axis), by_axis[axis.pk]) for axis in axes],
            "loose": loose,
            "timeline": timeline_of(actions, rtl=get_language_bidi()),
        },
    )


@form_view
def plan_edit(request, pk: int):
    plan = get_editable_or_404(Plan.objects, request.user, pk=pk)
    form = PlanForm(request.POST or None, request.FILES or None, instance=plan, user=request.user)
    if submitted(
        request,
        form,
        lambda: services.plan_save(plan=form.instance, co_signers=form.cleaned_data["co_signers"]),
    ):
        messages.success(request, _("The plan was saved."))
        return redirect(plan)
    return render(
        request,
        "actionplans/form_page.html",
        {"form": form, "plan": plan, "heading": _("Edit the plan")},
    )


@require_POST
def plan_advance(request, pk: int):
    plan = get_editable_or_404(Plan.objects, request.user, pk=pk)
    try:
        plan = services.plan_advance(plan=plan)
    except ValidationError as error:
        say_refused(request, error)
    else:
        messages.success(
            request, _("The plan is now: %(status)s.") % {"status": plan.get_status_display()}
        )
    return redirect(plan)


@require_safe
def plan_history(request, pk: int):
    return history_page(request, Plan.objects, pk)


@require_safe
def plan_document(request, pk: int):
    plan = get_for_user_or_404(Plan.objects, request.user, pk=pk)
    return download(plan.signed_document, plan.code)


@form_view
def axis_create(request, pk: int):
    plan = get_editable_or_404(Plan.objects, request.user, pk=pk)
    form = AxisForm(request.POST or None)
    if submitted(request, form, lambda: services.axis_add(plan=plan, **form.cleaned_data)):
        messages.success(request, _("The axis was added."))
        return redirect(plan)
    return render(
        request,
        "actionplans/form_page.html",
        {"form": form, "plan": plan, "heading": _("New axis")},
    )


@form_view
def action_create(request, pk: int):
    plan = get_editable_or_404(Plan.objects, request.user, pk=pk)
    form = ActionForm(
        request.POST or None, plan=plan, user=request.user, initial={"lead": plan.lead_id}
    )
    if action := submitted(
        request,
        form,
        lambda: services.action_create(
            plan=plan, co_owners=form.cleaned_data["co_owners"], **form.service_fields()
        ),
    ):
        messages.success(request, _("Action %(code)s was added.") % {"code": action.code})
        return redirect(action)
    return render(
        request,
        "actionplans/form_page.html",
        {"form": form, "plan": plan, "heading": _("New action")},
    )


# Actions -----------------------------------------------------------------------------------

ACTION_LISTS = {
    "all": gettext_lazy("Actions"),
    "mine": gettext_lazy("My actions"),
    "overdue": gettext_lazy("Overdue actions"),
}


def _actions(request, which: str):
    rows = Action.objects.for_user(request.user).listed()
    if which == "mine":
        rows = rows.mine(request.user)
    elif which == "overdue":
        rows = rows.overdue()
    listing = ActionFilter(request.GET or None, queryset=rows, user=request.user)
    return listing, filtered_rows(listing).order_by("due_date", "pk")


@require_safe
def action_list(request, which: str = "all"):
    listing, rows = _actions(request, which)
    return render(
        request,
        "actionplans/action_list.html",
        {
            "filter": listing,
            **page_of(request, rows),
            "which": which,
            "heading": ACTION_LISTS[which],
        },
    )


@require_safe
def action_export(request, extension: str, which: str = "all"):
    stem = "actions" if which == "all" else f"actions-{which}"
    return table_response(
        extension, stem, ACTION_COLUMNS, _actions(request, which)[1], title=_("Actions")
    )


@require_safe
def action_detail(request, pk: int):
    user = request.user
    reportable = Action.objects.reportable_by(user).filter(pk=OuterRef("pk"))
    origin = Decision.objects.for_user(user).filter(pk=OuterRef("decision"))
    its_plan = Plan.objects.for_user(user).filter(pk=OuterRef("plan"))
    action = get_for_user_or_404(
        Action.objects.listed()
        .with_editable(user)
        .with_co_owner_names()
        .with_origins(user)
        .annotate(
            reportable=Exists(reportable),
            decision_visible=Exists(origin),
            plan_visible=Exists(its_plan),
        )
        .select_related("responsible", "followed_by", "decision__meeting__commission")
        .prefetch_related(
            Prefetch(
                "revisions", DueDateRevision.objects.select_related("changed_by").order_by("pk")
            ),
            "indicators",
            Prefetch(
                "reports",
                ProgressReport.objects.select_related("submitted_by", "reviewed_by")
                .prefetch_related("evidence", "indicator_values")
                .order_by("version"),
            ),
        ),
        user,
        pk=pk,
    )
    reports = list(action.reports.all())
    return render(
        request,
        "actionplans/action_detail.html",
        {
            "action": action,
            "reports": reports,
            "indicators": _with_actuals(action.indicators.all(), reports),
            "status_form": StatusForm(initial={"status": action.status}),
            "origin_templates": origins.templates(),
        },
    )


def _with_actuals(indicators, reports) -> list:
    """Each indicator with its values by period, the latest validated one as its actual."""
    rows = []
    for indicator in indicators:
        values = [
            (report, value)
            for report in reports
            for value in report.indicator_values.all()
            if value.indicator_id == indicator.pk
        ]
        validated = [value for report, value in values if report.state == ReportState.VALIDATED]
        rows.append((indicator, values, validated[-1].value if validated else None))
    return rows


@form_view
def action_edit(request, pk: int):
    action = get_editable_or_404(Action.objects.select_related("plan"), request.user, pk=pk)
    form = ActionForm(
        request.POST or None,
        instance=action,
        plan=action.plan,
        user=request.user,
    )
    if submitted(
        request,
        form,
        lambda: services.action_update(
            action=action, co_owners=form.cleaned_data["co_owners"], **form.service_fields()
        ),
    ):
        messages.success(request, _("The action was saved."))
        return redirect(action)
    return render(
        request,
        "actionplans/form_page.html",
        {"form": form, "plan": action.plan, "action": action, "heading": _("Edit the action")},
    )


@form_view
def action_due_date(request, pk: int):
    action = get_editable_or_404(Action.objects.select_related("plan"), request.user, pk=pk)
    form = DueDateForm(request.POST or None, initial={"due_date": action.due_date})
    if submitted(
        request,
        form,
        lambda: services.action_revise_due_date(
            action=action, user=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The new due date was saved with its reason."))
        return redirect(action)
    return render(
        request,
        "actionplans/form_page.html",
        {"form": form, "plan": action.plan, "action": action, "heading": _("Revise the due date")},
    )


@require_POST
def action_status(request, pk: int):
    action = get_editable_or_404(Action.objects, request.user, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered."))
        return redirect(action)
    try:
        services.action_set_status(action=action, status=form.cleaned_data["status"])
    except ValidationError as error:
        say_refused(request, error)
    else:
        messages.success(request, _("The status was saved."))
    return redirect(action)


@require_safe
def action_history(request, pk: int):
    return history_page(request, Action.objects, pk)


@form_view
def indicator_create(request, pk: int):
    action = get_editable_or_404(Action.objects.select_related("plan"), request.user, pk=pk)
    form = IndicatorForm(request.POST or None)
    if submitted(request, form, lambda: services.indicator_add(action=action, **form.cleaned_data)):
        messages.success(request, _("The indicator was added."))
        return redirect(action)
    return render(
        request,
        "actionplans/form_page.html",
        {"form": form, "plan": action.plan, "action": action, "heading": _("New indicator")},
    )


# Progress reports --------------------------------------------------------------------------


@form_view
def report_create(request, pk: int):
    user = request.user
    action = get_for_user_or_404(Action.objects.select_related("plan"), user, pk=pk)
    if not Action.objects.reportable_by(user).filter(pk=action.pk).exists():
        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None, action=action, user=user)
    if submitted(
        request,
        form,
        lambda: services.report_submit(
            action=action,
            user=user,
            period=form.cleaned_data["period"],
            reporting_round=form.cleaned_data["reporting_round"],
            progress=form.cleaned_data["progress"],
            narrative=form.cleaned_data["narrative"],
            values=form.indicator_values(),
            evidence=form.cleaned_data["evidence"],
        ),
    ):
        messages.success(request, _("The report was sent for validation."))
        return redirect(action)
    # No plan in the breadcrumb: a co-owner reports on actions of plans it does not see.
    return render(
        request,
        "actionplans/report_form.html",
        {"form": form, "action": action, "heading": _("Report progress")},
    )


def _report_for_review(request, pk: int) -> ProgressReport:
    return get_editable_or_404(
        ProgressReport.objects.select_related("action__plan"), request.user, pk=pk
    )


@require_POST
def report_validate(request, pk: int):
    report = _report_for_review(request, pk)
    try:
        services.report_validate(report=report, user=request.user)
    except ValidationError as error:
        say_refused(request, error)
    else:
        messages.success(request, _("The report was validated."))
    return redirect(report.action)


@form_view
def report_return(request, pk: int):
    report = _report_for_review(request, pk)
    form = ReturnForm(request.POST or None)
    if submitted(
        request,
        form,
        lambda: services.report_return(
            report=report, user=request.user, comment=form.cleaned_data["comment"]
        ),
    ):
        messages.success(request, _("The report was returned to its author."))
        return redirect(report.action)
    return render(
        request,
        "actionplans/form_page.html",
        {
            "form": form,
            "plan": report.action.plan,
            "action": report.action,
            "heading": _("Return the report"),
        },
    )


@require_safe
def evidence_download(request, pk: int):
    evidence = get_for_user_or_404(Evidence.objects, request.user, pk=pk)
    return download(evidence.file, evidence.title.rsplit(".", 1)[0])


# Excel round-trips -------------------------------------------------------------------------


def _round_trip(request, *, key: str, preview, confirm_url: str, context: dict):
    """The upload step of a round-trip: the preview of what the workbook would do, kept in
    the session for the confirmation; or the form with its message."""
    form = WorkbookForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = preview(form.cleaned_data["workbook"])
        if result.errors:
            request.session.pop(key, None)
        else:
            request.session[key] = result.data
    return render(
        request,
        "actionplans/workbook_import.html",
        {"form": form, "preview": result, "confirm_url": confirm_url, **context},
    )


def _confirmed(request, key: str, write) -> int | None:
    """The confirmation step: the previewed rows, written in one transaction."""
    data = request.session.pop(key, None)
    if data is None:
        messages.error(request, _("Nothing to confirm: upload the workbook again."))
        return None
    try:
        return write(data)
    except ValidationError as error:
        say_refused(request, error)
        return None


@form_view
def plan_import(request, pk: int):
    plan = get_editable_or_404(Plan.objects, request.user, pk=pk)
    return _round_trip(
        request,
        key=f"plan-import-{plan.pk}",
        preview=lambda upload: workbooks.plan_preview(upload, plan, request.user),
        confirm_url=reverse("actionplans:plan_import_confirm", args=[plan.pk]),
        context={
            "plan": plan,
            "heading": _("Import axes and actions"),
            "template_url": reverse("actionplans:plan_import_template", args=[plan.pk]),
            "kind": "plan",
        },
    )


@require_safe
def plan_import_template(request, pk: int):
    plan = get_editable_or_404(Plan.objects, request.user, pk=pk)
    return workbooks.plan_template(plan, request.user)


@require_POST
def plan_import_confirm(request, pk: int):
    plan = get_editable_or_404(Plan.objects, request.user, pk=pk)
    added = _confirmed(
        request,
        f"plan-import-{plan.pk}",
        lambda data: services.plan_import(plan=plan, axes=data["axes"], rows=data["rows"]),
    )
    if added is None:
        return redirect("actionplans:plan_import", plan.pk)
    messages.success(
        request,
        ngettext("%(count)d action was imported.", "%(count)d actions were imported.", added)
        % {"count": added},
    )
    return redirect(plan)


def _round_for_reporter(request, pk: int) -> ReportingRound:
    reporting_round = get_for_user_or_404(ReportingRound.objects, request.user, pk=pk)
    if not request.user.reports_progress:
        raise PermissionDenied
    return reporting_round


@form_view
def round_offline(request, pk: int):
    reporting_round = _round_for_reporter(request, pk)
    return _round_trip(
        request,
        key=f"round-report-{reporting_round.pk}",
        preview=lambda upload: workbooks.round_preview(upload, reporting_round, request.user),
        confirm_url=reverse("actionplans:round_offline_confirm", args=[reporting_round.pk]),
        context={
            "round": reporting_round,
            "heading": _("Report offline"),
            "template_url": reverse(
                "actionplans:round_offline_template", args=[reporting_round.pk]
            ),
            "kind": "round",
        },
    )


@require_safe
def round_offline_template(request, pk: int):
    reporting_round = _round_for_reporter(request, pk)
    return workbooks.round_template(reporting_round, request.user)


@require_POST
def round_offline_confirm(request, pk: int):
    reporting_round = _round_for_reporter(request, pk)
    sent = _confirmed(
        request,
        f"round-report-{reporting_round.pk}",
        lambda data: services.round_reports_import(
            reporting_round=reporting_round, user=request.user, rows=data["rows"]
        ),
    )
    if sent is None:
        return redirect("actionplans:round_offline", reporting_round.pk)
    messages.success(
        request,
        ngettext(
            "%(count)d report was sent for validation.",
            "%(count)d reports were sent for validation.",
            sent,
        )
        % {"count": sent},
    )
    return redirect(reporting_round)


# Reporting rounds --------------------------------------------------------------------------


@require_safe
def round_list(request):
    rounds = (
        ReportingRound.objects.for_user(request.user)
        .select_related("opened_by")
        .annotate(
            plan_count=count_of(
                ReportingRound.plans.through.objects.filter(
                    plan__in=Plan.objects.for_user(request.user)
                ),
                link="reportinground",
            )
        )
        .order_by("-deadline", "-pk")
    )
    return render(
        request,
        "actionplans/round_list.html",
        {
            **page_of(request, rounds),
            "may_add": request.user.has_perm("actionplans.add_reportinground"),
        },
    )


@form_view
def round_create(request):
    if not request.user.has_perm("actionplans.add_reportinground"):
        raise PermissionDenied
    form = RoundForm(request.POST or None, user=request.user)
    if reporting_round := submitted(
        request, form, lambda: services.round_open(user=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Round %(name)s is open.") % {"name": reporting_round})
        return redirect(reporting_round)
    return render(
        request,
        "actionplans/form_page.html",
        {"form": form, "heading": _("Open a reporting round")},
    )


@require_safe
def round_detail(request, pk: int):
    user = request.user
    reporting_round = get_for_user_or_404(ReportingRound.objects.with_editable(user), user, pk=pk)
    actions = Action.objects.for_user(user).in_round(reporting_round)
    rows = (
        actions.values(
            "plan_id",
            "plan__code",
            "responsible__first_name",
            "responsible__last_name",
            "lead__acronym_fr",
        )
        .annotate(**round_tally())
        .order_by("plan__code", "responsible__last_name", "responsible__first_name")
    )
    rates = (
        actions.values("lead_id", "lead__acronym_fr", "lead__name_fr")
        .annotate(**round_tally())
        .order_by("lead__acronym_fr", "lead__name_fr")
    )
    return render(
        request,
        "actionplans/round_detail.html",
        {
            "round": reporting_round,
            "rows": rows,
            "rates": [(rate, round(100 * rate["reported"] / rate["expected"])) for rate in rates],
            "late": actions.filter(round_state__in=LATE_STATES)
            .select_related("lead")
            .order_by("plan__code", "code")[:LATE_SHOWN],
        },
    )


@require_POST
def round_remind(request, pk: int):
    reporting_round = get_editable_or_404(ReportingRound.objects, request.user, pk=pk)
    reminded = services.round_remind_late(reporting_round=reporting_round)
    messages.success(
        request,
        ngettext(
            "A reminder goes to %(count)d focal point.",
            "A reminder goes to %(count)d focal points.",
            reminded,
        )
        % {"count": reminded},
    )
    return redirect(reporting_round)


# From a decision to its actions -----------------------------------------------------------


@form_view
def decision_action_create(request, pk: int):
    user = request.user
    decision = get_editable_or_404(
        Decision.objects.select_related("meeting__commission"), user, pk=pk
    )
    form = DecisionActionForm(request.POST or None, decision=decision, user=user)
    if action := submitted(
        request,
        form,
        lambda: services.decision_create_action(decision=decision, **form.cleaned_data),
    ):
        messages.success(request, _("Action %(code)s was added.") % {"code": action.code})
        return redirect(action)
    return render(
        request,
        "actionplans/form_page.html",
        {"form": form, "decision": decision, "heading": _("New follow-up action")},
    )
