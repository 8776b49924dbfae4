"""The access rule of DESIGN.md, in one place: every reachable model answers for_user(user)."""

from django.db import models
from django.shortcuts import get_object_or_404


class ScopedQuerySet(models.QuerySet):
    """Ministry users see every row; a partner sees the rows linked to its own organisation."""

    def for_user(self, user):
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_ministry:
            return self.all()
        return self.for_organization(user.organization_id)

    def for_organization(self, organization_id: int):
        """The rows linked to one organisation; every scoped model says what linked means."""
        raise NotImplementedError(f"{self.model.__name__} must define for_organization()")


class ScopedObjectMixin:
    """For list and detail views: rows outside the user's scope answer 404, like missing ones."""

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)


def get_for_user_or_404(queryset: ScopedQuerySet, user, **lookup):
    return get_object_or_404(queryset.for_user(user), **lookup)
