from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.uploads import validate_document
from contacts.models import Person
from partners.models import Organization

from .models import (
    AgendaItem,
    Commission,
    Decision,
    DecisionStatus,
    InvitationAnswer,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Membership,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def member_organizations(commission: Commission, user):
    """The organisations sitting on the commission, among those the user may see."""
    return (
        Organization.objects.for_user(user)
        .filter(pk__in=Membership.objects.seated_on(commission).values("organization"))
        .by_name()
    )


class MeetingTimesForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME_WIDGET)

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        for name in ("starts_at", "ends_at"):
            moment = cleaned.get(name)
            if moment and not 2000 <= moment.year <= 2100:
                self.add_error(name, _("Choose a date between 2000 and 2100."))
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("A meeting must end after it starts."))
        return cleaned


class MeetingForm(MeetingTimesForm):
    """A new meeting: its number comes from the service, its dates from here."""

    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    online_link = Meeting._meta.get_field("online_link").formfield()

    field_order = ["kind", "starts_at", "ends_at", "place", "online_link"]


class MeetingDetailsForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "place", "online_link"]


class PostponeForm(MeetingTimesForm):
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class AgendaItemForm(forms.ModelForm):
    document_title = forms.CharField(label=_("Document title"), max_length=255, required=False)
    document = forms.FileField(label=_("Document"), required=False, validators=[validate_document])

    class Meta:
        model = AgendaItem
        fields = ["title", "presenter_organization", "presenter_person", "duration_minutes"]

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        members = member_organizations(meeting.commission, user)
        self.fields["presenter_organization"].queryset = members
        self.fields["presenter_person"].queryset = (
            Person.objects.for_user(user)
            .current()
            .filter(organization__in=members)
            .select_related("organization")
            .order_by("last_name", "first_name")
        )


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            choice for choice in InvitationAnswer.choices if choice[0] != InvitationAnswer.PENDING
        ],
        widget=forms.RadioSelect,
    )
    delegate = forms.CharField(
        label=_("Delegate"),
        max_length=255,
        required=False,
        help_text=_("The name and position of the person who will attend."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == InvitationAnswer.ATTENDING and not cleaned.get("delegate"):
            self.add_error("delegate", _("Name the person who will attend."))
        return cleaned


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Organisations present"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = Organization.objects.filter(
            invitations__meeting=meeting
        ).by_name()
        self.initial.setdefault(
            "present",
            [
                invitation.organization_id
                for invitation in meeting.invitations.all()
                if invitation.present
            ],
        )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "responsible", "due_date"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "responsible": forms.CheckboxSelectMultiple,
            "due_date": DATE_WIDGET,
        }

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = member_organizations(meeting.commission, user)


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DecisionStatus.choices)


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}))
    file = forms.FileField(
        label=_("Signed copy"),
        required=False,
        validators=[validate_document],
        help_text=_("Leave empty to keep the file already attached."),
    )


class MinutesApprovalForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        label=_("Approved at the meeting"), queryset=Meeting.objects.none()
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a meeting that has taken place can have approved the minutes.
        later = (
            Meeting.objects.later_than(meeting)
            .filter(starts_at__lte=timezone.now())
            .exclude(status=MeetingStatus.PLANNED)
            .select_related("commission")
            .order_by("starts_at")
        )
        self.fields["at_meeting"].queryset = later
        self.fields["at_meeting"].initial = later.first()
