from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import (
    Action,
    Axis,
    DueDateRevision,
    Evidence,
    Indicator,
    IndicatorValue,
    Plan,
    ProgressReport,
)

# Fields whose changes have consequences go through the services, from the portal's pages:
# here they are read-only (status, due dates, progress, report states).
SERVICED_ACTION_FIELDS = ["due_date", "status"]


class AxisInline(admin.TabularInline):
    model = Axis
    extra = 0


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["code", "title_fr", "axis", "lead", "due_date", "status", "weight", "progress"]
    readonly_fields = [*SERVICED_ACTION_FIELDS, "progress"]
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # a new action goes through the plan's page, which checks its dates


@admin.action(description=_("Move to the next status (agreeing freezes the baselines)"))
def advance(modeladmin, request, queryset):
    for plan in queryset:
        try:
            services.plan_advance(plan=plan)
        except ValidationError as error:
            modeladmin.message_user(request, f"{plan.code}: {error.messages[0]}", messages.ERROR)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fr", "lead", "first_year", "last_year", "status"]
    list_filter = ["status"]
    search_fields = ["code", "title_fr", "title_ar", "title_en", "lead__name_fr"]
    autocomplete_fields = ["lead", "co_signers"]
    readonly_fields = ["status", "agreed_at"]
    inlines = [AxisInline, ActionInline]
    actions = [advance]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class RevisionInline(admin.TabularInline):
    model = DueDateRevision
    readonly_fields = ["previous_due_date", "due_date", "reason", "changed_by", "changed_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fr", "plan", "lead", "due_date", "status", "progress"]
    list_filter = ["status"]
    search_fields = ["code", "title_fr", "title_ar", "title_en"]
    autocomplete_fields = ["plan", "lead", "co_owners", "responsible", "followed_by"]
    raw_id_fields = ["decision", "axis"]
    readonly_fields = ["baseline_due_date", "progress", "completed_on"]
    inlines = [IndicatorInline, RevisionInline]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, *SERVICED_ACTION_FIELDS] if obj else fields

    def has_add_permission(self, request):
        return False  # the plan's page and the decision's check dates, people and codes


class EvidenceInline(admin.TabularInline):
    model = Evidence
    readonly_fields = ["title", "file"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    readonly_fields = ["indicator", "value"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    """Reports are submitted, validated and returned on the action's page; here they are read."""

    list_display = ["__str__", "state", "progress", "submitted_by", "submitted_at"]
    list_filter = ["state"]
    search_fields = ["action__code", "period"]
    readonly_fields = [
        "action",
        "version",
        "period",
        "progress",
        "narrative",
        "state",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    ]
    inlines = [IndicatorValueInline, EvidenceInline]

    def has_add_permission(self, request):
        return False
