import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Channel, ReminderPreference
from .registry import KINDS


def kind_choices():
    return [(kind.name, kind.label) for kind in KINDS.values()]


class PreferenceForm(forms.Form):
    """One kind of reminder: how it reaches the user, and how many days ahead. Its fields
    carry the kind's name as prefix, so that every kind fits in the page's one form."""

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


class PreferencesForm(forms.Form):
    """Every kind of reminder in one form, saved by one button: a change to one kind is never
    lost by saving another. A kind absent from the submission is left as it was."""

    def __init__(self, user, data=None):
        super().__init__(data)
        saved = {row.kind: row for row in ReminderPreference.objects.filter(user=user)}
        self.kinds = [
            (kind, PreferenceForm(data, prefix=kind.name, initial=_initial(saved.get(kind.name))))
            for kind in KINDS.values()
        ]

    def clean(self):
        posted = [
            (kind, form) for kind, form in self.kinds if form.add_prefix("channel") in self.data
        ]
        if not posted:
            raise forms.ValidationError(_("Choose how each kind of reminder reaches you."))
        valid = [form.is_valid() for _kind, form in posted]  # each form's errors, all at once
        if not all(valid):
            raise forms.ValidationError(
                _("Some choices need correcting: see below. Nothing was saved.")
            )
        return {"choices": {kind.name: form.cleaned_data for kind, form in posted}}


def _initial(preference) -> dict:
    if preference is None:
        return {"channel": Channel.BOTH, "digest": False, "lead_days": ""}
    return {
        "channel": preference.channel,
        "digest": preference.digest,
        "lead_days": ", ".join(map(str, preference.lead_days)),
    }
