"""A notification or an email asks, when it is shown or sent, whether its reader may still see
its record: a partner taken off a commission hears nothing more of its meetings."""

import datetime

import pytest

from commissions.models import Membership
from commissions.services import meeting_postpone
from reminders.models import Reminder, State
from reminders.services import preference_save, reminders_dispatch
from tests.access import assert_ok
from tests.commissions.conftest import commission_with
from tests.commissions.world import at, convened, plan

# A meeting on Wednesday 10 March 2027; its 7-day reminder is due on the 3rd at 10:00.
SEVEN_DAYS_BEFORE = at(2027, 3, 3, 10, 1)


@pytest.fixture
def private_meeting(ministry, partner_a_org, partner_a, mailoutbox, settings):
    """A commission only partner A sits on, its meeting convened and the invitation sent."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission = commission_with("CPR", ministry, partner_a_org)
    meeting = convened(plan(commission, 10, month=3, year=2027))
    reminders_dispatch()
    assert any(partner_a.email in message.to for message in mailoutbox)
    mailoutbox.clear()
    return meeting


def take_off(meeting, organization) -> None:
    """Its seat ends yesterday; nothing else is told (the hourly reconcile would be)."""
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Membership.objects.filter(commission=meeting.commission, organization=organization).update(
        start_date=yesterday - datetime.timedelta(days=30), end_date=yesterday
    )


def test_the_list_and_the_bell_drop_a_meeting_its_reader_may_no_longer_see(
    private_meeting, partner_a, partner_a_org, client_as
):
    client = client_as(partner_a)
    assert private_meeting.number in assert_ok(client, "/notifications/").content.decode()
    take_off(private_meeting, partner_a_org)
    private_meeting.refresh_from_db()
    meeting_postpone(
        meeting=private_meeting,
        starts_at=at(2027, 3, 17, 10),
        ends_at=at(2027, 3, 17, 12),
        reason="Salle du conseil",
    )
    listed = assert_ok(client, "/notifications/").content.decode()
    assert private_meeting.number not in listed and "Salle du conseil" not in listed
    badge = client.get("/notifications/count/", headers={"HX-Request": "true"}).content.decode()
    assert 'id="bell-count"' in badge and "badge" not in badge
    assert client.get(f"/meetings/{private_meeting.pk}/").status_code == 404


def test_a_reminder_owed_before_its_reader_left_is_cancelled_not_emailed(
    private_meeting, partner_a, partner_a_org, mailoutbox
):
    take_off(private_meeting, partner_a_org)
    owed = Reminder.objects.filter(
        recipient=partner_a, kind="meeting_reminder", state=State.PENDING, lead_days=7
    ).get()
    reminders_dispatch(now=SEVEN_DAYS_BEFORE)
    assert not any(partner_a.email in message.to for message in mailoutbox)
    owed.refresh_from_db()
    assert owed.state == State.CANCELLED
    assert owed.last_error == "its recipient may no longer see its record"


def test_the_digest_leaves_out_what_its_reader_may_no_longer_see(
    ministry, partner_a_org, partner_a, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    preference_save(
        user=partner_a, kind="meeting_reminder", channel="email", digest=True, lead_days=[7]
    )
    commission = commission_with("CPR", ministry, partner_a_org)
    meeting = convened(plan(commission, 10, month=3, year=2027))
    take_off(meeting, partner_a_org)
    reminders_dispatch(now=at(2027, 3, 4, 8, 1))  # the digest of the 3rd's reminder
    digests = [m for m in mailoutbox if partner_a.email in m.to and "(1)" in m.subject]
    assert digests == []
    assert not Reminder.objects.filter(recipient=partner_a, digest=True, state=State.SENT).exists()
