import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from contacts.models import Person
from mra_portal.lib.dates import for_people
from partners.models import Organization
from reminders.services import reminders_sync

from .models import (
    AgendaDocument,
    AgendaItem,
    ApprovalWay,
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
    Objection,
    ProcedureOutcome,
    WrittenProcedure,
)
from .reminders import (
    Foreseen,
    cancelling_foreseen,
    convening_foreseen,
    expected_for_meeting,
    expected_for_minutes,
    expected_for_procedure,
    holding_foreseen,
)


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


def _renumber(meeting: Meeting, *years: int) -> None:
    """A meeting's number is its rank by date in its commission's year (CT-2026-02 is the
    second of 2026), whatever the order meetings were planned or recorded in: renumber the
    commission's meetings of these years, the given one's number read again. Run under the
    commission's lock; the unique number is checked when the transaction commits."""
    ranked = Meeting.objects.filter(commission=meeting.commission_id, year__in=years).annotate(
        rank=Window(RowNumber(), partition_by=[F("year")], order_by=["starts_at", "pk"])
    )
    moved = [row for row in ranked if row.sequence != row.rank]
    for row in moved:
        row.sequence = row.rank
    Meeting.objects.bulk_update(moved, ["sequence"])
    meeting.refresh_from_db(fields=["sequence"])


def _year_of(moment: datetime.datetime) -> int:
    return timezone.localtime(moment).year


def _add_meeting(commission: Commission, **fields) -> Meeting:
    """A new meeting of the commission, numbered by its date among the others."""
    # Locking the commission numbers its meetings one at a time.
    Commission.objects.select_for_update().get(pk=commission.pk)
    _check_times(commission, fields["starts_at"], fields["ends_at"])
    year = _year_of(fields["starts_at"])
    last = Meeting.objects.filter(commission=commission, year=year).aggregate(Max("sequence"))
    meeting = Meeting.objects.create(
        commission=commission, year=year, sequence=(last["sequence__max"] or 0) + 1, **fields
    )
    _renumber(meeting, year)
    return meeting


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
    """A meeting ahead, numbered by its date in its commission's year (CIM-2026-03)."""
    if starts_at <= timezone.now():
        raise ValidationError(
            {
                "starts_at": _(
                    "This date has passed. To record a meeting that has already taken place, "
                    "use “Record a past meeting” on the commission's page."
                )
            }
        )
    return _add_meeting(
        commission,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=kind,
        place=place,
        online_link=online_link,
    )


@transaction.atomic
def meeting_record_past(
    *,
    commission: Commission,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    kind: str = MeetingKind.ORDINARY,
    place: str = "",
    online_link: str = "",
    present=(),
) -> Meeting:
    """A meeting that has already taken place, recorded as held with who was present: its
    minutes and decisions follow. Nobody is invited or reminded of it."""
    if starts_at > timezone.now():
        raise ValidationError(
            {"starts_at": _("This date is ahead: plan the meeting and convene it instead.")}
        )
    meeting = _add_meeting(
        commission,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=kind,
        place=place,
        online_link=online_link,
        status=MeetingStatus.HELD,
    )
    present = {getattr(organization, "pk", organization) for organization in present}
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, organization_id=organization, present=organization in present)
        for organization in Membership.objects.invited_to(commission)
    )
    return meeting


def _foreseen(meeting: Meeting, check, count) -> Foreseen:
    """What an action would do, for the page that asks first: why not, or its counts."""
    try:
        check(meeting)
    except ValidationError as error:
        return Foreseen(refused=error.messages)
    return count(meeting)


def _check_convene(meeting: Meeting) -> None:
    if meeting.is_over:
        raise ValidationError(
            _("%(number)s can no longer be convened.") % {"number": meeting.number}
        )
    if not meeting.can_convene():
        raise ValidationError(
            _("%(number)s has already started: it can be recorded as held, not convened.")
            % {"number": meeting.number}
        )


def meeting_convene_foreseen(meeting: Meeting) -> Foreseen:
    return _foreseen(meeting, _check_convene, convening_foreseen)


