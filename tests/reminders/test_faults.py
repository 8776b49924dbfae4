"""Faults, against real Redis, PostgreSQL, SMTP and Celery worker processes.

These tests commit their data (transactional_db) so that the workers, in their own processes,
read the same outbox.
"""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings

from commissions.models import Meeting
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
