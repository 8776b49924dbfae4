import django_filters
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from commissions.filters import YearFilter
from mra_portal.lib.lists import SearchFilter, SuggestFilter
from partners.models import Organization

from .models import Action, ActionStatus, Plan, PlanStatus

PLAN_ORDER = [
    ("-first_year", _("Latest period first")),
    ("first_year", _("Earliest period first")),
    ("code", _("Code")),
    ("progress", _("Least progress first")),
    ("-slippage", _("Most slippage first")),
]
PLAN_SORTS = {
    "-first_year": ["-first_year", "code"],
    "first_year": ["first_year", "code"],
    "code": ["code"],
    "progress": ["progress_ratio", "code"],
    "-slippage": ["-slippage_order", "code"],
}


class PlanFilter(django_filters.FilterSet):
    q = SearchFilter(placeholder=_("Code or title"))
    lead = SuggestFilter(label=_("Partner"), url=reverse_lazy("partners:suggest"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PlanStatus.choices, empty_label=_("All")
    )
    year = YearFilter(method="covering")
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), choices=PLAN_ORDER, method="sorted_by", empty_label=None
    )

    class Meta:
        model = Plan
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["lead"].extra["queryset"] = Organization.objects.for_user(user)
        self.filters["year"].label = _("Covering the year")

    def search(self, queryset, name, value):
        return queryset.search(value)

    def covering(self, queryset, name, value):
        return queryset.filter(first_year__lte=value, last_year__gte=value)

    def sorted_by(self, queryset, name, value):
        return queryset.order_by(*PLAN_SORTS[value])


class ActionFilter(django_filters.FilterSet):
    q = SearchFilter(placeholder=_("Code or title"))
    lead = SuggestFilter(label=_("Lead organisation"), url=reverse_lazy("partners:suggest"))
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"), queryset=Plan.objects.none(), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionStatus.choices, empty_label=_("All")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), method="only_overdue", widget=forms.CheckboxInput
    )
    decision = django_filters.NumberFilter(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Action
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["lead"].extra["queryset"] = Organization.objects.for_user(user)
        self.filters["plan"].queryset = Plan.objects.for_user(user).only("code", "title_fr")

    def search(self, queryset, name, value):
        return queryset.search(value)

    def only_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset
