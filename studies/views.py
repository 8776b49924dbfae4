from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.audit import history_page
from accounts.i18n import localized
from accounts.scoping import get_editable_or_404, get_for_user_or_404
from actionplans.models import Action, ProgressReport, ReportState
from commissions.models import Commission, Decision, Meeting, MeetingStatus
from mra_portal.lib.exports import Column, date_cell, table_response
from mra_portal.lib.files import download
from mra_portal.lib.forms import cancel_url, form_page, form_view, may_add, say_refused, submitted
from mra_portal.lib.lists import filtered_rows, page_of
from mra_portal.lib.search import query_lexemes, snippet, text_query

from . import services
from .filters import ExpertFilter, RecommendationFilter, StudyFilter
from .forms import (
    AdvanceForm,
    ExpertForm,
    FindingForm,
    MilestoneForm,
    MobilisationForm,
    RecommendationForm,
    RejectForm,
    StudyDocumentForm,
    StudyForm,
    TakeUpForm,
)
from .models import (
    Expert,
    Finding,
    Milestone,
    Mobilisation,
    Recommendation,
    Study,
    StudyDocument,
    StudyTransition,
    Uptake,
    completed_condition,
)

STUDY_COLUMNS = [
    Column(gettext_lazy("Reference"), lambda row: row.reference, text=True),
    Column(gettext_lazy("Title"), lambda row: row.title),
    Column(gettext_lazy("Status"), lambda row: row.get_status_display()),
    Column(gettext_lazy("Themes"), lambda row: "; ".join(row.get_themes_display())),
    Column(gettext_lazy("Population"), lambda row: "; ".join(row.get_segments_display())),
    Column(gettext_lazy("Countries"), lambda row: "; ".join(c.name for c in row.countries)),
    Column(gettext_lazy("Methodology"), lambda row: row.get_methodology_display()),
    Column(gettext_lazy("Conducted by"), lambda row: row.conducted_by or ""),
    Column(gettext_lazy("Start date"), lambda row: date_cell(row.starts_on)),
    Column(gettext_lazy("End date"), lambda row: date_cell(row.ends_on)),
    Column(gettext_lazy("Recommendations"), lambda row: row.recommendation_count),
]
RECOMMENDATION_COLUMNS = [
    Column(gettext_lazy("Recommendation"), lambda row: row.code, text=True),
    Column(gettext_lazy("Study"), lambda row: row.study.title if row.study_visible else ""),
    Column(gettext_lazy("Text"), lambda row: row.text),
    Column(gettext_lazy("Priority"), lambda row: row.get_priority_display()),
    Column(gettext_lazy("Addressed to"), lambda row: "; ".join(row.addressee_names)),
    Column(gettext_lazy("Uptake"), lambda row: row.get_uptake_display()),
    Column(gettext_lazy("Uptake decided on"), lambda row: date_cell(row.uptake_on)),
    Column(
        gettext_lazy("Decisions"),
        lambda row: "; ".join(d.number for d in row.linked_decisions),
        text=True,
    ),
    Column(gettext_lazy("Actions"), lambda row: row.action_count or 0),
    Column(
        gettext_lazy("Actions' progress (%)"),
        lambda row: "" if row.action_progress is None else round(row.action_progress),
    ),
    Column(gettext_lazy("Reason for rejection"), lambda row: row.rejection_reason),
]


# Studies --------------------------------------------------------------------------------------


def _studies(request):
    user = request.user
    rows = Study.objects.for_user(user).listed()
    listing = StudyFilter(request.GET or None, queryset=rows, user=user)
    return listing, filtered_rows(listing)


def _with_snippets(studies, query: str) -> None:
    """Each study on the page with a few words around its first match (its abstract, else a
    finding, a recommendation or a report's text), in two queries whatever the page's size."""
    lexemes = query_lexemes(query)
    parsed = text_query(query)
    by_study = {study.pk: [study.abstract] for study in studies}
    columns = ("study", "text_fr", "text_ar", "text_en")
    texts = (
        Finding.objects.filter(study__in=by_study, search_vector=parsed)
        .values_list(*columns)
        .union(
            Recommendation.objects.filter(study__in=by_study, search_vector=parsed).values_list(
                *columns
            ),
            StudyDocument.objects.latest_versions()
            .filter(study__in=by_study, search_vector=parsed)
            .values_list("study", "text", "text", "text"),
            all=True,
        )
    )
    for study_pk, *translations in texts:
        by_study[study_pk].append(
            localized(Finding(**dict(zip(columns[1:], translations, strict=True))), "text")
        )
    for study in studies:
        study.snippet = next(
            (pieces for text in by_study[study.pk] if (pieces := snippet(text, lexemes))), []
        )


