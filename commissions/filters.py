import re

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from mra_portal.lib.lists import SearchFilter, SuggestFilter
from partners.models import Organization

from .models import Commission, Decision, DecisionStatus, Meeting, MeetingStatus

DIGITS = re.compile(r"[0-9]{1,4}")
# Each period is the meeting QuerySet's method of the same name.
PERIOD_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]


class YearFilter(django_filters.NumberFilter):
    """A meeting's year, typed: the list of years would only grow."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Year"),
            min_value=2000,
            max_value=2100,
            widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}),
            **kwargs,
        )


class MeetingFilter(django_filters.FilterSet):
    """The meeting list's filters; the commissions offered are those the user may see."""

    commission = django_filters.ModelChoiceFilter(
        label=_("Commission"), queryset=Commission.objects.none(), empty_label=_("All")
    )
    period = django_filters.ChoiceFilter(
        label=_("When"), choices=PERIOD_CHOICES, method="in_period", empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MeetingStatus.choices, empty_label=_("All")
    )
    year = YearFilter()

    class Meta:
        model = Meeting
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["commission"].queryset = Commission.objects.for_user(user)

    def in_period(self, queryset, name, value):
        return getattr(queryset, value)()


class DecisionFilter(django_filters.FilterSet):
    """The register's filters, within one commission."""

    q = SearchFilter(placeholder=_("Number or text"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=DecisionStatus.choices, empty_label=_("All")
    )
    # Years, not a list of every meeting: ten years of a commission are hundreds of them, and
    # the search finds one meeting's decisions by its number.
    year = YearFilter(field_name="meeting__year")
    responsible = SuggestFilter(
        label=_("Responsible organisation"), url=reverse_lazy("partners:suggest")
    )
    still_open = django_filters.BooleanFilter(
        label=_("Not yet closed only"), method="only_still_open", widget=forms.CheckboxInput
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), method="only_overdue", widget=forms.CheckboxInput
    )

    class Meta:
        model = Decision
        fields = []

    def __init__(self, *args, commission: Commission, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["responsible"].extra["queryset"] = Organization.objects.for_user(user)

    def search(self, queryset, name, value):
        value = value.strip()
        condition = Q(text__icontains=value)
        number = value.upper().rsplit("/D", 1)
        if len(number) == 2 and DIGITS.fullmatch(number[1]):
            condition |= Q(sequence=int(number[1]), meeting__in=self._meetings_numbered(number[0]))
        else:  # a meeting's number: its decisions
            condition |= Q(meeting__in=self._meetings_numbered(value.upper()))
        return queryset.filter(condition)

    def _meetings_numbered(self, number: str):
        """CIM-2026-03 → the meeting with that code, year and sequence, if the text parses."""
        parts = number.rsplit("-", 2)
        if len(parts) != 3 or not (DIGITS.fullmatch(parts[1]) and DIGITS.fullmatch(parts[2])):
            return Meeting.objects.none()
        code, year, sequence = parts
        if int(year) > 9999 or int(sequence) > 9999:
            return Meeting.objects.none()
        return Meeting.objects.filter(
            commission__code__iexact=code, year=int(year), sequence=int(sequence)
        )

    def only_still_open(self, queryset, name, value):
        return queryset.still_open() if value else queryset

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue()
