"""List pages: one search field, filtered rows that never show a partial list, pagination."""

import django_filters
from django import forms
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


def filtered_rows(filterset: django_filters.FilterSet):
    """Bad filter input shows its message above an empty list, never a partial one."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def page_of(request, rows, size: int) -> dict:
    """A list page's context: the page asked for, and the query its links keep (not the page)."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return {"page_obj": page, "query": query.urlencode()}
