"""What a meeting owes its invitees: the invitation when convened, then reminders before it."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from accounts.models import User
from contacts.models import Person
from mra_portal.lib.dates import for_people
from reminders.registry import Expected, Kind, Message, Source, register_kind, register_source

from .ical import calendar_bytes
from .models import OPEN_MEETING, InvitationAnswer, Meeting, Membership

INVITATION = "meeting_invitation"
REMINDER = "meeting_reminder"
DEFAULT_LEAD_DAYS = (7, 1)


def _invitees(meeting: Meeting, *, attending_only: bool = False) -> list:
    """Who hears of a meeting, each once, in a stable order.

    Per invited organisation: the representative and alternate of its seat, else its focal
    points in post; and its accounts that receive invitations. The commission's secretariat
    always hears. A person with an active account is written to through the account.
    """
    invitations = meeting.invitations.all()
    if attending_only:
        invitations = invitations.exclude(answer=InvitationAnswer.DECLINED)
    organizations = invitations.values("organization")
    seats = (
        Membership.objects.seated_on(meeting.commission)
        .filter(organization__in=organizations)
        .select_related("representative__user", "representative__organization", "alternate__user")
        .select_related("alternate__organization")
    )
    people, seated = {}, set()
    for seat in seats:
        for person in (seat.representative, seat.alternate):
            if person is not None and person.is_current:
                people[person.pk] = person
                seated.add(seat.organization_id)
    focal_points = (
        Person.objects.focal_points()
        .current()
        .filter(organization__in=organizations)
        .exclude(organization__in=seated)
        .select_related("user", "organization")
    )
    for person in focal_points:
        people.setdefault(person.pk, person)
    accounts = User.objects.receiving_invitations().filter(
        Q(organization__in=organizations) | Q(organization=meeting.commission.secretariat_id)
    )
    recipients = {("account", user.pk): user for user in accounts}
    for person in people.values():
        addressee = person.addressee()
        is_account = isinstance(addressee, User)
        key = ("account", addressee.pk) if is_account else ("person", person.pk)
        recipients.setdefault(key, addressee)
    return [recipients[key] for key in sorted(recipients)]


def expected_for_meeting(meeting: Meeting) -> list[Expected]:
    from reminders.services import lead_days_for, preferences_of

    if not meeting.takes_answers or meeting.starts_at <= timezone.now():
        return []
    last_move = meeting.date_changes.order_by("-changed_at").values_list("changed_at", flat=True)
    # The invitation goes when the meeting is convened, and again for its new date if it moves.
    noticed_at = max(filter(None, [meeting.convened_at, last_move.first()]))
    expected = [
        Expected(recipient, INVITATION, noticed_at, meeting.starts_at)
        for recipient in _invitees(meeting)
    ]
    default = tuple(meeting.commission.reminder_days) or DEFAULT_LEAD_DAYS
    attending = _invitees(meeting, attending_only=True)
    # Only accounts have preferences; a person without one gets the commission's days.
    preferences = preferences_of([r for r in attending if isinstance(r, User)], REMINDER)
    local_start = timezone.localtime(meeting.starts_at)
    for recipient in attending:
        preference = preferences.get(recipient.pk) if isinstance(recipient, User) else None
        leads = sorted(lead_days_for(preference, default))
        for position, days in enumerate(leads):
            # Days on the Casablanca clock: 10:00 a week before, whatever the clock did since.
            due = (local_start - datetime.timedelta(days=days)).astimezone(datetime.UTC)
            if due < noticed_at:
                if position:  # an earlier lead that has passed is not sent late…
                    continue
                due = noticed_at  # …but the nearest one goes out with the invitation.
            expected.append(Expected(recipient, REMINDER, due, meeting.starts_at, days))
    return expected


def open_meetings():
    return Meeting.objects.filter(
        status__in=OPEN_MEETING, starts_at__gt=timezone.now()
    ).select_related("commission")


def render(reminder) -> Message:
    meeting = reminder.record
    values = {
        "number": meeting.number,
        "commission": meeting.commission.name,
        "when": for_people(meeting.starts_at),
        "place": meeting.place or meeting.online_link or "—",
        "days": reminder.lead_days,
    }
    if reminder.kind == INVITATION:
        subject = _("Invitation: %(number)s, %(commission)s, %(when)s") % values
        text = (
            _(
                "Your organisation is invited to meeting %(number)s of the %(commission)s on "
                "%(when)s (Casablanca time), at %(place)s. Please answer the invitation on "
                "the portal."
            )
            % values
        )
    else:
        subject = (
            ngettext(
                "Reminder: %(number)s in %(days)s day, %(when)s",
                "Reminder: %(number)s in %(days)s days, %(when)s",
                reminder.lead_days or 0,
            )
            % values
        )
        text = (
            _(
                "Meeting %(number)s of the %(commission)s takes place on %(when)s (Casablanca "
                "time), at %(place)s."
            )
            % values
        )
    return Message(
        subject=subject,
        text=text,
        html=format_html("<p>{}</p>", text),
        url=meeting.get_absolute_url(),
    )


def attachments(reminder) -> tuple:
    meeting = reminder.record
    # The reminders of one chunk share their meeting object: its .ics is built once per language.
    built = meeting.__dict__.setdefault("_ics", {})
    language = get_language()
    if language not in built:
        built[language] = calendar_bytes(
            Meeting.objects.filter(pk=meeting.pk),
            settings.PORTAL_BASE_URL.rstrip("/"),
            meeting.number,
        )
    return ((f"{meeting.number}.ics", built[language], "text/calendar"),)


def register_all() -> None:
    register_kind(Kind(INVITATION, gettext_lazy("Meeting invitations"), render, attach=attachments))
    register_kind(
        Kind(
            REMINDER,
            gettext_lazy("Meeting reminders"),
            render,
            lead_days=DEFAULT_LEAD_DAYS,
            attach=attachments,
        )
    )
    register_source(Source("commissions.meeting", expected_for_meeting, open_meetings))
