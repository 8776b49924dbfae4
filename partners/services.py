from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mra_portal.lib.constraints import violated_rule

from .models import UNIQUE_ACRONYMS, UNIQUE_NAMES, Organization, Sector


def _refusal(rule: str) -> ValidationError:
    if rule == UNIQUE_ACRONYMS:
        return ValidationError(_("This acronym is already used by another organisation."))
    return ValidationError(_("This name is already used by another organisation."))


@transaction.atomic
def organization_save(*, organization: Organization, sectors: Iterable[Sector]) -> Organization:
    """Add or change an organisation; a name or acronym taken meanwhile is refused, not a 500."""
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:
        rule = violated_rule(error)
        if rule not in (UNIQUE_NAMES, UNIQUE_ACRONYMS, "organization_unique_name_fr"):
            raise
        raise _refusal(rule) from error
    organization.sectors.set(sectors)
    return organization
