"""The one shape of every form view: a valid POST goes through a service, refusals stay on it."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError

T = TypeVar("T")


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