@transaction.atomic
def meeting_convene(*, meeting: Meeting) -> int:
    """Invite every member organisation; returns how many were newly invited."""
    _check_convene(meeting)
    members = Membership.objects.invited_to(meeting.commission)
    already = set(meeting.invitations.values_list("organization", flat=True))
    created = Invitation.objects.bulk_create(
        Invitation(meeting=meeting, organization_id=organization)
        for organization in set(members) - already
    )
    if meeting.is_planned:
        meeting.status = MeetingStatus.CONVENED
        meeting.convened_at = timezone.now()
        meeting.save(update_fields=["status", "convened_at"])
    # Convening again keeps the date of the first convening: the invitations already written
    # stay as they are, and only the members who joined since are written to.
    _remind(meeting)
    return len(created)


@transaction.atomic
def meeting_postpone(
    *, meeting: Meeting, starts_at: datetime.datetime, ends_at: datetime.datetime, reason: str = ""
) -> Meeting:
    """Move a meeting, keeping the dates it had."""
    if not meeting.can_change():
        raise ValidationError(_("%(number)s can no longer be moved.") % {"number": meeting.number})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Choose a date ahead: this one has passed.")})
    Commission.objects.select_for_update().get(pk=meeting.commission_id)
    _check_times(meeting.commission, starts_at, ends_at, exclude=meeting.pk)
    MeetingDateChange.objects.create(
        meeting=meeting,
        previous_starts_at=meeting.starts_at,
        previous_ends_at=meeting.ends_at,
        reason=reason,
    )
    former_year, meeting.year = meeting.year, _year_of(starts_at)
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if meeting.takes_answers:
        # The members were told a date: they see that it moved. A planned meeting just moves.
        meeting.status = MeetingStatus.POSTPONED
    meeting.save(update_fields=["starts_at", "ends_at", "year", "status"])
    _renumber(meeting, former_year, meeting.year)
    _remind(meeting)
    return meeting


def meeting_update(*, meeting: Meeting, kind: str, place: str, online_link: str) -> Meeting:
    """Change what a meeting is and where; its dates move only through meeting_postpone."""
    if not meeting.can_change():
        raise ValidationError(
            _("%(number)s can no longer be changed.") % {"number": meeting.number}
        )
    meeting.kind, meeting.place, meeting.online_link = kind, place, online_link
    meeting.save(update_fields=["kind", "place", "online_link"])
    return meeting


def _check_cancel(meeting: Meeting) -> None:
    if not meeting.can_change():
        raise ValidationError(
            _("%(number)s can no longer be cancelled.") % {"number": meeting.number}
        )


def meeting_cancel_foreseen(meeting: Meeting) -> Foreseen:
    return _foreseen(meeting, _check_cancel, cancelling_foreseen)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> None:
    _check_cancel(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.save(update_fields=["status", "cancelled_at"])
    _remind(meeting)


def _check_mark_held(meeting: Meeting) -> None:
    if not meeting.takes_answers:
        raise ValidationError(_("Only a convened meeting can be marked as held."))
    if not meeting.can_mark_held():
        raise ValidationError(_("A meeting can be recorded as held once it has started."))


def meeting_mark_held_foreseen(meeting: Meeting) -> Foreseen:
    return _foreseen(meeting, _check_mark_held, holding_foreseen)


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting) -> None:
    _check_mark_held(meeting)
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
    if Meeting.objects.get(pk=invitation.meeting_id).is_over:
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


def _check_recording(meeting: Meeting) -> None:
    """Attendance and decisions belong to a meeting that takes place, until its minutes close it."""
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(
            _("The minutes of %(number)s are approved: its record is closed.")
            % {"number": meeting.number}
        )
    if not meeting.can_record_decisions():
        raise ValidationError(_("Only a convened or held meeting has attendance and decisions."))


