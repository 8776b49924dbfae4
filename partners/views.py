from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.audit import history_of
from accounts.scoping import get_editable_or_404, get_for_user_or_404
from mra_portal.lib.exports import table_response
from mra_portal.lib.lists import filtered_rows, page_of

from .filters import OrganizationFilter
from .forms import OrganizationForm
from .models import Organization
from .panels import panels_for

PAGE_SIZE = 25


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
        {"filter": directory, **page_of(request, filtered_rows(directory), PAGE_SIZE)},
    )


def export_rows(request):
    """The directory as the list shows it, with internal notes for ministry users only."""
    directory = filtered_organizations(request)
    rows = filtered_rows(directory)
    header = [
        _("Name (French)"),
        _("Name (Arabic)"),
        _("Name (English)"),
        _("Acronym"),
        _("Kind"),
        _("Parent organisation"),
        _("Sectors"),
        _("Country"),
        _("Website"),
        _("Address"),
        _("Phone"),
        _("Email"),
        _("Status"),
        _("Followed by"),
    ]
    with_notes = request.user.is_ministry
    if with_notes:
        header.append(_("Internal notes"))

    def lines():
        for organization in rows:
            line = [
                organization.name_fr,
                organization.name_ar,
                organization.name_en,
                organization.acronym,
                organization.get_kind_display(),
                organization.parent.name if organization.parent else "",
                ", ".join(sector.name for sector in organization.sectors.all()),
                organization.country.name,
                organization.website,
                organization.address,
                organization.phone,
                organization.email,
                _("Active") if organization.is_active else _("Inactive"),
                organization.followed_by.get_full_name() if organization.followed_by else "",
            ]
            if with_notes:
                line.append(organization.internal_notes)
            yield line

    return header, lines()


@require_safe
def organization_export(request, extension: str):
    return table_response(extension, "partners", *export_rows(request))


@require_safe
def organization_detail(request, pk: int):
    """The partner's 360° page: its record, then every panel other apps registered."""
    organization = get_for_user_or_404(
        Organization.objects.select_related("parent", "followed_by").prefetch_related("sectors"),
        request.user,
        pk=pk,
    )
    return render(
        request,
        "partners/organization_detail.html",
        {
            "organization": organization,
            "panels": panels_for(organization, request.user),
            "can_edit": Organization.objects.editable_by(request.user)
            .filter(pk=organization.pk)
            .exists(),
        },
    )


@require_safe
def organization_history(request, pk: int):
    """Who changed what and when: ministry users only."""
    organization = get_for_user_or_404(
        Organization.objects, request.user, permission="partners.view_organization", pk=pk
    )
    return render(
        request,
        "history.html",
        {"object": organization, "history": history_of(organization)},
    )


@permission_required("partners.add_organization", raise_exception=True)
def organization_create(request):
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = form.save()
        messages.success(request, _("The organisation was added."))
        return redirect(organization)
    return render(request, "partners/organization_form.html", {"form": form})


def organization_edit(request, pk: int):
    organization = get_editable_or_404(Organization.objects, request.user, pk=pk)
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The organisation was saved."))
        return redirect(organization)
    return render(
        request, "partners/organization_form.html", {"form": form, "organization": organization}
    )
