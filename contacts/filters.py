import django_filters
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from mra_portal.lib.lists import SearchFilter, SuggestFilter
from partners.models import Organization

from .models import Person, PersonKind

STATUS_CHOICES = [("current", _("In post")), ("former", _("Former"))]


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter(placeholder=_("Name, position or email"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PersonKind.choices)
    organization = SuggestFilter(label=_("Organisation"), url=reverse_lazy("partners:suggest"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="status_is"
    )

    class Meta:
        model = Person
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organization"].extra["queryset"] = Organization.objects.for_user(user)

    def search(self, queryset, name, value):
        if "@" in value:
            return queryset.filter(emails__contains=[value.strip().lower()])
        return queryset.search(value)

    def status_is(self, queryset, name, value):
        current = Person.objects.current().values("pk")
        if value == "current":
            return queryset.filter(pk__in=current)
        return queryset.exclude(pk__in=current)
