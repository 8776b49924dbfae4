import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mra_portal.lib.lists import SearchFilter

from .models import Organization, OrganizationKind, Sector

ACTIVE_CHOICES = [("true", _("Active")), ("false", _("Inactive"))]


class OrganizationFilter(django_filters.FilterSet):
    """The directory's search and filters; every choice comes from what the user may see."""

    q = SearchFilter(placeholder=_("Name or acronym"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("All")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="sectors",
        queryset=Sector.objects.all(),
        empty_label=_("All"),
    )
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("All"))
    active = django_filters.ChoiceFilter(
        label=_("Status"), choices=ACTIVE_CHOICES, method="status_is", empty_label=_("All")
    )

    class Meta:
        model = Organization
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Organization.objects.for_user(user)
        codes = visible.order_by().values_list("country", flat=True).distinct()
        self.filters["country"].extra["choices"] = sorted(
            ((code, countries.name(code)) for code in codes), key=lambda choice: choice[1]
        )
        self.filters["sector"].queryset = Sector.objects.filter(
            organizations__in=visible
        ).distinct()

    def search(self, queryset, name, value):
        return queryset.search(value)

    def status_is(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")
