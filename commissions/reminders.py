"""What a meeting owes its invitees: the invitation when convened, a notice when its agenda
grows or it is cancelled, reminders before it, and its minutes once approved."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max, OuterRef, Q, Subquery
from django.template.defaultfilters import linebreaks
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from accounts.models import User
from contacts.models import Person
from mra_portal.lib.dates import at_local, for_people, local_zone
from partners.models import Organization
from reminders.models import Reminder, State
from reminders.registry import Expected, Kind, Message, Source, register_kind, register_source

from .ical import invitation_bytes, with_calendar_data
from .links import answer_path
from .models import (
    OPEN_MEETING,
    InvitationAnswer,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    WrittenProcedure,
)

INVITATION = "meeting_invitation"
REMINDER = "meeting_reminder"
CANCELLATION = "meeting_cancellation"
AGENDA_CHANGED = "meeting_agenda_changed"
MINUTES_APPROVED = "minutes_approved"
PROCEDURE = "minutes_procedure"
PROCEDURE_REMINDER = "minutes_procedure_reminder"
# The members hear of draft minutes circulated to them, and again this many days before the
# deadline; both carry the draft.
PROCEDURE_LEAD_DAYS = (2,)
ABOUT_MINUTES = (MINUTES_APPROVED, PROCEDURE, PROCEDURE_REMINDER)
# What a person without an account answers from, through their personal link.
ANSWERABLE = (INVITATION, REMINDER, AGENDA_CHANGED)
DEFAULT_LEAD_DAYS = (7, 1)
# Items added on one day are announced together at 17:00 (Casablanca): one notice a day at
# most, and at the latest two hours before the meeting.
AGENDA_NOTICE_HOUR = datetime.time(17)
AGENDA_NOTICE_BEFORE = datetime.timedelta(hours=2)
# Minutes approved longer ago than this are not announced (e.g. by a first reconcile).
MINUTES_NOTICE_WITHIN = datetime.timedelta(days=7)


def _invitees(meeting: Meeting, *, attending_only: bool = False, organizations=None) -> list:
    """Who hears of a meeting, each once, in a stable order.

    Per invited organisation (or per one of `organizations`, before they are invited): the
    representative and alternate of its seat, else its focal points in post; and its
    accounts that receive invitations. The commission's secretariat always hears. A person
    with an active account is written to through the account.
    """
    if organizations is None:
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


def delivery_of(meeting: Meeting) -> list[tuple[object, list]]:
    """Per invited organisation (by name), the invitation emails written for the meeting: to
    whom, when, in what state; then the secretariat's own, under None. Two queries."""
    organization_of_person = Person.objects.filter(pk=OuterRef("person_id")).values(
        "organization_id"
    )
    rows = (
        Reminder.objects.for_target(meeting)
        .filter(kind=INVITATION)
        .exclude(state=State.CANCELLED)
        .select_related("recipient")
        .annotate(person_organization=Subquery(organization_of_person))
        .order_by("due_at", "pk")
    )
    written = defaultdict(list)
    for row in rows:
        organization = (
            row.recipient.organization_id if row.recipient_id else row.person_organization
        )
        written[organization].append(row)
    invitations = meeting.invitations.select_related("organization").order_by(
        "organization__name_fr"
    )
    listed = [
        (invitation, written.pop(invitation.organization_id, [])) for invitation in invitations
    ]
    others = [row for rows in written.values() for row in rows]
    return listed + ([(None, others)] if others else [])


def unreachable(meeting: Meeting) -> list:
    """The invited organisations whose invitation reaches no address: the secretariat invites
    them another way, or adds an address in the directory."""
    return [
        invitation.organization
        for invitation, rows in delivery_of(meeting)
        if invitation is not None and not any(row.email for row in rows)
    ]


