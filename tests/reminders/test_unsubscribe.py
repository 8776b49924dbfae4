"""Good email citizenship: a person without an account stops the reminders before meetings
in one click (RFC 8058), and still hears of convocations and changes."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from commissions.services import meeting_postpone
from reminders.models import Reminder, State, Unsubscription
from reminders.services import reminders_dispatch, reminders_reconcile
from tests.commissions.world import at, convened, plan

ONE_CLICK = {"List-Unsubscribe": "One-Click"}
ENGLISH = {"accept-language": "en"}


@pytest.fixture(autouse=True)
def kept_emails(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def written(world, mailoutbox):
    """The invitations sent; the focal point's email and its stop link."""
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
    person = people["focal point"]
    email = next(m for m in mailoutbox if m.to[0] == person.emails[0])
    link = re.search(
        r"<http://[^/>]+(/notifications/stop/[^>]+/)>", email.extra_headers["List-Unsubscribe"]
    )
    return meeting, person, email, link.group(1)


def reminders_of(meeting, person, kind="meeting_reminder"):
    return Reminder.objects.for_target(meeting).filter(person_id=person.pk, kind=kind)


def test_a_persons_email_offers_one_click_and_an_accounts_its_preferences(
    written, mailoutbox, partner_a
):
    _meeting, _person, email, link = written
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in email.body  # and the footer says it in words
    account = next(m for m in mailoutbox if m.to[0] == partner_a.email)
    assert "/notifications/preferences/" in account.extra_headers["List-Unsubscribe"]
    assert "List-Unsubscribe-Post" not in account.extra_headers


def test_one_click_stops_the_reminders_but_never_the_notices(written, mailoutbox):
    meeting, person, _email, link = written
    assert reminders_of(meeting, person).filter(state=State.PENDING).exists()
    # The mail client posts without a session or a CSRF token.
    response = Client(enforce_csrf_checks=True).post(link, ONE_CLICK)
    assert response.status_code == 200
    assert not reminders_of(meeting, person).filter(state=State.PENDING).exists()
    assert reminders_reconcile()["added"] == 0  # the next reconcile does not write them again
    mailoutbox.clear()
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 17, 10), ends_at=at(2027, 3, 17, 12))
    assert not reminders_of(meeting, person).filter(state=State.PENDING).exists()
    reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
    # The new date still reaches them: it is how their seat hears of the meeting.
    assert any(m.to[0] == person.emails[0] for m in mailoutbox)


def test_opening_the_link_only_asks(written, client):
    meeting, person, _email, link = written
    page = client.get(link)
    assert page.status_code == 200 and person.emails[0] in page.content.decode()
    assert not Unsubscription.objects.exists()
    assert reminders_of(meeting, person).filter(state=State.PENDING).exists()


def test_they_may_have_the_reminders_again(written, client):
    meeting, person, _email, link = written
    client.post(link)
    assert Unsubscription.objects.count() == 1
    client.post(link, {"resume": "1"})
    assert not Unsubscription.objects.exists()
    reminders_reconcile()
    assert reminders_of(meeting, person).filter(state=State.PENDING).exists()


@pytest.mark.parametrize("alteration", ["tampered", "truncated", "garbage", "answer link"])
def test_an_altered_stop_link_stops_nothing_and_says_so(written, client, alteration):
    from commissions.links import answer_path

    meeting, person, _email, link = written
    token = link.removeprefix("/notifications/stop/").removesuffix("/")
    altered = {
        "tampered": token[:-3] + ("abc" if not token.endswith("abc") else "xyz"),
        "truncated": token[: len(token) // 2],
        "garbage": "%00" + "x" * 300,
        # Another signed value of the portal is not a stop link.
        "answer link": answer_path(meeting.pk, person.pk).split("/")[2],
    }[alteration]
    for method in (client.get, client.post):
        response = method(f"/notifications/stop/{altered}/", ONE_CLICK, headers=ENGLISH)
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    assert not Unsubscription.objects.exists()


def test_a_link_for_someone_never_written_to_opens_nothing(world, client):
    from django.contrib.contenttypes.models import ContentType

    from reminders.links import stop_path

    _commission, people = world
    person = people["former"]
    path = stop_path(ContentType.objects.get_for_model(person).pk, person.pk)
    assert client.post(path, ONE_CLICK).status_code == 404
    assert not Unsubscription.objects.exists()


def test_the_persons_page_says_they_stopped_them(written, client_as, coordinator):
    _meeting, person, _email, link = written
    page = client_as(coordinator).get(person.get_absolute_url(), headers=ENGLISH)
    assert "Stopped the reminders before meetings" not in page.content.decode()
    Client().post(link, ONE_CLICK)
    page = client_as(coordinator).get(person.get_absolute_url(), headers=ENGLISH)
    assert "Stopped the reminders before meetings from an email" in page.content.decode()


def test_the_stop_page_costs_the_same_queries_however_much_was_written(written, world, client):
    from tests.access import count_queries

    commission, _people = world
    _meeting, _person, _email, link = written
    counts = [count_queries(client, link)]
    for day in (11, 12, 13):  # three more meetings write to the same person
        convened(plan(commission, day, year=2027))
    counts.append(count_queries(client, link))
    assert counts[0] == counts[1] <= 10, counts
