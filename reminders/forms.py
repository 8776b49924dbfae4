import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Channel, ReminderPreference
from .registry import KINDS


def kind_choices():
    return [(kind.name, kind.label) for kind in KINDS.values()]


class PreferenceForm(forms.Form):
    """One kind of reminder: how it reaches the user, and how many days ahead."""

    kind = forms.ChoiceField(
        choices=kind_choices,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("“%(value)s” is not a kind of reminder.")},
    )
    channel = forms.ChoiceField(label=_("Receive by"), choices=Channel.choices)
    digest = forms.BooleanField(
        label=_("Group my emails in one daily digest at 08:00"), required=False
    )
    lead_days = forms.CharField(
        label=_("Days before"),
        required=False,
        max_length=40,
        help_text=_("Whole days from 1 to 90, separated by commas, e.g. 7, 1. Empty: the default."),
    )

    def clean_lead_days(self) -> list[int]:
        value = self.cleaned_data["lead_days"].strip()
        if not value:
            return []
        parts = [part for part in re.split(r"[,\s;،]+", value) if part]
        # Western and Arabic-Indic digits alike; not a superscript, which is no decimal digit.
        if not all(part.isdecimal() and len(part) < 4 and 1 <= int(part) <= 90 for part in parts):
            raise forms.ValidationError(
                _("Give whole days from 1 to 90, separated by commas, e.g. 7, 1.")
            )
        if len(parts) > 5:
            raise forms.ValidationError(_("Five reminders at most."))
        return sorted({int(part) for part in parts})


def preference_forms(user, posted: PreferenceForm | None) -> list:
    """One form per kind: the posted one as typed, the others with what the user chose."""
    saved = {
        preference.kind: preference for preference in ReminderPreference.objects.filter(user=user)
    }
    forms_by_kind = []
    for kind in KINDS.values():
        preference = saved.get(kind.name)
        if posted is not None and posted.data.get("kind") == kind.name:
            form = posted
        else:
            form = PreferenceForm(
                initial={
                    "kind": kind.name,
                    "channel": preference.channel if preference else Channel.BOTH,
                    "digest": preference.digest if preference else False,
                    "lead_days": ", ".join(map(str, preference.lead_days)) if preference else "",
                }
            )
        forms_by_kind.append((kind, form))
    return forms_by_kind