@dataclass
class Foreseen:
    """What an action on a meeting would do, for the page that asks before it: counted from
    the rules that choose the recipients, without writing anything."""

    refused: list[str] = field(default_factory=list)
    invited: list = field(default_factory=list)  # organisations it would newly invite
    unreachable: list = field(default_factory=list)  # …at which nobody can be written to
    written_to: int = 0  # people it would write to, now or in the reminders ahead
    cancelled: int = 0  # reminders waiting to go out that it would stop


def _waiting(meeting: Meeting) -> int:
    """How many of the meeting's reminders wait to go out."""
    waiting = Reminder.objects.for_target(meeting).filter(state__in=(State.PENDING, State.SENDING))
    return waiting.count()


def convening_foreseen(meeting: Meeting) -> Foreseen:
    """The members not yet invited, and the people who would hear for the first time: the
    secretariat too when the meeting was only planned."""
    new = Organization.objects.filter(
        pk__in=Membership.objects.invited_to(meeting.commission)
    ).exclude(pk__in=meeting.invitations.values("organization"))
    new = sorted(new, key=lambda organization: organization.name)
    invited = _written_to(
        Reminder.objects.for_target(meeting)
        .filter(kind=INVITATION)
        .exclude(state=State.CANCELLED)  # an invitation withdrawn told nobody
    )
    recipients = _invitees(meeting, organizations=new)
    reachable = {_organization_of(recipient) for recipient in recipients if recipient.email}
    return Foreseen(
        invited=new,
        unreachable=[organization for organization in new if organization.pk not in reachable],
        written_to=sum(not invited(recipient) for recipient in recipients),
    )


def cancelling_foreseen(meeting: Meeting) -> Foreseen:
    """Those it was announced to hear that it is off; what was waiting to go out stops."""
    told = _told_of(meeting) if meeting.convened_at else []
    return Foreseen(written_to=len(told), cancelled=_waiting(meeting))


def holding_foreseen(meeting: Meeting) -> Foreseen:
    """A meeting under way reminds nobody: what was waiting to go out stops."""
    return Foreseen(cancelled=_waiting(meeting))


def _organization_of(recipient) -> int:
    if isinstance(recipient, User):
        return recipient.organization_id
    return recipient.person.organization_id


def _written_to(rows):
    """Whether a recipient (an account, or a person without one) is among those `rows` of
    the outbox are addressed to."""
    accounts = set(rows.exclude(recipient=None).values_list("recipient", flat=True))
    people = set(rows.filter(recipient=None).values_list("person_id", flat=True))

    def among(recipient) -> bool:
        if isinstance(recipient, User):
            return recipient.pk in accounts
        return recipient.person.pk in people

    return among


def _told_of(meeting: Meeting) -> list:
    """The invitees whose invitation was sent: a cancellation concerns only them."""
    told = _written_to(
        Reminder.objects.for_target(meeting).filter(kind=INVITATION, state=State.SENT)
    )
    return [recipient for recipient in _invitees(meeting) if told(recipient)]


def expected_for_meeting(meeting: Meeting) -> list[Expected]:
    from reminders.services import lead_days_for, preferences_of

    if meeting.starts_at <= timezone.now():
        return []
    if meeting.status == MeetingStatus.CANCELLED and meeting.convened_at:
        # Those it was announced to hear that it is off, with a file that takes it out of
        # their calendars. (Meetings cancelled before the date was kept: their convening.)
        cancelled_at = meeting.cancelled_at or meeting.convened_at
        return [
            Expected(recipient, CANCELLATION, cancelled_at, meeting.starts_at)
            for recipient in _told_of(meeting)
        ]
    if not meeting.takes_answers:
        return []
    last_move = meeting.date_changes.order_by("-changed_at").values_list("changed_at", flat=True)
    # The invitation goes when the meeting is convened, and again for its new date if it moves.
    noticed_at = max(filter(None, [meeting.convened_at, last_move.first()]))
    expected = [
        Expected(recipient, INVITATION, noticed_at, meeting.starts_at)
        for recipient in _invitees(meeting)
    ]
    attending = _invitees(meeting, attending_only=True)
    agenda_notice = _agenda_notice_at(meeting, noticed_at)
    if agenda_notice:
        expected += [
            Expected(recipient, AGENDA_CHANGED, agenda_notice, meeting.starts_at)
            for recipient in attending
        ]
    default = tuple(meeting.commission.reminder_days) or DEFAULT_LEAD_DAYS
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


