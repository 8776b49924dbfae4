"""Every kind of page keeps the layout's promises, in French and in Arabic.

A page built on base.html opens with a skip link to `#main`, the first link of the body, and
has one element `id="main"` (the `<main>` landmark, focusable so the skip moves the focus), the
header with its navigation, the footer with the ministry's telephone, and `<html lang dir>`.

Print pages (a convocation, approved minutes) are built on print.html: a document meant for
paper. The decision: they have `<html lang dir>`, the `<main id="main">` landmark and a labelled
toolbar (Back, Print) shown on screen only, but no portal header or footer, which would print.
With two controls before the content and a main landmark to jump to, they need no skip link.
"""

import re

import pytest
from django.test import Client

from tests.access import logged_in

LANGUAGES = {"fr": 'lang="fr" dir="ltr"', "ar": 'lang="ar" dir="rtl"'}

# kind of page: (who asks, its address from the cast's objects, the status it answers)
PAGES = {
    "public: login": ("anonymous", lambda o: "/accounts/login/", 200),
    "public: contact": ("anonymous", lambda o: "/contact/", 200),
    "public: password reset": ("anonymous", lambda o: "/accounts/password/reset/", 200),
    "public: password reset sent": ("anonymous", lambda o: "/accounts/password/reset/sent/", 200),
    "dashboard": ("partner1", lambda o: "/", 200),
    "list: partners": ("coordinator", lambda o: "/partners/", 200),
    "list: people": ("partner1", lambda o: "/people/", 200),
    "list: meetings": ("partner1", lambda o: "/meetings/", 200),
    "calendar": ("partner1", lambda o: "/meetings/calendar/", 200),
    "detail: organisation": ("partner1", lambda o: f"/partners/{o[1]['organization'].pk}/", 200),
    "detail: person": ("viewer", lambda o: f"/people/{o[1]['person'].pk}/", 200),
    "detail: commission": ("partner1", lambda o: f"/commissions/{o[1]['commission'].pk}/", 200),
    "detail: meeting": ("partner1", lambda o: f"/meetings/{o[1]['meeting'].pk}/", 200),
    "register: decisions": (
        "partner1",
        lambda o: f"/commissions/{o[1]['commission'].pk}/decisions/",
        200,
    ),
    "form: new person": ("officer", lambda o: "/people/new/", 200),
    "form: edit organisation": (
        "coordinator",
        lambda o: f"/partners/{o[1]['organization'].pk}/edit/",
        200,
    ),
    "form: answer an invitation": (
        "partner1",
        lambda o: f"/invitations/{o[1]['invitation'].pk}/answer/",
        200,
    ),
    "form: password change": ("partner1", lambda o: "/accounts/password/", 200),
    "history": ("viewer", lambda o: f"/partners/{o[1]['organization'].pk}/history/", 200),
    "notifications": ("partner1", lambda o: "/notifications/", 200),
    "notification preferences": ("partner1", lambda o: "/notifications/preferences/", 200),
    "error 404: no such page": ("partner1", lambda o: "/no-such-page/", 404),
    "error 404: another partner's record": (
        "partner1",
        lambda o: f"/meetings/{o[2]['meeting'].pk}/",
        404,
    ),
    "error 403: a record one may read but not change": (
        "viewer",
        lambda o: f"/partners/{o[1]['organization'].pk}/edit/",
        403,
    ),
    "error 403: a permission one lacks": ("viewer", lambda o: "/partners/new/", 403),
}
# kind of print page: (which of partner 1's meetings, the page under /meetings/<pk>/)
PRINT_PAGES = {
    "print: convocation": ("upcoming", "convocation/"),
    "print: minutes": ("meeting", "minutes/print/"),
}


def fetched(client: Client, url: str, language: str, status: int) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response.content.decode()


def body_of(page: str) -> str:
    return page[page.index("<body") :]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_has_a_skip_link_landmarks_and_the_footer_contact(kind, language, cast):
    users, objects = cast
    who, address, status = PAGES[kind]
    client = Client() if who == "anonymous" else logged_in(users[who])
    page = fetched(client, address(objects), language, status)
    body = body_of(page)
    assert f"<html {LANGUAGES[language]}>" in page
    first_link = re.search(r"<a\s[^>]*>", body)
    assert first_link and 'href="#main"' in first_link.group(), "the skip link comes first"
    assert len(re.findall(r'\sid="main"', page)) == 1
    assert re.search(r'<main id="main"[^>]*tabindex="-1"', body)
    assert body.index('href="#main"') < body.index("<header") < body.index("<main")
    assert body.index("</main>") < body.index("<footer")
    assert re.search(r"<nav\s[^>]*aria-label=", body)
    assert 'href="tel:+212-5-37-77-65-64"' in body


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PRINT_PAGES)
def test_print_pages_are_documents_with_a_main_landmark_and_a_screen_only_toolbar(
    kind, language, cast
):
    users, objects = cast
    meeting, page_of_meeting = PRINT_PAGES[kind]
    back = f"/meetings/{objects[1][meeting].pk}/"
    page = fetched(logged_in(users["partner1"]), back + page_of_meeting, language, 200)
    body = body_of(page)
    assert f"<html {LANGUAGES[language]}>" in page
    assert len(re.findall(r'\sid="main"', page)) == 1
    assert re.search(r'<main id="main"', body)
    toolbar = re.search(r'<nav class="screen-only[^"]*" aria-label="[^"]+">(.*?)</nav>', body, re.S)
    assert toolbar and body.index(toolbar.group()) < body.index("<main")
    assert f'href="{back}"' in toolbar.group(1) and "data-print" in toolbar.group(1)
    assert "portal-header" not in body and "portal-footer" not in body
