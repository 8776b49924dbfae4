import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mra_portal.lib.fields import validate_one_line
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
        required=False,
        empty_label=_("Someone new: add them below"),
        error_messages={"invalid_choice": _("Choose a person of the same organisation.")},
    )
    first_name = forms.CharField(
        validators=[validate_one_line],
        label=_("First name of the newcomer"),
        max_length=100,
        required=False,
    )
    last_name = forms.CharField(
        validators=[validate_one_line],
        label=_("Last name of the newcomer"),
        max_length=100,
        required=False,
    )
    email = forms.EmailField(label=_("Email of the newcomer"), required=False)
    on = forms.DateField(
        label=_("Handover date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    deactivate_account = forms.BooleanField(
        label=_("Deactivate the predecessor's portal account"), required=False, initial=True
    )
    open_account = forms.BooleanField(
        label=_("Open a portal account for the successor, who chooses a password by email"),
        required=False,
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
        if not (predecessor.user_id and predecessor.user.is_active):
            del self.fields["deactivate_account"]

    def clean_on(self):
        on: datetime.date = self.cleaned_data["on"]
        start = self.predecessor.start_date
        if start and on < start:
            raise forms.ValidationError(
                _("The handover cannot come before %(name)s started (%(date)s).")
                % {"name": self.predecessor.name, "date": start.isoformat()}
            )
        return on

    def clean(self):
        data = super().clean()
        if data.get("successor") is None and "successor" not in self.errors:
            for field in ("first_name", "last_name"):
                if not (data.get(field) or "").strip():
                    self.add_error(field, _("Choose the successor, or give the newcomer's name."))
        successor = data.get("successor")
        has_address = successor.email if successor else data.get("email")
        if data.get("open_account") and not has_address:
            self.add_error("open_account", _("An account needs the successor's email address."))
        return data

    @property
    def newcomer(self) -> dict | None:
        """The successor to add to the directory, when none was chosen."""
        if self.cleaned_data.get("successor"):
            return None
        return {name: self.cleaned_data[name] for name in ("first_name", "last_name", "email")}