def _agenda_notice_at(meeting: Meeting, noticed_at: datetime.datetime):
    """When the items added since the invitation are announced, or None when none was added.

    At 17:00 on the day of the latest addition, or the next day's after 17:00; the same time
    for every addition of the day, so that one notice carries them all.
    """
    latest = meeting.agenda_items.filter(added_at__gt=noticed_at).aggregate(Max("added_at"))
    added = latest["added_at__max"]
    if added is None:
        return None
    day = added.astimezone(local_zone()).date()
    slot = at_local(day, AGENDA_NOTICE_HOUR)
    if added >= slot:
        slot = at_local(day + datetime.timedelta(days=1), AGENDA_NOTICE_HOUR)
    return min(slot, meeting.starts_at - AGENDA_NOTICE_BEFORE)


def expected_for_minutes(minutes: Minutes) -> list[Expected]:
    """Approved minutes go to everyone the meeting's invitation went to."""
    approved_at = minutes.approved_at
    if approved_at is None or approved_at < timezone.now() - MINUTES_NOTICE_WITHIN:
        return []
    return [
        Expected(recipient, MINUTES_APPROVED, approved_at)
        for recipient in _invitees(minutes.meeting)
    ]


def expected_for_procedure(procedure: WrittenProcedure) -> list[Expected]:
    """Draft minutes circulated by written procedure go to everyone the meeting's invitation
    went to, with a reminder before the deadline; nothing once it is closed."""
    if not procedure.takes_objections():
        return []
    recipients = _invitees(procedure.minutes.meeting)
    expected = [
        Expected(recipient, PROCEDURE, procedure.opened_at, procedure.deadline)
        for recipient in recipients
    ]
    for days in PROCEDURE_LEAD_DAYS:
        due = procedure.deadline - datetime.timedelta(days=days)
        if due > procedure.opened_at:
            expected += [
                Expected(recipient, PROCEDURE_REMINDER, due, procedure.deadline, days)
                for recipient in recipients
            ]
    return expected


def open_procedures():
    return WrittenProcedure.objects.still_open().for_reminders()


def recently_approved_minutes():
    return Minutes.objects.filter(
        approved_at__gte=timezone.now() - MINUTES_NOTICE_WITHIN
    ).select_related("meeting__commission")


def open_meetings():
    """Upcoming meetings that owe something: open ones, and cancelled ones owing the notice."""
    return Meeting.objects.filter(
        Q(status__in=OPEN_MEETING) | Q(status=MeetingStatus.CANCELLED, convened_at__isnull=False),
        starts_at__gt=timezone.now(),
    ).select_related("commission")


def _moved_from(meeting: Meeting):
    """The start the members were last told of, when the meeting moved after convening."""
    changes = [c for c in meeting.date_changes.all() if c.changed_at > meeting.convened_at]
    return changes[0].previous_starts_at if changes else None


