from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Reminder, ReminderPreference, State
from .services import reminders_resend, status_counts


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The queue by state; the dead letters are one filter away, and can be sent again."""

    list_display = ["kind", "addressee", "channel", "due_at", "state", "attempts", "last_error"]
    list_filter = ["state", "kind", "channel", "digest"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "name", "address", "kind"]
    date_hierarchy = "due_at"
    actions = ["resend"]
    readonly_fields = [field.name for field in Reminder._meta.fields]

    @admin.display(description=_("recipient"))
    def addressee(self, reminder: Reminder) -> str:
        """An account, or a directory person without one."""
        return str(reminder.recipient) if reminder.recipient_id else reminder.name

    def has_add_permission(self, request):
        """Reminders come from the records they belong to."""
        return False

    def changelist_view(self, request, extra_context=None):
        counts = status_counts()
        states = [(value, label, counts[value]) for value, label in State.choices]
        extra_context = {**(extra_context or {}), "state_counts": states}
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Send again"))
    def resend(self, request, queryset):
        count = reminders_resend(reminders=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d reminder goes back in the queue.",
                "%(count)d reminders go back in the queue.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if count < queryset.count():
            self.message_user(
                request,
                _("Only dead letters and sent reminders can be sent again."),
                messages.WARNING,
            )


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel", "digest", "lead_days"]
    list_filter = ["kind", "channel", "digest"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
