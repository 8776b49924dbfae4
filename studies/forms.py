from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from actionplans.models import CLOSED_STATUSES, Action
from commissions.models import Decision
from contacts.models import Person
from cooperation.forms import DATE_WIDGET, ObjectivesField, ScopedChoices
from mra_portal.lib.fields import validate_no_direction_controls, validate_one_line

from .models import (
    Expert,
    Finding,
    Milestone,
    Mobilisation,
    Recommendation,
    Study,
    StudyDocument,
    StudyStatus,
)

TEXT = {"rows": 3}


class StudyForm(ScopedChoices, forms.ModelForm):
    themes = ObjectivesField(label=_("Themes"))

    class Meta:
        model = Study
        fields = [
            "reference",
            "status",
            "title_fr",
            "title_ar",
            "title_en",
            "abstract_fr",
            "abstract_ar",
            "abstract_en",
            "themes",
            "segments",
            "countries",
            "methodology",
            "sample_size",
            "fieldwork_countries",
            "commissioning_unit",
            "conducted_by",
            "followed_by",
            "budget",
            "currency",
            "starts_on",
            "ends_on",
            "visibility",
            "shared_with",
        ]
        widgets = {
            "abstract_fr": forms.Textarea(attrs=TEXT),
            "abstract_ar": forms.Textarea(attrs=TEXT),
            "abstract_en": forms.Textarea(attrs=TEXT),
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "shared_with": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "status": _("A study recorded late may start at any step; it then moves step by step.")
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)
        if self.instance.pk:
            # The pipeline moves through its own button, each step dated and signed.
            del self.fields["status"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") == "shared" and not cleaned.get("shared_with"):
            self.add_error("shared_with", _("Name the partners the study is shared with."))
        return cleaned


class AdvanceForm(forms.Form):
    """The next step of a study's pipeline, or archiving it."""

    to_status = forms.ChoiceField(label=_("New status"), choices=StudyStatus.choices)
    note = forms.CharField(
        validators=[validate_one_line], label=_("Note"), max_length=255, required=False
    )


class MilestoneForm(forms.ModelForm):
    class Meta:
        parent = "study"
        model = Milestone
        fields = ["title", "due_on"]
        widgets = {"due_on": DATE_WIDGET}


class StudyDocumentForm(forms.ModelForm):
    class Meta:
        parent = "study"
        model = StudyDocument
        fields = ["kind", "title", "file"]
        help_texts = {"kind": _("A document of a kind already uploaded becomes its next version.")}


class FindingForm(forms.ModelForm):
    class Meta:
        parent = "study"
        model = Finding
        fields = ["text_fr", "text_ar", "text_en"]
        widgets = {
            "text_fr": forms.Textarea(attrs=TEXT),
            "text_ar": forms.Textarea(attrs=TEXT),
            "text_en": forms.Textarea(attrs=TEXT),
        }


class RecommendationForm(ScopedChoices, forms.ModelForm):
    themes = ObjectivesField(label=_("Themes"))

    class Meta:
        parent = "study"
        model = Recommendation
        fields = ["text_fr", "text_ar", "text_en", "priority", "themes", "addressees"]
        widgets = {
            "text_fr": forms.Textarea(attrs=TEXT),
            "text_ar": forms.Textarea(attrs=TEXT),
            "text_en": forms.Textarea(attrs=TEXT),
            "addressees": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)


# The take-up form offers this many of the latest decisions and open actions.
TAKE_UP_CHOICES = 200


class TakeUpForm(forms.Form):
    """The decisions and actions that take a recommendation up: the open ones the user sees,
    the actions of its addressees first."""

    decisions = forms.ModelMultipleChoiceField(
        label=_("Commission decisions"),
        queryset=Decision.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("Actions"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, user, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        decisions = (
            Decision.objects.for_user(user)
            .still_open()
            .exclude(recommendations=recommendation)
            .select_related("meeting__commission")
            .order_by("-meeting__starts_at", "sequence")
        )
        self.fields["decisions"].queryset = Decision.objects.filter(
            pk__in=decisions.values("pk")[:TAKE_UP_CHOICES]
        ).select_related("meeting__commission")
        # The actions its addressees lead come first.
        addressed = Case(When(lead__in=recommendation.addressees.values("pk"), then=0), default=1)
        actions = (
            Action.objects.for_user(user)
            .exclude(status__in=CLOSED_STATUSES)
            .exclude(recommendations=recommendation)
            .annotate(addressed=addressed)
            .order_by("addressed", "code")
        )
        self.fields["actions"].queryset = Action.objects.filter(
            pk__in=actions.values("pk")[:TAKE_UP_CHOICES]
        ).order_by(addressed, "code")
        self.fields["decisions"].label_from_instance = lambda decision: (
            f"{decision.number} · {decision.text[:80]}"
        )
        self.fields["actions"].label_from_instance = lambda action: (
            f"{action.code} · {action.title[:80]}"
        )


class RejectForm(forms.Form):
    reason = forms.CharField(
        validators=[validate_no_direction_controls],
        label=_("Reason for rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
    )


class ExpertForm(ScopedChoices, forms.ModelForm):
    class Meta:
        model = Expert
        fields = [
            "person",
            "areas",
            "keywords",
            "countries",
            "availability",
            "available_from",
            "cv",
            "notes",
        ]
        widgets = {"available_from": DATE_WIDGET, "notes": forms.Textarea(attrs=TEXT)}
        help_texts = {
            "person": _(
                "Add the person to the directory first; their languages and institution are "
                "taken from there."
            )
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)
        people = self.fields["person"].queryset.filter(expert__isnull=True)
        if not user.edits_everything:
            # An officer adds experts among the people of the partners they follow.
            people = people & Person.objects.editable_by(user)
        if self.instance.pk:
            people = self.fields["person"].queryset.filter(pk=self.instance.person_id) | people
        self.fields["person"].queryset = people.select_related("organization").order_by(
            "last_name", "first_name"
        )


class MobilisationForm(ScopedChoices, forms.ModelForm):
    class Meta:
        parent = "expert"
        model = Mobilisation
        fields = ["role", "study", "commission", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)
