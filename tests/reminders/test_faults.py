"""Faults, against real Redis, PostgreSQL, SMTP and Celery worker processes.

These tests commit their data (transactional_db) so that the workers, in their own processes,
read the same outbox.
"""

import datetime
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from commissions.models import Meeting
from commissions.services import meeting_cancel, meeting_postpone
from reminders.models import Reminder, State
from tests.access import assert_ok
from tests.factories import PersonFactory, UserFactory
from tests.reporting import TOTALS

from .processes import Beat, PrivateRedis, Worker, send_dispatch, wait_until
from .smtp_sink import SmtpSink

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("workers"),
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def workers():
    started = []

    def start(*args, kind=Worker, **kwargs) -> Worker:
        worker = kind(*args, **kwargs)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def crowd(cim, partner_a_org):
    """Many focal points, half with an account and half only in the directory: a meeting
    convened for them owes many invitations at once."""

    def make(count: int):
        for number in range(count):
            address = f"fp{number}@example.org"
            if number % 2:
                PersonFactory(organization=partner_a_org, emails=[address])
            else:
                UserFactory(organization=partner_a_org, role="focal_point", email=address)

    return make


def convene_through_the_page(client, commission) -> Meeting:
    client.post(
        f"/commissions/{commission.pk}/meetings/new/",
        {"kind": "ordinary", "starts_at": "2027-03-10T10:00", "ends_at": "2027-03-10T12:00"},
    )
    meeting = Meeting.objects.get(commission=commission)
    started = time.monotonic()
    response = client.post(f"/meetings/{meeting.pk}/convene/")
    assert response.status_code == 302
    return meeting, time.monotonic() - started


def test_with_redis_down_saves_work_and_the_backlog_goes_out_once_it_is_back(
    cim, crowd, client_as, coordinator, private_redis, workers, settings
):
    crowd(40)
    settings.CELERY_BROKER_URL = settings.REDIS_URL = private_redis.url  # not started: down
    client = client_as(coordinator)
    meeting, took = convene_through_the_page(client, cim)
    assert took < 2.0, f"convening waited {took:.1f} s on the broker"
    assert_ok(client, f"/meetings/{meeting.pk}/")
    owed = Reminder.objects.filter(kind="meeting_invitation", state=State.PENDING).count()
    assert owed == 41  # the 40 focal points (20 without an account) and the coordinator

    with SmtpSink() as sink:
        private_redis.start()
        workers(private_redis.url, sink.port)
        send_dispatch(private_redis.url)
        assert wait_until(lambda: len(sink.messages) >= owed)
        assert wait_until(
            lambda: (
                not Reminder.objects.filter(kind="meeting_invitation", state=State.PENDING).exists()
            )
        )
    ids = sink.handler.message_ids()
    assert len(ids) == owed and max(ids.values()) == 1


def test_a_worker_killed_mid_batch_loses_nothing(
    cim, crowd, client_as, coordinator, private_redis, workers
):
    crowd(150)
    convene_through_the_page(client_as(coordinator), cim)
    owed = Reminder.objects.filter(kind="meeting_invitation").count()
    private_redis.start()
    lease = 2
    with SmtpSink(delay=0.01) as sink:
        first = workers(
            private_redis.url, sink.port, REMINDER_CHUNK=50, REMINDER_LEASE_SECONDS=lease
        )
        send_dispatch(private_redis.url)
        assert wait_until(lambda: len(sink.messages) >= 60)
        first.kill()
        killed_at = time.monotonic()
        received = len(sink.messages)
        assert received < owed, "the worker finished before it could be killed"
        # The killed worker's claim lapses after its lease; then another takes the rest.
        wait_until(lambda: time.monotonic() - killed_at > lease, every=0.2)
        workers(private_redis.url, sink.port, REMINDER_CHUNK=50, REMINDER_LEASE_SECONDS=lease)
        send_dispatch(private_redis.url)
        assert wait_until(lambda: len(sink.handler.message_ids()) >= owed)
        assert wait_until(
            lambda: (
                not Reminder.objects.exclude(state=State.SENT)
                .filter(kind="meeting_invitation")
                .exists()
            )
        )
    duplicates = len(sink.messages) - len(sink.handler.message_ids())
    TOTALS["reminder kills"] += 1
    TOTALS["reminder duplicates"] += duplicates
    TOTALS["reminder lost"] += owed - len(sink.handler.message_ids())
    assert len(sink.handler.message_ids()) == owed
    assert duplicates <= 1


