"""The paths a dispatch takes when a reminder cannot simply go: each one run here, in-process,
against PostgreSQL and a real SMTP server (the fault tests run them only inside workers)."""

import datetime
import json
import logging
from zoneinfo import ZoneInfo

import psycopg
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from commissions.models import Meeting
from commissions.reminders import expected_for_meeting
from commissions.services import meeting_convene, meeting_postpone
from reminders.models import Channel, Reminder, ReminderPreference, State
from reminders.services import (
    next_digest_time,
    preference_save,
    reminders_dispatch,
    reminders_sync,
)
from reminders.tasks import dispatch_reminders, reconcile_reminders
from tests.access import assert_ok
from tests.commissions.world import at, plan
from tests.factories import UserFactory

from .smtp_sink import Sink, SmtpSink

NOW = at(2027, 3, 1, 9)  # the invitations of a meeting on 10 March 2027 are due, nothing else


def convened(cim, day=10):
    meeting = plan(cim, day, month=3, year=2027)
    meeting_convene(meeting=meeting)
    return meeting


def invitation_of(user) -> Reminder:
    return Reminder.objects.get(recipient=user, kind="meeting_invitation")


# A record or a kind that has gone ---------------------------------------------------------


def test_a_reminder_whose_meeting_was_deleted_is_cancelled_and_nothing_goes(cim, invitees, sink):
    meeting = convened(cim)
    Meeting.objects.filter(pk=meeting.pk).delete()
    totals = reminders_dispatch(now=NOW)
    assert totals["cancelled"] == 3 and totals.get("sent", 0) == 0
    assert sink.messages == []
    gone = Reminder.objects.filter(kind="meeting_invitation")
    assert {row.state for row in gone} == {State.CANCELLED}
    assert {row.last_error for row in gone} == {"the record or its kind no longer exists"}
    assert not gone.filter(lease_until__isnull=False).exists()
    assert reminders_dispatch(now=NOW) == {}  # nothing left claimed or due


def test_a_reminder_of_a_kind_no_longer_registered_is_cancelled_and_the_others_go(
    cim, invitees, sink, partner_a
):
    convened(cim)
    Reminder.objects.filter(pk=invitation_of(partner_a).pk).update(kind="retired_kind")
    totals = reminders_dispatch(now=NOW)
    assert (totals["cancelled"], totals["sent"]) == (1, 2)
    assert Reminder.objects.get(kind="retired_kind").state == State.CANCELLED
    assert partner_a.email not in {message["To"] for message in sink.messages}


# A recipient without an address ----------------------------------------------------------


def test_an_email_only_recipient_without_an_address_is_dead_lettered_and_the_others_go(
    cim, invitees, sink, partner_a
):
    partner_a.email = ""
    partner_a.save()
    preference_save(
        user=partner_a, kind="meeting_invitation", channel="email", digest=False, lead_days=[]
    )
    convened(cim)
    totals = reminders_dispatch(now=NOW)
    assert (totals["dead"], totals["sent"]) == (1, 2)
    dead = invitation_of(partner_a)
    assert dead.state == State.DEAD and dead.last_error == "the recipient has no email address"
    assert dead.lease_until is None and dead.sent_at is None
    assert len(sink.messages) == 2
    # A dead letter is not tried again by later runs.
    assert reminders_dispatch(now=NOW + datetime.timedelta(hours=1)).get("dead", 0) == 0


def test_a_recipient_without_an_address_still_gets_it_in_the_portal(cim, invitees, sink, partner_a):
    partner_a.email = ""
    partner_a.save()
    convened(cim)
    totals = reminders_dispatch(now=NOW)
    assert totals["sent"] == 3 and len(sink.messages) == 2
    row = invitation_of(partner_a)
    assert (row.state, row.channel) == (State.SENT, Channel.BOTH)
    assert Reminder.objects.unread_for(partner_a).filter(pk=row.pk).exists()


# Refusals of the message itself (after DATA) ----------------------------------------------


