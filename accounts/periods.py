import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


class DatedQuerySet(models.QuerySet):
    """Rows with an optional start_date and end_date: a role, a seat, a term."""

    def current(self, on: datetime.date | None = None):
        """Those in force on a day (today by default): started, and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gt=on),
        )
