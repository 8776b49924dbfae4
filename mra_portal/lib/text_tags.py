"""Template filters for text typed into records, loaded in every template (TEMPLATES builtins)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value):
    """The value isolated from the sentence around it (`<bdi>`), so that a French name in an
    Arabic sentence, or the reverse, keeps its punctuation on its own side. For values passed
    into {% blocktranslate %}, where the tag cannot be written around the placeholder."""
    return format_html("<bdi>{}</bdi>", value)
