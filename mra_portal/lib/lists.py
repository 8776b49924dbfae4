"""List pages: one search field, filtered rows that never show a partial list, pagination."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _


class SearchFilter(django_filters.CharFilter):
    """The free-text box every list page starts with; the filterset's method does the search."""

    def __init__(self, *, placeholder, method="search", **kwargs):
        super().__init__(
            label=_("Search"),
            method=method,
            max_length=200,
            widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
            **kwargs,
        )


class SuggestInput(forms.TextInput):
    """A text box whose suggestions htmx fetches as the user types (a <datalist>); without
    JavaScript it is a plain text box, and what was typed filters the list all the same."""

    template_name = "includes/_suggest_input.html"

    def __init__(self, url: str, attrs=None):
        super().__init__(
            {
                "type": "search",
                "autocomplete": "off",
                "data-hx-get": url,
                "data-hx-trigger": "input changed delay:300ms",
                "data-hx-swap": "innerHTML",
                **(attrs or {}),
            }
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        choices = f"{context['widget']['attrs']['id']}-choices"
        context["widget"]["attrs"].update({"list": choices, "data-hx-target": f"#{choices}"})
        context["choices_id"] = choices
        return context


class NamedField(forms.CharField):
    """Text that must name at least one row the user may see: `queryset.named(text)`."""

    default_error_messages = {"unknown": _("Nothing you can see matches “%(value)s”.")}

    def __init__(self, *, queryset=None, **kwargs):
        self.queryset = queryset
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)  # NUL bytes and overlong text are refused first
        if value and self.queryset is not None and not self.queryset.named(value).exists():
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value}
            )
        return value


class SuggestFilter(django_filters.CharFilter):
    """A filter typed as text with suggestions, where a dropdown would list hundreds of rows.

    The filterset gives it the rows the user may see: `filters[name].extra["queryset"]`.
    """

    field_class = NamedField

    def __init__(self, *, url: str, **kwargs):
        super().__init__(max_length=200, widget=SuggestInput(url), **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        named = self.extra["queryset"].named(value)
        return queryset.filter(**{f"{self.field_name}__in": named}).distinct()


def filtered_rows(filterset: django_filters.FilterSet):
    """Bad filter input shows its message above an empty list, never a partial one."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


# Every list's page: a screenful, and what a page's query budget and timings are measured at.
PAGE_SIZE = 25


def page_of(request, rows, size: int = PAGE_SIZE) -> dict:
    """A list page's context: the page asked for, and the query its links keep (not the page)."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return {"page_obj": page, "query": query.urlencode()}
