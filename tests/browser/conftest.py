"""The browser harness: one Chromium, one gunicorn, one seeded database for every browser test.

The portal runs in gunicorn on a free port against its own database (the test database's name
plus `_browser`), migrated and seeded once per session with `seed_demo`. Tests drive Debian's
/usr/bin/chromium through Playwright. Where chromium is missing the tests skip, except under CI,
where a missing browser fails the run.
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import environ
import pytest

from tests.network import free_port
from tests.reporting import TOTALS

from .pages import connect, log_in

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"{CHROMIUM} is missing under CI: .ci/run must install chromium")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: `apt-get install chromium` to run")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


def browser_database_url() -> tuple[str, dict]:
    url = os.environ["DATABASE_URL"]
    config = environ.Env.db_url_config(url)
    name = f"{config['NAME']}_browser{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    return re.sub(r"/[^/?]+(\?|$)", rf"/{name}\1", url, count=1), {**config, "NAME": name}


def recreate_database(config: dict) -> None:
    with connect(config, "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    """The base URL of a seeded portal served by gunicorn, and its database settings."""
    started = time.monotonic()
    url, config = browser_database_url()
    recreate_database(config)
    # Production settings, as a user meets them, but over plain HTTP on the loopback.
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "LOG_LEVEL": "WARNING",
        # Where an upload would be spooled: the limits' test finds it empty.
        "TMPDIR": str(tmp_path_factory.mktemp("spool")),
    }
    commands = (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["seed_demo", "--allow-demo-users"],
    )
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    command = [gunicorn, "mra_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/healthz", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("gunicorn did not answer /healthz within 30 s") from None
            time.sleep(0.2)
    TOTALS["browser setup ms"] += round((time.monotonic() - started) * 1000)
    yield {"url": base_url, "database": config, "spool": Path(env["TMPDIR"])}
    server.terminate()
    server.wait(10)
    TOTALS["browser total ms"] += round((time.monotonic() - started) * 1000)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def signed_in(browser, portal):
    """signed_in("coordinator") → that user's cookies, logged in once for the whole session.

    A one-time code cannot be used twice, so the administrator and coordinator log in once.
    """
    states = {}

    def state(username: str) -> dict:
        if username not in states:
            context = browser.new_context(base_url=portal["url"])
            log_in(context.new_page(), username)
            states[username] = context.storage_state()
            context.close()
        return states[username]

    return state


@pytest.fixture
def new_page(browser, portal, signed_in):
    """new_page("ar", user="coordinator") → a fresh browser tab, signed in as user if given."""
    contexts = []

    def make(language: str = "fr", width: int = 1280, user: str | None = None):
        context = browser.new_context(
            base_url=portal["url"],
            viewport={"width": width, "height": 900},
            accept_downloads=True,
            locale=language,
            storage_state=signed_in(user) if user else None,
        )
        context.add_cookies([{"name": "django_language", "value": language, "url": portal["url"]}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()
