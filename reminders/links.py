"""The one-click link that stops a person's optional reminders (RFC 8058).

Signed with a salt of its own, it names a directory person without an account by their
record's type and pk. It never expires: an old email must still be able to stop what follows.
"""

from django.core import signing
from django.urls import reverse

SALT = "reminders.stop"


def stop_path(person_type_id: int, person_id: int) -> str:
    token = signing.dumps({"t": person_type_id, "p": person_id}, salt=SALT, compress=True)
    return reverse("reminders:stop", args=[token])


def read_stop_link(token: str) -> tuple[int, int] | None:
    """(person_type_id, person_id), or None for an altered or foreign token."""
    try:
        payload = signing.loads(token, salt=SALT)
        return int(payload["t"]), int(payload["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
