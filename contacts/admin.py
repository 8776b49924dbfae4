from django.contrib import admin

from partners.admin import OrganizationAdmin
from partners.models import Organization

from .forms import PersonForm
from .models import MinistryContact, Person


@admin.register(MinistryContact)
class MinistryContactAdmin(admin.ModelAdmin):
    """A single row: it can be edited, never added twice or deleted."""

    list_display = ["__str__", "switchboard_1", "switchboard_2", "standing_service_phone", "fax"]

    def has_add_permission(self, request):
        return not MinistryContact.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class AdminPersonForm(PersonForm):
    """The directory form's checks (duplicate emails), for an administrator who sees all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, user=None, **kwargs)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = AdminPersonForm
    list_display = ["last_name", "first_name", "organization", "kind", "start_date", "end_date"]
    list_filter = ["kind", "organization__kind", "end_date"]
    list_select_related = ["organization"]
    search_fields = ["first_name", "last_name", "first_name_ar", "last_name_ar", "position"]
    autocomplete_fields = ["organization", "user"]
    fields = [*PersonForm.Meta.fields, "user"]


class PersonInline(admin.TabularInline):
    model = Person
    form = AdminPersonForm
    fields = [
        "title",
        "first_name",
        "last_name",
        "kind",
        "position",
        "emails",
        "start_date",
        "end_date",
    ]
    extra = 0
    show_change_link = True


# The people of an organisation edit inside it; partners' admin knows nothing of contacts.
admin.site.unregister(Organization)


@admin.register(Organization)
class OrganizationWithPeopleAdmin(OrganizationAdmin):
    inlines = [PersonInline]
