"""Every change the secretariat tries on a meeting that is over is refused with a message,
through the pages as a user meets it, and nothing already recorded is lost."""

import pytest
from django.contrib.messages import get_messages

from commissions.models import AgendaItem, Invitation, Meeting, MeetingStatus
from commissions.services import (
    agenda_item_add,
    meeting_cancel,
    minutes_approve,
    minutes_save,
)

from .world import at, convened, held, plan


@pytest.fixture(autouse=True)
def in_english(settings):
    settings.LANGUAGE_CODE = "en"


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def secretariat(client_as, coordinator):
    return client_as(coordinator)


@pytest.fixture
def over(cim, coordinator):
    """A held meeting with an agenda item and approved minutes, and a cancelled one."""
    first = held(plan(cim, 2))
    agenda_item_add(meeting=convened(plan(cim, 9, year=2027)), title="Later item")
    item = AgendaItem.objects.create(meeting=first, position=1, title="Point held")
    minutes = minutes_save(meeting=first, text="PV signed", user=coordinator)
    minutes_approve(minutes=minutes, at_meeting=held(plan(cim, 16)))
    cancelled = plan(cim, 23)
    meeting_cancel(meeting=cancelled)
    return {"held": first, "cancelled": cancelled, "item": item}


def test_editing_a_meetings_details_saves_them(cim, secretariat):
    meeting = plan(cim, 10, year=2027)
    response = secretariat.post(
        f"/meetings/{meeting.pk}/edit/",
        {"kind": "extraordinary", "place": "", "online_link": "https://visio.example.ma/cim"},
    )
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    meeting.refresh_from_db()
    assert meeting.online_link == "https://visio.example.ma/cim"
    assert meeting.kind == "extraordinary"
    assert "The meeting was saved." in said(response)


def test_the_details_of_a_meeting_that_is_over_cannot_be_edited(over, secretariat):
    meeting = over["held"]
    response = secretariat.post(
        f"/meetings/{meeting.pk}/edit/", {"kind": "extraordinary", "place": "", "online_link": ""}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    meeting.refresh_from_db()
    assert meeting.kind == "ordinary"


@pytest.mark.parametrize(
    ("action", "which", "refusal"),
    [
        ("convene", "held", "can no longer be convened"),
        ("convene", "cancelled", "can no longer be convened"),
        ("cancel", "held", ""),
        ("held", "cancelled", "Only a convened meeting can be marked as held."),
    ],
)
def test_a_meeting_that_is_over_cannot_change_state(over, secretariat, action, which, refusal):
    meeting = over[which]
    before = Meeting.objects.get(pk=meeting.pk).status
    response = secretariat.post(f"/meetings/{meeting.pk}/{action}/")
    assert response.status_code == 302
    messages = said(response)
    assert messages and all("is convened" not in message for message in messages)
    assert refusal in " ".join(messages)
    assert Meeting.objects.get(pk=meeting.pk).status == before


def test_a_meeting_that_is_over_cannot_be_moved(over, secretariat):
    meeting = over["held"]
    response = secretariat.post(
        f"/meetings/{meeting.pk}/postpone/",
        {"starts_at": "2027-05-04T10:00", "ends_at": "2027-05-04T12:00", "reason": "x"},
    )
    assert response.status_code == 200
    assert "can no longer be moved" in str(response.context["form"].non_field_errors())
    assert Meeting.objects.get(pk=meeting.pk).starts_at == at(2026, 3, 2, 10)


def test_the_agenda_of_a_meeting_that_is_over_is_closed(over, secretariat):
    meeting, item = over["held"], over["item"]
    response = secretariat.post(f"/meetings/{meeting.pk}/agenda/new/", {"title": "Too late"})
    assert response.status_code == 200
    assert "is closed" in str(response.context["form"].non_field_errors())
    for url, data in (
        (f"/agenda-items/{item.pk}/delete/", {}),
        (f"/agenda-items/{item.pk}/move/", {"direction": "up"}),
    ):
        response = secretariat.post(url, data)
        assert response.status_code == 302
        assert any("is closed" in message for message in said(response))
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Point held"]


def test_an_agenda_item_moves_only_up_or_down(over, secretariat):
    item = over["item"]
    response = secretariat.post(f"/agenda-items/{item.pk}/move/", {"direction": "sideways"})
    assert response.status_code == 302
    assert "Choose to move the item up or down." in said(response)


def test_attendance_cannot_be_recorded_once_the_minutes_are_approved(over, secretariat):
    meeting = over["held"]
    invitation = meeting.invitations.first()
    response = secretariat.post(
        f"/meetings/{meeting.pk}/attendance/", {"present": [invitation.organization_id]}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Invitation.objects.filter(meeting=meeting, present=True).count() == 0


def test_approved_minutes_cannot_be_changed_or_approved_again(over, secretariat):
    meeting = over["held"]
    response = secretariat.post(f"/meetings/{meeting.pk}/minutes/", {"text": "Rewritten"})
    assert response.status_code == 200
    assert "frozen" in str(response.context["form"].non_field_errors())
    response = secretariat.post(
        f"/meetings/{meeting.pk}/minutes/approve/", {"at_meeting": over["held"].pk}
    )
    assert response.status_code == 302 and said(response)
    assert meeting.minutes.text == "PV signed"


def test_minutes_are_approved_only_once_written_and_by_a_meeting_offered(cim, secretariat):
    first = held(plan(cim, 2))
    response = secretariat.post(f"/meetings/{first.pk}/minutes/approve/", {"at_meeting": ""})
    assert said(response) == ["Write the minutes before approving them."]
    secretariat.post(f"/meetings/{first.pk}/minutes/", {"text": "Draft"})
    response = secretariat.post(f"/meetings/{first.pk}/minutes/approve/", {"at_meeting": "x"})
    assert response.status_code == 200 and response.context["posted"].errors["at_meeting"]
    assert Meeting.objects.get(pk=first.pk).status == MeetingStatus.HELD


def test_invitations_cannot_be_answered_once_the_meeting_is_held(
    over, client_as, partner_a, partner_a_org
):
    invitation = Invitation.objects.get(meeting=over["held"], organization=partner_a_org)
    response = client_as(partner_a).post(
        f"/invitations/{invitation.pk}/answer/", {"answer": "declined"}
    )
    assert response.status_code == 200
    assert "answers are closed" in str(response.context["form"].non_field_errors())
    invitation.refresh_from_db()
    assert invitation.answer == "pending"