@require_safe
def study_list(request):
    listing, rows = _studies(request)
    context = page_of(request, rows)
    query = listing.form.cleaned_data.get("q") if listing.is_bound and listing.is_valid() else ""
    if query:
        _with_snippets(context["page_obj"].object_list, query)
    return render(
        request,
        "studies/study_list.html",
        {
            "filter": listing,
            **context,
            "query": query,
            "may_add": may_add(request.user, Study),
        },
    )


@require_safe
def study_export(request, extension: str):
    rows = _studies(request)[1].select_related(None).select_related("conducted_by")
    return table_response(extension, "studies", STUDY_COLUMNS, rows, title=_("Studies"))


@require_safe
def study_detail(request, pk: int):
    user = request.user
    study = get_for_user_or_404(
        Study.objects.with_editable(user)
        .detailed()
        .prefetch_related(
            Prefetch("transitions", StudyTransition.objects.select_related("by")),
            "milestones",
            Prefetch(
                "documents",
                StudyDocument.objects.defer("text").order_by("kind", "-version"),
            ),
            Prefetch("recommendations", Recommendation.objects.listed().with_progress(user)),
            Prefetch(
                "mobilisations",
                Mobilisation.objects.filter(
                    expert__in=Expert.objects.for_user(user)
                ).select_related("expert__person"),
            ),
        ),
        user,
        pk=pk,
    )
    documents = {}
    for document in study.documents.all():
        documents.setdefault(document.kind, []).append(document)
    recommendations = list(study.recommendations.all())
    return render(
        request,
        "studies/study_detail.html",
        {
            "study": study,
            "documents": [(versions[0], versions[1:]) for versions in documents.values()],
            "recommendations": recommendations,
            "tally": _tally(recommendations),
            "advance_form": AdvanceForm(),
        },
    )


def _tally(recommendations) -> dict:
    """A study's recommendations counted by where they stand."""
    return {
        "total": len(recommendations),
        "taken_up": sum(r.uptake == Uptake.TAKEN_UP for r in recommendations),
        "completed": sum(r.is_completed for r in recommendations),
        "rejected": sum(r.uptake == Uptake.REJECTED for r in recommendations),
        "waiting": sum(r.uptake == Uptake.PENDING for r in recommendations),
    }


def _study_form(request, study, heading: str):
    user = request.user
    form = StudyForm(request.POST or None, instance=study, user=user)
    return form_page(
        request,
        form=form,
        save=lambda: services.study_save(
            study=form.instance, shared_with=form.cleaned_data["shared_with"], user=user
        ),
        heading=heading,
        cancel=cancel_url(study, "studies:studies"),
        said=lambda saved: _("Study %(reference)s was saved.") % {"reference": saved.reference},
    )


@form_view
def study_create(request):
    if not may_add(request.user, Study):
        raise PermissionDenied
    return _study_form(request, Study(), _("New study"))


@form_view
def study_edit(request, pk: int):
    study = get_editable_or_404(Study.objects, request.user, pk=pk)
    return _study_form(request, study, _("Edit the study"))


@require_safe
def study_history(request, pk: int):
    return history_page(request, Study.objects, pk)


@require_POST
def study_advance(request, pk: int):
    study = get_editable_or_404(Study.objects, request.user, pk=pk)
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the study's new status."))
        return redirect(study)
    try:
        services.study_advance(
            study=study,
            to_status=form.cleaned_data["to_status"],
            user=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        say_refused(request, error)
    else:
        study.refresh_from_db(fields=["status"])
        messages.success(
            request,
            _("Study %(reference)s is now “%(status)s”.")
            % {"reference": study.reference, "status": study.get_status_display()},
        )
    return redirect(study)


# What a study's page adds: the form, its heading, the service that writes it, and the
# part of the page it shows in.
PARTS = {
    "milestone": (
        MilestoneForm,
        gettext_lazy("New milestone"),
        lambda part, user: services.milestone_save(milestone=part),
        "milestones",
    ),
    "document": (
        StudyDocumentForm,
        gettext_lazy("New document or version"),
        lambda part, user: services.document_add(document=part, user=user),
        "documents",
    ),
    "finding": (
        FindingForm,
        gettext_lazy("New finding"),
        lambda part, user: services.finding_add(finding=part),
        "findings",
    ),
}


@form_view
def part_add(request, pk: int, part: str):
    """A milestone, a document (or its next version) or a finding, on a study the user may
    edit."""
    form_class, heading, save, anchor = PARTS[part]
    study = get_editable_or_404(Study.objects, request.user, pk=pk)
    form = form_class(
        request.POST or None, request.FILES or None, instance=form_class.Meta.model(study=study)
    )
    if submitted(request, form, lambda: save(form.instance, request.user)):
        messages.success(request, _("Saved."))
        return redirect(f"{study.get_absolute_url()}#{anchor}")
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "heading": heading,
            "cancel": study.get_absolute_url(),
            "subject": study.reference,
        },
    )


