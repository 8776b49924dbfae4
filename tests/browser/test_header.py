"""The header: one line at desktop widths in every language, and the bell's count on a phone."""

import re
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from psycopg import sql
from psycopg.rows import dict_row

from .pages import connect, screenshot

# One worker runs every browser test: they share one Chromium and one seeded portal.
pytestmark = pytest.mark.xdist_group("browser")

LANGUAGES = ["en", "fr", "ar"]
# Below 1200 px the entries fold under the menu button; from 1600 px the brand shows in full.
WIDTHS = [1024, 1280, 1440, 1600]
# The administrator has the most entries (Administration too), partner1 "My organisation".
ENTRIES = {"admin": 9, "partner1": 8, None: 1}

LAYOUT = """header => {
    const shown = element => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
    };
    const items = [...header.querySelectorAll(
        ".navbar-brand, .nav-link, .btn, .navbar-toggler"
    )].filter(shown);
    const problems = [];
    for (const item of items) {
        const style = getComputedStyle(item);
        const edges = ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"];
        const content = item.getBoundingClientRect().height
            - edges.reduce((sum, edge) => sum + parseFloat(style[edge]), 0);
        const line = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize);
        if (content > 1.5 * line) {
            const label = item.textContent.trim().replace(/\\s+/g, " ");
            problems.push(`"${label}" takes ${Math.round(content)}px for lines of ${line}px`);
        }
    }
    // Every item overlaps every other vertically: one row, nothing pushed under the rest.
    const boxes = items.map(item => item.getBoundingClientRect());
    if (Math.max(...boxes.map(box => box.top)) >= Math.min(...boxes.map(box => box.bottom))) {
        problems.push("the header's items sit on more than one row");
    }
    if (header.scrollWidth > header.clientWidth) {
        problems.push(`the header scrolls ${header.scrollWidth - header.clientWidth}px sideways`);
    }
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth) {
        problems.push(`the page scrolls ${page.scrollWidth - page.clientWidth}px sideways`);
    }
    return problems;
}"""


@pytest.fixture
def admin(signed_in):
    """The administrator, signed in once; another test may have just used this 30 s's code."""
    try:
        signed_in("admin")
    except AssertionError:
        time.sleep(31)
        signed_in("admin")
    return "admin"


@contextmanager
def unread_notification(portal, username: str):
    """One more unread notification for username, so the badge shows whatever ran before."""
    # A copy of one of the user's reminders, whatever columns the outbox has by then.
    with connect(portal["database"]) as connection:
        row = (
            connection.cursor(row_factory=dict_row)
            .execute(
                "SELECT r.* FROM reminders_reminder r "
                "JOIN accounts_user u ON u.id = r.recipient_id "
                "WHERE u.username = %s ORDER BY r.id LIMIT 1",
                [username],
            )
            .fetchone()
        )
        del row["id"]
        now = datetime.now(UTC)
        row.update(channel="in_app", state="sent", due_at=now - timedelta(minutes=1))
        row.update(read_at=None, lease_until=None, sent_at=now, next_attempt_at=now, created_at=now)
        insert = sql.SQL("INSERT INTO reminders_reminder ({}) VALUES ({}) RETURNING id").format(
            sql.SQL(", ").join(map(sql.Identifier, row)),
            sql.SQL(", ").join(sql.Placeholder() * len(row)),
        )
        (pk,) = connection.execute(insert, list(row.values())).fetchone()
    try:
        yield
    finally:
        with connect(portal["database"]) as connection:
            connection.execute("DELETE FROM reminders_reminder WHERE id = %s", [pk])


@contextmanager
def reading_in(portal, username: str | None, language: str):
    """The user's saved language set to `language` for the test (another test may have saved
    one, which would win over the browser's), then put back."""
    if username is None:
        yield
        return
    with connect(portal["database"]) as connection:
        (saved,) = connection.execute(
            "SELECT language FROM accounts_user WHERE username = %s", [username]
        ).fetchone()
        connection.execute(
            "UPDATE accounts_user SET language = %s WHERE username = %s", [language, username]
        )
    try:
        yield
    finally:
        with connect(portal["database"]) as connection:
            connection.execute(
                "UPDATE accounts_user SET language = %s WHERE username = %s", [saved, username]
            )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("username", ["admin", "partner1", None])