def render(reminder) -> Message:
    if reminder.kind == MINUTES_APPROVED:
        return _render_minutes(reminder)
    if reminder.kind in (PROCEDURE, PROCEDURE_REMINDER):
        return _render_procedure(reminder)
    meeting = reminder.record
    values = {
        "number": meeting.number,
        "commission": meeting.commission.name,
        "when": for_people(meeting.starts_at),
        "place": meeting.place or meeting.online_link or "—",
        "days": reminder.lead_days,
    }
    moved_from = _moved_from(meeting) if meeting.convened_at else None
    if reminder.kind == CANCELLATION:
        subject = _("Cancelled: %(number)s, %(commission)s, %(when)s") % values
        text = (
            _(
                "Meeting %(number)s of the %(commission)s, which was to take place on "
                "%(when)s (Casablanca time), is cancelled. The attached file removes it from "
                "your calendar."
            )
            % values
        )
    elif reminder.kind == INVITATION and moved_from:
        values["before"] = for_people(moved_from)
        subject = _("New date: %(number)s, %(commission)s, %(when)s") % values
        text = (
            _(
                "Meeting %(number)s of the %(commission)s has moved from %(before)s to "
                "%(when)s (Casablanca time), at %(place)s. Please confirm your answer on the "
                "portal."
            )
            % values
        )
    elif reminder.kind == AGENDA_CHANGED:
        subject = _("Agenda updated: %(number)s, %(commission)s, %(when)s") % values
        text = (
            _(
                "Items were added to the agenda of meeting %(number)s of the %(commission)s "
                "on %(when)s (Casablanca time), at %(place)s."
            )
            % values
        )
    elif reminder.kind == INVITATION:
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
    url, action = meeting.get_absolute_url(), ""
    if reminder.person_id and reminder.kind in ANSWERABLE:
        # A person without an account answers from their personal link, not the portal.
        url, action = answer_path(meeting.pk, reminder.person_id), _("Answer the invitation")
    return Message(
        subject=subject, text=text, html=format_html("<p>{}</p>", text), url=url, action=action
    )


def _render_minutes(reminder) -> Message:
    minutes = reminder.record
    meeting = minutes.meeting
    values = {
        "number": meeting.number,
        "commission": meeting.commission.name,
        "when": for_people(meeting.starts_at),
    }
    text = (
        _(
            "The minutes of meeting %(number)s of the %(commission)s, held on %(when)s, are "
            "approved."
        )
        % values
    )
    return Message(
        subject=_("Minutes approved: %(number)s, %(commission)s") % values,
        text=text,
        html=format_html("<p>{}</p>", text),
        # A person without an account reads them in the email: the portal would not let them in.
        url="" if reminder.person_id else meeting.get_absolute_url(),
    )


def _render_procedure(reminder) -> Message:
    procedure = reminder.record
    meeting = procedure.minutes.meeting
    values = {
        "number": meeting.number,
        "commission": meeting.commission.name,
        "when": for_people(meeting.starts_at),
        "deadline": for_people(procedure.deadline),
    }
    if reminder.kind == PROCEDURE:
        subject = _("Minutes for approval: %(number)s, objections until %(deadline)s") % values
    else:
        subject = _("Reminder: objections to the minutes of %(number)s until %(deadline)s") % (
            values
        )
    text = (
        _(
            "The draft minutes of meeting %(number)s of the %(commission)s, held on %(when)s, "
            "are circulated for approval by written procedure. They are approved on "
            "%(deadline)s unless a member organisation objects before then."
        )
        % values
    )
    if reminder.person_id:
        # Without an account, they read the draft in the email and answer the secretariat.
        text += " " + _("To object, write to the commission's secretariat before the deadline.")
        url = ""
    else:
        url = reverse("commissions:minutes_review", args=[meeting.pk])
    return Message(subject=subject, text=text, html=format_html("<p>{}</p>", text), url=url)


def _calendar_data(meeting: Meeting) -> Meeting:
    """The meeting as its file and agenda need it, read once for all the emails of a chunk
    (they share the meeting object)."""
    if "_calendar" not in meeting.__dict__:
        meeting.__dict__["_calendar"] = with_calendar_data(
            Meeting.objects.filter(pk=meeting.pk)
        ).get()
    return meeting.__dict__["_calendar"]