@require_POST
def milestone_done(request, pk: int):
    milestone = get_editable_or_404(Milestone.objects.select_related("study"), request.user, pk=pk)
    try:
        services.milestone_mark_done(milestone=milestone)
    except ValidationError as error:
        say_refused(request, error)
    else:
        messages.success(request, _("Milestone “%(title)s” is done.") % {"title": milestone.title})
    return redirect(milestone)


@require_safe
def document_download(request, pk: int):
    document = get_for_user_or_404(StudyDocument.objects.defer("text"), request.user, pk=pk)
    return download(document.file, f"{document.title} v{document.version}")


# Recommendations ------------------------------------------------------------------------------


def _recommendations(request):
    user = request.user
    rows = Recommendation.objects.for_user(user).listed().with_progress(user)
    listing = RecommendationFilter(request.GET or None, queryset=rows, user=user)
    return listing, filtered_rows(listing)


def tracker_counts(rows) -> dict:
    """How many of the rows stand where, in one query."""
    counts = rows.order_by().aggregate(
        total=Count("pk"),
        taken_up=Count("pk", filter=Q(uptake=Uptake.TAKEN_UP)),
        completed=Count("pk", filter=completed_condition()),
        rejected=Count("pk", filter=Q(uptake=Uptake.REJECTED)),
        waiting=Count("pk", filter=Q(uptake=Uptake.PENDING)),
        waiting_since=Min("created_at", filter=Q(uptake=Uptake.PENDING)),
    )
    since = counts.pop("waiting_since")
    counts["oldest_waiting_days"] = (
        (timezone.localdate() - timezone.localdate(since)).days if since else None
    )
    return counts


@require_safe
def recommendation_list(request):
    listing, rows = _recommendations(request)
    rows = rows.order_by("study__reference", "number")
    counts = tracker_counts(rows)
    return render(
        request,
        "studies/recommendation_list.html",
        {"filter": listing, **page_of(request, rows), "counts": counts},
    )


@require_safe
def recommendation_export(request, extension: str):
    rows = _recommendations(request)[1].order_by("study__reference", "number")
    return table_response(
        extension, "recommendations", RECOMMENDATION_COLUMNS, rows, title=_("Recommendations")
    )


@require_safe
def recommendation_detail(request, pk: int):
    user = request.user
    recommendation = get_for_user_or_404(
        Recommendation.objects.with_editable(user)
        .listed()
        .with_study_visible(user)
        .prefetch_related(
            Prefetch(
                "decisions",
                Decision.objects.for_user(user).listed().order_by("meeting__starts_at", "sequence"),
            ),
            Prefetch(
                "actions",
                Action.objects.for_user(user)
                .listed()
                .prefetch_related(
                    Prefetch(
                        "reports",
                        ProgressReport.objects.filter(state=ReportState.VALIDATED).order_by(
                            "-version"
                        ),
                        to_attr="validated_reports",
                    )
                )
                .order_by("code"),
            ),
        ),
        user,
        pk=pk,
    )
    decisions = list(recommendation.decisions.all())
    _with_returns(decisions, user)
    return render(
        request,
        "studies/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "decisions": decisions,
            "actions": list(recommendation.actions.all()),
        },
    )


def _with_returns(decisions, user) -> None:
    """Where each open decision came back (decision.came_back): the later meetings of its
    commission, not cancelled, whose agendas carry it until it closes (as
    Decision.objects.to_follow_up_at() has it), in one query."""
    still_open = [decision for decision in decisions if decision.is_open]
    for decision in decisions:
        decision.came_back = []
    if not still_open:
        return
    later = (
        Meeting.objects.for_user(user)
        .filter(
            commission__in={d.meeting.commission_id for d in still_open},
            starts_at__gt=min(d.meeting.starts_at for d in still_open),
        )
        .exclude(status=MeetingStatus.CANCELLED)
    )
    for meeting in later.select_related("commission").order_by("starts_at"):
        for decision in decisions:
            if (
                decision.is_open
                and meeting.commission_id == decision.meeting.commission_id
                and meeting.starts_at > decision.meeting.starts_at
            ):
                decision.came_back.append(meeting)


@form_view
def recommendation_create(request, pk: int):
    study = get_editable_or_404(Study.objects, request.user, pk=pk)
    return _recommendation_form(request, Recommendation(study=study), _("New recommendation"))


