from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import User

# Roles give the permissions: groups would be a second way that does nothing.
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Admin rights follow the role, so there are no staff, superuser or group boxes to tick."""

    list_display = ["username", "full_name", "organization", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "organization"]
    list_select_related = ["organization"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["organization"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email", "language"]}),
        (_("Access"), {"fields": ["organization", "role", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "organization", "role", "password1", "password2"],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, user) -> str:
        return user.get_full_name()
