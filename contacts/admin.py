from django.contrib import admin

from .models import MinistryContact


@admin.register(MinistryContact)
class MinistryContactAdmin(admin.ModelAdmin):
    """A single row: it can be edited, never added twice or deleted."""

    list_display = ["__str__", "switchboard_1", "switchboard_2", "standing_service_phone", "fax"]

    def has_add_permission(self, request):
        return not MinistryContact.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