def test_a_message_refused_for_good_is_dead_lettered_at_once_and_the_others_go(
    cim, invitees, sink, partner_a_org
):
    UserFactory(organization=partner_a_org, role="focal_point", email="spam@example.org")
    convened(cim)
    totals = reminders_dispatch(now=NOW)
    assert (totals["dead"], totals["sent"]) == (1, 3)
    dead = Reminder.objects.get(recipient__email="spam@example.org", kind="meeting_invitation")
    assert dead.state == State.DEAD and dead.attempts == 1
    assert dead.last_error.startswith("message refused: 554")
    assert len(sink.messages) == 3


def test_a_message_refused_for_now_is_retried_later_and_the_others_go(
    cim, invitees, sink, partner_a_org
):
    UserFactory(organization=partner_a_org, role="focal_point", email="full@example.org")
    convened(cim)
    totals = reminders_dispatch(now=NOW)
    assert (totals["retried"], totals["sent"]) == (1, 3)
    later = Reminder.objects.get(recipient__email="full@example.org", kind="meeting_invitation")
    assert (later.state, later.attempts) == (State.PENDING, 1)
    assert later.last_error.startswith("message refused: 452")
    assert later.next_attempt_at > NOW and later.lease_until is None


# A worker that died holding its rows ------------------------------------------------------


def abandoned(
    row: Reminder, *, attempts: int, lease_until: datetime.datetime, in_flight: bool = True
) -> None:
    """As a worker killed mid-chunk leaves a row: claimed, leased, never settled; its message
    handed to the mail server (in flight) or not yet reached."""
    Reminder.objects.filter(pk=row.pk).update(
        state=State.SENDING,
        attempts=attempts,
        lease_until=lease_until,
        claim="dead-worker",
        handed_at=NOW - datetime.timedelta(seconds=5) if in_flight else None,
    )


def test_a_row_held_by_a_live_lease_is_left_to_its_worker(cim, invitees, sink, partner_a):
    convened(cim)
    held = invitation_of(partner_a)
    abandoned(held, attempts=0, lease_until=NOW + datetime.timedelta(minutes=1))
    assert reminders_dispatch(now=NOW)["sent"] == 2
    held.refresh_from_db()
    assert held.state == State.SENDING and partner_a.email not in {m["To"] for m in sink.messages}


def test_a_row_whose_worker_died_is_sent_once_its_lease_lapses_counting_an_attempt(
    cim, invitees, sink, partner_a
):
    convened(cim)
    held = invitation_of(partner_a)
    abandoned(held, attempts=0, lease_until=NOW - datetime.timedelta(seconds=1))
    assert reminders_dispatch(now=NOW)["sent"] == 3
    held.refresh_from_db()
    assert (held.state, held.attempts) == (State.SENT, 1)


def test_a_row_its_dead_worker_never_reached_costs_no_attempt(cim, invitees, sink, partner_a):
    convened(cim)
    held = invitation_of(partner_a)
    abandoned(held, attempts=0, lease_until=NOW - datetime.timedelta(seconds=1), in_flight=False)
    assert reminders_dispatch(now=NOW)["sent"] == 3
    held.refresh_from_db()
    assert (held.state, held.attempts) == (State.SENT, 0)


def test_a_row_never_tried_is_no_dead_letter_however_often_its_workers_die(
    cim, invitees, sink, partner_a, settings
):
    convened(cim)
    held = invitation_of(partner_a)
    last = settings.REMINDER_MAX_ATTEMPTS - 1
    abandoned(held, attempts=last, lease_until=NOW - datetime.timedelta(seconds=1), in_flight=False)
    assert reminders_dispatch(now=NOW)["sent"] == 3
    held.refresh_from_db()
    assert held.state == State.SENT


def test_a_row_that_outlived_every_attempt_is_dead_lettered_not_sent(
    cim, invitees, sink, partner_a, settings, caplog
):
    convened(cim)
    held = invitation_of(partner_a)
    abandoned(
        held,
        attempts=settings.REMINDER_MAX_ATTEMPTS - 1,
        lease_until=NOW - datetime.timedelta(seconds=1),
    )
    with caplog.at_level(logging.WARNING, logger="mra_portal.reminders"):
        assert reminders_dispatch(now=NOW)["sent"] == 2
    held.refresh_from_db()
    assert held.state == State.DEAD and "worker stopped" in held.last_error
    assert partner_a.email not in {message["To"] for message in sink.messages}
    assert f"reminder {held.pk} dead-lettered: its worker stopped" in caplog.text


