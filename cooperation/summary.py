"""Cooperation at a glance, within what the reader sees: programmes and budgets per region and
per mode. Budgets stay per currency: one chart per currency, side by side, never summed."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from mra_portal.lib.charts import BarChart, bar_chart

from .models import (
    Agreement,
    AgreementParty,
    Budget,
    CountryProfile,
    Programme,
    ProgrammeMode,
    RecipientCountry,
    Region,
)


def _count(rows):
    """How many rows, as a subquery (None-safe)."""
    counted = rows.order_by().annotate(total=Window(Count("*"))).values("total")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def countries_with_counts(user) -> list[CountryProfile]:
    """The country profiles the user sees, each with the agreements and programmes the user
    sees with that country."""
    agreements = Agreement.objects.for_user(user).filter(
        Exists(
            AgreementParty.objects.filter(
                agreement=OuterRef("pk"), country=OuterRef(OuterRef("country"))
            )
        )
    )
    programmes = Programme.objects.for_user(user).filter(
        Exists(
            RecipientCountry.objects.filter(
                programme=OuterRef("pk"), country=OuterRef(OuterRef("country"))
            )
        )
    )
    profiles = CountryProfile.objects.for_user(user).annotate(
        agreement_count=_count(agreements), programme_count=_count(programmes)
    )
    return sorted(profiles, key=lambda profile: str(profile.country.name))


DASHBOARD_COUNTRIES = 8


def dashboard(user) -> dict:
    """The home page's card: the agreements to act on, and the countries with the most
    programmes, each a link to its profile."""
    profiles = countries_with_counts(user)
    busiest = sorted(profiles, key=lambda profile: -profile.programme_count)
    return {
        "to_act_on": Agreement.objects.for_user(user).to_act_on().count(),
        "countries": [p for p in busiest if p.programme_count][:DASHBOARD_COUNTRIES],
    }


@dataclass(frozen=True)
class Row:
    label: str
    programmes: int
    amounts: dict  # currency -> amount


@dataclass(frozen=True)
class Breakdown:
    rows: list[Row]
    currencies: list[str]
    count_chart: BarChart
    budget_charts: list[BarChart]

    def cells(self):
        """The data table's lines: the label, the count, then one amount per currency."""
        return [
            (row.label, row.programmes, [row.amounts.get(c) for c in self.currencies])
            for row in self.rows
        ]


def _breakdown(labels, counts: dict, amounts: dict) -> Breakdown:
    rtl = get_language_bidi()
    currencies = sorted({currency for by_currency in amounts.values() for currency in by_currency})
    rows = [
        Row(str(label), counts.get(key, 0), amounts.get(key, {}))
        for key, label in labels
        if counts.get(key)
    ]
    count_chart = bar_chart(
        _("Programmes"),
        [(row.label, row.programmes, str(row.programmes)) for row in rows],
        rtl=rtl,
    )
    budget_charts = [
        bar_chart(
            currency,
            [
                (row.label, row.amounts.get(currency, 0), _money(row.amounts.get(currency, 0)))
                for row in rows
            ],
            rtl=rtl,
        )
        for currency in currencies
    ]
    return Breakdown(rows, currencies, count_chart, budget_charts)


def _money(amount) -> str:
    return number_format(Decimal(amount or 0).quantize(Decimal(1)), force_grouping=True)


def by_region(user) -> Breakdown:
    """A programme counts in each region of its recipient countries, its budget shared
    between them by their percentages."""
    region = Subquery(
        CountryProfile.objects.filter(country=OuterRef("country")).values("region")[:1]
    )
    recipients = RecipientCountry.objects.filter(
        programme__in=Programme.objects.for_user(user)
    ).annotate(region=region)
    counts = {
        row["region"]: row["total"]
        for row in recipients.values("region").annotate(total=Count("programme", distinct=True))
    }
    share = Coalesce(F("percentage"), Value(Decimal(100))) / Value(Decimal(100))
    amounts: dict = {}
    for row in (
        recipients.filter(programme__budgets__isnull=False)
        .values("region", currency=F("programme__budgets__currency"))
        .annotate(
            total=Sum(
                F("programme__budgets__amount") * share,
                output_field=DecimalField(max_digits=20, decimal_places=2),
            )
        )
    ):
        amounts.setdefault(row["region"], {})[row["currency"]] = row["total"]
    labels = [*Region.choices, (None, _("No country profile"))]
    return _breakdown(labels, counts, amounts)


def by_mode(user) -> Breakdown:
    programmes = Programme.objects.for_user(user)
    counts = {
        row["mode"]: row["total"]
        for row in programmes.order_by().values("mode").annotate(total=Count("pk"))
    }
    amounts: dict = {}
    for row in (
        Budget.objects.filter(programme__in=programmes)
        .order_by()
        .values("currency", mode=F("programme__mode"))
        .annotate(total=Sum("amount"))
    ):
        amounts.setdefault(row["mode"], {})[row["currency"]] = row["total"]
    return _breakdown(ProgrammeMode.choices, counts, amounts)
