import phonenumbers
from django import template
from django.core.exceptions import ValidationError

from partners.phones import parse_phone

register = template.Library()


@register.filter
def phone_display(value: str) -> str:
    """+212537776564 reads as +212 5 37 77 65 64."""
    try:
        return phonenumbers.format_number(
            parse_phone(value), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except ValidationError:
        return value


@register.filter
def phone_uri(value: str) -> str:
    try:
        return phonenumbers.format_number(
            parse_phone(value), phonenumbers.PhoneNumberFormat.RFC3966
        )
    except ValidationError:
        return ""
