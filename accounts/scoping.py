"""The access rule of DESIGN.md, in one place: every reachable model answers for_user(user)."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404


def _signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


class ScopedQuerySet(models.QuerySet):
    """Ministry users see every row; a partner sees the rows linked to its own organisation."""

    def for_user(self, user):
        if not _signed_in(user):
            return self.none()
        if user.is_ministry:
            return self.all()
        return self.for_organization(user.organization_id)

    def for_organization(self, organization_id: int):
        """The rows linked to one organisation; every scoped model says what linked means."""
        raise NotImplementedError(f"{self.model.__name__} must define for_organization()")

    def editable_by(self, user):
        """Coordinators edit everything; an officer edits what they follow; others nothing."""
        if not _signed_in(user):
            return self.none()
        if user.edits_everything:
            return self.all()
        if user.edits_what_they_follow:
            return self.followed_by(user)
        return self.none()

    def followed_by(self, user):
        """The rows an officer is responsible for; none unless the model says otherwise."""
        return self.none()

    def with_editable(self, user):
        """Each row says whether the user may change it (`row.editable`), in the same query."""
        editable = self.model._default_manager.all().editable_by(user)
        return self.annotate(editable=Exists(editable.filter(pk=OuterRef("pk"))))


def scope_of(user) -> tuple:
    """All that for_user() reads of a user: users of one scope see the same rows."""
    if not _signed_in(user):
        return ("nobody",)
    if user.is_ministry:
        return ("ministry",)
    return ("organization", user.organization_id)


def get_for_user_or_404(queryset: ScopedQuerySet, user, **lookup):
    """404 for what the user cannot see, the same as for what does not exist."""
    return get_object_or_404(queryset.for_user(user), **lookup)


def get_editable_or_404(queryset: ScopedQuerySet, user, **lookup):
    """404 for what the user cannot see, 403 for what they see but may not change."""
    instance = get_for_user_or_404(queryset.with_editable(user), user, **lookup)
    if not instance.editable:
        raise PermissionDenied
    return instance
