import phonenumbers
from django import template
from django.core.exceptions import ValidationError

from mra_portal.lib.phones import parse_phone

register = template.Library()


def _format(value: str, style: int, fallback: str) -> str:
    try:
        return phonenumbers.format_number(parse_phone(value), style)
    except ValidationError:
        return fallback


@register.filter
def phone_display(value: str) -> str:
    """+212537776564 reads as +212 5 37 77 65 64."""
    return _format(value, phonenumbers.PhoneNumberFormat.INTERNATIONAL, value)


@register.filter
def phone_uri(value: str) -> str:
    return _format(value, phonenumbers.PhoneNumberFormat.RFC3966, "")
