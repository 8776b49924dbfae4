"""`make bench-reminders`: 10,000 due reminders through the real worker, against a plain loop.

Both send to the same local SMTP server (aiosmtpd, in its own process, discarding what it
receives). The worker's time runs from the task's dispatch to the last reminder marked sent,
so it includes claiming, rendering each email in its recipient's language with its .ics, and
marking each one sent. The plain loop sends the very same messages, built beforehand, with
Django's send_messages over one connection, once before the worker and once after.
"""

import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mra_portal.settings")

import django  # noqa: E402

django.setup()

from celery import Celery  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.mail import get_connection  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from commissions.models import Commission, Meeting  # noqa: E402
from partners.models import Organization  # noqa: E402
from reminders.models import Reminder, State  # noqa: E402
from reminders.sending import build_email  # noqa: E402
from reminders.services import load_records  # noqa: E402
from tests.network import free_port  # noqa: E402
from tests.reminders.processes import Worker, wait_until  # noqa: E402

MEETINGS, RECIPIENTS = 100, 100  # 10,000 reminders


def make_reminders() -> None:
    # It empties the outbox it works on: only ever a benchmark database of its own.
    name = settings.DATABASES["default"]["NAME"]
    if not name.endswith("_bench"):
        raise SystemExit(f"refusing to run on {name!r}: use `make bench-reminders`")
    Reminder.objects.all().delete()
    ministry = Organization.objects.get(is_ministry=True)
    commission, _ = Commission.objects.get_or_create(
        code="BENCH", defaults={"kind": "technical", "name_fr": "Banc", "secretariat": ministry}
    )
    start = timezone.now() + datetime.timedelta(days=30)
    if not commission.meetings.exists():
        Meeting.objects.bulk_create(
            Meeting(
                commission=commission,
                year=start.year,
                sequence=number + 1,
                starts_at=start + datetime.timedelta(days=number),
                ends_at=start + datetime.timedelta(days=number, hours=2),
                status="convened",
                place="Rabat",
            )
            for number in range(MEETINGS)
        )
    users = list(User.objects.filter(username__startswith="bench-"))
    if not users:
        users = User.objects.bulk_create(
            User(
                username=f"bench-{number}",
                email=f"bench-{number}@example.org",
                organization=ministry,
                role=Role.VIEWER,
                language=("fr", "ar", "en")[number % 3],
            )
            for number in range(RECIPIENTS)
        )
    due = timezone.now() - datetime.timedelta(minutes=1)
    meeting_type = ContentType.objects.get_for_model(Meeting)
    Reminder.objects.bulk_create(
        Reminder(
            target_type=meeting_type,
            target_id=meeting.pk,
            recipient=user,
            kind="meeting_reminder",
            lead_days=7,
            channel="email",
            due_at=due,
            event_at=meeting.starts_at,
            next_attempt_at=due,
        )
        for meeting in commission.meetings.all()
        for user in users
    )


def worker_rate(broker: str, smtp_port: int) -> tuple[int, float]:
    app = Celery(broker=broker)
    app.control.purge()  # a dispatch left in the queue (by `make run`'s beat) would start early
    total = Reminder.objects.filter(state=State.PENDING).count()
    # Production settings (DEBUG off): templates are compiled once, as on a real server.
    worker = Worker(broker, smtp_port, DEBUG=0, ALLOWED_HOSTS="localhost")
    try:
        # Wait until the worker answers, so that its start-up is not counted.
        if not wait_until(lambda: app.control.ping(timeout=0.5), timeout=60):
            raise SystemExit("the worker did not start")
        if Reminder.objects.filter(state=State.PENDING).count() != total:
            raise SystemExit("something else sent the reminders: run the benchmark alone")
        started = time.perf_counter()
        app.send_task("reminders.tasks.dispatch_reminders")
        done = wait_until(
            lambda: not Reminder.objects.exclude(state=State.SENT).exists(),
            timeout=900,
            every=0.5,  # a light poll: the database serves the worker meanwhile
        )
        elapsed = time.perf_counter() - started
        if not done:
            raise SystemExit("the worker did not send everything within 15 minutes")
        return total, elapsed
    finally:
        app.close()
        worker.stop()


def plain_loop_rate() -> tuple[int, float]:
    rows = list(Reminder.objects.select_related("recipient", "target_type").order_by("pk"))
    load_records(rows)
    messages = []
    for row in rows:
        with translation.override(row.recipient.language or settings.LANGUAGE_CODE):
            messages.append(build_email(row))
    connection = get_connection()
    started = time.perf_counter()
    sent = connection.send_messages(messages)
    return sent, time.perf_counter() - started


def main() -> None:
    port = free_port()
    sink = subprocess.Popen(
        [
            *(sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"),
            *("-c", "aiosmtpd.handlers.Sink"),
        ],
    )
    try:
        time.sleep(1)  # the SMTP server binds its port
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        make_reminders()
        # The plain loop runs before and after the worker, so that a slower or quicker spell
        # of the machine does not fall on one side only.
        sent, before = plain_loop_rate()
        count, worker_seconds = worker_rate(os.environ["REDIS_URL"], port)
        _sent, after = plain_loop_rate()
        loop_seconds = (before + after) / 2
    finally:
        sink.terminate()
        sink.wait()
    worker = count / worker_seconds
    loop = sent / loop_seconds
    result = {
        "reminders": count,
        "worker_seconds": round(worker_seconds, 2),
        "worker_per_second": round(worker, 1),
        "plain_loop_seconds": round(loop_seconds, 2),
        "plain_loop_before_and_after": [round(before, 2), round(after, 2)],
        "plain_loop_per_second": round(loop, 1),
        "ratio": round(worker / loop, 3),
        "cpus": os.cpu_count(),
    }
    print(
        f"worker:     {count} reminders in {worker_seconds:.1f} s = {worker:.0f}/s\n"
        f"plain loop: {sent} messages in {loop_seconds:.1f} s = {loop:.0f}/s"
        f" (mean of {before:.1f} s before the worker and {after:.1f} s after)\n"
        f"ratio:      {worker / loop:.2f} (goal: at least 0.7)"
    )
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-reminders.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