def test_two_beat_processes_send_nothing_twice(
    cim, crowd, client_as, coordinator, private_redis, workers, tmp_path
):
    crowd(200)
    convene_through_the_page(client_as(coordinator), cim)
    owed = Reminder.objects.filter(kind="meeting_invitation").count()
    private_redis.start()
    with SmtpSink(delay=0.002) as sink:
        for _worker in range(2):
            workers(private_redis.url, sink.port, REMINDER_CHUNK=20)
        # Two beats, each ticking every second: the dispatch task runs twice as often as it
        # should, on two workers at once.
        for number in range(2):
            schedule = str(tmp_path / f"beat-{number}")
            beat = ("--scheduler", "celery.beat:PersistentScheduler", "-s", schedule)
            workers(private_redis.url, sink.port, *beat, kind=Beat, REMINDER_DISPATCH_SECONDS=1)
        assert wait_until(lambda: len(sink.messages) >= owed)
        assert wait_until(
            lambda: (
                not Reminder.objects.filter(kind="meeting_invitation")
                .exclude(state=State.SENT)
                .exists()
            )
        )
        # A few more ticks of both beats find nothing left to send.
        wait_until(lambda: False, timeout=2.5, every=0.5)
    ids = sink.handler.message_ids()
    assert len(ids) == owed and max(ids.values()) == 1
    assert len(sink.messages) == owed


def test_no_task_is_ever_queued_with_an_eta_or_a_countdown_longer_than_5_minutes():
    longest = 5 * 60
    offenders = []
    sources = [
        path
        for path in ROOT.rglob("*.py")
        if not {".venv", "var", "tests", "node_modules"} & set(path.relative_to(ROOT).parts)
    ]
    assert len(sources) > 50
    for path in sources:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\beta\s*=", text):
            offenders.append(f"{path}: eta=")
        for seconds in re.findall(r"\bcountdown\s*=\s*([^,)\n]+)", text):
            if not seconds.strip().isdigit() or int(seconds) > longest:
                offenders.append(f"{path}: countdown={seconds.strip()}")
    schedule = settings.CELERY_BEAT_SCHEDULE.values()
    offenders += [entry["task"] for entry in schedule if entry.get("options", {}).get("countdown")]
    assert offenders == []


# The drills of the second review: a chunk meets a cancel, a move, a slow server, crashes -------


def reminder_pk(message) -> int:
    return int(re.match(r"<reminder-(\d+)\.", message["Message-ID"]).group(1))


def invitations_in(messages, invitations: set[int]) -> list:
    return [
        m
        for m in messages
        if m["Message-ID"].startswith("<reminder-") and reminder_pk(m) in invitations
    ]


def dates_of(message) -> str:
    """The meeting's start in the calendar file the invitation carries."""
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            calendar = part.get_payload(decode=True).decode()
            return re.search(r"DTSTART[^:]*:(\d{8})", calendar).group(1)
    return ""


def settled(**filters) -> bool:
    return not Reminder.objects.filter(state__in=[State.PENDING, State.SENDING], **filters).exists()


def test_no_invitation_goes_out_after_its_meeting_is_cancelled_mid_chunk(
    cim, crowd, client_as, coordinator, private_redis, workers
):
    crowd(200)
    meeting, _took = convene_through_the_page(client_as(coordinator), cim)
    invitations = set(
        Reminder.objects.filter(kind="meeting_invitation").values_list("pk", flat=True)
    )
    private_redis.start()
    with SmtpSink(delay=0.02) as sink:
        workers(private_redis.url, sink.port, REMINDER_CHUNK=100)
        send_dispatch(private_redis.url)
        assert wait_until(lambda: len(sink.messages) >= 20)
        meeting.refresh_from_db()  # convened since
        meeting_cancel(meeting=meeting)
        before = len(invitations_in(sink.messages, invitations))
        assert before < len(invitations), "every invitation went before the cancel"
        assert wait_until(lambda: settled(kind="meeting_invitation"))
        wait_until(lambda: False, timeout=1.0)  # anything still on its way arrives
    delivered = invitations_in(sink.messages, invitations)
    after = len(delivered) - before
    TOTALS["reminders after a cancel"] += after
    # At most the message in flight as the cancel committed; each delivered once, and marked.
    assert after <= 1
    ids = Counter(message["Message-ID"] for message in delivered)
    assert max(ids.values()) == 1
    sent = Reminder.objects.filter(pk__in=invitations, state=State.SENT).count()
    assert sent == len(ids)
    assert Reminder.objects.filter(pk__in=invitations, state=State.CANCELLED).count() == (
        len(invitations) - sent
    )


def test_no_invitation_with_the_old_date_goes_out_after_a_move_mid_chunk(
    cim, crowd, client_as, coordinator, private_redis, workers
):
    crowd(200)
    meeting, _took = convene_through_the_page(client_as(coordinator), cim)
    old = Reminder.objects.filter(kind="meeting_invitation").count()
    private_redis.start()
    with SmtpSink(delay=0.02) as sink:
        workers(private_redis.url, sink.port, REMINDER_CHUNK=100)
        send_dispatch(private_redis.url)
        assert wait_until(lambda: len(sink.messages) >= 20)
        meeting.refresh_from_db()  # convened since
        meeting_postpone(
            meeting=meeting,
            starts_at=meeting.starts_at + datetime.timedelta(days=7),
            ends_at=meeting.ends_at + datetime.timedelta(days=7),
            reason="Salle indisponible",
        )
        moved_at = len(sink.messages)
        assert wait_until(lambda: settled(kind="meeting_invitation"))
        send_dispatch(private_redis.url)  # the new dates' invitations
        assert wait_until(lambda: settled(kind="meeting_invitation"))
        wait_until(lambda: False, timeout=1.0)
    late = [m for m in sink.messages[moved_at:] if dates_of(m) == "20270310"]
    TOTALS["old dates after a move"] += len(late)
    assert len(late) <= 1  # at most the message in flight as the move committed
    assert moved_at < old, "every invitation went before the move"
    # Everyone invited hears of the new date, once.
    new = Counter(m["To"] for m in sink.messages if dates_of(m) == "20270317")
    assert len(new) == old and max(new.values()) == 1


