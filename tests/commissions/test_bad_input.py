"""Each mistake a user can make on the commission pages gets a clear message and saves nothing."""

import pytest
from django.utils import translation

from commissions.models import Invitation, Meeting
from commissions.services import meeting_mark_held
from tests.access import assert_ok

from .world import convened, plan


@pytest.fixture(autouse=True)
def in_english(settings):
    """The messages below are compared in English, the source language."""
    settings.LANGUAGE_CODE = "en"
    yield
    translation.activate("en")


def errors_of(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_a_meeting_that_ends_before_it_starts_is_refused(cim, client_as, coordinator):
    response = client_as(coordinator).post(
        f"/commissions/{cim.pk}/meetings/new/",
        {"kind": "ordinary", "starts_at": "2026-12-10T12:00", "ends_at": "2026-12-10T10:00"},
    )
    assert errors_of(response)["ends_at"] == ["A meeting must end after it starts."]
    assert not Meeting.objects.exists()


def test_two_meetings_of_one_commission_at_the_same_time_are_refused(cim, client_as, coordinator):
    existing = plan(cim, 10, month=12)
    response = client_as(coordinator).post(
        f"/commissions/{cim.pk}/meetings/new/",
        {"kind": "ordinary", "starts_at": "2026-12-10T11:00", "ends_at": "2026-12-10T15:00"},
    )
    assert errors_of(response)["starts_at"] == [f"{existing.number} already takes this time."]
    assert Meeting.objects.count() == 1


def test_moving_a_meeting_onto_another_is_refused_and_keeps_its_date(cim, client_as, coordinator):
    first, second = plan(cim, 10, month=12), plan(cim, 17, month=12)
    response = client_as(coordinator).post(
        f"/meetings/{second.pk}/postpone/",
        {"starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T11:00"},
    )
    assert first.number in errors_of(response)["starts_at"][0]
    second.refresh_from_db()
    assert second.starts_at.day == 17 and not second.date_changes.exists()


def test_a_time_that_does_not_exist_on_the_casablanca_clock_is_refused(cim, client_as, coordinator):
    # 22 March 2026, 02:00 → 03:00: the clock jumps forward after Ramadan.
    response = client_as(coordinator).post(
        f"/commissions/{cim.pk}/meetings/new/",
        {"kind": "ordinary", "starts_at": "2026-03-22T02:30", "ends_at": "2026-03-22T04:00"},
    )
    assert "starts_at" in errors_of(response)
    assert not Meeting.objects.exists()


def test_an_answer_after_the_meeting_is_held_is_refused(cim, client_as, partner_a, partner_a_org):
    meeting = plan(cim, 10, month=3)
    convened(meeting)
    meeting_mark_held(meeting=meeting)
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_a_org)
    response = client_as(partner_a).post(
        f"/invitations/{invitation.pk}/answer/", {"answer": "declined"}
    )
    assert errors_of(response)["__all__"] == ["This meeting is over: answers are closed."]
    invitation.refresh_from_db()
    assert invitation.answer == "pending"


def test_attending_without_naming_the_delegate_is_refused(cim, client_as, partner_a, partner_a_org):
    meeting = plan(cim, 10, month=12)
    convened(meeting)
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_a_org)
    response = client_as(partner_a).post(
        f"/invitations/{invitation.pk}/answer/", {"answer": "attending"}
    )
    assert errors_of(response)["delegate"] == ["Name the person who will attend."]


def test_the_messages_come_in_the_users_language(cim, client_as, coordinator):
    coordinator.language = "fr"
    coordinator.save()
    response = client_as(coordinator).post(
        f"/commissions/{cim.pk}/meetings/new/",
        {"kind": "ordinary", "starts_at": "2026-12-10T12:00", "ends_at": "2026-12-10T10:00"},
    )
    assert errors_of(response)["ends_at"] == ["Une réunion doit se terminer après son début."]


def test_an_organisation_that_does_not_sit_on_the_commission_cannot_be_made_responsible(
    cim, client_as, coordinator, partner_b_org
):
    meeting = plan(cim, 10, month=12)
    convened(meeting)
    response = client_as(coordinator).post(
        f"/meetings/{meeting.pk}/decisions/new/",
        {"text": "Hors sujet", "responsible": [partner_b_org.pk]},
    )
    assert "responsible" in errors_of(response)
    assert not meeting.decisions.exists()


def test_approving_minutes_that_do_not_exist_says_so(cim, client_as, coordinator):
    meeting = plan(cim, 10, month=12)
    response = client_as(coordinator).post(
        f"/meetings/{meeting.pk}/minutes/approve/", {"at_meeting": "x"}, follow=True
    )
    assert "Write the minutes before approving them." in response.content.decode()


def test_acting_on_a_cancelled_meeting_is_refused_with_a_message(cim, client_as, coordinator):
    meeting = plan(cim, 10, month=12)
    client = client_as(coordinator)
    client.post(f"/meetings/{meeting.pk}/cancel/")
    response = client.post(f"/meetings/{meeting.pk}/convene/", follow=True)
    assert f"{meeting.number} can no longer be convened." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and not meeting.invitations.exists()


def test_an_unknown_decision_status_is_refused(cim, client_as, coordinator):
    from commissions.services import decision_record

    meeting = plan(cim, 10, month=12)
    convened(meeting)
    decision = decision_record(meeting=meeting, text="Texte")
    response = client_as(coordinator).post(
        f"/decisions/{decision.pk}/status/", {"status": "done"}, follow=True
    )
    assert "Choose one of the statuses offered." in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == "open"


@pytest.mark.parametrize("month", ["2026-13", "abcd", "1999-01", "2026-1-1", "", "9" * 30])
def test_a_malformed_month_shows_a_message_and_the_current_month(client_as, coordinator, month):
    response = assert_ok(client_as(coordinator), f"/meetings/calendar/?month={month}")
    assert "Give the month as YYYY-MM, e.g. 2027-01." in response.content.decode()


@pytest.mark.parametrize(
    "query", ["year=abc", "year=1e309", "status=unknown", "commission=999999", "period=soon"]
)
def test_malformed_meeting_filters_show_a_message_and_an_empty_list(
    cim, client_as, coordinator, query
):
    plan(cim, 10, month=12)
    response = assert_ok(client_as(coordinator), f"/meetings/?{query}")
    assert response.context["filter"].errors
    assert response.context["page_obj"].paginator.count == 0
