"""Model permissions that follow the role, so views can use permission_required()."""

import functools

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.backends import ModelBackend
from pghistory.models import Event

from .models import Role

# The apps whose records the roles act on; the admin's own models are not among them.
DOMAIN_APPS = ["partners", "contacts", "commissions", "actionplans", "cooperation", "studies"]

ROLE_ACTIONS = {
    Role.COORDINATOR: {"view", "add", "change", "delete"},
    Role.OFFICER: {"view", "add", "change"},
    Role.VIEWER: {"view"},
}
# An officer works inside the partners they follow, so cannot add or remove a partner, nor
# open or remove a partner's action plan, a reporting round, a country profile or a framework
# (the secretariat's).
ROLE_EXCLUDED = {
    Role.OFFICER: {
        "partners.add_organization",
        "partners.delete_organization",
        "actionplans.add_plan",
        "actionplans.delete_plan",
        "actionplans.add_reportinground",
        "actionplans.delete_reportinground",
        # Country profiles and multilateral frameworks are the secretariat's reference data.
        "cooperation.add_countryprofile",
        "cooperation.delete_countryprofile",
        "cooperation.add_framework",
        "cooperation.delete_framework",
    },
}


@functools.cache
def role_permissions(role: str) -> frozenset[str]:
    """Read off the models themselves, so checking a permission costs no query."""
    actions = ROLE_ACTIONS.get(role, set())
    granted = set()
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            opts = model._meta
            # The audit trail is read, never written, by anyone: its rows come from triggers.
            allowed = actions & {"view"} if issubclass(model, Event) else actions
            granted |= {
                f"{opts.app_label}.{get_permission_codename(action, opts)}"
                for action in opts.default_permissions
                if action in allowed
            }
    return frozenset(granted - ROLE_EXCLUDED.get(role, set()))


class RoleBackend(ModelBackend):
    """Administrators hold every permission; everyone else holds exactly their role's."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj)
        return set(role_permissions(user_obj.role))
