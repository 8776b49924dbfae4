import django_filters
from django.db.models import Exists, OuterRef
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mra_portal.lib.lists import SearchFilter, SuggestFilter
from partners.models import Organization

from .models import (
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    CountryProfile,
    Framework,
    Grouping,
    Mode,
    Objective,
    ProgrammeMode,
    ProgrammeStatus,
    RecipientCountry,
    Region,
)


def country_choices(codes) -> list[tuple[str, str]]:
    """The named countries, in the reader's language and alphabet."""
    names = dict(countries)
    return sorted(((code, names.get(code, code)) for code in set(codes)), key=lambda c: c[1])


def in_countries(profiles):
    return RecipientCountry.objects.filter(
        programme=OuterRef("pk"), country__in=profiles.values("country")
    )


class ProgrammeFilter(django_filters.FilterSet):
    q = SearchFilter(placeholder=_("Code or title"))
    country = django_filters.ChoiceFilter(
        label=_("Country"), method="in_country", empty_label=_("All")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, method="in_region", empty_label=_("All")
    )
    grouping = django_filters.ChoiceFilter(
        label=_("North or South"),
        choices=Grouping.choices,
        method="in_grouping",
        empty_label=_("All"),
    )
    objective = django_filters.ChoiceFilter(
        label=_("Objective"),
        choices=Objective.choices,
        method="with_objective",
        empty_label=_("All"),
    )
    mode = django_filters.ChoiceFilter(
        label=_("Mode"), choices=ProgrammeMode.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProgrammeStatus.choices, empty_label=_("All")
    )
    partner = SuggestFilter(
        field_name="participations__organization",
        label=_("Partner"),
        url=reverse_lazy("partners:suggest"),
    )
    framework = django_filters.ModelChoiceFilter(
        label=_("Framework"), queryset=Framework.objects.none(), empty_label=_("All")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["partner"].extra["queryset"] = Organization.objects.for_user(user)
        self.filters["framework"].queryset = Framework.objects.for_user(user)
        self.filters["country"].extra["choices"] = country_choices(
            RecipientCountry.objects.for_user(user).values_list("country", flat=True).distinct()
        )

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_country(self, queryset, name, value):
        return queryset.of_country(value)

    def in_region(self, queryset, name, value):
        return queryset.filter(Exists(in_countries(CountryProfile.objects.filter(region=value))))

    def in_grouping(self, queryset, name, value):
        return queryset.filter(Exists(in_countries(CountryProfile.objects.filter(grouping=value))))

    def with_objective(self, queryset, name, value):
        return queryset.filter(objectives__contains=[value])


AGREEMENT_ORDER = [
    ("-signed_on", _("Latest signed first")),
    ("act_by", _("Soonest act-by date first")),
    ("reference", _("Reference")),
]
AGREEMENT_SORTS = {
    "-signed_on": ["-signed_on", "reference"],
    "act_by": ["act_by", "reference"],
    "reference": ["reference"],
}


class AgreementFilter(django_filters.FilterSet):
    q = SearchFilter(placeholder=_("Reference or title"))
    country = django_filters.ChoiceFilter(
        label=_("Country"), method="in_country", empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=AgreementKind.choices, empty_label=_("All")
    )
    mode = django_filters.ChoiceFilter(label=_("Mode"), choices=Mode.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AgreementStatus.choices, empty_label=_("All")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Objective.choices, method="with_theme", empty_label=_("All")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), choices=AGREEMENT_ORDER, method="sorted_by", empty_label=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = country_choices(
            AgreementParty.objects.for_user(user)
            .exclude(country="")
            .values_list("country", flat=True)
            .distinct()
        )

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_country(self, queryset, name, value):
        return queryset.of_country(value)

    def with_theme(self, queryset, name, value):
        return queryset.filter(themes__contains=[value])

    def sorted_by(self, queryset, name, value):
        return queryset.order_by(*AGREEMENT_SORTS[value])
