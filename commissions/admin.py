from django.contrib import admin

from .models import (
    AgendaDocument,
    AgendaItem,
    CalendarFeed,
    Commission,
    Decision,
    Invitation,
    Meeting,
    MeetingDateChange,
    Membership,
    Minutes,
    MinutesVersion,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["organization", "representative", "alternate"]
    extra = 0


@admin.register(Commission)
class CommissionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "kind", "parent", "secretariat", "quorum"]
    list_filter = ["kind"]
    search_fields = ["code", "name_fr", "name_ar", "name_en"]
    autocomplete_fields = ["parent", "secretariat"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["commission", "organization", "role", "start_date", "end_date"]
    list_filter = ["commission", "role"]
    search_fields = ["organization__name_fr", "organization__acronym_fr"]
    autocomplete_fields = ["commission", "organization", "representative", "alternate"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    autocomplete_fields = ["presenter_organization", "presenter_person"]
    extra = 0


class InvitationInline(admin.TabularInline):
    model = Invitation
    autocomplete_fields = ["organization"]
    readonly_fields = ["answered_at", "answered_by"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "commission", "kind", "starts_at", "status"]
    list_filter = ["commission", "status", "kind"]
    search_fields = ["commission__code", "place"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, InvitationInline]

    def has_add_permission(self, request):
        """Meetings are numbered when planned through commissions.services, not here."""
        return False


class AgendaDocumentInline(admin.TabularInline):
    model = AgendaDocument
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting"]
    search_fields = ["title"]
    autocomplete_fields = ["meeting", "presenter_organization", "presenter_person"]
    inlines = [AgendaDocumentInline]


@admin.register(AgendaDocument)
class AgendaDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "item"]
    search_fields = ["title"]
    autocomplete_fields = ["item"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["meeting", "organization", "answer", "present"]
    list_filter = ["answer", "present"]
    search_fields = ["organization__name_fr"]
    autocomplete_fields = ["meeting", "organization"]


class MinutesVersionInline(admin.TabularInline):
    model = MinutesVersion
    readonly_fields = ["text", "saved_at", "saved_by"]
    extra = 0
    can_delete = False


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "approved_at", "approved_by_meeting"]
    search_fields = ["meeting__commission__code", "text"]
    readonly_fields = ["approved_at", "approved_by_meeting"]
    inlines = [MinutesVersionInline]

    def get_readonly_fields(self, request, obj=None):
        """Approved minutes are frozen, in the admin too."""
        frozen = ["text", "file"] if obj is not None and obj.is_approved else []
        return [*self.readonly_fields, *frozen]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "due_date"]
    list_filter = ["status", "meeting__commission"]
    search_fields = ["text"]
    filter_horizontal = ["responsible"]

    def has_add_permission(self, request):
        """Decisions are numbered when recorded through commissions.services, not here."""
        return False


@admin.register(MeetingDateChange)
class MeetingDateChangeAdmin(admin.ModelAdmin):
    list_display = ["meeting", "previous_starts_at", "changed_at"]
    search_fields = ["reason"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Who subscribed to their meetings; deleting a row revokes that address at once."""

    list_display = ["user", "created_at"]
    search_fields = ["user__username", "user__last_name"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        """Addresses are created by their owner, who alone sees the secret once."""
        return False

    def has_change_permission(self, request, obj=None):
        return False