def test_every_entry_of_the_header_stays_on_one_line(request, new_page, portal, language, username):
    if username == "admin":
        request.getfixturevalue("admin")
    with reading_in(portal, username, language):
        header_fits(new_page(language, width=WIDTHS[0], user=username), language, username)


def header_fits(page, language: str, username: str | None) -> None:
    page.goto("/")
    header = page.locator("header.portal-header")
    brand = header.locator(".navbar-brand")
    # The brand's name is the portal's full name at every width, shown or read.
    full_name = brand.get_attribute("title")
    expect(brand).to_have_accessible_name(full_name)
    if username:
        expect(header.locator("#bell-count")).to_have_count(1)
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if width >= 1200:
            expect(header.locator(".navbar-toggler")).to_be_hidden()
            expect(header.locator(".nav-link:visible")).to_have_count(ENTRIES[username])
        else:
            expect(header.locator(".navbar-toggler")).to_be_visible()
            expect(header.locator(".nav-link:visible")).to_have_count(0)
        found = header.evaluate(LAYOUT)
        if found:
            problems[width] = found
        if username:
            # The bar mirrors in Arabic: the brand at the start edge, the bell at the end.
            brand_box = brand.bounding_box()
            bell_box = header.locator("a.bell").bounding_box()
            if language == "ar":
                assert brand_box["x"] > bell_box["x"] + bell_box["width"], width
            else:
                assert brand_box["x"] + brand_box["width"] < bell_box["x"], width
        screenshot(page, f"header-{username or 'anonymous'}-{language}-{width}")
    assert problems == {}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_on_a_phone_the_bell_shows_the_unread_count_with_the_menu_closed(
    new_page, portal, language
):
    with unread_notification(portal, "partner1"), reading_in(portal, "partner1", language):
        page = new_page(language, width=390, user="partner1")
        page.goto("/")
        expect(page.locator("#main-nav")).to_be_hidden()
        bell = page.locator("header a.bell")
        badge = bell.locator("#bell-count .badge")
        expect(badge).to_be_visible()
        expect(badge).to_have_text(re.compile(r"^\d+"))
        # The count replaced the bell's inside: still one element with its id.
        expect(page.locator("#bell-count")).to_have_count(1)
        box = bell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert page.evaluate("document.querySelector('header').scrollHeight") < 100
        if language == "en":
            expect(bell).to_have_accessible_name(re.compile(r"^Notifications \d+\+? unread$"))
        else:
            expect(bell).to_have_accessible_name(re.compile(r"\S+ \d+\+? \S+"))
        # The icon is drawn, not spoken: the words beside it name the link.
        icon = bell.locator("svg")
        expect(icon).to_have_attribute("aria-hidden", "true")
        expect(icon).to_have_attribute("focusable", "false")
        expect(icon).to_have_accessible_name("")
        assert icon.locator("title").count() == 0
        screenshot(page, f"header-phone-{language}-390")

        # The menu opens under the bar; the bell stays where it was.
        page.locator(".navbar-toggler").click()
        expect(page.locator("#main-nav")).to_be_visible()
        expect(page.locator("#main-nav .nav-link").first).to_be_visible()
        assert bell.bounding_box()["y"] == box["y"]


def test_the_account_button_is_named_by_the_person_signed_in(new_page):
    page = new_page("fr", width=1280, user="partner1")
    page.goto("/")
    account = page.locator("header .dropdown-toggle")
    expect(account).to_have_accessible_name("Karim Bennani")
    expect(account.locator("svg")).to_have_attribute("aria-hidden", "true")
    account.click()
    expect(page.locator("header .dropdown-menu")).to_contain_text("Karim Bennani")
