"""What this app plugs into the apps to its left: a 360° panel and a turnover source."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from contacts import turnover
from mra_portal.lib.queries import count_of
from partners.panels import Panel
from partners.panels import register as register_panel

from .models import Commission, Decision, Meeting, Membership

PANEL_ROWS = 10


def partner_panel_context(organization, user) -> dict:
    """Bounded lists; each commission links to its register, filtered to this partner."""
    member_of = Commission.objects.for_user(user).for_organization(organization.pk)
    addressed = Decision.objects.for_user(user).still_open().filter(responsible=organization)
    return {
        "organization": organization,
        "commissions": member_of.annotate(
            open_decisions=count_of(addressed, link="meeting__commission")
        ),
        "meetings": Meeting.objects.for_user(user)
        .upcoming()
        .filter(commission__in=member_of)
        .select_related("commission")
        .order_by("starts_at")[:5],
        "decisions": addressed.select_related("meeting__commission").order_by(
            F("due_date").asc(nulls_last=True), "pk"
        )[:PANEL_ROWS],
    }


def seats_held_by(person):
    return (
        Membership.objects.current()
        .filter(Q(representative=person) | Q(alternate=person))
        .select_related("commission", "organization")
    )


def move_seats(person, successor) -> int:
    seats = Membership.objects.current()
    return seats.filter(representative=person).update(representative=successor) + seats.filter(
        alternate=person
    ).update(alternate=successor)


def register_all() -> None:
    from . import reminders

    reminders.register_all()
    register_panel(
        Panel(
            "commissions",
            _("Commissions, meetings and decisions"),
            "commissions/_partner_panel.html",
            partner_panel_context,
            30,
        )
    )
    turnover.register(
        turnover.TurnoverSource(
            "commission_seats",
            _("Commission seats held as representative or alternate"),
            seats_held_by,
            move_seats,
            10,
        )
    )