@transaction.atomic
def attendance_record(*, meeting: Meeting, present) -> Meeting:
    """The secretariat ticks the organisations present; the others are absent."""
    _check_recording(meeting)
    meeting.invitations.update(present=False)
    meeting.invitations.filter(organization__in=present).update(present=True)
    return meeting


def _presenting(organization: Organization | None, person: Person | None):
    """The presenting organisation: the one chosen, which the person must belong to, or the
    person's own when only a person is chosen."""
    if person is None:
        return organization
    if organization is not None and person.organization_id != organization.pk:
        raise ValidationError(
            {
                "presenter_person": _(
                    "%(person)s is not at %(organization)s: choose someone of the presenting "
                    "organisation, or no one."
                )
                % {"person": person.name, "organization": organization.name}
            }
        )
    return organization or person.organization


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
    if not meeting.can_change():
        raise ValidationError(_("The agenda of a meeting that is over is closed."))
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    presenter_organization = _presenting(presenter_organization, presenter_person)
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
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    presenter_organization: Organization | None = None,
    presenter_person=None,
    duration_minutes: int | None = None,
    document_title: str = "",
    document=None,
    remove_documents=(),
) -> AgendaItem:
    """Change an item's wording, presenter and length; add a document, remove others."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if not meeting.can_change():
        raise ValidationError(_("The agenda of a meeting that is over is closed."))
    item.presenter_organization = _presenting(presenter_organization, presenter_person)
    item.title, item.presenter_person = title, presenter_person
    item.duration_minutes = duration_minutes
    item.save(
        update_fields=["title", "presenter_organization", "presenter_person", "duration_minutes"]
    )
    AgendaDocument.objects.filter(
        item=item, pk__in=[document.pk for document in remove_documents]
    ).delete()
    if document:
        AgendaDocument.objects.create(item=item, title=document_title or title, file=document)
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    """Remove an item and its documents; the items after it move up."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if not meeting.can_change():
        raise ValidationError(_("The agenda of a meeting that is over is closed."))
    item.delete()
    for position, later in enumerate(meeting.agenda_items.order_by("position"), start=1):
        if later.position != position:
            AgendaItem.objects.filter(pk=later.pk).update(position=position)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> None:
    """Swap an item with the one before (or after) it."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if not meeting.can_change():
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


def _check_not_circulated(minutes: Minutes) -> None:
    procedure = minutes.procedures.still_open().first()
    if procedure:
        raise ValidationError(
            _(
                "These minutes are circulated to the members for approval by written procedure "
                "until %(deadline)s: they cannot change or be approved another way meanwhile."
            )
            % {"deadline": for_people(procedure.deadline)}
        )


@transaction.atomic
def minutes_save(*, meeting: Meeting, text: str, user: User, file=None) -> Minutes:
    """Save the draft; the text it replaces is kept as a version."""
    if not meeting.has_minutes_stage():
        raise ValidationError(_("Minutes are written once the meeting is held."))
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        return Minutes.objects.create(meeting=meeting, text=text, file=file or "")
    if minutes.is_approved:
        raise ValidationError(_("Approved minutes are frozen."))
    _check_not_circulated(minutes)
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


def _lock(minutes: Minutes) -> None:
    """Lock the minutes' row, and read them again under the lock (the caller's object)."""
    Minutes.objects.select_for_update().filter(pk=minutes.pk).values_list("pk").get()
    minutes.refresh_from_db(
        fields=["text", "file", "approved_at", "approved_how", "approved_by_meeting", "signed_by"]
    )


def _check_approvable(minutes: Minutes) -> None:
    if minutes.is_approved:
        raise ValidationError(_("These minutes are already approved."))
    _check_not_circulated(minutes)


def _approve(minutes: Minutes, how: str, *, at_meeting=None, signed_by: str = "") -> Minutes:
    """Freeze the minutes, close their meeting's record, and tell its invitees."""
    minutes.approved_at = timezone.now()
    minutes.approved_how = how
    minutes.approved_by_meeting = at_meeting
    minutes.signed_by = signed_by
    minutes.save(update_fields=["approved_at", "approved_how", "approved_by_meeting", "signed_by"])
    meeting = minutes.meeting
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.save(update_fields=["status"])
    reminders_sync(target=minutes, expected=expected_for_minutes(minutes))
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, at_meeting: Meeting) -> Minutes:
    """A later meeting of the same commission approves the minutes, which are then frozen."""
    _lock(minutes)
    meeting = minutes.meeting
    _check_approvable(minutes)
    later = at_meeting.commission_id == meeting.commission_id and (
        at_meeting.starts_at > meeting.starts_at
    )
    if not later:
        raise ValidationError(_("Minutes are approved by a later meeting of the same commission."))
    if at_meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED) or (
        not at_meeting.has_started
    ):
        raise ValidationError(
            _("%(number)s has not taken place: it cannot have approved minutes yet.")
            % {"number": at_meeting.number}
        )
    return _approve(minutes, ApprovalWay.MEETING, at_meeting=at_meeting)


