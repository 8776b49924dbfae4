import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mra_portal.lib.constraints import violated_rule

from . import turnover
from .models import UNIQUE_EMAILS, Person


def person_save(*, person: Person) -> Person:
    """Add or change a directory entry; an address taken meanwhile is refused, not a 500."""
    person.emails = list(dict.fromkeys(email.strip().lower() for email in person.emails))
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as error:
        if violated_rule(error) != UNIQUE_EMAILS:
            raise
        raise ValidationError(
            _("One of these addresses is already the address of another person.")
        ) from error
    return person


@dataclass(frozen=True)
class PendingWork:
    source: turnover.TurnoverSource
    items: list


def focal_point_pending_work(*, person: Person) -> list[PendingWork]:
    """What will move to a successor: every registered source's pending items."""
    return [PendingWork(source, list(source.pending(person))) for source in turnover.registered()]


def other_focal_points(*, predecessor: Person, successor: Person | None) -> list[Person]:
    """The organisation's other focal points in post: with the successor, it would have more
    than one, and the confirmation page says so."""
    if not predecessor.is_focal_point:
        return []
    return list(
        Person.objects.focal_points()
        .current()
        .filter(organization=predecessor.organization_id)
        .exclude(pk__in=[predecessor.pk, getattr(successor, "pk", None)])
    )


@transaction.atomic
def focal_point_replace(
    *,
    predecessor: Person,
    successor: Person | None = None,
    newcomer: dict | None = None,
    on: datetime.date,
    deactivate_account: bool = False,
    open_account: bool = False,
) -> tuple[Person, dict[str, int]]:
    """Hand a focal point's role and open work to a successor, all or nothing; returns the
    successor and how many items of each source moved.

    The successor is someone in the directory, or a newcomer added here (`newcomer`: first
    name, last name, email). The predecessor's account may be deactivated and the successor
    given one. Roles change first, so that what moves (seats, the emails still to be written)
    follows who holds the role from the handover day.
    """
    from accounts.services import account_create_for_person

    predecessor = Person.objects.select_for_update().get(pk=predecessor.pk)
    if successor is None:
        email = (newcomer.get("email") or "").strip()
        successor = person_save(
            person=Person(
                organization_id=predecessor.organization_id,
                kind=predecessor.kind,
                first_name=newcomer["first_name"],
                last_name=newcomer["last_name"],
                emails=[email] if email else [],
            )
        )
    successor = Person.objects.select_for_update().get(pk=successor.pk)
    if successor.pk == predecessor.pk or successor.organization_id != predecessor.organization_id:
        raise ValidationError(_("Choose a person of the same organisation."))
    if predecessor.end_date is not None and predecessor.end_date <= on:
        raise ValidationError(
            _("%(name)s has already left this role.") % {"name": predecessor.name}
        )

    predecessor.end_date = on
    predecessor.save(update_fields=["end_date", "updated_at"])
    # The dates of a directory entry are those of its role, so the new role starts now.
    successor.kind = predecessor.kind
    successor.start_date = on
    successor.save(update_fields=["kind", "start_date", "updated_at"])

    moved = {source.key: source.move(predecessor, successor) for source in turnover.registered()}

    if deactivate_account and predecessor.user_id and predecessor.user.is_active:
        predecessor.user.is_active = False
        predecessor.user.save(update_fields=["is_active"])
    if open_account and not successor.user_id:
        account_create_for_person(person=successor)
    return successor, moved
