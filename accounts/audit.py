"""The audit trail: every domain model is tracked by database triggers (django-pghistory).

Triggers see bulk updates and admin edits too; HistoryMiddleware attaches the request's user
and URL. Each insert and update stores a snapshot under one label, so consecutive snapshots
give "who changed which field, from what to what, and when".
"""

import pghistory
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .scoping import get_for_user_or_404

SNAPSHOT = "snapshot"
DELETED = "deleted"


def tracked(*, exclude: tuple[str, ...] = ()):
    """The decorator for a domain model; exclude what is derived or secret."""
    return pghistory.track(
        pghistory.InsertEvent(SNAPSHOT),
        pghistory.UpdateEvent(SNAPSHOT),
        pghistory.DeleteEvent(DELETED),
        exclude=["updated_at", *exclude],
    )


def history_page(request, queryset, pk: int):
    """A record's history tab: 404 outside the user's scope, 403 for those who read no history."""
    instance = get_for_user_or_404(queryset, request.user, pk=pk)
    if not request.user.reads_history:
        raise PermissionDenied
    return render(request, "history.html", {"object": instance, "history": history_of(instance)})


def history_of(instance) -> list[dict]:
    """The changes of one record, newest first, with the name of whoever made them."""
    from pghistory.models import Events

    events = list(Events.objects.tracks(instance).order_by("-pgh_created_at", "-pgh_id"))
    user_ids = {event.pgh_context.get("user") for event in events if event.pgh_context}
    names = {
        user.pk: user.get_full_name() or user.get_username()
        for user in get_user_model().objects.filter(pk__in=user_ids - {None})
    }
    rows = []
    for event in events:
        context = event.pgh_context or {}
        if event.pgh_label == DELETED:
            action, changes = _("Deleted"), []
        elif not event.pgh_diff:
            action, changes = _("Created"), []
        else:
            action = _("Changed")
            changes = [
                {"field": _label(instance, field), "before": before, "after": after}
                for field, (before, after) in sorted(event.pgh_diff.items())
            ]
        rows.append(
            {
                "when": event.pgh_created_at,
                "who": names.get(context.get("user"), _("the system")),
                "action": action,
                "changes": changes,
            }
        )
    return rows


def _label(instance, field: str) -> str:
    try:
        return instance._meta.get_field(field.removesuffix("_id")).verbose_name
    except FieldDoesNotExist:
        return field
