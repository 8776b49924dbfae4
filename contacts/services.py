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


@transaction.atomic
def focal_point_replace(
    *, predecessor: Person, successor: Person, on: datetime.date
) -> dict[str, int]:
    """Hand a focal point's role and open work to a successor, all or nothing."""
    predecessor, successor = (
        Person.objects.select_for_update().get(pk=predecessor.pk),
        Person.objects.select_for_update().get(pk=successor.pk),
    )
    if successor.pk == predecessor.pk or successor.organization_id != predecessor.organization_id:
        raise ValidationError(_("Choose a person of the same organisation."))
    if predecessor.end_date is not None and predecessor.end_date <= on:
        raise ValidationError(
            _("%(name)s has already left this role.") % {"name": predecessor.name}
        )

    moved = {source.key: source.move(predecessor, successor) for source in turnover.registered()}

    predecessor.end_date = on
    predecessor.save(update_fields=["end_date", "updated_at"])
    # The dates of a directory entry are those of its role, so the new role starts now.
    successor.kind = predecessor.kind
    successor.start_date = on
    successor.save(update_fields=["kind", "start_date", "updated_at"])
    return moved
