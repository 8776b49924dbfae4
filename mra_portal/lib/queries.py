"""Query pieces every list needs: counts per row without a grouped join over the whole table."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet, *, link: str):
    """How many of `rows` point at the outer row through `link`, as a correlated subquery.

    A Count() over a join aggregates every related row before the page is cut; this counts
    only the rows of the rows shown.
    """
    counted = (
        rows.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
