from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mra_portal.lib.forms import form_view, submitted
from mra_portal.lib.lists import page_of

from . import services
from .forms import PreferencesForm
from .links import read_stop_link
from .models import Reminder, Unsubscription
from .registry import KINDS

# The list pages through the newest thousand: counting them all would read every row a busy
# coordinator was ever sent, on every visit (7,679 at ten years), for pages nobody opens.
LISTED = 1000
# What a row of the list shows and its message needs; the outbox's bookkeeping stays unread.
LISTING_FIELDS = (
    *("kind", "lead_days", "due_at", "read_at"),
    *("target_type", "target_id", "recipient", "person_id"),
)


@require_safe
def notification_list(request):
    """The bell's page: what was sent to the user through the portal, newest first."""
    rows = (
        Reminder.objects.in_app_for(request.user)
        .select_related("target_type")
        .only(*LISTING_FIELDS)
        .order_by("-due_at", "-pk")
    )
    listing = page_of(request, rows[:LISTED])
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
            "unread": Reminder.objects.unread_count_for(request.user),
            "listed": LISTED,
        },
    )


@require_safe
def notification_count(request):
    """The bell's badge, fetched by htmx after the page has loaded; without htmx, the list."""
    if not request.htmx:
        return notification_list(request)
    return render(
        request,
        "reminders/_bell.html",
        {"unread": Reminder.objects.unread_count_for(request.user)},
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


@form_view
def preferences(request):
    form = PreferencesForm(request.user, request.POST if request.method == "POST" else None)
    if submitted(
        request, form, lambda: services.preferences_save(user=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Your choices were saved."))
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})


@login_not_required
@csrf_exempt  # the mail client's one-click POST carries no token; the signed link stands for it
@require_http_methods(["GET", "HEAD", "POST"])
def stop_from_email(request, token: str):
    """An email's List-Unsubscribe link, for a person without an account: a GET asks (link
    checkers open links), a POST stops their optional reminders, or resumes them."""
    ids = read_stop_link(token)
    person = {"person_type_id": ids[0], "person_id": ids[1]} if ids else None
    # Only someone the outbox has written to: the latest row says to which address.
    latest = Reminder.objects.filter(**person).order_by("-pk").first() if person else None
    if latest is None:
        return render(request, "reminders/stop_refused.html", status=404)
    if request.method == "POST":
        if request.POST.get("resume"):
            services.reminders_resume(**person)
        else:  # the page's button, or RFC 8058's "List-Unsubscribe=One-Click"
            services.reminders_stop(**person)
    return render(
        request,
        "reminders/stop_from_email.html",
        {"address": latest.address, "stopped": Unsubscription.objects.filter(**person).exists()},
    )
