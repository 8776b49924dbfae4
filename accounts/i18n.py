"""Records that carry text in Arabic, French and English show it in the reader's language."""

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

FALLBACK_ORDER = ("fr", "en", "ar")


def language_order() -> list[str]:
    """The reader's language first, then the default (French), English and Arabic."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return [current, *(code for code in FALLBACK_ORDER if code != current)]


def localized(instance, field: str) -> str:
    for code in language_order():
        value = getattr(instance, f"{field}_{code}", "")
        if value:
            return value
    return ""


def localized_expression(field: str, output_field=None):
    """The same fallback in SQL, for ordering and annotating lists (a TextField's with
    output_field=TextField())."""
    return Coalesce(
        *(NullIf(F(f"{field}_{code}"), Value("")) for code in language_order()),
        Value(""),
        output_field=output_field,
    )
