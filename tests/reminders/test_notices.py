"""Notices that say what changed: the convocation with its agenda and calendar request, the
day's additions to the agenda, and the approved minutes."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from commissions.models import AgendaItem, Meeting
from commissions.reminders import expected_for_meeting, expected_for_minutes
from commissions.services import agenda_item_add, minutes_approve, minutes_save
from reminders.models import Reminder
from reminders.services import reminders_dispatch, reminders_reconcile, reminders_sync
from tests.commissions.world import at, convened, held, plan

AGENDA = "meeting_agenda_changed"


@pytest.fixture(autouse=True)
def kept_emails_in_english(settings):
    """Accounts read the portal's language; the people of the world fixture, their own."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "en"


def to(mailoutbox, address, subject):
    return [m for m in mailoutbox if m.to[0] == address and m.subject.startswith(subject)]


def html_of(message):
    return next(body for body, mimetype in message.alternatives if mimetype == "text/html")


def test_the_convocation_carries_the_agenda_and_a_calendar_request(world, mailoutbox):
    commission, people = world
    meeting = plan(commission, 10, year=2027)
    for title in ("Bilan 2026", "Programme 2027"):
        agenda_item_add(meeting=meeting, title=title)
    convened(meeting)
    reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
    address = people["focal point"].emails[0]
    (email,) = to(mailoutbox, address, "Invitation: ")
    assert "Agenda\n1. Bilan 2026\n2. Programme 2027" in email.body
    assert "<ol><li>Bilan 2026</li><li>Programme 2027</li></ol>" in html_of(email)
    _name, content, mimetype = email.attachments[0]
    assert mimetype == "text/calendar; method=REQUEST"
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    attendee = event["ATTENDEE"]
    assert str(attendee) == f"mailto:{address}"
    assert attendee.params["RSVP"] == "FALSE"  # answers go through the portal's link
    assert str(event["UID"]) == f"meeting-{meeting.pk}@mra-portal.gov.ma"


def added_on(meeting, *moments):
    """Items added at these moments, after an invitation sent on 1 March."""
    Meeting.objects.filter(pk=meeting.pk).update(convened_at=at(2027, 3, 1, 9))
    meeting.refresh_from_db()
    for moment in moments:
        number = meeting.agenda_items.count() + 1
        AgendaItem.objects.create(meeting=meeting, position=number, title=f"Point {number}")
        AgendaItem.objects.filter(meeting=meeting, position=number).update(added_at=moment)
    reminders_sync(target=meeting, expected=expected_for_meeting(meeting))


def test_the_items_added_in_a_day_are_told_once_at_five(world, mailoutbox, partner_a):
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    added_on(meeting, at(2027, 3, 2, 11), at(2027, 3, 2, 15))
    notices = Reminder.objects.for_target(meeting).filter(kind=AGENDA)
    assert set(notices.values_list("due_at", flat=True)) == {at(2027, 3, 2, 17)}
    reminders_dispatch(now=at(2027, 3, 2, 17, 1))
    address = people["focal point"].emails[0]
    (email,) = to(mailoutbox, address, "Agenda updated: ")
    assert "1. Point 1 (new)\n2. Point 2 (new)" in email.body
    assert len(to(mailoutbox, partner_a.email, "Agenda updated: ")) == 1
    # One more after five: tomorrow's notice, not a second one today.
    added_on(meeting, at(2027, 3, 2, 18))
    assert reminders_dispatch(now=at(2027, 3, 2, 23)).get("sent", 0) == 0
    reminders_dispatch(now=at(2027, 3, 3, 17, 1))
    assert len(to(mailoutbox, address, "Agenda updated: ")) == 2
    # Asked again, the outbox owes nothing more.
    assert reminders_reconcile()["added"] == 0


def test_an_item_added_on_the_day_is_told_before_the_meeting(world):
    commission, _people = world
    meeting = convened(plan(commission, 10, year=2027))
    added_on(meeting, at(2027, 3, 10, 7))
    notices = Reminder.objects.for_target(meeting).filter(kind=AGENDA)
    assert set(notices.values_list("due_at", flat=True)) == {at(2027, 3, 10, 8)}


def test_a_declined_invitation_hears_nothing_of_the_agenda(world, partner_a_org):
    from commissions.models import InvitationAnswer

    commission, _people = world
    meeting = convened(plan(commission, 10, year=2027))
    meeting.invitations.filter(organization=partner_a_org).update(answer=InvitationAnswer.DECLINED)
    added_on(meeting, at(2027, 3, 2, 11))
    told = Reminder.objects.for_target(meeting).filter(kind=AGENDA)
    assert told.exists()
    assert not told.filter(recipient__organization=partner_a_org).exists()


def approved(commission, coordinator, text="Le comité a adopté le programme."):
    meeting = held(plan(commission, 10, month=3, year=2026))
    later = held(plan(commission, 20, month=3, year=2026))
    minutes = minutes_save(meeting=meeting, text=text, user=coordinator)
    return minutes_approve(minutes=minutes, at_meeting=later)


def test_approved_minutes_reach_every_invitee_with_their_text(
    world, mailoutbox, coordinator, partner_a
):
    commission, people = world
    minutes = approved(commission, coordinator)
    reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
    subject = "Minutes approved: "
    person = to(mailoutbox, people["focal point"].emails[0], subject)[0]
    account = to(mailoutbox, partner_a.email, subject)[0]
    for email in (person, account):
        assert "Le comité a adopté le programme." in email.body
        assert not email.attachments  # no calendar file for minutes
    # Without an account, the text is all they get: no button to a portal that refuses them.
    assert "Open in the portal" not in html_of(person)
    assert minutes.meeting.get_absolute_url() in html_of(account)
    assert reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=2)) == {}


def test_minutes_approved_long_ago_are_not_announced(world, coordinator):
    commission, _people = world
    minutes = approved(commission, coordinator)
    minutes.approved_at = timezone.now() - datetime.timedelta(days=8)
    assert expected_for_minutes(minutes) == []


def test_minutes_to_a_malformed_address_are_a_dead_letter_and_the_others_go(
    world, coordinator, sink
):
    from contacts.models import Person

    commission, people = world
    Person.objects.filter(pk=people["focal point"].pk).update(
        emails=["focal@example.org\nBcc: everyone@example.org"]
    )
    minutes = approved(commission, coordinator)
    counts = reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
    rows = Reminder.objects.for_target(minutes)
    dead = rows.get(person_id=people["focal point"].pk)
    # No calendar file to refuse it first: the message itself is refused as it is written.
    assert dead.state == "dead" and dead.last_error.startswith("malformed message")
    assert counts["sent"] == rows.filter(state="sent").count() > 0
