from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from accounts.audit import history_page
from accounts.scoping import get_editable_or_404, get_for_user_or_404
from mra_portal.lib.exports import Column, table_response
from mra_portal.lib.forms import form_view, submitted
from mra_portal.lib.lists import filtered_rows, page_of

from . import services
from .filters import OrganizationFilter
from .forms import OrganizationForm
from .models import Organization
from .panels import panels_for

EXPORT_COLUMNS = [
    Column(gettext_lazy("Name (French)"), lambda organization: organization.name_fr),
    Column(gettext_lazy("Name (Arabic)"), lambda organization: organization.name_ar),
    Column(gettext_lazy("Name (English)"), lambda organization: organization.name_en),
    Column(gettext_lazy("Acronym"), lambda organization: organization.acronym),
    Column(gettext_lazy("Kind"), lambda organization: organization.get_kind_display()),
    Column(
        gettext_lazy("Parent organisation"),
        lambda organization: organization.parent.name if organization.parent else "",
    ),
    Column(
        gettext_lazy("Sectors"),
        lambda organization: ", ".join(sector.name for sector in organization.sectors.all()),
    ),
    Column(gettext_lazy("Country"), lambda organization: organization.country.name),
    Column(gettext_lazy("Website"), lambda organization: organization.website),
    Column(gettext_lazy("Address"), lambda organization: organization.address),
    Column(gettext_lazy("Phone"), lambda organization: organization.phone, text=True),
    Column(gettext_lazy("Email"), lambda organization: organization.email),
    Column(
        gettext_lazy("Status"),
        lambda organization: _("Active") if organization.is_active else _("Inactive"),
    ),
    Column(
        gettext_lazy("Followed by"),
        lambda organization: (
            organization.followed_by.get_full_name() if organization.followed_by else ""
        ),
    ),
]
NOTES_COLUMNS = [
    Column(gettext_lazy("Internal notes"), lambda organization: organization.internal_notes)
]


def filtered_organizations(request) -> OrganizationFilter:
    queryset = (
        Organization.objects.for_user(request.user)
        .select_related("parent", "followed_by")
        .prefetch_related("sectors")
        .by_name()
    )
    return OrganizationFilter(request.GET or None, queryset=queryset, user=request.user)


@require_safe
def organization_list(request):
    directory = filtered_organizations(request)
    return render(
        request,
        "partners/organization_list.html",
        {"filter": directory, **page_of(request, filtered_rows(directory))},
    )


@require_safe
def organization_export(request, extension: str):
    columns = EXPORT_COLUMNS + (NOTES_COLUMNS if request.user.sees_internal_notes else [])
    rows = filtered_rows(filtered_organizations(request))
    return table_response(extension, "partners", columns, rows, title=_("Partners"))


SUGGESTIONS = 10
# What the filter boxes accept (no NUL, at most 200 characters); anything else suggests nothing.
TYPED = forms.CharField(max_length=200, required=False)


@require_safe
def organization_suggest(request):
    """What a filter's organisation box offers as the user types (htmx fills its <datalist>)."""
    try:
        typed = TYPED.clean(next(iter(request.GET.values()), ""))
    except ValidationError:
        typed = ""
    organizations = (
        Organization.objects.for_user(request.user).named(typed).by_name()[:SUGGESTIONS]
        if typed
        else Organization.objects.none()
    )
    return render(request, "partners/_suggestions.html", {"organizations": organizations})


@require_safe
def organization_detail(request, pk: int):
    """The partner's 360° page: its record, then every panel other apps registered."""
    organization = get_for_user_or_404(
        Organization.objects.select_related("parent", "followed_by")
        .prefetch_related("sectors")
        .with_editable(request.user),
        request.user,
        pk=pk,
    )
    return render(
        request,
        "partners/organization_detail.html",
        {"organization": organization, "panels": panels_for(organization, request.user)},
    )


@require_safe
def organization_history(request, pk: int):
    return history_page(request, Organization.objects, pk)


def _save(form: OrganizationForm):
    return lambda: services.organization_save(
        organization=form.instance, sectors=form.cleaned_data["sectors"]
    )


@permission_required("partners.add_organization", raise_exception=True)
@form_view
def organization_create(request):
    form = OrganizationForm(request.POST or None)
    if organization := submitted(request, form, _save(form)):
        messages.success(request, _("The organisation was added."))
        return redirect(organization)
    return render(request, "partners/organization_form.html", {"form": form})


@form_view
def organization_edit(request, pk: int):
    organization = get_editable_or_404(Organization.objects, request.user, pk=pk)
    form = OrganizationForm(request.POST or None, instance=organization)
    if submitted(request, form, _save(form)):
        messages.success(request, _("The organisation was saved."))
        return redirect(organization)
    return render(
        request, "partners/organization_form.html", {"form": form, "organization": organization}
    )
