"""The one shape of every form view: a valid POST goes through a service, refusals stay on it."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

T = TypeVar("T")

# A view that shows a form and takes it back: any other method answers 405.
form_view = require_http_methods(["GET", "HEAD", "POST"])


def submitted(request, form, write: Callable[[], T]) -> T | None:
    """The service's result for a valid POST; None when not posted, invalid or refused.

    A refusal (ValidationError) shows at the top of the form, with what the user typed kept.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write()
    except ValidationError as error:
        form.add_error(None, error)
        return None


def say_refused(request, error: ValidationError) -> None:
    """A refused action (a POST-only button) says why at the top of the page it returns to."""
    for message in error.messages:
        messages.error(request, message)


def form_page(request, *, form, formsets=(), save, heading: str, cancel: str, said, extra=None):
    """A form with its rows (inline formsets): each is checked, so every error shows at once,
    and the service writes them all in one transaction; a success goes to what was saved."""
    rows_valid = [formset.is_valid() for formset in formsets]
    if all(rows_valid) and (saved := submitted(request, form, save)):
        messages.success(request, said(saved))
        return redirect(saved)
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "formsets": formsets,
            "rows_invalid": request.method == "POST" and not all(rows_valid),
            "heading": heading,
            "cancel": cancel,
            **(extra or {}),
        },
    )


def may_add(user, model) -> bool:
    """Whether the user's role adds records of `model` (a list page's "New" button)."""
    return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")


def cancel_url(record, listing: str) -> str:
    """Where a form's Cancel goes: back to the record, or to its list for a new one."""
    return record.get_absolute_url() if record.pk else reverse(listing)
