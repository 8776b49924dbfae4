"""What this app plugs into the apps to its left: a 360° panel and a turnover source."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.signals import access_changed
from contacts import turnover
from mra_portal.lib.queries import count_of
from partners.panels import Panel
from partners.panels import register as register_panel
from reminders.models import Reminder, State, person_ref
from reminders.services import reminders_sync

from . import reminders
from .models import Commission, Decision, Meeting, Membership
from .reminders import expected_for_meeting, open_meetings
from .services import calendar_feed_revoke

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


def meetings_writing_to(person):
    """Meetings ahead with emails still to be written to them, or to their account."""
    to_them = Q(**person_ref(person))
    if person.user_id:
        to_them |= Q(recipient=person.user_id)
    waiting = Reminder.objects.filter(
        to_them, target_type=ContentType.objects.get_for_model(Meeting), state=State.PENDING
    )
    return open_meetings().filter(pk__in=waiting.values("target_id")).order_by("starts_at")


def rewrite_meeting_emails(person, successor) -> int:
    """Once the seats and roles have moved, each meeting's outbox follows: the predecessor's
    waiting emails are cancelled, the successor's written."""
    meetings = list(meetings_writing_to(person))
    for meeting in meetings:
        reminders_sync(target=meeting, expected=expected_for_meeting(meeting))
    return len(meetings)


def revoke_calendar_feed(sender, user, **kwargs) -> None:
    """A calendar address outlives no change of its account's password, activity,
    organisation or role: the user asks for a new one."""
    calendar_feed_revoke(user=user)


def register_all() -> None:
    reminders.register_all()
    access_changed.connect(revoke_calendar_feed, dispatch_uid="revoke_calendar_feed")
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
    turnover.register(
        turnover.TurnoverSource(
            "meeting_emails",
            _("Meetings ahead with emails still to be sent to them"),
            meetings_writing_to,
            rewrite_meeting_emails,
            90,  # after the seats: the emails follow who holds them
        )
    )