@form_view
def recommendation_edit(request, pk: int):
    recommendation = get_editable_or_404(
        Recommendation.objects.select_related("study"), request.user, pk=pk
    )
    return _recommendation_form(request, recommendation, _("Edit the recommendation"))


def _recommendation_form(request, recommendation, heading: str):
    form = RecommendationForm(request.POST or None, instance=recommendation, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: services.recommendation_save(
            recommendation=form.instance, addressees=form.cleaned_data["addressees"]
        ),
        heading=heading,
        cancel=recommendation.study.get_absolute_url(),
        said=lambda saved: _("Recommendation %(code)s was saved.") % {"code": saved.code},
        extra={"subject": recommendation.study.reference},
    )


@form_view
def recommendation_take_up(request, pk: int):
    user = request.user
    recommendation = get_editable_or_404(
        Recommendation.objects.select_related("study"), user, pk=pk
    )
    form = TakeUpForm(request.POST or None, user=user, recommendation=recommendation)
    return form_page(
        request,
        form=form,
        save=lambda: services.recommendation_take_up(
            recommendation=recommendation,
            decisions=form.cleaned_data["decisions"],
            actions=form.cleaned_data["actions"],
        ),
        heading=_("Taken up by"),
        cancel=recommendation.get_absolute_url(),
        said=lambda saved: _("Recommendation %(code)s is taken up.") % {"code": saved.code},
        extra={"subject": recommendation.code},
    )


@form_view
def recommendation_reject(request, pk: int):
    recommendation = get_editable_or_404(
        Recommendation.objects.select_related("study"), request.user, pk=pk
    )
    form = RejectForm(request.POST or None)
    return form_page(
        request,
        form=form,
        save=lambda: services.recommendation_reject(
            recommendation=recommendation, reason=form.cleaned_data["reason"]
        ),
        heading=_("Reject the recommendation"),
        cancel=recommendation.get_absolute_url(),
        said=lambda saved: _("Recommendation %(code)s is rejected.") % {"code": saved.code},
        extra={"subject": recommendation.code},
    )


# Experts --------------------------------------------------------------------------------------


@require_safe
def expert_list(request):
    user = request.user
    rows = Expert.objects.for_user(user).listed()
    listing = ExpertFilter(request.GET or None, queryset=rows)
    return render(
        request,
        "studies/expert_list.html",
        {
            "filter": listing,
            **page_of(request, filtered_rows(listing)),
            "may_add": may_add(user, Expert),
        },
    )


@require_safe
def expert_detail(request, pk: int):
    """The expert and their mobilisations on the studies and commissions the user sees."""
    user = request.user
    seen = Q(study__in=Study.objects.for_user(user)) | Q(
        commission__in=Commission.objects.for_user(user)
    )
    expert = get_for_user_or_404(
        Expert.objects.with_editable(user)
        .select_related("person__organization")
        .prefetch_related(
            Prefetch(
                "mobilisations",
                Mobilisation.objects.filter(seen).select_related("study", "commission"),
            )
        ),
        user,
        pk=pk,
    )
    return render(request, "studies/expert_detail.html", {"expert": expert})


def _expert_form(request, expert, heading: str):
    form = ExpertForm(
        request.POST or None, request.FILES or None, instance=expert, user=request.user
    )
    return form_page(
        request,
        form=form,
        save=lambda: services.expert_save(expert=form.instance),
        heading=heading,
        cancel=cancel_url(expert, "studies:experts"),
        said=lambda saved: _("The expert's profile was saved."),
    )


@form_view
def expert_create(request):
    if not may_add(request.user, Expert):
        raise PermissionDenied
    return _expert_form(request, Expert(), _("New expert"))


@form_view
def expert_edit(request, pk: int):
    expert = get_editable_or_404(Expert.objects, request.user, pk=pk)
    return _expert_form(request, expert, _("Edit the expert's profile"))


@require_safe
def expert_cv(request, pk: int):
    expert = get_for_user_or_404(Expert.objects.select_related("person"), request.user, pk=pk)
    return download(expert.cv, _("CV %(name)s") % {"name": expert.person})


@form_view
def mobilisation_add(request, pk: int):
    user = request.user
    expert = get_editable_or_404(Expert.objects.select_related("person"), user, pk=pk)
    form = MobilisationForm(request.POST or None, instance=Mobilisation(expert=expert), user=user)
    if submitted(request, form, lambda: services.mobilisation_add(mobilisation=form.instance)):
        messages.success(request, _("Saved."))
        return redirect(expert)
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "heading": _("New mobilisation"),
            "cancel": expert.get_absolute_url(),
            "subject": str(expert.person),
        },
    )
