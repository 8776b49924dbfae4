from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mra_portal.lib.lists import page_of

from . import services
from .forms import PreferenceForm
from .models import Reminder, ReminderPreference
from .registry import KINDS

PAGE_SIZE = 30


@require_safe
def notification_list(request):
    """The bell's page: what was sent to the user through the portal, newest first."""
    rows = (
        Reminder.objects.in_app_for(request.user)
        .select_related("target_type")
        .order_by("-due_at", "-pk")
    )
    listing = page_of(request, rows, PAGE_SIZE)
    items = list(listing["page_obj"])
    services.load_records(items)
    return render(
        request,
        "reminders/notification_list.html",
        {
            **listing,
            "items": [
                (item, KINDS[item.kind].render(item))
                for item in items
                if item.record is not None and item.kind in KINDS
            ],
            "unread": Reminder.objects.unread_for(request.user).count(),
        },
    )


@require_safe
def notification_count(request):
    """The bell's badge, fetched by htmx after the page has loaded."""
    return render(
        request,
        "reminders/_bell.html",
        {"unread": Reminder.objects.unread_for(request.user).count()},
    )


@require_POST
def notification_read(request):
    """Mark one notification read (pk given), or all of them."""
    pk = request.POST.get("pk", "")
    if pk and not (pk.isascii() and pk.isdigit() and len(pk) < 19):
        messages.error(request, _("This notification does not exist."))
        return redirect("reminders:list")
    services.reminders_mark_read(user=request.user, pks=[int(pk)] if pk else None)
    return redirect("reminders:list")


def preferences(request):
    saved = {
        preference.kind: preference
        for preference in ReminderPreference.objects.filter(user=request.user)
    }
    posted = PreferenceForm(request.POST) if request.method == "POST" else None
    if posted is not None and posted.is_valid():
        try:
            services.preference_save(user=request.user, **posted.cleaned_data)
        except ValidationError as error:
            posted.add_error(None, error)
        else:
            messages.success(request, _("Your choice was saved."))
            return redirect("reminders:preferences")
    forms = []
    for kind in KINDS.values():
        if posted is not None and posted.data.get("kind") == kind.name:
            form = posted
        else:
            preference = saved.get(kind.name)
            form = PreferenceForm(
                initial={
                    "kind": kind.name,
                    "channel": preference.channel if preference else "both",
                    "digest": preference.digest if preference else False,
                    "lead_days": ", ".join(map(str, preference.lead_days)) if preference else "",
                },
            )
        forms.append((kind, form))
    unknown = posted is not None and not posted.is_valid() and "kind" in posted.errors
    return render(
        request,
        "reminders/preferences.html",
        {"forms": forms, "form": posted, "unknown_kind": unknown},
    )
