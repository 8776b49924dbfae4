"""Personal answer links: an invitation answered from the email, without an account.

A link is signed (Django's signing, with a salt of its own, so no other signed value is
accepted), names the meeting and the person, and answers only while the meeting has not
ended. It shows only that meeting and records only that person's organisation's answer.
"""

from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from contacts.models import Person

from .models import Invitation

SALT = "commissions.invitation-answer"


def answer_path(meeting_id: int, person_id: int) -> str:
    token = signing.dumps({"m": meeting_id, "p": person_id}, salt=SALT, compress=True)
    return reverse("commissions:answer", args=[token])


@dataclass
class Link:
    """What a valid link opens: None when it is altered, unknown or no longer concerns them;
    `expired` once the meeting has ended."""

    invitation: Invitation | None
    person: Person | None = None
    expired: bool = False


def read_link(token: str) -> Link:
    try:
        payload = signing.loads(token, salt=SALT)
        meeting_id, person_id = int(payload["m"]), int(payload["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return Link(None)
    person = Person.objects.select_related("organization").filter(pk=person_id).first()
    if person is None or not person.is_current:
        return Link(None)
    invitation = (
        Invitation.objects.select_related("meeting__commission", "organization")
        .filter(meeting_id=meeting_id, organization=person.organization_id)
        .first()
    )
    if invitation is None:
        return Link(None)
    meeting = invitation.meeting
    expired = not meeting.takes_answers or meeting.ends_at <= timezone.now()
    return Link(invitation, person, expired=expired)
