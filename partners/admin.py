from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .forms import OrganizationForm
from .models import Organization, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "name_ar", "name_en"]
    search_fields = ["name_fr", "name_ar", "name_en"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    form = OrganizationForm
    list_display = ["name_fr", "acronym_fr", "kind", "country", "followed_by", "is_active"]
    list_filter = ["kind", "is_active", "sectors", "country", "is_ministry"]
    list_select_related = ["followed_by"]
    search_fields = ["name_fr", "name_ar", "name_en", "acronym_fr", "acronym_ar", "acronym_en"]
    autocomplete_fields = ["parent", "followed_by"]
    filter_horizontal = ["sectors"]
    readonly_fields = ["is_ministry", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "is_active", "is_ministry", "parent", "sectors"]}),
        (_("Names"), {"fields": ["name_fr", "name_ar", "name_en"]}),
        (_("Acronyms"), {"fields": ["acronym_fr", "acronym_ar", "acronym_en"]}),
        (_("Contact details"), {"fields": ["country", "website", "address", "phone", "email"]}),
        (_("Ministry"), {"fields": ["followed_by", "internal_notes", "created_at", "updated_at"]}),
    ]
