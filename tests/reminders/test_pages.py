"""The bell, the notifications list and the preferences page."""

import datetime
import re

import pytest
from django.utils import translation

from commissions.services import meeting_convene
from reminders.models import Reminder, ReminderPreference
from reminders.services import reminders_dispatch
from tests.access import assert_ok, assert_redirects_to_login, count_queries
from tests.commissions.world import at, plan

PAGES = ["/notifications/", "/notifications/count/", "/notifications/preferences/"]


@pytest.fixture(autouse=True)
def in_english(settings):
    settings.LANGUAGE_CODE = "en"
    yield
    translation.activate("en")


@pytest.fixture
def delivered(cim, invitees, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    reminders_dispatch(now=at(2027, 3, 1, 9))
    return meeting


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(db, page):
    assert_redirects_to_login(page)


def test_the_bell_counts_what_is_unread_and_the_list_shows_it(
    delivered, client_as, partner_a, partner_b
):
    client = client_as(partner_a)
    bell = client.get("/notifications/count/", headers={"HX-Request": "true"}).content.decode()
    assert ">1<" in bell.replace(" ", "") and "<main" not in bell
    html = assert_ok(client, "/notifications/").content.decode()
    assert delivered.number in html and f"/meetings/{delivered.pk}/" in html
    mine = Reminder.objects.in_app_for(partner_a).get()
    client.post("/notifications/read/", {"pk": mine.pk})
    assert Reminder.objects.unread_for(partner_a).count() == 0
    assert Reminder.objects.unread_for(partner_b).count() == 1


def test_a_user_cannot_mark_anothers_notification(delivered, client_as, partner_a, partner_b):
    theirs = Reminder.objects.in_app_for(partner_b).get()
    client_as(partner_a).post("/notifications/read/", {"pk": theirs.pk})
    assert Reminder.objects.unread_for(partner_b).count() == 1
    response = client_as(partner_a).post("/notifications/read/", {"pk": "x"}, follow=True)
    assert "does not exist" in response.content.decode()


def test_mark_all_as_read(delivered, client_as, partner_a):
    client_as(partner_a).post("/notifications/read/")
    assert not Reminder.objects.unread_for(partner_a).exists()


def test_the_list_costs_constant_queries(cim, invitees, client_as, partner_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    counts = []
    for days in (range(1, 3), range(3, 13)):
        for day in days:
            meeting_convene(meeting=plan(cim, day, month=4, year=2027))
        reminders_dispatch(now=at(2027, 3, 1, 9))
        counts.append(count_queries(client_as(partner_a), "/notifications/"))
    assert counts[0] == counts[1] <= 10, counts


def mine(**values) -> dict:
    """A submission of the preferences page for meeting reminders."""
    return {f"meeting_reminder-{name}": value for name, value in values.items()}


def test_preferences_are_saved_per_kind(db, client_as, partner_a):
    response = client_as(partner_a).post(
        "/notifications/preferences/", mine(channel="email", digest="on", lead_days="10, 2")
    )
    assert response.status_code == 302, response.context["form"].errors
    preference = ReminderPreference.objects.get(user=partner_a)
    assert (preference.kind, preference.channel, preference.digest, preference.lead_days) == (
        "meeting_reminder",
        "email",
        True,
        [2, 10],
    )


def test_one_save_keeps_the_choices_of_every_kind(db, client_as, partner_a):
    client = client_as(partner_a)
    page = assert_ok(client, "/notifications/preferences/").content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert main.count("<form") == 1
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "an id used twice"
    for field in re.findall(r'<(?:select|input)[^>]*\sid="(id_[^"]+)"', page):
        assert f'for="{field}"' in page, f"{field} has no label"
    response = client.post(
        "/notifications/preferences/",
        {
            **mine(channel="email", lead_days="3"),
            "meeting_invitation-channel": "in_app",
            "minutes_approved-channel": "email",
            "minutes_approved-digest": "on",
        },
    )
    assert response.status_code == 302
    saved = {row.kind: (row.channel, row.digest) for row in partner_a.reminder_preferences.all()}
    assert saved == {
        "meeting_reminder": ("email", False),
        "meeting_invitation": ("in_app", False),
        "minutes_approved": ("email", True),
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"weather-channel": "email"}, "Choose how each kind of reminder reaches you."),
        (mine(channel="email", lead_days="7h"), "Give whole days from 1 to 90, separated by"),
        (mine(channel="email", lead_days="0, 120"), "Give whole days from 1 to 90, separated by"),
        (mine(channel="email", lead_days="1, 2, 3, 4, 5, 6"), "Five reminders at most."),
        (mine(channel="pigeon"), "Select a valid choice."),
        (
            {**mine(channel="email"), "meeting_invitation-channel": "pigeon"},
            "Some choices need correcting: see below. Nothing was saved.",
        ),
    ],
)
def test_a_bad_preference_gets_a_clear_message_and_saves_nothing(
    db, client_as, partner_a, data, message
):
    response = client_as(partner_a).post("/notifications/preferences/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_the_admin_shows_the_queue_by_state_and_sends_a_dead_letter_again(
    cim, invitees, client_as, administrator, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting_convene(meeting=plan(cim, 10, month=3, year=2027))
    dead = Reminder.objects.filter(kind="meeting_invitation").first()
    Reminder.objects.filter(pk=dead.pk).update(state="dead", attempts=6, last_error="550")
    client = client_as(administrator)
    page = assert_ok(client, "/admin/reminders/reminder/?state=dead").content.decode()
    assert "Dead letter: 1" in page and "Pending: 8" in page
    response = client.post(
        "/admin/reminders/reminder/",
        {"action": "resend", "_selected_action": [dead.pk]},
        follow=True,
    )
    assert "1 reminder goes back in the queue." in response.content.decode()
    dead.refresh_from_db()
    assert (dead.state, dead.attempts, dead.last_error) == ("pending", 0, "")


def test_the_bells_address_opened_without_htmx_shows_the_whole_notification_list(
    delivered, client_as, partner_a
):
    page = assert_ok(client_as(partner_a), "/notifications/count/").content.decode()
    assert "<main" in page and delivered.number in page


def sent_before_now(meeting, user, count: int):
    """`count` unread notifications of the meeting, due 1 to `count` minutes ago; returns now."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from reminders.models import Channel, State

    now = timezone.now()
    Reminder.objects.bulk_create(
        Reminder(
            target_type=ContentType.objects.get_for_model(meeting),
            target_id=meeting.pk,
            recipient=user,
            kind="meeting_reminder",
            lead_days=minutes,
            channel=Channel.BOTH,
            due_at=now - datetime.timedelta(minutes=minutes),
            next_attempt_at=now,
            state=State.SENT,
        )
        for minutes in range(1, count + 1)
    )
    return now


def test_past_ninety_nine_unread_the_bell_says_99_plus_without_counting_them_all(
    delivered, client_as, partner_a
):
    sent_before_now(delivered, partner_a, 119)
    client = client_as(partner_a)
    bell = client.get("/notifications/count/", headers={"HX-Request": "true"}).content.decode()
    assert ">99+<" in bell.replace(" ", "")
    assert "99+ unread" in assert_ok(client, "/notifications/").content.decode()
    client.post("/notifications/read/", {"pk": Reminder.objects.in_app_for(partner_a)[0].pk})
    # One read of 120 leaves 119: still more than the bell counts.
    assert "99+ unread" in client.get("/notifications/").content.decode()


def test_notices_of_approved_minutes_cost_the_same_queries(
    cim, invitees, client_as, partner_a, coordinator, settings
):
    from django.utils import timezone

    from commissions.services import minutes_approve, minutes_save
    from tests.commissions.world import held

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = held(plan(cim, 28, month=6, year=2026))
    counts = []
    for days in (range(1, 2), range(2, 6)):
        for day in days:
            meeting = held(plan(cim, day, month=5, year=2026))
            minutes = minutes_save(meeting=meeting, text="PV", user=coordinator)
            minutes_approve(minutes=minutes, at_meeting=later)
        reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
        counts.append(count_queries(client_as(partner_a), "/notifications/"))
    assert counts[0] == counts[1] <= 10, counts


def test_the_list_pages_through_the_newest_only_and_says_so(
    delivered, client_as, partner_a, monkeypatch
):
    from reminders import views

    monkeypatch.setattr(views, "LISTED", 5)
    now = sent_before_now(delivered, partner_a, 7)
    response = client_as(partner_a).get("/notifications/")
    assert response.context["page_obj"].paginator.count == 5
    assert "The newest 5 notifications are listed" in response.content.decode()
    # The newest first: the oldest two of the eight are not listed.
    due = [reminder.due_at for reminder, _message in response.context["items"]]
    assert due == sorted(due, reverse=True) and min(due) == now - datetime.timedelta(minutes=4)
