from django.contrib import admin

from . import services
from .models import (
    Expert,
    Finding,
    Milestone,
    Mobilisation,
    Recommendation,
    Study,
    StudyDocument,
    StudyTransition,
)


class TransitionInline(admin.TabularInline):
    """The pipeline's steps are written by the study page's button, dated and signed."""

    model = StudyTransition
    fields = ["from_status", "to_status", "at", "by", "note"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class DocumentInline(admin.TabularInline):
    """Documents are uploaded from the study's page, where each gets its version number."""

    model = StudyDocument
    fields = ["kind", "version", "title", "uploaded_at", "uploaded_by"]
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class FindingInline(admin.TabularInline):
    model = Finding
    fields = ["position", "text_fr", "text_ar", "text_en"]
    readonly_fields = ["position"]
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    fields = ["number", "text_fr", "priority", "uptake"]
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    """The status moves through the study page's button, one step at a time; new findings are
    numbered, and the milestones' reminders follow, as on the portal's pages."""

    list_display = ["reference", "title_fr", "status", "visibility", "starts_on", "ends_on"]
    list_filter = ["status", "visibility", "methodology"]
    search_fields = ["reference", "title_fr", "title_ar", "title_en"]
    autocomplete_fields = ["conducted_by", "followed_by", "shared_with"]
    readonly_fields = ["status"]
    date_hierarchy = "starts_on"
    inlines = [
        TransitionInline,
        MilestoneInline,
        DocumentInline,
        FindingInline,
        RecommendationInline,
    ]

    def save_model(self, request, obj, form, change):
        created = obj.pk is None
        super().save_model(request, obj, form, change)
        if created:
            StudyTransition.objects.create(study=obj, to_status=obj.status, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Finding:
            return super().save_formset(request, form, formset, change)
        for finding in formset.save(commit=False):
            if finding.pk is None:
                services.finding_add(finding=finding)
            else:
                finding.save()
        for finding in formset.deleted_objects:
            finding.delete()
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.study_milestones_sync(study=form.instance)


@admin.register(StudyDocument)
class StudyDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "study", "kind", "version", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "study__reference"]
    readonly_fields = ["study", "kind", "version", "file", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    """Linking a decision or an action takes the recommendation up, as the page's form does."""

    list_display = ["__str__", "priority", "uptake", "uptake_on"]
    list_filter = ["uptake", "priority"]
    search_fields = ["study__reference", "text_fr", "text_ar", "text_en"]
    autocomplete_fields = ["study", "addressees", "decisions", "actions"]
    readonly_fields = ["number", "uptake", "uptake_on", "rejection_reason"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("study")
            if not obj.may_be_taken_up:
                fields += ["decisions", "actions"]
        return fields

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            services.recommendation_save(recommendation=obj)
        else:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        recommendation = form.instance
        decisions, actions = recommendation.decisions.all(), recommendation.actions.all()
        if recommendation.may_be_taken_up and (decisions.exists() or actions.exists()):
            services.recommendation_take_up(
                recommendation=recommendation, decisions=decisions, actions=actions
            )


class MobilisationInline(admin.TabularInline):
    model = Mobilisation
    autocomplete_fields = ["study", "commission"]
    extra = 0


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["__str__", "availability", "available_from"]
    list_filter = ["availability"]
    search_fields = ["person__first_name", "person__last_name", "keywords"]
    autocomplete_fields = ["person"]
    inlines = [MobilisationInline]