def test_a_slow_mail_server_never_makes_two_workers_send_one_reminder(
    cim, crowd, client_as, coordinator, private_redis, workers
):
    crowd(40)
    convene_through_the_page(client_as(coordinator), cim)
    owed = Reminder.objects.filter(kind="meeting_invitation").count()
    private_redis.start()
    lease = 2
    # A chunk of 20 at 0.25 s a message takes 5 s: more than twice its lease.
    with SmtpSink(delay=0.25) as sink:
        for _worker in range(2):
            workers(private_redis.url, sink.port, REMINDER_CHUNK=20, REMINDER_LEASE_SECONDS=lease)
        started = time.monotonic()
        while not settled(kind="meeting_invitation") and time.monotonic() - started < 60:
            send_dispatch(private_redis.url)  # a tick each second, to both workers
            wait_until(lambda: False, timeout=1.0)
        assert settled(kind="meeting_invitation")
    ids = sink.handler.message_ids()
    duplicates = len(sink.messages) - len(ids)
    TOTALS["slow server duplicates"] += duplicates
    assert len(ids) == owed and duplicates == 0


def test_workers_killed_further_apart_than_the_lease_cost_only_their_message_in_flight(
    cim, crowd, client_as, coordinator, private_redis, workers
):
    crowd(150)
    convene_through_the_page(client_as(coordinator), cim)
    owed = Reminder.objects.filter(kind="meeting_invitation").count()
    private_redis.start()
    lease, kills = 1, 3
    options = {"REMINDER_CHUNK": 50, "REMINDER_LEASE_SECONDS": lease, "REMINDER_MAX_ATTEMPTS": 3}
    with SmtpSink(delay=0.03) as sink:
        for kill in range(1, kills + 1):
            worker = workers(private_redis.url, sink.port, **options)
            send_dispatch(private_redis.url)
            assert wait_until(lambda kill=kill: len(sink.messages) >= 30 * kill)
            worker.kill()
            wait_until(lambda: False, timeout=lease + 0.5)  # its lease lapses
        workers(private_redis.url, sink.port, **options)
        send_dispatch(private_redis.url)
        assert wait_until(lambda: settled(kind="meeting_invitation"))
    ids = sink.handler.message_ids()
    duplicates = len(sink.messages) - len(ids)
    TOTALS["reminder kills"] += kills
    TOTALS["reminder duplicates"] += duplicates
    TOTALS["reminder lost"] += owed - len(ids)
    assert len(ids) == owed
    assert duplicates <= kills
    assert not Reminder.objects.filter(kind="meeting_invitation", state=State.DEAD).exists()
    charged = Reminder.objects.filter(kind="meeting_invitation", attempts__gt=0).count()
    assert charged <= kills  # only the messages in flight counted an attempt


def test_beat_sends_the_dispatch_as_it_starts_not_a_minute_later(
    cim, crowd, client_as, coordinator, private_redis, workers
):
    crowd(4)
    convene_through_the_page(client_as(coordinator), cim)
    owed = Reminder.objects.filter(kind="meeting_invitation").count()
    private_redis.start()
    with SmtpSink() as sink:
        workers(private_redis.url, sink.port)
        started = time.monotonic()
        workers(private_redis.url, sink.port, kind=Beat)  # the schedule of `make run`: 60 s
        assert wait_until(lambda: len(sink.handler.message_ids()) >= owed, timeout=30)
        took = time.monotonic() - started
    TOTALS["seconds to the first invitation after beat starts"] = round(took, 1)
    assert took < 20


def test_beat_says_one_line_when_the_broker_is_lost_and_one_when_it_is_back(
    private_redis, workers, tmp_path
):
    private_redis.start()
    log = tmp_path / "beat.log"
    with SmtpSink() as sink:
        beat = workers(
            private_redis.url, sink.port, kind=Beat, output=log, REMINDER_DISPATCH_SECONDS=1
        )
        wait_until(lambda: False, timeout=3)
        private_redis.stop()
        wait_until(lambda: False, timeout=8)  # eight ticks without a broker
        private_redis.start()
        wait_until(lambda: "is back" in log.read_text(), timeout=15)
        beat.stop()
    text = log.read_text()
    TOTALS["beat log lines during an 8 s outage"] = len(text.splitlines())
    assert text.count("the broker is unreachable") == 1, text[-3000:]
    assert text.count("the broker is back") == 1, text[-3000:]
    assert "Traceback" not in text, text[-3000:]
