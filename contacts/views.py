from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.audit import history_page
from accounts.scoping import get_editable_or_404, get_for_user_or_404
from mra_portal.lib.exports import Column, table_response
from mra_portal.lib.forms import form_view, submitted
from mra_portal.lib.lists import filtered_rows, page_of
from partners.models import Organization

from .filters import PersonFilter
from .forms import PersonForm, TurnoverForm
from .models import Person
from .services import (
    focal_point_pending_work,
    focal_point_replace,
    other_focal_points,
    person_save,
)
from .vcard import person_vcard

EXPORT_COLUMNS = [
    Column(pgettext_lazy("form of address", "Title"), lambda person: person.get_title_display()),
    Column(gettext_lazy("First name"), lambda person: person.first_name),
    Column(gettext_lazy("Last name"), lambda person: person.last_name),
    Column(gettext_lazy("Name in Arabic"), lambda person: person.name_ar),
    Column(gettext_lazy("Position"), lambda person: person.position),
    Column(gettext_lazy("Organisation"), lambda person: person.organization.name),
    Column(gettext_lazy("Kind"), lambda person: person.get_kind_display()),
    Column(gettext_lazy("Emails"), lambda person: ", ".join(person.emails)),
    Column(gettext_lazy("Phones"), lambda person: ", ".join(person.phones), text=True),
    Column(gettext_lazy("Start date"), lambda person: person.start_date or ""),
    Column(gettext_lazy("End date"), lambda person: person.end_date or ""),
]


@login_not_required
@require_safe
def ministry_contact(request):
    """The public contact page, reachable without an account; its details come from the footer's."""
    ministry = Organization.objects.filter(is_ministry=True).first()
    return render(request, "contacts/ministry_contact.html", {"ministry": ministry})


def filtered_people(request) -> PersonFilter:
    queryset = Person.objects.for_user(request.user).select_related("organization")
    return PersonFilter(request.GET or None, queryset=queryset, user=request.user)


@require_safe
def person_list(request):
    people = filtered_people(request)
    return render(
        request,
        "contacts/person_list.html",
        {"filter": people, **page_of(request, filtered_rows(people))},
    )


@require_safe
def person_export(request, extension: str):
    rows = filtered_rows(filtered_people(request))
    return table_response(extension, "people", EXPORT_COLUMNS, rows, title=_("People"))


@require_safe
def person_detail(request, pk: int):
    person = get_for_user_or_404(
        Person.objects.select_related("organization", "user").with_editable(request.user),
        request.user,
        pk=pk,
    )
    return render(request, "contacts/person_detail.html", {"person": person})


@require_safe
def person_vcard_download(request, pk: int):
    person = get_for_user_or_404(Person.objects.select_related("organization"), request.user, pk=pk)
    response = HttpResponse(person_vcard(person), content_type="text/vcard; charset=utf-8")
    filename = slugify(person.name_latin) or f"person-{person.pk}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response


@require_safe
def person_history(request, pk: int):
    return history_page(request, Person.objects, pk)


@permission_required("contacts.add_person", raise_exception=True)
@form_view
def person_create(request):
    initial = {}
    organization_id = request.GET.get("organization", "")
    if organization_id.isdigit():
        initial["organization"] = (
            Organization.objects.editable_by(request.user).filter(pk=organization_id).first()
        )
    form = PersonForm(request.POST or None, initial=initial, user=request.user)
    if person := submitted(request, form, lambda: person_save(person=form.instance)):
        messages.success(request, _("%(name)s was added.") % {"name": person.name})
        return redirect(person)
    return render(request, "contacts/person_form.html", {"form": form})


@form_view
def person_edit(request, pk: int):
    person = get_editable_or_404(Person.objects, request.user, pk=pk)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if submitted(request, form, lambda: person_save(person=form.instance)):
        messages.success(request, _("%(name)s was saved.") % {"name": person.name})
        return redirect(person)
    return render(request, "contacts/person_form.html", {"form": form, "person": person})


@form_view
def person_replace(request, pk: int):
    """Step 1: choose the successor and date. Step 2 (POST): see what will move, then confirm."""
    person = get_editable_or_404(
        Person.objects.select_related("organization", "user"), request.user, pk=pk
    )
    form = TurnoverForm(request.POST or None, predecessor=person)
    context = _turnover_context(person, form)
    if request.method == "POST" and form.is_valid():
        context["confirming"] = True
        context["other_focal_points"] = other_focal_points(
            predecessor=person, successor=form.cleaned_data["successor"]
        )
    return render(request, "contacts/person_replace.html", context)


def _turnover_context(person, form) -> dict:
    return {"person": person, "form": form, "pending": focal_point_pending_work(person=person)}


@require_POST
def person_replace_confirm(request, pk: int):
    person = get_editable_or_404(
        Person.objects.select_related("organization", "user"), request.user, pk=pk
    )
    form = TurnoverForm(request.POST, predecessor=person)
    if form.is_valid():
        data = form.cleaned_data
        try:
            successor, moved = focal_point_replace(
                predecessor=person,
                successor=data["successor"],
                newcomer=form.newcomer,
                on=data["on"],
                deactivate_account=data.get("deactivate_account", False),
                open_account=data["open_account"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = sum(moved.values())
            message = ngettext(
                "%(successor)s now replaces %(person)s; %(count)s item moved.",
                "%(successor)s now replaces %(person)s; %(count)s items moved.",
                count,
            )
            messages.success(
                request,
                message % {"successor": successor.name, "person": person.name, "count": count},
            )
            return redirect(person.organization)
    return render(request, "contacts/person_replace.html", _turnover_context(person, form))
