import django_filters
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from contacts.models import SPOKEN_LANGUAGES
from cooperation.models import Objective
from mra_portal.lib.lists import SearchFilter, SuggestFilter
from mra_portal.lib.search import text_query
from mra_portal.lib.widgets import LongSelect
from partners.models import Organization

from .models import (
    Availability,
    ExpertiseArea,
    Methodology,
    Priority,
    Segment,
    StudyStatus,
    Uptake,
    Visibility,
)


def all_countries() -> list:
    """Every country, named in the reader's language when the form is built."""
    return list(countries)


class StudyFilter(django_filters.FilterSet):
    q = SearchFilter(placeholder=_("Words of a title, abstract, finding or report"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StudyStatus.choices, empty_label=_("All")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Objective.choices, method="with_theme", empty_label=_("All")
    )
    segment = django_filters.ChoiceFilter(
        label=_("Population"), choices=Segment.choices, method="with_segment", empty_label=_("All")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=all_countries,
        method="in_country",
        empty_label=_("All"),
        widget=LongSelect,
    )
    methodology = django_filters.ChoiceFilter(
        label=_("Methodology"), choices=Methodology.choices, empty_label=_("All")
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Visibility"), choices=Visibility.choices, empty_label=_("All")
    )
    partner = SuggestFilter(
        field_name="conducted_by",
        method="concerning",
        label=_("Partner"),
        url=reverse_lazy("partners:suggest"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["partner"].extra["queryset"] = Organization.objects.for_user(user)
        if not user.is_ministry:
            del self.filters["visibility"]

    def search(self, queryset, name, value):
        return queryset.matching(value)

    def with_theme(self, queryset, name, value):
        return queryset.filter(themes__contains=[value])

    def with_segment(self, queryset, name, value):
        return queryset.filter(segments__contains=[value])

    def in_country(self, queryset, name, value):
        return queryset.of_country(value)

    def concerning(self, queryset, name, value):
        return queryset.concerning(self.filters["partner"].extra["queryset"].named(value))


STATES = [
    ("waiting", _("Waiting for a decision")),
    ("taken_up", _("Taken up")),
    ("completed", _("Completed")),
    ("rejected", _("Rejected")),
]


class RecommendationFilter(django_filters.FilterSet):
    q = SearchFilter(placeholder=_("Words of the recommendation"))
    state = django_filters.ChoiceFilter(
        label=_("Uptake"), choices=STATES, method="in_state", empty_label=_("All")
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"), choices=Priority.choices, empty_label=_("All")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Objective.choices, method="with_theme", empty_label=_("All")
    )
    addressee = SuggestFilter(
        field_name="addressees",
        label=_("Addressed to"),
        url=reverse_lazy("partners:suggest"),
    )
    # Typed, not chosen: a list of every study would weigh more than the page.
    study = django_filters.CharFilter(
        field_name="study__reference",
        lookup_expr="iexact",
        label=_("Study reference"),
        max_length=32,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["addressee"].extra["queryset"] = Organization.objects.for_user(user)

    def search(self, queryset, name, value):
        return queryset.filter(search_vector=text_query(value))

    def in_state(self, queryset, name, value):
        if value == "waiting":
            return queryset.waiting()
        if value == "completed":
            return queryset.completed()
        if value == "taken_up":
            return queryset.filter(uptake=Uptake.TAKEN_UP)
        return queryset.filter(uptake=Uptake.REJECTED)

    def with_theme(self, queryset, name, value):
        return queryset.filter(themes__contains=[value])


class ExpertFilter(django_filters.FilterSet):
    q = SearchFilter(placeholder=_("Name or keyword"))
    area = django_filters.ChoiceFilter(
        label=_("Expertise"),
        choices=ExpertiseArea.choices,
        method="in_area",
        empty_label=_("All"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=SPOKEN_LANGUAGES, method="speaking", empty_label=_("All")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=all_countries,
        method="in_country",
        empty_label=_("All"),
        widget=LongSelect,
    )
    availability = django_filters.ChoiceFilter(
        label=_("Availability"), choices=Availability.choices, empty_label=_("All")
    )

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_area(self, queryset, name, value):
        return queryset.filter(areas__contains=[value])

    def speaking(self, queryset, name, value):
        return queryset.filter(person__languages__contains=[value])

    def in_country(self, queryset, name, value):
        return queryset.filter(countries__contains=value)
