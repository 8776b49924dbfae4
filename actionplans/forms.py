from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.uploads import validate_document
from contacts.models import Person
from mra_portal.lib.fields import validate_no_direction_controls, validate_one_line
from partners.models import Organization

from .models import SETTABLE_STATUSES, Action, Axis, Indicator, Plan, ReportingRound

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_EVIDENCE_FILES = 10


def partners_for(user):
    return Organization.objects.for_user(user).partners().active().by_name()


def people_in_post(user):
    return (
        Person.objects.for_user(user)
        .current()
        .select_related("organization")
        .order_by("last_name", "first_name")
    )


class PersonChoiceField(forms.ModelChoiceField):
    """A person with their organisation, since two people may share a name."""

    def label_from_instance(self, person):
        return f"{person.name} ({person.organization.acronym or person.organization.name})"


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "lead",
            "co_signers",
            "code",
            "title_fr",
            "title_ar",
            "title_en",
            "first_year",
            "last_year",
            "signed_on",
            "signed_document",
        ]
        widgets = {"signed_on": DATE_WIDGET, "co_signers": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = partners_for(user)
        self.fields["co_signers"].queryset = Organization.objects.for_user(user).by_name()

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The period ends after it starts."))
        return cleaned


class AxisForm(forms.ModelForm):
    class Meta:
        model = Axis
        fields = ["code", "title_fr", "title_ar", "title_en"]


class ActionForm(forms.ModelForm):
    """An action's details; on a new action, its first due date too."""

    responsible = PersonChoiceField(
        label=_("Responsible focal point"), queryset=Person.objects.none(), required=False
    )

    class Meta:
        model = Action
        fields = [
            "axis",
            "code",
            "title_fr",
            "title_ar",
            "title_en",
            "description",
            "lead",
            "co_owners",
            "responsible",
            "followed_by",
            "start_date",
            "due_date",
            "weight",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "due_date": DATE_WIDGET,
            "co_owners": forms.SelectMultiple(attrs={"size": 6}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan: Plan | None, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A follow-up action outside any plan has no axis to choose.
        self.fields["axis"].queryset = plan.axes.all() if plan else Axis.objects.none()
        self.fields["lead"].queryset = Organization.objects.for_user(user).by_name()
        self.fields["co_owners"].queryset = Organization.objects.for_user(user).by_name()
        self.fields["responsible"].queryset = people_in_post(user).focal_points()
        self.fields["followed_by"].queryset = User.objects.able_to_follow()
        self.fields["followed_by"].label_from_instance = lambda u: u.get_full_name() or u.username
        if self.instance.pk:
            # The due date changes through a revision, with its reason.
            del self.fields["due_date"]

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date cannot come before the start date."))
        return cleaned

    def service_fields(self) -> dict:
        fields = dict(self.cleaned_data)
        fields.pop("co_owners")
        return fields


class DueDateForm(forms.Form):
    due_date = forms.DateField(label=_("New due date"), widget=DATE_WIDGET)
    reason = forms.CharField(
        validators=[validate_no_direction_controls],
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea({"rows": 2}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SETTABLE_STATUSES)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_date",
            "periodicity",
        ]
        widgets = {"target_date": DATE_WIDGET}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files at once, each checked as every upload of the portal is."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_EVIDENCE_FILES:
            raise ValidationError(
                _("Attach at most %(count)d files.") % {"count": MAX_EVIDENCE_FILES}
            )
        single = super().clean
        return [single(upload, initial) for upload in files]


class RoundForm(forms.ModelForm):
    class Meta:
        model = ReportingRound
        fields = ["name", "deadline", "plans"]
        widgets = {"deadline": DATE_WIDGET, "plans": forms.SelectMultiple(attrs={"size": 10})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = (
            Plan.objects.for_user(user).exclude(status="closed").select_related("lead")
        )


class ReportForm(forms.Form):
    reporting_round = forms.ModelChoiceField(
        label=_("Reporting round"),
        queryset=ReportingRound.objects.none(),
        required=False,
        help_text=_("A report in a round takes the round's period."),
    )
    period = forms.CharField(
        validators=[validate_one_line],
        label=_("Reporting period"),
        max_length=20,
        required=False,
        help_text=_("e.g. 2026-Q3, outside a round."),
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Progress is a percentage, from 0 to 100."),
            "max_value": _("Progress is a percentage, from 0 to 100."),
        },
    )
    narrative = forms.CharField(
        validators=[validate_no_direction_controls],
        label=_("What was done, and what holds it back"),
        widget=forms.Textarea({"rows": 5}),
    )
    evidence = EvidenceField(
        label=_("Evidence files"),
        required=False,
        validators=[validate_document],
        help_text=_("PDF, Office or OpenDocument files, images; several at once."),
    )

    def __init__(self, *args, action: Action, user, **kwargs):
        super().__init__(*args, **kwargs)
        rounds = ReportingRound.objects.for_user(user).still_reminding().covering(action.plan_id)
        self.fields["reporting_round"].queryset = rounds
        self.initial.setdefault("reporting_round", rounds.order_by("deadline").first())
        self.indicators = list(action.indicators.all())
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit})",
                max_digits=14,
                decimal_places=2,
                min_value=0,
                required=False,
                help_text=_("Target: %(target)s") % {"target": indicator.target_value},
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("reporting_round") and not cleaned.get("period"):
            self.add_error("period", _("Choose a round, or give the period reported on."))
        return cleaned

    def indicator_values(self) -> dict:
        return {
            indicator: self.cleaned_data.get(f"indicator_{indicator.pk}")
            for indicator in self.indicators
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        validators=[validate_no_direction_controls],
        label=_("What should be corrected"),
        widget=forms.Textarea({"rows": 3}),
    )


class DecisionActionForm(forms.Form):
    """A follow-up action of a decision, for one of the organisations it names."""

    lead = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organization.objects.none()
    )
    title_fr = forms.CharField(
        validators=[validate_one_line], label=_("Title (French)"), max_length=255
    )
    title_ar = forms.CharField(
        validators=[validate_one_line], label=_("Title (Arabic)"), max_length=255, required=False
    )
    title_en = forms.CharField(
        validators=[validate_one_line], label=_("Title (English)"), max_length=255, required=False
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE_WIDGET)
    responsible = PersonChoiceField(
        label=_("Responsible focal point"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args, decision, user, **kwargs):
        super().__init__(*args, **kwargs)
        named = decision.responsible.all()
        self.fields["lead"].queryset = (
            Organization.objects.for_user(user).filter(pk__in=named.values("pk")).by_name()
        )
        self.fields["responsible"].queryset = (
            people_in_post(user).focal_points().filter(organization__in=named.values("pk"))
        )


class WorkbookForm(forms.Form):
    workbook = forms.FileField(
        label=_("Filled-in workbook (.xlsx)"),
        validators=[validate_document],
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if not workbook.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Upload the template, filled in, as an .xlsx workbook."))
        return workbook
