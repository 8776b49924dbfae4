from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.uploads import validate_document
from contacts.models import Person
from mra_portal.lib.fields import validate_no_direction_controls, validate_one_line
from partners.models import Organization

from .models import (
    AgendaDocument,
    AgendaItem,
    Commission,
    Decision,
    DecisionStatus,
    Invitation,
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
    place = forms.CharField(
        validators=[validate_one_line], label=_("Place"), max_length=255, required=False
    )
    online_link = Meeting._meta.get_field("online_link").formfield(validators=[validate_one_line])

    field_order = ["kind", "starts_at", "ends_at", "place", "online_link"]


class PastMeetingForm(MeetingForm):
    """A meeting that took place: its dates, and who was there."""

    present = forms.ModelMultipleChoiceField(
        label=_("Organisations present"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, commission: Commission, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = (
            Organization.objects.for_user(user)
            .filter(pk__in=Membership.objects.invited_to(commission))
            .by_name()
        )


class MeetingDetailsForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "place", "online_link"]


class PostponeForm(MeetingTimesForm):
    reason = forms.CharField(
        validators=[validate_one_line], label=_("Reason"), max_length=255, required=False
    )


def presenters(meeting: Meeting, user, organization_id=None):
    """The people who may present an item: those in post at the member organisations the
    user may see, or at the one chosen; each once, by organisation then name."""
    people = (
        Person.objects.for_user(user)
        .current()
        .filter(organization__in=member_organizations(meeting.commission, user))
        .select_related("organization")
        .order_by("organization__name_fr", "last_name", "first_name", "pk")
        .distinct()
    )
    return people.filter(organization=organization_id) if organization_id else people


def presenter_label(person) -> str:
    """A presenter as the list shows them: with their organisation, so namesakes differ."""
    organization = person.organization
    return f"{person.name} ({organization.acronym or organization.name})"


class AgendaItemForm(forms.ModelForm):
    document_title = forms.CharField(
        validators=[validate_one_line], label=_("Document title"), max_length=255, required=False
    )
    document = forms.FileField(label=_("Document"), required=False, validators=[validate_document])
    remove_documents = forms.ModelMultipleChoiceField(
        label=_("Remove these documents"),
        queryset=AgendaDocument.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "presenter_organization", "presenter_person", "duration_minutes"]

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        organization = self.fields["presenter_organization"]
        organization.queryset = member_organizations(meeting.commission, user)
        # With JavaScript, choosing an organisation narrows the people to it at once; without,
        # the list shows everyone with their organisation, and a mismatch is refused.
        organization.widget.attrs.update(
            {
                "hx-get": reverse("commissions:presenters", args=[meeting.pk]),
                "hx-target": "#id_presenter_person",
                "hx-trigger": "change",
                "hx-swap": "innerHTML",
            }
        )
        person = self.fields["presenter_person"]
        person.queryset = presenters(meeting, user)
        person.label_from_instance = presenter_label
        if self.instance.pk:
            self.fields["remove_documents"].queryset = self.instance.documents.all()
        else:
            del self.fields["remove_documents"]


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            choice for choice in InvitationAnswer.choices if choice[0] != InvitationAnswer.PENDING
        ],
        widget=forms.RadioSelect,
    )
    delegate = forms.CharField(
        validators=[validate_one_line],
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
    text = forms.CharField(
        validators=[validate_no_direction_controls],
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    file = forms.FileField(
        label=_("Signed copy"),
        required=False,
        validators=[validate_document],
        help_text=_("Leave empty to keep the file already attached."),
    )


class ConfirmedForm(forms.Form):
    """A step that cannot be undone, confirmed by ticking what it will do: no JavaScript
    dialog needed. The caller says what will happen, with its counts."""

    confirm = forms.BooleanField(required=True)

    def __init__(self, *args, consequence: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = consequence
        self.fields["confirm"].error_messages["required"] = _(
            "Tick the box to confirm: this cannot be undone."
        )


class MinutesApprovalForm(ConfirmedForm):
    at_meeting = forms.ModelChoiceField(
        label=_("Approved at the meeting"), queryset=Meeting.objects.none()
    )
    field_order = ["at_meeting", "confirm"]

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


class ProcedureForm(ConfirmedForm):
    deadline = forms.DateTimeField(
        label=_("Objections until"),
        widget=DATETIME_WIDGET,
        help_text=_("Casablanca time. The minutes are approved then, unless a member objects."),
    )
    field_order = ["deadline", "confirm"]


class SignatureForm(ConfirmedForm):
    signed_by = forms.CharField(
        validators=[validate_one_line], label=_("Signed by"), max_length=255
    )
    file = forms.FileField(
        label=_("Signed copy"),
        required=False,
        validators=[validate_document],
        help_text=_("Leave empty to keep the file already attached."),
    )
    field_order = ["signed_by", "file", "confirm"]


class ObjectionForm(forms.Form):
    invitation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Invitation.objects.none(), empty_label=None
    )
    comment = forms.CharField(
        validators=[validate_no_direction_controls],
        label=_("What should change"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = invitations
        self.fields["invitation"].label_from_instance = lambda invitation: (
            invitation.organization.name
        )
