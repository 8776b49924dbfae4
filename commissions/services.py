import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from contacts.models import Person
from partners.models import Organization
from reminders.services import reminders_sync

from .models import (
    MEETING_OVER,
    OPEN_MEETING,
    AgendaDocument,
    AgendaItem,
    CalendarFeed,
    Commission,
    Decision,
    DecisionStatus,
    Invitation,
    InvitationAnswer,
    Meeting,
    MeetingDateChange,
    MeetingKind,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesVersion,
)
from .reminders import expected_for_meeting, expected_for_minutes


def _remind(meeting: Meeting) -> None:
    """The outbox follows the meeting, in the same transaction: add, move or cancel."""
    reminders_sync(target=meeting, expected=expected_for_meeting(meeting))


def _check_times(
    commission: Commission,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    exclude: int | None = None,
) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A meeting must end after it starts.")})
    clash = (
        Meeting.objects.filter(commission=commission, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(status=MeetingStatus.CANCELLED)
        .exclude(pk=exclude)
        .first()
    )
    if clash:
        raise ValidationError(
            {"starts_at": _("%(number)s already takes this time.") % {"number": clash.number}}
        )


@transaction.atomic
def meeting_plan(
    *,
    commission: Commission,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    kind: str = MeetingKind.ORDINARY,
    place: str = "",
    online_link: str = "",
) -> Meeting:
    """A new meeting, numbered in its commission's year (CIM-2026-03)."""
    # Locking the commission numbers its meetings one at a time.
    Commission.objects.select_for_update().get(pk=commission.pk)
    _check_times(commission, starts_at, ends_at)
    year = timezone.localtime(starts_at).year
    last = Meeting.objects.filter(commission=commission, year=year).aggregate(Max("sequence"))
    return Meeting.objects.create(
        commission=commission,
        year=year,
        sequence=(last["sequence__max"] or 0) + 1,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_link=online_link,
    )


@transaction.atomic
def meeting_convene(*, meeting: Meeting) -> int:
    """Invite every current member organisation; returns how many were newly invited."""
    if meeting.is_over:
        raise ValidationError(
            _("%(number)s can no longer be convened.") % {"number": meeting.number}
        )
    members = Membership.objects.seated_on(meeting.commission).values_list(
        "organization", flat=True
    )
    already = set(meeting.invitations.values_list("organization", flat=True))
    created = Invitation.objects.bulk_create(
        Invitation(meeting=meeting, organization_id=organization)
        for organization in set(members) - already
    )
    meeting.status = MeetingStatus.CONVENED
    meeting.convened_at = timezone.now()
    meeting.save(update_fields=["status", "convened_at"])
    _remind(meeting)
    return len(created)


@transaction.atomic
def meeting_postpone(
    *, meeting: Meeting, starts_at: datetime.datetime, ends_at: datetime.datetime, reason: str = ""
) -> Meeting:
    """Move a meeting, keeping the dates it had."""
    if meeting.is_over:
        raise ValidationError(_("%(number)s can no longer be moved.") % {"number": meeting.number})
    _check_times(meeting.commission, starts_at, ends_at, exclude=meeting.pk)
    MeetingDateChange.objects.create(
        meeting=meeting,
        previous_starts_at=meeting.starts_at,
        previous_ends_at=meeting.ends_at,
        reason=reason,
    )
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if meeting.status == MeetingStatus.CONVENED:
        # The members were told a date: they see that it moved. A planned meeting just moves.
        meeting.status = MeetingStatus.POSTPONED
    meeting.save(update_fields=["starts_at", "ends_at", "status"])
    _remind(meeting)
    return meeting


def meeting_update(*, meeting: Meeting, kind: str, place: str, online_link: str) -> Meeting:
    """Change what a meeting is and where; its dates move only through meeting_postpone."""
    if meeting.is_over:
        raise ValidationError(
            _("%(number)s can no longer be changed.") % {"number": meeting.number}
        )
    meeting.kind, meeting.place, meeting.online_link = kind, place, online_link
    meeting.save(update_fields=["kind", "place", "online_link"])
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> None:
    if meeting.is_over:
        raise ValidationError(
            _("%(number)s can no longer be cancelled.") % {"number": meeting.number}
        )
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.save(update_fields=["status", "cancelled_at"])
    _remind(meeting)


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting) -> None:
    if not meeting.takes_answers:
        raise ValidationError(_("Only a convened meeting can be marked as held."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("A meeting can be recorded as held once it has started."))
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    _remind(meeting)


@transaction.atomic
def invitation_answer(
    *,
    invitation: Invitation,
    answer: str,
    delegate: str = "",
    user: User | None = None,
    person: Person | None = None,
) -> Invitation:
    """A focal point answers for their organisation, until the meeting is held: signed in
    (user), or from the personal link of the invitation's email (person)."""
    status = Meeting.objects.filter(pk=invitation.meeting_id).values_list("status", flat=True)
    if status.get() in MEETING_OVER:
        raise ValidationError(_("This meeting is over: answers are closed."))
    if answer == InvitationAnswer.ATTENDING and not delegate.strip():
        raise ValidationError({"delegate": _("Name the person who will attend.")})
    invitation.answer = answer
    invitation.delegate = delegate.strip() if answer == InvitationAnswer.ATTENDING else ""
    invitation.answered_at = timezone.now()
    invitation.answered_by, invitation.answered_by_person = user, person
    invitation.save(
        update_fields=["answer", "delegate", "answered_at", "answered_by", "answered_by_person"]
    )
    # An organisation that declined gets no more reminders of this meeting.
    _remind(Meeting.objects.select_related("commission").get(pk=invitation.meeting_id))
    return invitation


RECORDING = (*OPEN_MEETING, MeetingStatus.HELD)


def _check_recording(meeting: Meeting) -> None:
    """Attendance and decisions belong to a meeting that takes place, until its minutes close it."""
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(
            _("The minutes of %(number)s are approved: its record is closed.")
            % {"number": meeting.number}
        )
    if meeting.status not in RECORDING:
        raise ValidationError(_("Only a convened or held meeting has attendance and decisions."))


@transaction.atomic
def attendance_record(*, meeting: Meeting, present) -> Meeting:
    """The secretariat ticks the organisations present; the others are absent."""
    _check_recording(meeting)
    meeting.invitations.update(present=False)
    meeting.invitations.filter(organization__in=present).update(present=True)
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    presenter_organization: Organization | None = None,
    presenter_person=None,
    duration_minutes: int | None = None,
    document_title: str = "",
    document=None,
) -> AgendaItem:
    """A new item at the end of the agenda, with its document if one is attached."""
    if meeting.is_over:
        raise ValidationError(_("The agenda of a meeting that is over is closed."))
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    last = meeting.agenda_items.aggregate(Max("position"))["position__max"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=last + 1,
        title=title,
        presenter_organization=presenter_organization,
        presenter_person=presenter_person,
        duration_minutes=duration_minutes,
    )
    if document:
        AgendaDocument.objects.create(item=item, title=document_title or title, file=document)
    _remind(meeting)  # an item added after the invitation makes the day's notice
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    """Remove an item and its documents; the items after it move up."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.is_over:
        raise ValidationError(_("The agenda of a meeting that is over is closed."))
    item.delete()
    for position, later in enumerate(meeting.agenda_items.order_by("position"), start=1):
        if later.position != position:
            AgendaItem.objects.filter(pk=later.pk).update(position=position)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> None:
    """Swap an item with the one before (or after) it."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.is_over:
        raise ValidationError(_("The agenda of a meeting that is over is closed."))
    item.refresh_from_db(fields=["position"])  # read under the lock, not before it
    items = meeting.agenda_items.order_by("position" if not up else "-position")
    neighbour = (
        items.filter(position__lt=item.position) if up else items.filter(position__gt=item.position)
    ).first()
    if neighbour is None:
        return
    mine, theirs = item.position, neighbour.position
    # Positions are unique per meeting: park one item at 0 while the other moves.
    AgendaItem.objects.filter(pk=item.pk).update(position=0)
    AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
    AgendaItem.objects.filter(pk=item.pk).update(position=theirs)


