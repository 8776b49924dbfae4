"""Names that cannot lie: no direction controls or line breaks where one line is shown."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CharField, TextField

from mra_portal.lib.fields import (
    safe_file_name,
    validate_no_direction_controls,
    validate_one_line,
)
from partners.models import Organization


def test_every_short_text_of_the_portal_holds_one_line_and_every_long_one_no_override():
    portal = {"accounts", "partners", "contacts", "commissions", "actionplans"}
    portal |= {"cooperation", "studies", "reminders"}
    unguarded = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in portal
        for field in model._meta.concrete_fields
        if not field.choices
        and (
            (isinstance(field, CharField) and validate_one_line not in field.validators)
            or (
                isinstance(field, TextField)
                and validate_no_direction_controls not in field.validators
            )
        )
    ]
    assert unguarded == []


@pytest.mark.parametrize("name", ["Ministère\u202e", "A\u2066B", "MI\r\nBcc: x", "MI\n"])
def test_an_organisation_name_with_a_control_is_refused_with_a_message(db, name):
    organization = Organization(name_fr=name, kind="ministerial_department", country="MA")
    with pytest.raises(ValidationError) as refused:
        organization.full_clean()
    assert "name_fr" in refused.value.message_dict


def test_a_long_text_may_break_lines_but_not_turn_around():
    validate_no_direction_controls("Premier paragraphe.\r\nSecond.")
    with pytest.raises(ValidationError):
        validate_no_direction_controls("fin\u202e")


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Rapport\u202etxt.exe", "Rapport txt.exe"),
        ('Note "finale"\r\n/../x', "Note finale .. x"),
        ("\u2067\u2069", "document"),
    ],
)
def test_a_download_is_named_after_its_title_without_what_could_mislead(title, name):
    assert safe_file_name(title) == name
