"""Sectoral action plans: the bilateral framework agreed with each partner department.

A plan has ordered axes and actions; an action's progress comes from its latest validated
progress report only, and its baseline due date is frozen once the plan is agreed, so a
revised date can never hide a delay (slippage is revised minus baseline).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.audit import tracked
from accounts.i18n import localized
from accounts.scoping import ScopedQuerySet
from accounts.uploads import DocumentField
from commissions.models import Decision
from contacts.models import Person
from mra_portal.lib.search import SearchableQuerySet, search_column
from partners.models import Organization

from . import origins

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    IN_EXECUTION = "in_execution", _("In execution")
    CLOSED = "closed", _("Closed")


# The one way through a plan's life; the service refuses any other move.
PLAN_NEXT = {
    PlanStatus.DRAFT: PlanStatus.AGREED,
    PlanStatus.AGREED: PlanStatus.IN_EXECUTION,
    PlanStatus.IN_EXECUTION: PlanStatus.CLOSED,
}


class PlanQuerySet(SearchableQuerySet, ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """The plans the organisation leads or co-signs."""
        co_signed = Plan.co_signers.through.objects.filter(organization_id=organization_id)
        return self.filter(Q(lead_id=organization_id) | Q(pk__in=co_signed.values("plan")))

    def followed_by(self, user):
        return self.filter(lead__followed_by=user)

    def listed(self, user):
        """The list's rows with their roll-up over the actions the user may see, per row in SQL
        (shown through plan.rollup; progress_ratio and slippage_order sort the list)."""
        return (
            self.select_related("lead")
            .annotate(**rollup_of("plan", Action.objects.for_user(user)))
            .annotate(
                progress_ratio=Coalesce(
                    F("weighted") / NullIf(F("weights"), Value(0.0)),
                    Value(0.0),
                    output_field=FloatField(),
                ),
                slippage_order=Coalesce(F("slippage_total"), Value(0.0), output_field=FloatField()),
            )
        )


@tracked(exclude=("search_text",))
class Plan(models.Model):
    lead = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="led_plans",
        verbose_name=_("lead department"),
    )
    co_signers = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="co_signed_plans",
        verbose_name=_("co-signing organisations"),
    )
    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("e.g. MI-2026, used in exports.")
    )
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    signed_on = models.DateField(_("signature date"), null=True, blank=True)
    signed_document = DocumentField(_("signed document"), blank=True)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True, editable=False)
    search_text = search_column("code", "title_fr", "title_ar", "title_en")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-first_year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="plan_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actionplans:plan", args=[self.pk])

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def period(self) -> str:
        return f"{self.first_year}\u2013{self.last_year}"  # an en dash

    @property
    def baseline_frozen(self) -> bool:
        return self.status != PlanStatus.DRAFT

    @property
    def takes_reports(self) -> bool:
        return self.status != PlanStatus.CLOSED

    @property
    def next_status(self) -> str | None:
        return PLAN_NEXT.get(self.status)

    @property
    def agreeing_is_next(self) -> bool:
        """The next step freezes every baseline due date: the page says so beside it."""
        return self.next_status == PlanStatus.AGREED

    @cached_property
    def rollup(self) -> "Rollup":
        """Progress and slippage, on a row read through PlanQuerySet.listed()."""
        return Rollup.of(self)

    def get_next_status_display(self) -> str:
        return PlanStatus(self.next_status).label if self.next_status else ""


class ThroughPlanQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(plan__in=Plan.objects.for_organization(organization_id))

    def followed_by(self, user):
        return self.filter(plan__lead__followed_by=user)


@tracked()
class Axis(models.Model):
    """An axis or objective of a plan, in the order the plan lists them."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="axes", verbose_name=_("plan")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. EDU-2."))
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)

    objects = ThroughPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="axis_unique_code"),
            models.UniqueConstraint(fields=["plan", "position"], name="axis_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


# An action is done with once completed or cancelled: it is no longer late, nor reported on.
CLOSED_STATUSES = (ActionStatus.COMPLETED, ActionStatus.CANCELLED)
# What a person may set by hand; completion comes from a validated report at 100 %.
SETTABLE_STATUSES = [
    (value, label) for value, label in ActionStatus.choices if value != ActionStatus.COMPLETED
]


class ActionQuerySet(SearchableQuerySet, ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """The actions the organisation leads or co-owns."""
        co_owned = Action.co_owners.through.objects.filter(organization_id=organization_id)
        return self.filter(Q(lead_id=organization_id) | Q(pk__in=co_owned.values("action")))

    def followed_by(self, user):
        """An officer follows the actions named for them and those of the partners they follow."""
        return self.filter(Q(followed_by=user) | Q(lead__followed_by=user))

    def reportable_by(self, user):
        """Who reports progress: a coordinator for anyone, a focal point for its organisation."""
        if not user.reports_progress:
            return self.none()
        if user.edits_everything:
            return self.for_user(user)
        return self.for_user(user).for_organization(user.organization_id)

    def mine(self, user):
        """My actions: a partner's, its organisation's; a ministry user's, those they follow."""
        if user.is_ministry:
            return self.followed_by(user)
        return self.for_organization(user.organization_id)

    def still_open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, on: datetime.date | None = None):
        return self.filter(overdue_q(on))

    def with_co_owner_names(self):
        """The co-owners' short names, in the row's own query."""
        names = Organization.objects.filter(co_owned_actions=OuterRef("pk")).order_by(
            "acronym_fr", "name_fr"
        )
        return self.annotate(
            co_owner_names=ArraySubquery(
                names.values(name=Coalesce(NullIf("acronym_fr", Value("")), "name_fr"))
            )
        )

    def in_round(self, reporting_round: "ReportingRound"):
        """What a round awaits: the actions of its plans, each with the state of its latest
        report in the round (round_state); cancelled actions and those completed before the
        round are not awaited."""
        latest = (
            ProgressReport.objects.filter(action=OuterRef("pk"), round=reporting_round)
            .order_by("-version")
            .values("state")[:1]
        )
        return (
            self.filter(plan__in=reporting_round.plans.all())
            .annotate(round_state=Coalesce(Subquery(latest), Value(NOT_REPORTED)))
            .exclude(status=ActionStatus.CANCELLED)
            .filter(~Q(status=ActionStatus.COMPLETED) | ~Q(round_state=NOT_REPORTED))
        )

    def late_in_round(self, reporting_round: "ReportingRound"):
        """Not reported yet, or returned and not corrected."""
        return self.in_round(reporting_round).filter(round_state__in=LATE_STATES)

    def listed(self):
        return self.select_related("plan", "axis", "lead").annotate(
            slippage=slippage_days(), is_overdue=overdue_flag()
        )

    def with_origins(self, user):
        """Where each action comes from, as the apps to the right know it and the user may see
        it (a study's recommendation), in the actions' own query."""
        return self.annotate(**origins.annotations(user))


def rollup_of(link: str, actions) -> dict:
    """Weighted progress (cancelled actions left out), slippage and lateness of `actions` (those
    the reader may see) under the outer row (a plan or an axis, through `link`), as annotations
    in the row's own query."""
    rows = (
        actions.filter(**{link: OuterRef("pk")})
        .exclude(status=ActionStatus.CANCELLED)
        .order_by()
        .values(link)
    )

    def total(expression):
        return Subquery(rows.annotate(total=expression).values("total"), output_field=FloatField())

    return {
        "weighted": total(Sum(F("weight") * F("progress"))),
        "weights": total(Sum("weight")),
        "slippage_total": total(Sum(slippage_days())),
        "slippage_worst": total(Max(slippage_days())),
        "action_count": total(Count("*")),
        "overdue_count": total(Sum(Case(When(overdue_q(), then=Value(1)), default=Value(0)))),
    }


def slippage_days():
    """Revised minus baseline due date, in days: 0 until the baseline is frozen."""
    return Coalesce(
        ExtractDay(F("due_date") - F("baseline_due_date")),
        Value(0),
        output_field=models.IntegerField(),
    )


def overdue_q(on: datetime.date | None = None) -> Q:
    """Past its current due date and neither completed nor cancelled."""
    return ~Q(status__in=CLOSED_STATUSES) & Q(due_date__lt=on or timezone.localdate())


def overdue_flag():
    return Case(When(overdue_q(), then=Value(True)), default=Value(False))


@tracked(exclude=("search_text",))
class Action(models.Model):
    """A plan's action, or a follow-up action of a decision when its partner has no plan."""

    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("plan"),
    )
    axis = models.ForeignKey(
        Axis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("axis"),
    )
    code = models.CharField(
        _("code"), max_length=20, help_text=_("e.g. EDU-2.3, unique in the plan.")
    )
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="led_actions",
        verbose_name=_("lead organisation"),
    )
    co_owners = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="co_owned_actions",
        verbose_name=_("co-owner organisations"),
    )
    responsible = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_actions",
        verbose_name=_("responsible focal point"),
    )
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_actions",
        verbose_name=_("followed by (ministry)"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    baseline_due_date = models.DateField(
        _("baseline due date"), null=True, blank=True, editable=False
    )
    due_date = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Its share in the progress of its axis and plan."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=PERCENT, editable=False
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("origin: commission decision"),
    )
    # Other origins (a study's recommendation) are registered in origins.py by their apps.
    search_text = search_column("code", "title_fr", "title_ar", "title_en")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "axis__position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="action_unique_code"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(due_date__gte=F("start_date")),
                name="action_due_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.COMPLETED)
                | Q(progress=100, completed_on__isnull=False),
                name="action_completed_at_100",
            ),
        ]
        indexes = [models.Index(fields=["due_date", "status"], name="action_due")]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actionplans:action", args=[self.pk])

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def takes_reports(self) -> bool:
        return self.status != ActionStatus.CANCELLED and (not self.plan or self.plan.takes_reports)


class ThroughActionQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(action__in=Action.objects.for_organization(organization_id))

    def followed_by(self, user):
        return self.filter(action__in=Action.objects.followed_by(user))


@tracked()
class DueDateRevision(models.Model):
    """Each change of an action's due date, with why, who and when."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("action")
    )
    previous_due_date = models.DateField(_("previous due date"))
    due_date = models.DateField(_("new due date"))
    reason = models.CharField(_("reason"), max_length=500)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, editable=False)

    objects = ThroughActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("due date revision")
        verbose_name_plural = _("due date revisions")
        ordering = ["action", "changed_at"]

    def __str__(self) -> str:
        return f"{self.previous_due_date} → {self.due_date}"


class Periodicity(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


@tracked()
class Indicator(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("action")
    )
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. %, people, offices."))
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    target_date = models.DateField(_("target date"))
    periodicity = models.CharField(
        _("periodicity"), max_length=16, choices=Periodicity.choices, default=Periodicity.QUARTERLY
    )

    objects = ThroughActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["action", "pk"]

    def __str__(self) -> str:
        return self.name


NOT_REPORTED = "not_reported"


def round_tally() -> dict:
    """Counts of a round's actions by the state of their report, as aggregates."""
    return {
        "expected": Count("pk"),
        **{
            state: Count("pk", filter=Q(round_state=state))
            for state in (NOT_REPORTED, *ReportState.values)
        },
        "reported": Count("pk", filter=Q(round_state__in=REPORTED_STATES)),
    }