# Each mark is committed before the next message goes ------------------------------------


class Watching(Sink):
    """Counts, as each message arrives, the reminders another connection sees marked sent."""

    def __init__(self):
        super().__init__()
        # Django's own parameters: the embedded server is a socket directory, not a URL host.
        self.database = psycopg.connect(**connection.get_connection_params(), autocommit=True)
        self.sent_seen: list[int] = []

    def received(self, envelope) -> None:
        (count,) = self.database.execute(
            "SELECT count(*) FROM reminders_reminder WHERE state = %s", [State.SENT.value]
        ).fetchone()
        self.sent_seen.append(count)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_reminder_is_marked_sent_for_everyone_before_the_next_message_goes(
    cim, partner_a_org, settings
):
    for number in range(7):
        UserFactory(organization=partner_a_org, role="focal_point", email=f"p{number}@example.org")
    convened(cim)
    owed = Reminder.objects.filter(kind="meeting_invitation").count()
    handler = Watching()
    try:
        with SmtpSink(handler=handler) as server:
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
            settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
            assert reminders_dispatch(now=NOW, chunk=4)["sent"] == owed
    finally:
        handler.database.close()
    # A worker killed while any message is in flight has left every earlier one marked.
    assert handler.sent_seen == list(range(owed))


# Beat's tasks, run in-process -------------------------------------------------------------


def test_the_dispatch_task_sends_what_is_due_and_returns_plain_counts(
    cim, invitees, settings, mailoutbox
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    convened(cim)
    result = dispatch_reminders.apply().get()
    assert result == {"sent": 3}
    assert json.loads(json.dumps(result)) == result  # what a broker can carry
    assert len(mailoutbox) == 3
    assert dispatch_reminders() == {}  # called again: nothing left due


def test_the_reconcile_task_repairs_the_outbox_and_returns_plain_counts(cim, invitees, partner_a):
    meeting = convened(cim)
    Reminder.objects.for_target(meeting).filter(recipient=partner_a, lead_days=7).delete()
    result = reconcile_reminders.apply().get()
    assert result["added"] == 1 and result["cancelled"] == 0
    assert json.loads(json.dumps(result)) == result
    assert reconcile_reminders()["added"] == 0


# What a sync must not write again --------------------------------------------------------


def test_a_meeting_moved_away_and_back_does_not_send_its_reminders_twice(
    cim, invitees, sink, partner_a
):
    meeting = convened(cim)
    assert reminders_dispatch(now=at(2027, 3, 3, 10))["sent"] == 6  # invitations and 7 days
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 20, 10), ends_at=at(2027, 3, 20, 12))
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 10, 10), ends_at=at(2027, 3, 10, 12))
    assert reminders_sync(target=meeting, expected=expected_for_meeting(meeting))["added"] == 0
    # Back on its first date: only the 1-day reminder is still owed.
    assert reminders_dispatch(now=at(2027, 3, 3, 10)).get("sent", 0) == 0
    assert reminders_dispatch(now=at(2027, 3, 9, 10))["sent"] == 3
    for user in invitees:
        sent = Reminder.objects.for_target(meeting).filter(recipient=user, state=State.SENT)
        assert sorted(sent.values_list("kind", "lead_days")) == [
            ("meeting_invitation", None),
            ("meeting_reminder", 1),
            ("meeting_reminder", 7),
        ]


