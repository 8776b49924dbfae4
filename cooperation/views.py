from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from accounts.audit import history_page
from accounts.scoping import get_editable_or_404, get_for_user_or_404
from mra_portal.lib.exports import Column, date_cell, table_response
from mra_portal.lib.files import download
from mra_portal.lib.forms import cancel_url, form_page, form_view, may_add, submitted
from mra_portal.lib.lists import filtered_rows, page_of

from . import iati, services, summary
from .filters import AgreementFilter, ProgrammeFilter
from .forms import (
    ActivityForm,
    AgreementForm,
    BudgetsFormSet,
    CountryProfileForm,
    DocumentForm,
    FrameworkForm,
    IndicatorPeriodForm,
    MeetingsFormSet,
    ParticipationsFormSet,
    PartiesFormSet,
    ProgrammeForm,
    RecipientsFormSet,
    ResultForm,
    ResultIndicatorForm,
    RolesFormSet,
)
from .models import (
    Agreement,
    AgreementParty,
    CountryProfile,
    Framework,
    Programme,
    ProgrammeDocument,
    Region,
    Result,
    ResultIndicator,
)
from .panels import board


def _totals(programme) -> str:
    return "; ".join(f"{amount} {currency}" for currency, amount in programme.budget_totals())


PROGRAMME_COLUMNS = [
    Column(gettext_lazy("Code"), lambda row: row.code, text=True),
    Column(gettext_lazy("Title"), lambda row: row.title),
    Column(gettext_lazy("Mode"), lambda row: row.get_mode_display()),
    Column(gettext_lazy("Framework"), lambda row: row.framework.name if row.framework else ""),
    Column(gettext_lazy("Status"), lambda row: row.get_status_display()),
    Column(gettext_lazy("Countries"), lambda row: row.country_names()),
    Column(gettext_lazy("Objectives"), lambda row: "; ".join(row.get_objectives_display())),
    Column(gettext_lazy("Partners"), lambda row: row.partner_names()),
    Column(gettext_lazy("Planned start"), lambda row: date_cell(row.planned_start)),
    Column(gettext_lazy("Planned end"), lambda row: date_cell(row.planned_end)),
    Column(gettext_lazy("Budget, per currency"), _totals),
]
AGREEMENT_COLUMNS = [
    Column(gettext_lazy("Reference"), lambda row: row.reference, text=True),
    Column(gettext_lazy("Title"), lambda row: row.title),
    Column(gettext_lazy("Type"), lambda row: row.get_kind_display()),
    Column(gettext_lazy("Mode"), lambda row: row.get_mode_display()),
    Column(gettext_lazy("Status"), lambda row: row.get_status_display()),
    Column(gettext_lazy("Parties"), lambda row: "; ".join(map(str, row.parties.all()))),
    Column(gettext_lazy("Signature date"), lambda row: date_cell(row.signed_on)),
    Column(gettext_lazy("Entry into force"), lambda row: date_cell(row.in_force_on)),
    Column(gettext_lazy("Expiry date"), lambda row: date_cell(row.expires_on)),
    Column(gettext_lazy("Tacit renewal"), lambda row: _("Yes") if row.tacit_renewal else ""),
    Column(gettext_lazy("Act-by date"), lambda row: date_cell(row.act_by)),
]


# Programmes -----------------------------------------------------------------------------------


def _programmes(request):
    user = request.user
    rows = Programme.objects.for_user(user).listed()
    listing = ProgrammeFilter(request.GET or None, queryset=rows, user=user)
    return listing, filtered_rows(listing)


@require_safe
def programme_list(request):
    listing, rows = _programmes(request)
    return render(
        request,
        "cooperation/programme_list.html",
        {"filter": listing, **page_of(request, rows), "may_add": may_add(request.user, Programme)},
    )


@require_safe
def programme_export(request, extension: str):
    rows = _programmes(request)[1]
    return table_response(extension, "programmes", PROGRAMME_COLUMNS, rows, title=_("Programmes"))


@require_safe
def programme_iati(request):
    rows = _programmes(request)[1]
    if not rows.exists():
        messages.error(request, _("No programme matches: an IATI file needs at least one."))
        return redirect(f"{reverse('cooperation:programmes')}?{request.GET.urlencode()}")
    return iati.iati_response(rows)


@require_safe
def programme_detail(request, pk: int):
    user = request.user
    programme = get_for_user_or_404(
        Programme.objects.listed()
        .with_editable(user)
        .annotate(agreement_rows=Agreement.objects.for_user(user).linked_to_programme())
        .prefetch_related("activities", "results__indicators__periods", "documents"),
        user,
        pk=pk,
    )
    return render(request, "cooperation/programme_detail.html", {"programme": programme})


