"""A reporting round reminds the focal points it still waits for, and only them."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from actionplans import services
from actionplans.reminders import DEADLINE, LATE, OVERDUE
from reminders.models import Reminder, State
from reminders.services import reminders_dispatch

from .world import plan_world

DAY = datetime.timedelta(days=1)


@pytest.fixture
def waiting(partner_a_org, partner_a, coordinator):
    """Partner A's round, its report returned: the responsible focal point owes it again."""
    world = plan_world("PA", partner_a_org, reporter=partner_a)
    services.report_return(report=world["report"], user=coordinator, comment="Compléter")
    return world


def owed(kind: str):
    return Reminder.objects.filter(kind=kind).exclude(state=State.CANCELLED)


def test_the_responsible_focal_point_is_reminded_before_the_deadline_in_their_language(
    waiting,
):
    person = waiting["responsible"]
    person.language = "ar"
    person.save()
    services.round_remind_late(reporting_round=waiting["round"])  # rewrites for the language
    assert {row.lead_days for row in owed(DEADLINE)} == {7, 1}
    reminders_dispatch(now=timezone.now() + 24 * DAY)
    sent = [message for message in mail.outbox if person.email in message.to]
    subjects = " ".join(message.subject for message in sent)
    assert waiting["round"].name in subjects
    assert "دورة التقارير" in subjects


def test_a_report_in_the_round_cancels_what_was_still_owed(waiting, partner_a):
    assert owed(DEADLINE).exists() and owed(OVERDUE).exists()
    services.report_submit(
        action=waiting["action"],
        user=partner_a,
        period="",
        progress=60,
        narrative="Complété",
        reporting_round=waiting["round"],
    )
    assert not owed(DEADLINE).exists() and not owed(OVERDUE).exists()


def test_the_late_ones_are_reminded_at_once_and_the_notice_follows_the_deadline(waiting):
    services.round_remind_late(reporting_round=waiting["round"])
    late = owed(LATE).get()
    assert late.due_at <= timezone.now()
    overdue = owed(OVERDUE).get()
    assert timezone.localtime(overdue.due_at).date() == waiting["round"].deadline + DAY
    reminders_dispatch(now=timezone.now() + 40 * DAY)
    assert Reminder.objects.filter(kind=OVERDUE, state=State.SENT).count() == 1
