"""The .ics of a meeting and each user's private feed: right instants, scoped, revocable."""

import datetime
import re

import pytest
from django.test import Client
from icalendar import Calendar

from commissions.models import CalendarFeed
from commissions.services import meeting_cancel, meeting_postpone
from tests.access import assert_ok

from .world import at, convened, plan


def events(response) -> dict[str, dict]:
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    # Keyed by number, whether or not the title says it was cancelled ("Annulée : …").
    numbers = (
        str(event["summary"]).split(" · ")[0].split(" : ")[-1] for event in calendar.walk("VEVENT")
    )
    return dict(zip(numbers, calendar.walk("VEVENT"), strict=True))


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        # Before Ramadan 2027 Morocco is on UTC+1; from 7 February to 14 March on UTC+0.
        ((2027, 1, 21, 10), datetime.datetime(2027, 1, 21, 9, tzinfo=datetime.UTC)),
        ((2027, 2, 18, 10), datetime.datetime(2027, 2, 18, 10, tzinfo=datetime.UTC)),
        ((2027, 3, 18, 10), datetime.datetime(2027, 3, 18, 9, tzinfo=datetime.UTC)),
        # Ramadan 2026: UTC+0 from 15 February to 22 March.
        ((2026, 3, 2, 10), datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)),
    ],
)
def test_the_ics_gives_the_right_instant_across_the_ramadan_clock_changes(
    cim, client_as, partner_a, local, utc
):
    year, month, day, hour = local
    meeting = plan(cim, day, hour=hour, month=month, year=year)
    response = assert_ok(client_as(partner_a), f"/meetings/{meeting.pk}/meeting.ics")
    event = events(response)[meeting.number]
    assert event.decoded("dtstart") == utc
    assert event.decoded("dtend") == utc + datetime.timedelta(hours=2)
    assert event["dtstart"].to_ical().endswith(b"Z")


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence(cim, client_as, partner_a):
    meeting = plan(cim, 10, month=12)
    before = events(client_as(partner_a).get(f"/meetings/{meeting.pk}/meeting.ics"))
    meeting_postpone(meeting=meeting, starts_at=at(2026, 12, 17, 10), ends_at=at(2026, 12, 17, 12))
    after = events(client_as(partner_a).get(f"/meetings/{meeting.pk}/meeting.ics"))
    assert before[meeting.number]["uid"] == after[meeting.number]["uid"]
    assert (before[meeting.number]["sequence"], after[meeting.number]["sequence"]) == (0, 1)
    assert after[meeting.number].decoded("dtstart") == at(2026, 12, 17, 10)


def subscribe(client) -> str:
    response = assert_ok(client, "/meetings/subscription/")
    response = client.post("/meetings/subscription/", {"action": "renew"})
    return response.context["feed_url"].removeprefix("http://testserver")


def test_the_private_feed_carries_the_meetings_the_user_may_see_and_no_other(
    cim, other_commission, client_as, partner_a
):
    mine, theirs = plan(cim, 10, month=12), plan(other_commission, 10, month=12)
    convened(mine)
    cancelled = plan(cim, 17, month=12)
    meeting_cancel(meeting=cancelled)
    feed = subscribe(client_as(partner_a))
    found = events(Client().get(feed))  # a calendar application: no session, only the token
    assert set(found) == {mine.number, cancelled.number}
    assert theirs.number not in found
    assert found[mine.number]["status"] == "CONFIRMED"
    assert found[cancelled.number]["status"] == "CANCELLED"


def test_only_a_digest_of_the_token_is_stored(cim, client_as, partner_a):
    feed = subscribe(client_as(partner_a))
    token = feed.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarFeed.objects.filter(token_digest=token).exists()
    assert CalendarFeed.objects.get(user=partner_a).token_digest != token


def test_a_renewed_or_revoked_feed_stops_working_at_once(cim, client_as, partner_a):
    client = client_as(partner_a)
    first = subscribe(client)
    second = subscribe(client)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    client.post("/meetings/subscription/", {"action": "revoke"})
    response = Client().get(second)
    assert response.status_code == 404
    assert "inconnue ou a été révoquée" in response.content.decode()  # French, the default


def test_an_unknown_token_gets_a_clear_404(db):
    for token in ("nope", "x" * 500, "%00", "../../etc/passwd"):
        response = Client().get(f"/meetings/subscription/{token}.ics")
        assert response.status_code == 404


def test_a_deactivated_users_feed_stops(cim, client_as, partner_a):
    feed = subscribe(client_as(partner_a))
    partner_a.is_active = False
    partner_a.save()
    assert Client().get(feed).status_code == 404


def test_the_feed_speaks_the_users_language(cim, client_as, partner_a):
    plan(cim, 10, month=12)
    partner_a.language = "ar"
    partner_a.save()
    calendar = Calendar.from_ical(Client().get(subscribe(client_as(partner_a))).content)
    assert "لجنة CIM" in str(calendar.walk("VEVENT")[0]["summary"])


def test_an_unknown_subscription_action_gets_a_message(client_as, partner_a):
    response = client_as(partner_a).post("/meetings/subscription/", {"action": "explode"})
    assert response.status_code == 200
    assert not CalendarFeed.objects.exists()


def test_the_feed_asks_calendars_to_refresh_it_hourly(cim, client_as, partner_a):
    plan(cim, 10, month=12, year=2027)
    ics = Client().get(subscribe(client_as(partner_a))).content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in ics
    assert "X-PUBLISHED-TTL:PT1H\r\n" in ics


def test_a_cancelled_meeting_is_titled_cancelled_in_the_feed(cim, client_as, partner_a):
    meeting = convened(plan(cim, 10, month=12, year=2027))
    meeting_cancel(meeting=meeting)
    calendar = Calendar.from_ical(Client().get(subscribe(client_as(partner_a))).content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == f"Annulée : {meeting.number} · Commission CIM"
    assert str(event["status"]) == "CANCELLED"


def test_the_new_address_comes_with_a_webcal_link_and_a_copy_button(client_as, partner_a):
    page = client_as(partner_a).post("/meetings/subscription/", {"action": "renew"})
    html = page.content.decode()
    address = re.search(r'<textarea[^>]*id="feed-url"[^>]*>([^<]+)</textarea>', html)[1]
    assert address.startswith("http") and address.endswith(".ics")
    assert f'href="webcal://{address.split("://", 1)[1]}"' in html
    assert 'data-copy="feed-url"' in html and "js/copy.js" in html
    assert Client().get(address).status_code == 200
