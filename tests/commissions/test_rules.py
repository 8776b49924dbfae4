"""What the secretariat and partners may not do, and what partners may not see."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commissions.models import Commission, Invitation, Membership
from commissions.services import (
    agenda_item_add,
    attendance_record,
    decision_record,
    meeting_cancel,
    meeting_mark_held,
    minutes_approve,
    minutes_save,
)
from tests.access import assert_not_found, assert_ok
from tests.factories import PersonFactory

from .world import convened, held, plan


@pytest.fixture(autouse=True)
def in_english(settings):
    settings.LANGUAGE_CODE = "en"


def test_a_meeting_that_has_not_started_cannot_be_recorded_as_held(cim):
    meeting = convened(plan(cim, 10, year=2027))
    with pytest.raises(ValidationError, match="once it has started"):
        meeting_mark_held(meeting=meeting)


def test_minutes_cannot_be_approved_by_a_meeting_that_has_not_taken_place(cim, coordinator):
    first = held(plan(cim, 2))
    minutes = minutes_save(meeting=first, text="PV", user=coordinator)
    for later in (plan(cim, 16), convened(plan(cim, 10, year=2027))):
        with pytest.raises(ValidationError, match="has not taken place"):
            minutes_approve(minutes=minutes, at_meeting=later)


def test_the_record_of_a_meeting_closes_with_its_minutes_or_its_cancellation(
    cim, coordinator, client_as
):
    first = held(plan(cim, 2))
    minutes = minutes_save(meeting=first, text="PV", user=coordinator)
    minutes_approve(minutes=minutes, at_meeting=convened(plan(cim, 16)))
    cancelled = plan(cim, 23)
    meeting_cancel(meeting=cancelled)
    for meeting in (first, cancelled):
        with pytest.raises(ValidationError):
            decision_record(meeting=meeting, text="Trop tard")
        with pytest.raises(ValidationError):
            attendance_record(meeting=meeting, present=set())
    response = client_as(coordinator).post(
        f"/meetings/{first.pk}/decisions/new/", {"text": "Trop tard"}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not first.decisions.exists()


def test_a_former_member_can_no_longer_answer(cim, client_as, partner_a, partner_a_org):
    meeting = convened(plan(cim, 10, year=2027))
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_a_org)
    Membership.objects.filter(organization=partner_a_org).update(end_date=datetime.date(2026, 1, 1))
    client = client_as(partner_a)
    assert_not_found(client, f"/invitations/{invitation.pk}/answer/")
    response = client.post(f"/invitations/{invitation.pk}/answer/", {"answer": "declined"})
    assert response.status_code == 404


def test_partners_see_no_presenter_from_another_organisation(
    cim, client_as, partner_a, partner_b_org, partner_a_org
):
    outsider = PersonFactory(organization=partner_b_org, last_name="Extérieur")
    insider = PersonFactory(organization=partner_a_org, last_name="Maison")
    meeting = convened(plan(cim, 10, year=2027))
    agenda_item_add(meeting=meeting, title="Point A", presenter_person=outsider)
    agenda_item_add(meeting=meeting, title="Point B", presenter_person=insider)
    for page in (f"/meetings/{meeting.pk}/", f"/meetings/{meeting.pk}/convocation/"):
        html = assert_ok(client_as(partner_a), page).content.decode()
        assert "Extérieur" not in html and "Maison" in html


def test_a_partner_does_not_see_the_parent_of_a_commission_unless_it_sits_on_it(
    ministry, client_as, partner_a, partner_a_org
):
    parent = Commission.objects.create(
        kind="inter_ministerial", code="SECRET", name_fr="Commission mère", secretariat=ministry
    )
    child = Commission.objects.create(
        kind="technical", code="CT", name_fr="Commission fille", secretariat=ministry, parent=parent
    )
    Membership.objects.create(commission=child, organization=partner_a_org)
    for page in ("/commissions/", f"/commissions/{child.pk}/"):
        html = assert_ok(client_as(partner_a), page).content.decode()
        assert "Commission fille" in html and "Commission mère" not in html


def test_the_list_counts_only_current_members(cim, client_as, coordinator, partner_b_org):
    Membership.objects.create(
        commission=cim, organization=partner_b_org, start_date=datetime.date(2099, 1, 1)
    )
    response = assert_ok(client_as(coordinator), "/commissions/")
    assert [c.member_count for c in response.context["commissions"]] == [2]


@pytest.mark.parametrize("query", ["CIM-2026-01/D²", "CIM-2026-¹/D1", "x/D99999999999", "/D"])
def test_a_search_with_odd_digits_gets_an_answer_not_a_500(cim, client_as, coordinator, query):
    assert_ok(client_as(coordinator), f"/commissions/{cim.pk}/decisions/?q={query}")
    assert_ok(client_as(coordinator), f"/commissions/{cim.pk}/decisions/export.csv?q={query}")


@pytest.mark.parametrize("target", ["foo", "//evil.example/", "https://evil.example/", ""])
def test_the_status_form_goes_back_only_to_a_page_of_ours(cim, client_as, coordinator, target):
    decision = decision_record(meeting=convened(plan(cim, 2)), text="Suivre")
    response = client_as(coordinator).post(
        f"/decisions/{decision.pk}/status/", {"status": "closed", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"/meetings/{decision.meeting_id}/")


def test_a_meeting_in_an_absurd_year_is_refused(cim, client_as, coordinator):
    response = client_as(coordinator).post(
        f"/commissions/{cim.pk}/meetings/new/",
        {"kind": "ordinary", "starts_at": "0001-01-01T10:00", "ends_at": "0001-01-01T12:00"},
    )
    assert response.context["form"].errors["starts_at"] == ["Choose a date between 2000 and 2100."]


def test_the_register_filters_by_the_year_of_the_meeting(cim, client_as, coordinator):
    earlier = decision_record(meeting=convened(plan(cim, 2, year=2025)), text="Ancienne")
    later = decision_record(meeting=convened(plan(cim, 2, year=2026)), text="Récente")
    register = f"/commissions/{cim.pk}/decisions/"
    response = assert_ok(client_as(coordinator), f"{register}?year=2025")
    assert list(response.context["page_obj"]) == [earlier]
    response = assert_ok(client_as(coordinator), f"{register}?year=2026")
    assert list(response.context["page_obj"]) == [later]


def test_the_register_search_finds_the_decisions_of_a_meeting_by_its_number(
    cim, client_as, coordinator
):
    first = convened(plan(cim, 2))
    wanted = [decision_record(meeting=first, text=text) for text in ("Un", "Deux")]
    decision_record(meeting=convened(plan(cim, 9)), text="Autre")
    response = assert_ok(
        client_as(coordinator), f"/commissions/{cim.pk}/decisions/?q={first.number.lower()}"
    )
    assert sorted(response.context["page_obj"], key=lambda d: d.pk) == wanted
