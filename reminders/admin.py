from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import kind_choices
from .models import Reminder, ReminderPreference, State
from .registry import kind_label
from .services import load_records, reminders_resend, status_counts


class KindFilter(admin.SimpleListFilter):
    """The kinds by their names in the reader's language, not their codes."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return sorted(kind_choices(), key=lambda pair: str(pair[1]))

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class ReminderChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        load_records(self.result_list)  # one query per kind of record, not one per row


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The queue by state; the dead letters are one filter away, and can be sent again."""

    list_display = [
        *("kind_name", "record", "addressee", "channel", "due_at", "state", "attempts"),
        "last_error",
    ]
    list_filter = ["state", KindFilter, "channel", "digest"]
    list_select_related = ["recipient", "target_type"]
    search_fields = ["recipient__username", "recipient__email", "name", "address", "kind"]
    date_hierarchy = "due_at"
    actions = ["resend"]
    readonly_fields = [field.name for field in Reminder._meta.fields]

    def get_changelist(self, request, **kwargs):
        return ReminderChangeList

    @admin.display(description=_("kind"), ordering="kind")
    def kind_name(self, reminder: Reminder) -> str:
        return kind_label(reminder.kind)

    @admin.display(description=_("record"))
    def record(self, reminder: Reminder) -> str:
        """The meeting (or other record) the reminder is about; — once it is gone."""
        return str(reminder.record) if reminder.record is not None else "—"

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
