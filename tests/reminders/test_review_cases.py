"""Cases a review found: each one was wrong once."""

import datetime
import smtplib

from django.utils import timezone

from commissions.models import Invitation
from commissions.services import (
    invitation_answer,
    meeting_cancel,
    meeting_convene,
    meeting_plan,
    meeting_postpone,
)
from reminders.models import Reminder
from reminders.sending import Outcome, classify
from reminders.services import _claim, _send_chunk, preference_save, reminders_dispatch
from tests.access import assert_ok
from tests.commissions.world import at, plan


def waiting(meeting, user, **filters):
    return list(
        Reminder.objects.for_target(meeting)
        .filter(recipient=user, state__in=["pending", "sending"], **filters)
        .values_list("due_at", flat=True)
    )


def test_a_meeting_moved_twice_keeps_one_reminder_each_for_its_last_date(
    cim, invitees, sink, partner_a
):
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    reminders_dispatch(now=at(2027, 3, 3, 10))  # the 7-day reminder for the 10th goes
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 20, 10), ends_at=at(2027, 3, 20, 12))
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 30, 10), ends_at=at(2027, 3, 30, 12))
    assert waiting(meeting, partner_a, lead_days=7) == [at(2027, 3, 23, 10)]
    assert waiting(meeting, partner_a, lead_days=1) == [at(2027, 3, 29, 10)]


def test_declining_then_attending_brings_the_reminders_back(
    cim, invitees, partner_a, partner_a_org
):
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_a_org)
    invitation_answer(invitation=invitation, answer="declined", user=partner_a)
    invitation_answer(invitation=invitation, answer="attending", delegate="K", user=partner_a)
    assert len(waiting(meeting, partner_a, kind="meeting_reminder")) == 2


def test_a_reminder_claimed_before_its_meeting_is_cancelled_is_not_sent(cim, invitees, sink):
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    now = at(2027, 3, 1, 9)
    rows = _claim(now, 100)
    meeting_cancel(meeting=meeting)
    assert _send_chunk(rows, now).get("sent", 0) == 0
    assert sink.messages == []


def test_only_refusals_of_the_recipient_or_message_are_permanent():
    refused = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")})
    assert classify(refused)[0] is Outcome.PERMANENT
    sender = smtplib.SMTPSenderRefused(550, b"relay denied", "portal@localhost")
    assert classify(sender)[0] is Outcome.TRANSIENT and classify(sender)[2]
    login = smtplib.SMTPAuthenticationError(535, b"bad credentials")
    assert classify(login)[0] is Outcome.TRANSIENT
    assert classify(TimeoutError())[0] is Outcome.TRANSIENT


def test_a_lost_smtp_server_gives_the_rest_of_the_chunk_back(cim, invitees, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    meeting_convene(meeting=plan(cim, 10, month=3, year=2027))
    totals = reminders_dispatch(now=at(2027, 3, 1, 9))
    assert totals["retried"] == 1 and totals["released"] == 2
    assert (
        Reminder.objects.filter(state="pending", attempts=0, kind="meeting_invitation").count() == 2
    )


def test_odd_digits_in_a_read_mark_get_a_message(db, client_as, partner_a):
    response = client_as(partner_a).post("/notifications/read/", {"pk": "²"}, follow=True)
    assert response.status_code == 200


def test_the_bell_shows_a_due_reminder_even_while_its_email_waits(
    cim, invitees, partner_a, settings
):
    meeting_convene(meeting=plan(cim, 10, month=3, year=2027))
    # Not dispatched yet (or retrying): the portal shows it all the same.
    assert Reminder.objects.unread_for(partner_a).count() == 1


def test_a_digest_never_holds_a_reminder_past_its_meeting(cim, invitees, partner_a):
    preference_save(
        user=partner_a, kind="meeting_reminder", channel="both", digest=True, lead_days=[1]
    )
    meeting_convene(meeting=plan(cim, 10, hour=7, month=3, year=2027))
    row = Reminder.objects.get(recipient=partner_a, kind="meeting_reminder")
    # Due 07:00 on the 9th: the digest of 08:00 on the 9th would come after the reminder's
    # time but before the meeting, so it waits for that digest.
    assert row.next_attempt_at == at(2027, 3, 9, 8)
    start = (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=7, minute=0, second=0, microsecond=0
    )
    tomorrow = meeting_plan(
        commission=cim, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    meeting_convene(meeting=tomorrow)
    row = Reminder.objects.get(recipient=partner_a, kind="meeting_reminder", target_id=tomorrow.pk)
    assert row.next_attempt_at < row.event_at


def test_arabic_indic_days_are_understood(db, client_as, partner_a):
    client_as(partner_a).post(
        "/notifications/preferences/",
        {
            "meeting_reminder-channel": "both",
            "meeting_reminder-lead_days": "\u0667\u060c \u0661",
        },  # seven, one
    )
    assert partner_a.reminder_preferences.get().lead_days == [1, 7]


def test_reading_the_list_does_not_show_another_users_reminders(
    cim, invitees, client_as, partner_a, partner_b
):
    meeting_convene(meeting=plan(cim, 10, month=3, year=2027))
    html = assert_ok(client_as(partner_a), "/notifications/").content.decode()
    mine = Reminder.objects.in_app_for(partner_a).get()
    theirs = Reminder.objects.in_app_for(partner_b).get()
    assert f'value="{mine.pk}"' in html and f'value="{theirs.pk}"' not in html
    assert datetime.timedelta(0) <= (mine.due_at - theirs.due_at) <= datetime.timedelta(1)
