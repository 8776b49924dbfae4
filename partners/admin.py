from django.contrib import admin

from .models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "acronym_fr", "kind", "is_ministry", "is_active"]
    list_filter = ["kind", "is_active", "is_ministry"]
    search_fields = ["name_fr", "name_ar", "name_en", "acronym_fr", "acronym_ar", "acronym_en"]
    readonly_fields = ["is_ministry", "created_at", "updated_at"]
