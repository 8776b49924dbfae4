"""Model fields every app may use."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CharField, TextField
from django.utils.translation import gettext_lazy as _


class WebsiteField(models.URLField):
    """An address typed without a scheme is taken as https://."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


# Characters that reorder the text around them (the bidirectional embeddings, overrides and
# isolates, U+202A to U+202E and U+2066 to U+2069): a name typed with them can show as
# something else ("‮exe.txt").
DIRECTION_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_DIRECTION = re.compile(f"[{DIRECTION_CONTROLS}]")
_ONE_LINE = re.compile(f"[{DIRECTION_CONTROLS}\r\n]")


def validate_no_direction_controls(value) -> None:
    if isinstance(value, str) and _DIRECTION.search(value):
        raise ValidationError(
            _("Remove the invisible direction marks: they change how the text around shows."),
            code="direction_controls",
        )


def validate_one_line(value) -> None:
    """A name, title or place: one line, with no character that reorders what surrounds it."""
    if isinstance(value, str) and _ONE_LINE.search(value):
        raise ValidationError(
            _("Write this on one line, without line breaks or invisible direction marks."),
            code="one_line",
        )


def refuse_control_characters(models) -> None:
    """Every short text field (CharField) of these models holds one line without direction
    controls, and every long one (TextField) no direction controls. The validators join the
    fields' own at start-up, not their definitions, so no migration records them; model forms
    and the admin run them through full_clean()."""
    for model in models:
        for field in model._meta.concrete_fields:
            if field.choices:
                continue
            if isinstance(field, CharField):
                rule = validate_one_line
            elif isinstance(field, TextField):
                rule = validate_no_direction_controls
            else:
                continue
            if rule not in field.validators:
                field.validators.append(rule)


def safe_file_name(title: str) -> str:
    """A title made fit for a download's file name: no direction controls, line breaks, path
    separators or quotes, whatever was stored before these were refused."""
    cleaned = re.sub(f'[{DIRECTION_CONTROLS}\r\n\t"/\\\\]', " ", title)
    return " ".join(cleaned.split()) or "document"