def round_state_label(state: str) -> str:
    """How a round's page names the state of an action's report in the round."""
    if state == NOT_REPORTED:
        return str(_("Not reported"))
    return ReportState(state).label


class RoundQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """The rounds over a plan the organisation leads or co-signs, or holding an action it
        leads or co-owns: it is asked to report in them."""
        owned = Action.objects.for_organization(organization_id).values("plan")
        covering = ReportingRound.plans.through.objects.filter(
            Q(plan__in=Plan.objects.for_organization(organization_id)) | Q(plan__in=owned)
        )
        return self.filter(pk__in=covering.values("reportinground"))

    def still_reminding(self, on: datetime.date | None = None):
        """Rounds whose reminders may still be owed: their deadline, and the notice after it."""
        on = on or timezone.localdate()
        return self.filter(deadline__gte=on - datetime.timedelta(days=ROUND_REMINDING_DAYS))

    def covering(self, plan_id: int | None):
        return self.filter(plans=plan_id)


# A round's late ones are reminded this long after its deadline, then it is left alone.
ROUND_REMINDING_DAYS = 30


@tracked()
class ReportingRound(models.Model):
    """A call for progress reports over a set of plans, with a deadline (as DHIS2's data sets
    and reporting rates, but per action)."""

    name = models.CharField(
        _("name"), max_length=20, help_text=_("e.g. 2026-Q3: also the period of its reports.")
    )
    plans = models.ManyToManyField(Plan, related_name="rounds", verbose_name=_("plans"))
    deadline = models.DateField(_("deadline"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, editable=False)
    late_reminded_at = models.DateTimeField(
        _("late ones last reminded at"), null=True, blank=True, editable=False
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-deadline", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actionplans:round", args=[self.pk])

    @property
    def is_past(self) -> bool:
        return self.deadline < timezone.localdate()


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting validation")
    RETURNED = "returned", _("Returned")
    VALIDATED = "validated", _("Validated")


# A report received counts for the rate until it is returned; a returned one is owed again.
REPORTED_STATES = (ReportState.SUBMITTED, ReportState.VALIDATED)
LATE_STATES = (NOT_REPORTED, ReportState.RETURNED)


class ProgressReportQuerySet(ThroughActionQuerySet):
    def awaiting(self):
        return self.filter(state=ReportState.SUBMITTED)


@tracked()
class ProgressReport(models.Model):
    """One version of a partner's account of an action's progress; the ministry validates it
    or returns it with a comment, and a returned one is corrected by a new version."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="reports", verbose_name=_("action")
    )
    version = models.PositiveSmallIntegerField(_("version"), editable=False)
    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("reporting round"),
    )
    period = models.CharField(_("reporting period"), max_length=20, help_text=_("e.g. 2026-Q3."))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=PERCENT)
    narrative = models.TextField(_("narrative"))
    state = models.CharField(
        _("state"), max_length=16, choices=ReportState.choices, default=ReportState.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("comment"), blank=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["action", "version"]
        constraints = [
            models.UniqueConstraint(fields=["action", "version"], name="report_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.action.code} v{self.version} · {self.period}"

    @property
    def awaits_review(self) -> bool:
        return self.state == ReportState.SUBMITTED


class ThroughReportQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(report__action__in=Action.objects.for_organization(organization_id))


@tracked()
class Evidence(models.Model):
    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("report")
    )
    title = models.CharField(_("title"), max_length=255)
    file = DocumentField(_("file"))

    objects = ThroughReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.title


@tracked()
class IndicatorValue(models.Model):
    """An indicator's actual value for one reporting period, as a report gave it."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        verbose_name=_("report"),
    )
    value = models.DecimalField(_("actual value"), max_digits=14, decimal_places=2)

    objects = ThroughReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "report__version"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "report"], name="indicator_value_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


@dataclass(frozen=True)
class Rollup:
    """An axis's or plan's progress and slippage, from its annotated row (rollup_of)."""

    progress: int
    slippage_total: int
    slippage_worst: int

    @classmethod
    def of(cls, row) -> "Rollup":
        weights = row.weights or 0
        progress = round(row.weighted / weights) if weights else 0
        return cls(progress, int(row.slippage_total or 0), int(row.slippage_worst or 0))
