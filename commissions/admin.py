from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
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
    Objection,
    WrittenProcedure,
)


class ReadOnly:
    """Shown, never added, changed or deleted here: the services write these rows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class AgendaItemInline(ReadOnly, admin.TabularInline):
    """Read here; added, moved and removed on the meeting's page, which renumbers the agenda
    and tells the invitees of a late addition."""

    model = AgendaItem
    fields = ["position", "title", "presenter_organization", "presenter_person"]
    show_change_link = True
    extra = 0


class InvitationInline(ReadOnly, admin.TabularInline):
    """Answers come from the invitees, attendance from the secretariat's page."""

    model = Invitation
    fields = ["organization", "answer", "delegate", "present", "answered_at", "answered_by"]
    extra = 0


def _through_service(name: str, service, description, done):
    """An admin action that calls the same service as the meeting's page, meeting by meeting,
    and says which ones it refused and why."""

    def action(modeladmin, request, queryset):
        count = 0
        for meeting in queryset.select_related("commission"):
            try:
                service(meeting=meeting)
            except ValidationError as error:
                modeladmin.message_user(
                    request, f"{meeting.number}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                count += 1
        if count:
            modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)

    action.__name__ = name
    return admin.action(description=description)(action)


convene = _through_service(
    "convene",
    services.meeting_convene,
    _("Convene: invite every member"),
    _("Meetings convened: %(count)d."),
)
mark_held = _through_service(
    "mark_held",
    services.meeting_mark_held,
    _("Record as held"),
    _("Meetings recorded as held: %(count)d."),
)
cancel = _through_service(
    "cancel",
    services.meeting_cancel,
    _("Cancel the meeting"),
    _("Meetings cancelled: %(count)d."),
)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Dates, status and number have consequences (renumbering, invitations, reminders, the
    notice of a new date): they change through the actions below or the meeting's page."""

    list_display = ["__str__", "commission", "kind", "starts_at", "status"]
    list_filter = ["commission", "status", "kind"]
    search_fields = ["commission__code", "place"]
    date_hierarchy = "starts_at"
    fields = [
        "commission",
        "number",
        "kind",
        "dates",
        "place",
        "online_link",
        "status",
        "convened_at",
        "cancelled_at",
    ]
    readonly_fields = ["commission", "number", "dates", "status", "convened_at", "cancelled_at"]
    inlines = [AgendaItemInline, InvitationInline]
    actions = [convene, mark_held, cancel]

    def has_add_permission(self, request):
        """Meetings are numbered when planned through commissions.services, not here."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Only a meeting never convened can go; the others are cancelled and stay on record."""
        return obj is not None and obj.is_planned

    @admin.display(description=_("starts at"))
    def dates(self, meeting):
        page = reverse("commissions:meeting_postpone", args=[meeting.pk])
        return format_html(
            '{} \u2013 {} · <a href="{}">{}</a>',
            meeting.starts_at,
            meeting.ends_at,
            page,
            _("Move to another date"),
        )


class AgendaDocumentInline(admin.TabularInline):
    model = AgendaDocument
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    """Its wording, presenter and documents; its place on the agenda is the meeting page's."""

    list_display = ["__str__", "meeting"]
    search_fields = ["title"]
    autocomplete_fields = ["presenter_organization", "presenter_person"]
    readonly_fields = ["meeting", "position"]
    inlines = [AgendaDocumentInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AgendaDocument)
class AgendaDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "item"]
    search_fields = ["title"]
    autocomplete_fields = ["item"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnly, admin.ModelAdmin):
    """Read only: convening invites, the invitees answer, the secretariat records attendance."""

    list_display = ["meeting", "organization", "answer", "present"]
    list_filter = ["answer", "present"]
    search_fields = ["organization__name_fr"]


class MinutesVersionInline(admin.TabularInline):
    model = MinutesVersion
    readonly_fields = ["text", "saved_at", "saved_by"]
    extra = 0
    can_delete = False


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    """Read only: drafts are written on the meeting's page, which keeps every earlier text,
    and approval freezes them."""

    list_display = ["__str__", "approved_at", "approved_by_meeting"]
    search_fields = ["meeting__commission__code", "text"]
    inlines = [MinutesVersionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return obj is not None and not obj.is_approved


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "due_date"]
    list_filter = ["status", "meeting__commission"]
    search_fields = ["text"]
    filter_horizontal = ["responsible"]
    readonly_fields = ["meeting"]

    def has_add_permission(self, request):
        """Decisions are numbered when recorded through commissions.services, not here."""
        return False


@admin.register(MeetingDateChange)
class MeetingDateChangeAdmin(admin.ModelAdmin):
    """The history of moves, written by the postponement itself."""

    list_display = ["meeting", "previous_starts_at", "changed_at"]
    search_fields = ["reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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


class ObjectionInline(ReadOnly, admin.TabularInline):
    model = Objection
    fields = ["organization", "comment", "made_at", "made_by"]
    extra = 0


@admin.register(WrittenProcedure)
class WrittenProcedureAdmin(ReadOnly, admin.ModelAdmin):
    """Read only: opened from the minutes page, objected to by members, closed at the deadline
    by the beat task (which approves the minutes when nobody objected)."""

    list_display = ["minutes", "deadline", "outcome", "closed_at"]
    list_filter = ["outcome"]
    search_fields = ["minutes__meeting__commission__code"]
    inlines = [ObjectionInline]
