"""Dates as the Moroccan administration writes them, in every language: the weekday, the day
before the month, Morocco's month names in Arabic, 24-hour times; never an ISO date in what a
person reads."""

import datetime
import re

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags

from commissions.services import agenda_item_add
from mra_portal.lib.dates import day_for_people, for_people
from reminders.models import Reminder
from reminders.services import reminders_dispatch
from tests.access import assert_ok
from tests.commissions.world import at, convened, plan

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Thursday 9 December 2027, 10:00 in Casablanca.
THURSDAY = at(2027, 12, 9, 10)


@pytest.mark.parametrize(
    ("language", "moment", "day"),
    [
        ("ar", "الخميس 9 دجنبر 2027، 10:00", "الخميس 9 دجنبر 2027"),
        ("fr", "jeudi 9 décembre 2027 à 10:00", "jeudi 9 décembre 2027"),
        ("en", "Thursday 9 December 2027, 10:00", "Thursday 9 December 2027"),
    ],
)
def test_a_moment_reads_with_its_weekday_day_first_and_24_hour_time(language, moment, day):
    with translation.override(language):
        assert for_people(THURSDAY) == moment
        assert day_for_people(THURSDAY.date()) == day


def test_arabic_writes_the_months_of_morocco():
    with translation.override("ar"):
        months = [for_people(at(2027, month, 1, 9)).split()[2] for month in range(1, 13)]
    assert months == [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ]


@pytest.fixture
def emails_of_a_meeting(world, mailoutbox, settings):
    """Every email a meeting on Thursday 9 December 2027 sends before it starts: invitations,
    the agenda notice and the reminders, to people in Arabic, French and English."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, people = world
    commission.name_ar = "اللجنة التقنية"  # a name that starts with ال
    commission.save(update_fields=["name_ar"])
    meeting = plan(commission, 9, month=12, year=2027)
    convened(meeting)
    agenda_item_add(meeting=meeting, title="Bilan 2027")
    reminders_dispatch(now=THURSDAY - datetime.timedelta(hours=1))
    assert len(mailoutbox) > 5
    return people, mailoutbox


def test_no_email_gives_a_person_an_iso_date(emails_of_a_meeting):
    _people, outbox = emails_of_a_meeting
    for message in outbox:
        html = next(body for body, kind in message.alternatives if kind == "text/html")
        for text in (message.subject, message.body, strip_tags(html)):
            assert not ISO_DATE.search(text), (message.subject, ISO_DATE.search(text))


def test_an_arabic_invitation_dates_the_meeting_as_morocco_writes_it(emails_of_a_meeting):
    people, outbox = emails_of_a_meeting
    (invitation, *_) = [
        message
        for message in outbox
        if message.to[0] == people["representative"].emails[0] and "9 دجنبر" in message.body
    ]
    assert "الخميس 9 دجنبر 2027، 10:00" in invitation.body
    assert "اللجنة التقنية" in invitation.body
    assert "لـال" not in invitation.body and "لـال" not in invitation.subject


def test_no_arabic_preposition_is_glued_to_a_name(emails_of_a_meeting):
    """A name may start with ال: "لـاللجنة" is wrong. The translations put no لـ or بـ right
    before a placeholder, and no Arabic email shows one glued to ال."""
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/ar/LC_MESSAGES/django.po"))
    glued = re.compile(r"(?<![\w])[لب]ـ(%\(|\{)")
    for entry in catalogue:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            assert not glued.search(text), entry.msgid
    _people, outbox = emails_of_a_meeting
    assert all("لـال" not in message.body and "بـال" not in message.body for message in outbox)


def test_an_arabic_meeting_page_dates_the_meeting_as_morocco_writes_it(
    world, coordinator, client_as
):
    commission, _people = world
    meeting = plan(commission, 9, month=12, year=2027)
    coordinator.language = "ar"
    coordinator.save(update_fields=["language"])
    page = assert_ok(client_as(coordinator), f"/meetings/{meeting.pk}/").content.decode()
    assert "الخميس 9 دجنبر 2027، 10:00" in page


def test_a_reminder_names_its_kind_and_date_for_people_in_the_admin(emails_of_a_meeting):
    reminder = Reminder.objects.filter(kind="meeting_invitation").first()
    with translation.override("ar"):
        shown, due = str(reminder), for_people(reminder.due_at)
    assert "meeting_invitation" not in shown and not ISO_DATE.search(shown)
    assert shown.startswith("الدعوات") and shown.endswith(due)