@transaction.atomic
def minutes_sign(*, minutes: Minutes, signed_by: str, file=None) -> Minutes:
    """The chair approves by signing: the signed copy is attached, and the minutes frozen."""
    _lock(minutes)
    _check_approvable(minutes)
    if not signed_by.strip():
        raise ValidationError({"signed_by": _("Give the name of the chair who signed.")})
    if file:
        minutes.file = file
        minutes.save(update_fields=["file"])
    if not minutes.file:
        raise ValidationError({"file": _("Attach the copy the chair signed.")})
    return _approve(minutes, ApprovalWay.CHAIR, signed_by=signed_by.strip())


@transaction.atomic
def procedure_open(*, minutes: Minutes, deadline: datetime.datetime, user: User):
    """Circulate the draft to the members: approved at the deadline unless one objects."""
    _lock(minutes)
    _check_approvable(minutes)
    if deadline <= timezone.now():
        raise ValidationError(
            {"deadline": _("Choose a deadline ahead, leaving the members time to read.")}
        )
    procedure = WrittenProcedure.objects.create(minutes=minutes, deadline=deadline, opened_by=user)
    reminders_sync(target=procedure, expected=expected_for_procedure(procedure))
    return procedure


@transaction.atomic
def objection_make(
    *, procedure: WrittenProcedure, invitation: Invitation, comment: str, user: User
) -> Objection:
    """A member organisation objects, saying what should change; once per organisation (a
    second objection replaces its first)."""
    procedure = WrittenProcedure.objects.select_for_update().get(pk=procedure.pk)
    if not procedure.takes_objections():
        raise ValidationError(_("The deadline has passed: objections are closed."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change in the minutes.")})
    objection, _created = Objection.objects.update_or_create(
        procedure=procedure,
        organization_id=invitation.organization_id,
        defaults={"comment": comment.strip(), "made_by": user, "made_at": timezone.now()},
    )
    return objection


@transaction.atomic
def procedure_close(*, procedure: WrittenProcedure) -> str:
    """At the deadline: approved without objection, or left a draft to revise. Closing twice
    changes nothing; closing early is refused."""
    procedure = WrittenProcedure.objects.select_for_update().for_reminders().get(pk=procedure.pk)
    if not procedure.is_open:
        return procedure.outcome
    if procedure.deadline > timezone.now():
        raise ValidationError(_("The deadline has not come: members may still object."))
    objected = procedure.objections.exists()
    procedure.outcome = ProcedureOutcome.OBJECTED if objected else ProcedureOutcome.APPROVED
    procedure.closed_at = timezone.now()
    procedure.save(update_fields=["outcome", "closed_at"])
    reminders_sync(target=procedure, expected=expected_for_procedure(procedure))
    if not objected:
        _approve(procedure.minutes, ApprovalWay.WRITTEN)
    return procedure.outcome


def procedures_close_due() -> int:
    """The task's work: close every procedure whose deadline passed; how many it closed."""
    closed = 0
    for procedure in WrittenProcedure.objects.due().order_by("deadline"):
        procedure_close(procedure=procedure)
        closed += 1
    return closed


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
