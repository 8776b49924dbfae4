from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Reminder, ReminderPreference
from .services import reminder_resend, status_counts


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The queue by state; the dead letters are one filter away, and can be sent again."""

    list_display = ["kind", "recipient", "channel", "due_at", "state", "attempts", "last_error"]
    list_filter = ["state", "kind", "channel", "digest"]
    search_fields = ["recipient__username", "recipient__email", "kind"]
    date_hierarchy = "due_at"
    actions = ["resend"]
    readonly_fields = [field.name for field in Reminder._meta.fields]

    def has_add_permission(self, request):
        """Reminders come from the records they belong to."""
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "state_counts": status_counts()}
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Send again"))
    def resend(self, request, queryset):
        for reminder in queryset:
            reminder_resend(reminder=reminder)
        count = queryset.count()
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


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel", "digest", "lead_days"]
    list_filter = ["kind", "channel", "digest"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
