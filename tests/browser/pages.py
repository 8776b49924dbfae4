"""What the browser tests do again and again: log in, look up an id, keep a screenshot."""

from pathlib import Path

import psycopg
from django_otp.oath import TOTP

from partners.demo import DEMO_PASSWORD, DEMO_TOTP_KEY

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if "/accounts/two-factor/verify/" in page.url:
        # The demo administrator and coordinator use the documented demo authenticator key.
        page.fill("#id_token", f"{TOTP(DEMO_TOTP_KEY).token():06d}")
        with page.expect_navigation():
            page.press("#id_token", "Enter")
    assert page.url.endswith("/") and "/accounts/" not in page.url, page.url


def connect(config: dict, dbname: str | None = None, **options) -> psycopg.Connection:
    """A connection from Django-style database settings (as django-environ parses them)."""
    return psycopg.connect(
        dbname=dbname or config["NAME"],
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        **options,
    )


def query_one(portal, sql: str, params=()):
    """Read the browser database directly (the test process's ORM points elsewhere)."""
    with connect(portal["database"]) as connection:
        return connection.execute(sql, params).fetchone()[0]


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
