import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Organization

from .models import Person


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "organization",
            "title",
            "first_name",
            "last_name",
            "first_name_ar",
            "last_name_ar",
            "position",
            "kind",
            "emails",
            "phones",
            "languages",
            "language",
            "start_date",
            "end_date",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "first_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "last_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
        }

    def __init__(self, *args, user, **kwargs):
        """user limits the organisations to those they edit; None is the admin's every one."""
        super().__init__(*args, **kwargs)
        if user is not None and "organization" in self.fields:
            self.fields["organization"].queryset = Organization.objects.editable_by(user).by_name()

    def clean_emails(self):
        emails = list(dict.fromkeys(email.lower() for email in self.cleaned_data["emails"]))
        existing = (
            Person.objects.exclude(pk=self.instance.pk)
            .filter(emails__overlap=emails)
            .select_related("organization")
            .first()
        )
        if existing:
            shared = sorted(set(emails) & set(existing.emails))
            raise forms.ValidationError(
                _("%(email)s is already the address of %(person)s (%(organization)s).")
                % {
                    "email": ", ".join(shared),
                    "person": existing.name,
                    "organization": existing.organization.name,
                }
            )
        return emails

    def clean_phones(self):
        return list(dict.fromkeys(self.cleaned_data["phones"]))


class TurnoverForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Successor"),
        queryset=Person.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a person of the same organisation.")},
    )
    on = forms.DateField(
        label=_("Handover date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, predecessor: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.predecessor = predecessor
        self.fields["successor"].queryset = (
            Person.objects.for_organization(predecessor.organization_id)
            .current()
            .exclude(pk=predecessor.pk)
        )
        self.fields["on"].initial = timezone.localdate

    def clean_on(self):
        on: datetime.date = self.cleaned_data["on"]
        start = self.predecessor.start_date
        if start and on < start:
            raise forms.ValidationError(
                _("The handover cannot come before %(name)s started (%(date)s).")
                % {"name": self.predecessor.name, "date": start.isoformat()}
            )
        return on