@transaction.atomic
def minutes_save(*, meeting: Meeting, text: str, user: User, file=None) -> Minutes:
    """Save the draft; the text it replaces is kept as a version."""
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError(_("Minutes are written once the meeting is held."))
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        return Minutes.objects.create(meeting=meeting, text=text, file=file or "")
    if minutes.is_approved:
        raise ValidationError(_("Approved minutes are frozen."))
    fields = []
    if minutes.text != text:
        MinutesVersion.objects.create(minutes=minutes, text=minutes.text, saved_by=user)
        minutes.text = text
        fields.append("text")
    if file:
        minutes.file = file
        fields.append("file")
    if fields:
        minutes.save(update_fields=fields)
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, at_meeting: Meeting) -> Minutes:
    """A later meeting of the same commission approves the minutes, which are then frozen."""
    meeting = minutes.meeting
    if minutes.is_approved:
        raise ValidationError(_("These minutes are already approved."))
    later = at_meeting.commission_id == meeting.commission_id and (
        at_meeting.starts_at > meeting.starts_at
    )
    if not later:
        raise ValidationError(_("Minutes are approved by a later meeting of the same commission."))
    if at_meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED) or (
        at_meeting.starts_at > timezone.now()
    ):
        raise ValidationError(
            _("%(number)s has not taken place: it cannot have approved minutes yet.")
            % {"number": at_meeting.number}
        )
    minutes.approved_at = timezone.now()
    minutes.approved_by_meeting = at_meeting
    minutes.save(update_fields=["approved_at", "approved_by_meeting"])
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.save(update_fields=["status"])
    reminders_sync(target=minutes, expected=expected_for_minutes(minutes))
    return minutes


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    text: str,
    responsible: list[Organization] = (),
    due_date: datetime.date | None = None,
) -> Decision:
    """A numbered decision of the meeting (CIM-2026-03/D2)."""
    _check_recording(Meeting.objects.select_for_update().get(pk=meeting.pk))
    last = meeting.decisions.aggregate(Max("sequence"))["sequence__max"] or 0
    decision = Decision.objects.create(
        meeting=meeting, sequence=last + 1, text=text, due_date=due_date
    )
    decision.responsible.set(responsible)
    return decision


def decision_set_status(*, decision: Decision, status: str) -> Decision:
    if status not in DecisionStatus.values:
        raise ValidationError(_("Unknown status."))
    decision.status = status
    decision.save(update_fields=["status"])
    return decision


def calendar_feed_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, user: User) -> str:
    """A new secret address for the user's calendar; the previous one stops working."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_digest": calendar_feed_digest(token)}
    )
    return token


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()