# The service refuses what the form would ------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "weather"}, "is not a kind of reminder"),
        ({"channel": "pigeon"}, "Choose email, the portal, or both."),
        ({"lead_days": [0]}, "from 1 to 90"),
        ({"lead_days": [7, 91]}, "from 1 to 90"),
    ],
)
def test_a_preference_the_service_refuses_is_not_saved(db, partner_a, changes, message, settings):
    settings.LANGUAGE_CODE = "en"
    values = {"kind": "meeting_reminder", "channel": "both", "digest": False, "lead_days": [1]}
    with pytest.raises(ValidationError, match=message):
        preference_save(user=partner_a, **{**values, **changes})
    assert not ReminderPreference.objects.exists()


# The digest's 08:00 is on the portal's clock ----------------------------------------------


@pytest.mark.parametrize("zone", ["Africa/Casablanca", "Asia/Tokyo", "America/Sao_Paulo"])
def test_the_digest_goes_at_8_on_the_clock_of_settings_time_zone(settings, zone):
    settings.TIME_ZONE = zone
    local = ZoneInfo(zone)
    for moment in (
        datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC),
        datetime.datetime(2027, 3, 1, 7, 59, tzinfo=local),
        datetime.datetime(2027, 3, 1, 8, 0, tzinfo=local),
        datetime.datetime(2027, 3, 1, 8, 1, tzinfo=local),
    ):
        eight = next_digest_time(moment)
        assert eight.astimezone(local).time() == datetime.time(8, 0), (zone, moment)
        assert datetime.timedelta(0) <= eight - moment < datetime.timedelta(days=1)


def test_a_digest_reminder_waits_for_8_on_the_clock_of_settings_time_zone(
    cim, invitees, partner_a, settings
):
    settings.TIME_ZONE = "Asia/Tokyo"
    preference_save(
        user=partner_a, kind="meeting_reminder", channel="both", digest=True, lead_days=[7]
    )
    convened(cim, day=20)
    row = Reminder.objects.get(recipient=partner_a, kind="meeting_reminder")
    tokyo = row.next_attempt_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert tokyo.time() == datetime.time(8, 0)
    assert tokyo.date() == row.due_at.astimezone(ZoneInfo("Asia/Tokyo")).date()
    # 08:00 in Tokyo is 23:00 UTC the day before: not 08:00 in Casablanca.
    assert row.next_attempt_at.astimezone(datetime.UTC).hour == 23


# The operators' views of the outbox ------------------------------------------------------


def test_reminders_status_warns_of_dead_letters_and_says_how_late_the_oldest_is(
    cim, invitees, partner_a, capsys
):
    convened(cim)
    Reminder.objects.filter(pk=invitation_of(partner_a).pk).update(state=State.DEAD)
    call_command("reminders_status")
    output = capsys.readouterr().out
    assert "oldest due:" in output and "1 dead letters: see the admin" in output


def test_reminders_status_of_a_quiet_outbox_prints_only_the_counts(db, capsys):
    call_command("reminders_status")
    output = capsys.readouterr().out
    assert "pending    0" in output
    assert "oldest due" not in output and "dead letters" not in output


def test_the_admin_sends_again_only_dead_letters_and_sent_reminders(
    cim, invitees, client_as, administrator, partner_a, partner_b, settings
):
    settings.LANGUAGE_CODE = "en"
    convened(cim)
    dead, pending = invitation_of(partner_a), invitation_of(partner_b)
    Reminder.objects.filter(pk=dead.pk).update(state=State.DEAD, attempts=6, last_error="550")
    response = client_as(administrator).post(
        "/admin/reminders/reminder/",
        {"action": "resend", "_selected_action": [dead.pk, pending.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 reminder goes back in the queue." in page
    assert "Only dead letters and sent reminders can be sent again." in page
    dead.refresh_from_db()
    assert (dead.state, dead.attempts, dead.last_error) == (State.PENDING, 0, "")


def test_the_admin_names_a_preference_by_its_user_and_kind(client_as, administrator, partner_a):
    preference = preference_save(
        user=partner_a, kind="meeting_reminder", channel="email", digest=False, lead_days=[3]
    )
    page = assert_ok(
        client_as(administrator),
        f"/admin/reminders/reminderpreference/{preference.pk}/change/",
    ).content.decode()
    assert f"{partner_a} · Rappels des réunions" in page
