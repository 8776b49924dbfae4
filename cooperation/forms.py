from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from partners.models import Organization

from .models import (
    Activity,
    Agreement,
    AgreementParty,
    Budget,
    CountryProfile,
    Framework,
    FrameworkMeeting,
    FrameworkRole,
    IndicatorPeriod,
    Objective,
    Participation,
    Programme,
    ProgrammeDocument,
    RecipientCountry,
    Result,
    ResultIndicator,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HUNDRED = Decimal(100)


class ObjectivesField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.pop("base_field", None)
        kwargs.pop("max_length", None)
        super().__init__(
            choices=Objective.choices, widget=forms.CheckboxSelectMultiple, required=False, **kwargs
        )


class ScopedChoices:
    """Every organisation or user a form offers is one the user may see."""

    def scope(self, user) -> None:
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is Organization:
                field.queryset = Organization.objects.for_user(user).by_name()
            elif queryset.model is User:
                field.queryset = User.objects.able_to_follow().order_by("last_name")
            elif hasattr(queryset, "for_user"):
                field.queryset = queryset.model.objects.for_user(user)


class AgreementForm(ScopedChoices, forms.ModelForm):
    themes = ObjectivesField(label=_("Themes"))

    class Meta:
        model = Agreement
        fields = [
            "reference",
            "title_fr",
            "title_ar",
            "title_en",
            "kind",
            "mode",
            "status",
            "themes",
            "framework",
            "amends",
            "signed_on",
            "in_force_on",
            "duration_months",
            "expires_on",
            "tacit_renewal",
            "renewal_months",
            "notice_months",
            "signed_document",
        ]
        widgets = {
            "signed_on": DATE_WIDGET,
            "in_force_on": DATE_WIDGET,
            "expires_on": DATE_WIDGET,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)
        if self.instance.pk:
            self.fields["amends"].queryset = self.fields["amends"].queryset.exclude(
                pk=self.instance.pk
            )


class PartyForm(ScopedChoices, forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["organization", "country", "signatory"]


class ScopedInlineFormSet(BaseInlineFormSet):
    """Rows whose choices are scoped to the user; the admin, which passes no user, offers all."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    @property
    def title(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)

    def _scoped(self, form):
        if self.user is not None and isinstance(form, ScopedChoices):
            form.scope(self.user)
        return form

    def _construct_form(self, i, **kwargs):
        return self._scoped(super()._construct_form(i, **kwargs))

    @property
    def empty_form(self):
        return self._scoped(super().empty_form)

    def clean(self):
        """A row that repeats one already saved (the same partner in the same role) is
        refused with its constraint's message: forms leave the parent out of that check."""
        super().clean()
        if self.instance.pk is None:
            return
        for form in self.forms:
            if form.is_valid() and not self._should_delete_form(form):
                try:
                    form.instance.validate_constraints()
                except ValidationError as error:
                    form.add_error(None, error)


class PartyFormSet(ScopedInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not self.instance.pk and not kept:
            raise ValidationError(_("Name at least one party."))


PartiesFormSet = inlineformset_factory(
    Agreement, AgreementParty, form=PartyForm, formset=PartyFormSet, extra=2
)


class ProgrammeForm(ScopedChoices, forms.ModelForm):
    objectives = ObjectivesField(label=_("Objectives"))

    class Meta:
        model = Programme
        fields = [
            "code",
            "title_fr",
            "title_ar",
            "title_en",
            "description_fr",
            "description_ar",
            "description_en",
            "mode",
            "framework",
            "objectives",
            "status",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "agreements",
        ]
        widgets = {
            "planned_start": DATE_WIDGET,
            "planned_end": DATE_WIDGET,
            "actual_start": DATE_WIDGET,
            "actual_end": DATE_WIDGET,
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "agreements": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)


class ParticipationForm(ScopedChoices, forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["organization", "role"]


class ParticipationFormSet(ScopedInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise ValidationError(_("Name at least one partner in a role."))


ParticipationsFormSet = inlineformset_factory(
    Programme, Participation, form=ParticipationForm, formset=ParticipationFormSet, extra=2
)


def shares_problem(shares: list[Decimal | None]) -> str:
    """Several recipient countries each have a share, and the shares add up to 100."""
    if len(shares) < 2:
        return ""
    if any(share is None for share in shares):
        return str(_("With several countries, give each its share."))
    total = sum(shares)
    if total != HUNDRED:
        message = _("The countries' shares add up to %(total)s %%, not 100 %%.")
        return str(message % {"total": total})
    return ""


class RecipientFormSet(ScopedInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        shares = [
            form.cleaned_data.get("percentage")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if problem := shares_problem(shares):
            raise ValidationError(problem)


RecipientsFormSet = inlineformset_factory(
    Programme,
    RecipientCountry,
    fields=["country", "percentage"],
    formset=RecipientFormSet,
    extra=2,
)
BudgetsFormSet = inlineformset_factory(
    Programme,
    Budget,
    fields=["year", "currency", "amount", "value_date"],
    formset=ScopedInlineFormSet,
    widgets={"value_date": DATE_WIDGET},
    extra=2,
)


class ActivityForm(forms.ModelForm):
    class Meta:
        parent = "programme"
        model = Activity
        fields = ["title", "starts_on", "ends_on", "status"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}


class ResultForm(forms.ModelForm):
    class Meta:
        parent = "programme"
        model = Result
        fields = ["kind", "title"]


class ResultIndicatorForm(forms.ModelForm):
    class Meta:
        parent = "result"
        model = ResultIndicator
        fields = ["title", "measure", "baseline_year", "baseline"]


class IndicatorPeriodForm(forms.ModelForm):
    class Meta:
        parent = "indicator"
        model = IndicatorPeriod
        fields = ["starts_on", "ends_on", "target", "actual"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}


class DocumentForm(forms.ModelForm):
    class Meta:
        parent = "programme"
        model = ProgrammeDocument
        fields = ["title", "category", "file"]


class FrameworkForm(ScopedChoices, forms.ModelForm):
    class Meta:
        model = Framework
        fields = [
            "name_fr",
            "name_ar",
            "name_en",
            "acronym",
            "kind",
            "permanent",
            "secretariat",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)


RolesFormSet = inlineformset_factory(
    Framework,
    FrameworkRole,
    fields=["role", "started_on", "ended_on"],
    formset=ScopedInlineFormSet,
    widgets={"started_on": DATE_WIDGET, "ended_on": DATE_WIDGET},
    extra=1,
)
MeetingsFormSet = inlineformset_factory(
    Framework,
    FrameworkMeeting,
    fields=["name", "starts_on", "ends_on", "place", "country"],
    formset=ScopedInlineFormSet,
    widgets={"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET},
    extra=1,
)


class CountryProfileForm(ScopedChoices, forms.ModelForm):
    class Meta:
        model = CountryProfile
        fields = [
            "country",
            "region",
            "grouping",
            "mra_population",
            "mra_population_source",
            "mra_population_year",
            "desk_officer",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)