def _programme_form(request, programme, heading: str):
    user = request.user
    data, files = request.POST or None, request.FILES or None
    form = ProgrammeForm(data, files, instance=programme, user=user)
    formsets = [
        ParticipationsFormSet(data, instance=programme, user=user, prefix="partners"),
        RecipientsFormSet(data, instance=programme, user=user, prefix="countries"),
        BudgetsFormSet(data, instance=programme, user=user, prefix="budgets"),
    ]
    return form_page(
        request,
        form=form,
        formsets=formsets,
        save=lambda: services.programme_save(
            programme=form.instance, agreements=form.cleaned_data["agreements"], formsets=formsets
        ),
        heading=heading,
        cancel=cancel_url(programme, "cooperation:programmes"),
        said=lambda saved: _("Programme %(code)s was saved.") % {"code": saved.code},
    )


@form_view
def programme_create(request):
    if not may_add(request.user, Programme):
        raise PermissionDenied
    return _programme_form(request, Programme(), _("New programme"))


@form_view
def programme_edit(request, pk: int):
    programme = get_editable_or_404(Programme.objects, request.user, pk=pk)
    return _programme_form(request, programme, _("Edit the programme"))


@require_safe
def programme_history(request, pk: int):
    return history_page(request, Programme.objects, pk)


# What a programme's page adds, to what: (the parent, the form, the heading).
PARTS = {
    "activity": (Programme, ActivityForm, gettext_lazy("New activity")),
    "result": (Programme, ResultForm, gettext_lazy("New result")),
    "document": (Programme, DocumentForm, gettext_lazy("New document")),
    "indicator": (Result, ResultIndicatorForm, gettext_lazy("New indicator")),
    "period": (ResultIndicator, IndicatorPeriodForm, gettext_lazy("New period")),
}


@form_view
def part_add(request, pk: int, part: str):
    """An activity, result or document of a programme, an indicator of a result, or a period
    of an indicator, on a programme the user may edit."""
    parent_model, form_class, heading = PARTS[part]
    parent = get_editable_or_404(parent_model.objects, request.user, pk=pk)
    link = form_class.Meta.parent
    form = form_class(
        request.POST or None,
        request.FILES or None,
        instance=form_class.Meta.model(**{link: parent}),
    )
    programme = Programme.objects.get(pk=parent.programme_pk)
    if submitted(request, form, lambda: services.part_add(part=form.instance)):
        messages.success(request, _("Saved."))
        return redirect(programme)
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "heading": heading,
            "cancel": programme.get_absolute_url(),
            "subject": programme.code,
        },
    )


@require_safe
def document_download(request, pk: int):
    document = get_for_user_or_404(ProgrammeDocument.objects, request.user, pk=pk)
    return download(document.file, document.title)


# Agreements -----------------------------------------------------------------------------------


def _agreements(request, rows=None):
    user = request.user
    rows = (rows or Agreement.objects.all()).for_user(user).listed()
    rows = rows.prefetch_related(
        Prefetch("parties", AgreementParty.objects.select_related("organization"))
    )
    listing = AgreementFilter(request.GET or None, queryset=rows, user=user)
    return listing, filtered_rows(listing)


@require_safe
def agreement_list(request, to_act_on: bool = False):
    rows = Agreement.objects.to_act_on().order_by("act_by", "reference") if to_act_on else None
    listing, rows = _agreements(request, rows)
    return render(
        request,
        "cooperation/agreement_list.html",
        {
            "filter": listing,
            **page_of(request, rows),
            "to_act_on": to_act_on,
            "may_add": may_add(request.user, Agreement),
        },
    )


@require_safe
def agreement_export(request, extension: str, to_act_on: bool = False):
    rows = Agreement.objects.to_act_on().order_by("act_by") if to_act_on else None
    stem = "agreements-to-act-on" if to_act_on else "agreements"
    return table_response(
        extension, stem, AGREEMENT_COLUMNS, _agreements(request, rows)[1], title=_("Agreements")
    )


@require_safe
def agreement_detail(request, pk: int):
    user = request.user
    agreement = get_for_user_or_404(
        Agreement.objects.listed()
        .with_editable(user)
        .prefetch_related(
            Prefetch("parties", AgreementParty.objects.select_related("organization")),
            Prefetch("amendments", Agreement.objects.for_user(user)),
            Prefetch("programmes", Programme.objects.for_user(user)),
        ),
        user,
        pk=pk,
    )
    amends = agreement.amends if agreement.amends_id else None
    if amends and not Agreement.objects.for_user(user).filter(pk=amends.pk).exists():
        amends = None
    return render(
        request, "cooperation/agreement_detail.html", {"agreement": agreement, "amends": amends}
    )