def details(reminder) -> tuple[str, str]:
    """Under the message: the agenda (new items marked), or the approved minutes' text; and
    for an account holder, the personal link that answers without logging in."""
    if reminder.kind in ABOUT_MINUTES:
        minutes = reminder.record if reminder.kind == MINUTES_APPROVED else reminder.record.minutes
        text = minutes.text
        return format_html(
            "<h2>{}</h2>{}", pgettext("meeting record", "Minutes"), linebreaks(text)
        ), text
    if reminder.kind == CANCELLATION:
        return "", ""
    html, text = _agenda(reminder)
    link = _account_holders_link(reminder)
    if link:
        url = settings.PORTAL_BASE_URL.rstrip("/") + link
        html += format_html('<p><a href="{}">{}</a></p>', url, _("Answer without logging in"))
        text += "\n\n" + _("Answer without logging in: %(url)s") % {"url": url}
    return html, text


def _agenda(reminder) -> tuple[str, str]:
    meeting = _calendar_data(reminder.record)
    since = meeting.convened_at if reminder.kind == AGENDA_CHANGED else None
    items = [
        (item, bool(since and item.added_at and item.added_at > since))
        for item in meeting.agenda_items.all()
    ]
    if not items:
        return "", ""
    new = _("new")
    html = format_html(
        "<h2>{}</h2><ol>{}</ol>",
        _("Agenda"),
        format_html_join(
            "",
            "<li>{}{}</li>",
            (
                (item.title, format_html(" <strong>({})</strong>", new) if is_new else "")
                for item, is_new in items
            ),
        ),
    )
    lines = [
        f"{item.position}. {item.title}" + (f" ({new})" if is_new else "") for item, is_new in items
    ]
    return html, "\n".join([_("Agenda"), *lines])


def _account_holders_link(reminder) -> str:
    """An account holder's answer link in the invitation, when the account is a directory
    person's: the email's button opens the portal, and this answers from a phone without
    logging in. (One query per email: the reminders before the meeting, which are most of
    the outbox, do without it.)"""
    if not reminder.recipient_id or reminder.kind != INVITATION:
        return ""
    person = Person.objects.filter(user_id=reminder.recipient_id).values_list("pk", flat=True)
    person_id = person.first()
    return answer_path(reminder.record.pk, person_id) if person_id else ""


def attachments(reminder) -> tuple:
    if reminder.kind in ABOUT_MINUTES:
        return ()
    meeting = reminder.record
    method = "CANCEL" if reminder.kind == CANCELLATION else "REQUEST"
    content = invitation_bytes(
        _calendar_data(meeting),
        settings.PORTAL_BASE_URL.rstrip("/"),
        method=method,
        to=(reminder.email, reminder.reader_name),
    )
    # The method in the type too: mail clients show the file as an invitation, not a download.
    return ((f"{meeting.number}.ics", content, f"text/calendar; method={method}"),)


def register_all() -> None:
    for name, label, lead_days in (
        (INVITATION, gettext_lazy("Meeting invitations"), ()),
        (CANCELLATION, gettext_lazy("Meeting cancellations"), ()),
        (AGENDA_CHANGED, gettext_lazy("Agenda changes"), ()),
        (REMINDER, gettext_lazy("Meeting reminders"), DEFAULT_LEAD_DAYS),
        (MINUTES_APPROVED, gettext_lazy("Approved minutes"), ()),
        (PROCEDURE, gettext_lazy("Minutes circulated for approval"), ()),
        (
            PROCEDURE_REMINDER,
            gettext_lazy("Deadlines of minutes for approval"),
            PROCEDURE_LEAD_DAYS,
        ),
    ):
        register_kind(
            Kind(
                name,
                label,
                render,
                lead_days=lead_days,
                attach=attachments,
                details=details,
                each_change=name == AGENDA_CHANGED,
            )
        )
    register_source(Source("commissions.meeting", expected_for_meeting, open_meetings))
    register_source(Source("commissions.minutes", expected_for_minutes, recently_approved_minutes))
    register_source(Source("commissions.writtenprocedure", expected_for_procedure, open_procedures))
