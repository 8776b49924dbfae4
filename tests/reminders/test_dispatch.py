"""Sending through a real SMTP server: once each, at the right instant, retried or dead-lettered."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone, translation

from commissions.services import meeting_convene, meeting_postpone
from reminders.models import Reminder, State
from reminders.services import next_digest_time, preference_save, reminders_dispatch
from tests.commissions.world import at, plan
from tests.factories import UserFactory


def convened(cim, day=10, month=3, year=2027, hour=10):
    meeting = plan(cim, day, hour=hour, month=month, year=year)
    meeting_convene(meeting=meeting)
    return meeting


def test_due_reminders_go_out_once_with_text_html_ics_and_a_stable_message_id(
    cim, invitees, sink, partner_a
):
    meeting = convened(cim)
    now = at(2027, 3, 1, 9)  # invitations due, reminders not yet
    assert reminders_dispatch(now=now)["sent"] == 3
    assert reminders_dispatch(now=now)["sent"] == 0
    assert len(sink.messages) == 3
    message = next(m for m in sink.messages if m["To"] == partner_a.email)
    reminder = Reminder.objects.get(recipient=partner_a, kind="meeting_invitation")
    assert message["Message-ID"] == reminder.message_id
    parts = {part.get_content_type(): part for part in message.walk()}
    assert {"text/plain", "text/html", "text/calendar"} <= set(parts)
    assert meeting.number in message["Subject"]
    assert "/notifications/preferences/" in parts["text/plain"].get_payload(decode=True).decode()
    assert b"DTSTART:20270310T100000Z" in parts["text/calendar"].get_payload(decode=True)


def test_each_reminder_goes_out_at_its_instant_across_the_ramadan_clock_change(cim, invitees, sink):
    # 10:00 on 18 March 2027 is UTC+1 (Ramadan's UTC+0 ended on the 14th); 7 days before,
    # 10:00 on the 11th, is still UTC+0. Each goes out at 10:00 Casablanca time, once.
    convened(cim, day=18)
    reminders_dispatch(now=at(2027, 3, 1, 9))  # the invitations
    seven = datetime.datetime(2027, 3, 11, 10, tzinfo=datetime.UTC)
    one = datetime.datetime(2027, 3, 17, 9, tzinfo=datetime.UTC)
    minute = datetime.timedelta(minutes=1)
    for instant, expected in ((seven - minute, 0), (seven, 3), (seven + minute, 0)):
        assert reminders_dispatch(now=instant)["sent"] == expected, instant
    for instant, expected in ((one - minute, 0), (one, 3), (one + 9 * minute, 0)):
        assert reminders_dispatch(now=instant)["sent"] == expected, instant
    assert len(sink.messages) == 9
    assert len(sink.handler.message_ids()) == 9


def test_a_moved_meeting_sends_nothing_for_the_old_time(cim, invitees, sink):
    meeting = convened(cim)
    reminders_dispatch(now=at(2027, 3, 1, 9))
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 24, 10), ends_at=at(2027, 3, 24, 12))
    # The new invitation goes; at the old reminder times, nothing.
    assert reminders_dispatch(now=at(2027, 3, 3, 10))["sent"] == 3
    assert reminders_dispatch(now=at(2027, 3, 9, 10))["sent"] == 0
    assert reminders_dispatch(now=at(2027, 3, 17, 10))["sent"] == 3


def test_a_reminder_whose_event_has_passed_is_skipped_not_sent(cim, invitees, sink):
    convened(cim)
    totals = reminders_dispatch(now=at(2027, 3, 10, 11))
    assert totals["skipped"] == 9 and totals.get("sent", 0) == 0
    assert sink.messages == []


def test_a_permanent_bounce_is_dead_lettered_at_once_and_the_others_still_go(
    cim, invitees, sink, partner_a_org
):
    UserFactory(organization=partner_a_org, role="focal_point", email="bounce@example.org")
    convened(cim)
    totals = reminders_dispatch(now=at(2027, 3, 1, 9))
    assert totals["dead"] == 1 and totals["sent"] == 3
    dead = Reminder.objects.get(state=State.DEAD)
    assert dead.attempts == 1 and "550" in dead.last_error


def test_a_temporary_failure_is_retried_with_backoff_then_dead_lettered(
    cim, invitees, sink, partner_a_org, settings
):
    UserFactory(organization=partner_a_org, role="focal_point", email="busy@example.org")
    convened(cim)
    now = at(2027, 3, 1, 9)
    assert reminders_dispatch(now=now)["retried"] == 1
    busy = Reminder.objects.get(recipient__email="busy@example.org", kind="meeting_invitation")
    assert busy.state == State.PENDING and "451" in busy.last_error
    delay = busy.next_attempt_at - now
    assert datetime.timedelta(seconds=47) <= delay <= datetime.timedelta(seconds=73)
    for _attempt in range(settings.REMINDER_MAX_ATTEMPTS - 1):
        now = busy.next_attempt_at
        reminders_dispatch(now=now)
        busy.refresh_from_db()
    assert busy.state == State.DEAD and busy.attempts == settings.REMINDER_MAX_ATTEMPTS


def test_emails_speak_the_recipients_language(cim, invitees, sink, partner_a):
    partner_a.language = "ar"
    partner_a.save()
    convened(cim)
    reminders_dispatch(now=at(2027, 3, 1, 9))
    message = next(m for m in sink.messages if m["To"] == partner_a.email)
    html = next(p for p in message.walk() if p.get_content_type() == "text/html")
    assert 'dir="rtl"' in html.get_payload(decode=True).decode()
    translation.activate("en")


def test_in_app_only_users_get_no_email_but_a_notification(cim, invitees, sink, partner_a):
    preference_save(
        user=partner_a, kind="meeting_invitation", channel="in_app", digest=False, lead_days=[]
    )
    convened(cim)
    reminders_dispatch(now=at(2027, 3, 1, 9))
    assert partner_a.email not in {m["To"] for m in sink.messages}
    assert Reminder.objects.unread_for(partner_a).count() == 1


def test_the_daily_digest_groups_a_users_emails_at_8_in_casablanca(
    cim, other_commission, invitees, sink, partner_a, ministry, partner_a_org
):
    from commissions.models import Membership

    Membership.objects.create(commission=other_commission, organization=partner_a_org)
    for kind in ("meeting_invitation", "meeting_reminder"):
        preference_save(user=partner_a, kind=kind, channel="both", digest=True, lead_days=[])
    convened(cim)
    convened(other_commission, day=11)
    now = timezone.now()
    assert reminders_dispatch(now=now)["sent"] == 4  # the others' invitations, at once
    eight = next_digest_time(now)
    assert timezone.localtime(eight).time() == datetime.time(8, 0)
    assert reminders_dispatch(now=eight - datetime.timedelta(minutes=1)).get("sent", 0) == 0
    assert reminders_dispatch(now=eight)["sent"] == 2  # one email, two items
    digest = [m for m in sink.messages if m["To"] == partner_a.email]
    assert len(digest) == 1 and "(2)" in digest[0]["Subject"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_dispatchers_at_once_send_nothing_twice(
    cim, ministry, partner_a_org, partner_b_org, sink
):
    for number in range(60):
        UserFactory(organization=partner_a_org, role="focal_point", email=f"u{number}@example.org")
    convened(cim)
    now = at(2027, 3, 1, 9)
    total = Reminder.objects.filter(kind="meeting_invitation").count()
    results = []

    def run():
        try:
            results.append(reminders_dispatch(now=now, chunk=5))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result["sent"] for result in results) == total
    assert all(result["sent"] for result in results), "both dispatchers took a share"
    ids = sink.handler.message_ids()
    assert len(ids) == total and max(ids.values()) == 1
