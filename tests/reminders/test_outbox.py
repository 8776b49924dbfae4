"""The outbox follows its meetings: written with them, moved, cancelled, never doubled."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from commissions.models import Invitation
from commissions.services import (
    invitation_answer,
    meeting_cancel,
    meeting_convene,
    meeting_plan,
    meeting_postpone,
)
from reminders.models import Reminder, State
from reminders.services import reminders_reconcile, reminders_sync
from tests.commissions.world import at, plan

UTC = datetime.UTC


def rows(meeting, **filters):
    return Reminder.objects.for_target(meeting).filter(**filters)


def due_times(meeting, user, kind="meeting_reminder"):
    return sorted(
        rows(meeting, recipient=user, kind=kind, state=State.PENDING).values_list(
            "due_at", flat=True
        )
    )


def test_convening_writes_the_invitation_and_two_reminders_per_invitee(
    cim, invitees, partner_a_viewer
):
    meeting = plan(cim, 10, month=3, year=2027)
    assert not rows(meeting).exists()  # a planned meeting owes nothing yet
    meeting_convene(meeting=meeting)
    for user in invitees:
        assert rows(meeting, recipient=user, kind="meeting_invitation").count() == 1
        assert due_times(meeting, user) == [at(2027, 3, 3, 10), at(2027, 3, 9, 10)]
    assert not rows(meeting, recipient=partner_a_viewer).exists()


def test_syncing_again_and_reconciling_add_nothing(cim, invitees):
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    before = set(rows(meeting).values_list("pk", "due_at", "state"))
    from commissions.reminders import expected_for_meeting

    assert reminders_sync(target=meeting, expected=expected_for_meeting(meeting))["added"] == 0
    totals = reminders_reconcile()
    assert (totals["added"], totals["cancelled"], totals["moved"]) == (0, 0, 0)
    assert set(rows(meeting).values_list("pk", "due_at", "state")) == before


def test_reconcile_repairs_a_missing_row_and_cancels_an_orphan(cim, invitees, partner_a):
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    rows(meeting, recipient=partner_a, lead_days=7).delete()
    Reminder.objects.filter(pk=rows(meeting, recipient=partner_a, lead_days=1).get().pk).update(
        target_id=999_999
    )
    totals = reminders_reconcile()
    assert totals["added"] == 2 and totals["cancelled"] == 1
    assert due_times(meeting, partner_a) == [at(2027, 3, 3, 10), at(2027, 3, 9, 10)]


def test_postponing_moves_the_reminders_and_keeps_one_row_each(cim, invitees, partner_a):
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    count = rows(meeting).count()
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 24, 15), ends_at=at(2027, 3, 24, 17))
    assert due_times(meeting, partner_a) == [at(2027, 3, 17, 15), at(2027, 3, 23, 15)]
    # The invitation for the new date is a new message; the reminders only moved.
    assert rows(meeting).exclude(state=State.CANCELLED).count() == count
    assert not rows(meeting, state=State.PENDING, event_at=at(2027, 3, 10, 10)).exists()


def test_cancelling_the_meeting_cancels_what_is_pending(cim, invitees):
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    meeting_cancel(meeting=meeting)
    assert not Reminder.objects.filter(state=State.PENDING).exists()
    assert rows(meeting, state=State.CANCELLED).count() == 9


def test_an_organisation_that_declines_gets_no_more_reminders(
    cim, invitees, partner_a, partner_a_org, partner_b
):
    meeting = plan(cim, 10, month=3, year=2027)
    meeting_convene(meeting=meeting)
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_a_org)
    invitation_answer(invitation=invitation, answer="declined", user=partner_a)
    assert due_times(meeting, partner_a) == []
    assert len(due_times(meeting, partner_b)) == 2


def test_the_commission_and_the_user_choose_the_days_before(cim, invitees, partner_a, partner_b):
    from reminders.services import preference_save

    cim.reminder_days = [14, 2]
    cim.save()
    preference_save(
        user=partner_a, kind="meeting_reminder", channel="email", digest=False, lead_days=[3]
    )
    meeting = plan(cim, 20, month=3, year=2027)
    meeting_convene(meeting=meeting)
    assert due_times(meeting, partner_b) == [at(2027, 3, 6, 10), at(2027, 3, 18, 10)]
    assert due_times(meeting, partner_a) == [at(2027, 3, 17, 10)]


def test_a_meeting_convened_for_tomorrow_owes_its_invitation_and_a_reminder_now(
    cim, invitees, partner_a
):
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=1)
    meeting = meeting_plan(
        commission=cim, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    meeting_convene(meeting=meeting)
    now = timezone.now()
    invitation = rows(meeting, recipient=partner_a, kind="meeting_invitation").get()
    reminder = rows(meeting, recipient=partner_a, kind="meeting_reminder").get()
    assert invitation.due_at <= now and reminder.due_at <= now + datetime.timedelta(hours=1)
    assert reminder.lead_days == 1


def test_reminders_status_prints_the_counts_by_state(cim, invitees, capsys):
    meeting_convene(meeting=plan(cim, 10, month=3, year=2027))
    call_command("reminders_status")
    output = capsys.readouterr().out
    assert "pending    9" in output and "dead       0" in output
