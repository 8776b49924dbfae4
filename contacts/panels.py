"""The 360° page panels this app owns: the organisation's people and its focal-point history."""

from django.utils.translation import gettext_lazy as _

from partners.models import Organization
from partners.panels import Panel, register

from .models import Person


def people_context(organization, user) -> dict:
    people = Person.objects.for_user(user).for_organization(organization.pk)
    return {
        "organization": organization,
        "people": people.current(),
        "can_add": user.has_perm("contacts.add_person")
        and Organization.objects.editable_by(user).filter(pk=organization.pk).exists(),
    }


def focal_point_history_context(organization, user) -> dict:
    history = (
        Person.objects.for_user(user)
        .for_organization(organization.pk)
        .focal_points()
        .order_by("-start_date", "-pk")
    )
    return {"history": history}


def register_panels() -> None:
    register(Panel("people", _("People"), "contacts/_people_panel.html", people_context, 10))
    register(
        Panel(
            "focal_point_history",
            _("Focal-point history"),
            "contacts/_focal_point_history_panel.html",
            focal_point_history_context,
            20,
        )
    )
