"""What this app plugs in: a panel on the partner's 360° page and on the country profile, the
recommendations shown with the decisions and actions that took them up, and the milestone
reminders."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, Q
from django.db.models.functions import JSONObject
from django.utils.translation import gettext_lazy as _

from actionplans import origins
from commissions import follow_up
from cooperation.panels import board as country_board
from mra_portal.lib.panels import Panel, first_rows
from partners.panels import register as register_partner_panel

from . import reminders
from .models import Recommendation, Study


def partner_studies(organization, user) -> dict:
    """The studies shared with it, conducted by it or addressing it, as the user sees them, each
    with how many of its recommendations address the organisation."""
    studies = (
        Study.objects.for_user(user)
        .concerning([organization.pk])
        .annotate(
            addressed=Count(
                "recommendations",
                filter=Q(recommendations__addressees=organization.pk),
                distinct=True,
            )
        )
        .order_by(F("starts_on").desc(nulls_last=True), "-pk")
    )
    return {"organization": organization, **first_rows(studies)}


def country_studies(profile, user) -> dict:
    studies = Study.objects.for_user(user).of_country(profile.country.code)
    return {
        "profile": profile,
        **first_rows(studies.order_by(F("starts_on").desc(nulls_last=True), "-pk")),
    }


def recommendations_taking_up(link: str):
    """The recommendations the outer decision or action takes up, as the user sees them."""

    def annotations(user) -> dict:
        rows = (
            Recommendation.objects.for_user(user)
            .filter(**{link: OuterRef("pk")})
            .order_by("study__reference", "number")
            .values(json=JSONObject(pk="pk", code=Recommendation.code_expression()))
        )
        return {"origin_recommendations": ArraySubquery(rows)}

    return annotations


def register_all() -> None:
    reminders.register_all()
    register_partner_panel(
        Panel("studies", _("Studies"), "studies/_partner_panel.html", partner_studies, 60)
    )
    country_board.register(
        Panel("studies", _("Studies"), "studies/_country_studies.html", country_studies, 50)
    )
    follow_up.register(
        follow_up.FollowUp(
            "recommendations",
            recommendations_taking_up("decisions"),
            "studies/_decision_recommendations.html",
        )
    )
    origins.register(
        origins.Origin(
            "recommendations",
            recommendations_taking_up("actions"),
            "studies/_action_recommendations.html",
        )
    )