def _agreement_form(request, agreement, heading: str):
    user = request.user
    data, files = request.POST or None, request.FILES or None
    form = AgreementForm(data, files, instance=agreement, user=user)
    formsets = [PartiesFormSet(data, instance=agreement, user=user, prefix="parties")]
    return form_page(
        request,
        form=form,
        formsets=formsets,
        save=lambda: services.agreement_save(agreement=form.instance, formsets=formsets),
        heading=heading,
        cancel=cancel_url(agreement, "cooperation:agreements"),
        said=lambda saved: _("Agreement %(reference)s was saved.") % {"reference": saved.reference},
    )


@form_view
def agreement_create(request):
    if not may_add(request.user, Agreement):
        raise PermissionDenied
    return _agreement_form(request, Agreement(), _("New agreement"))


@form_view
def agreement_edit(request, pk: int):
    agreement = get_editable_or_404(Agreement.objects, request.user, pk=pk)
    return _agreement_form(request, agreement, _("Edit the agreement"))


@require_safe
def agreement_history(request, pk: int):
    return history_page(request, Agreement.objects, pk)


@require_safe
def agreement_document(request, pk: int):
    agreement = get_for_user_or_404(Agreement.objects, request.user, pk=pk)
    return download(agreement.signed_document, agreement.reference)


# Frameworks -----------------------------------------------------------------------------------


@require_safe
def framework_list(request):
    user = request.user
    rows = (
        Framework.objects.for_user(user)
        .select_related("secretariat")
        .with_roles()
        .order_by("acronym", "pk")
        .annotate(
            programme_count=Count(
                "programmes", filter=Q(programmes__in=Programme.objects.for_user(user))
            )
        )
    )
    return render(
        request,
        "cooperation/framework_list.html",
        {**page_of(request, rows), "may_add": may_add(user, Framework)},
    )


@require_safe
def framework_detail(request, pk: int):
    user = request.user
    framework = get_for_user_or_404(
        Framework.objects.with_editable(user)
        .select_related("secretariat")
        .with_roles()
        .prefetch_related(
            "meetings",
            Prefetch(
                "programmes",
                Programme.objects.for_user(user).listed().order_by("-planned_start"),
            ),
        ),
        user,
        pk=pk,
    )
    return render(request, "cooperation/framework_detail.html", {"framework": framework})


def _framework_form(request, framework, heading: str):
    user = request.user
    data = request.POST or None
    form = FrameworkForm(data, instance=framework, user=user)
    formsets = [
        RolesFormSet(data, instance=framework, user=user, prefix="roles"),
        MeetingsFormSet(data, instance=framework, user=user, prefix="meetings"),
    ]
    return form_page(
        request,
        form=form,
        formsets=formsets,
        save=lambda: services.framework_save(framework=form.instance, formsets=formsets),
        heading=heading,
        cancel=cancel_url(framework, "cooperation:frameworks"),
        said=lambda saved: _("The framework was saved."),
    )


@form_view
def framework_create(request):
    if not may_add(request.user, Framework):
        raise PermissionDenied
    return _framework_form(request, Framework(), _("New framework"))


@form_view
def framework_edit(request, pk: int):
    framework = get_editable_or_404(Framework.objects, request.user, pk=pk)
    return _framework_form(request, framework, _("Edit the framework"))


# Countries ------------------------------------------------------------------------------------


@require_safe
def country_list(request):
    user = request.user
    profiles = summary.countries_with_counts(user)
    regions = [
        (label, [profile for profile in profiles if profile.region == value])
        for value, label in Region.choices
    ]
    return render(
        request,
        "cooperation/country_list.html",
        {
            "regions": [(label, rows) for label, rows in regions if rows],
            "may_add": may_add(user, CountryProfile),
        },
    )


@require_safe
def country_detail(request, pk: int):
    user = request.user
    profile = get_for_user_or_404(
        CountryProfile.objects.with_editable(user).select_related("desk_officer"), user, pk=pk
    )
    return render(
        request,
        "cooperation/country_detail.html",
        {"profile": profile, "panels": board.panels_for(profile, user)},
    )


def _country_form(request, profile, heading: str):
    form = CountryProfileForm(request.POST or None, instance=profile, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: services.country_profile_save(profile=form.instance),
        heading=heading,
        cancel=cancel_url(profile, "cooperation:countries"),
        said=lambda saved: _("The country profile was saved."),
    )


@form_view
def country_create(request):
    if not may_add(request.user, CountryProfile):
        raise PermissionDenied
    return _country_form(request, CountryProfile(), _("New country profile"))


@form_view
def country_edit(request, pk: int):
    profile = get_editable_or_404(CountryProfile.objects, request.user, pk=pk)
    return _country_form(request, profile, _("Edit the country profile"))


# Summary --------------------------------------------------------------------------------------


@require_safe
def cooperation_summary(request):
    user = request.user
    return render(
        request,
        "cooperation/summary.html",
        {
            "by_region": summary.by_region(user),
            "by_mode": summary.by_mode(user),
        },
    )
