import datetime

import pytest
from django.core.exceptions import ValidationError

from commissions.models import (
    Commission,
    Decision,
    DecisionStatus,
    Invitation,
    InvitationAnswer,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
)
from commissions.services import (
    attendance_record,
    decision_record,
    decision_set_status,
    invitation_answer,
    meeting_cancel,
    meeting_convene,
    meeting_mark_held,
    meeting_plan,
    meeting_postpone,
    minutes_approve,
    minutes_save,
)
from tests.commissions.world import at, convened, held, plan


def test_meetings_are_numbered_per_commission_and_year(cim):
    assert [plan(cim, day).number for day in (2, 9, 16)] == [
        "CIM-2026-01",
        "CIM-2026-02",
        "CIM-2026-03",
    ]
    next_year = meeting_plan(
        commission=cim, starts_at=at(2027, 1, 5, 9), ends_at=at(2027, 1, 5, 11)
    )
    assert next_year.number == "CIM-2027-01"


def test_a_meeting_ending_before_it_starts_is_refused(cim):
    with pytest.raises(ValidationError) as error:
        meeting_plan(commission=cim, starts_at=at(2027, 3, 2, 12), ends_at=at(2027, 3, 2, 10))
    assert "ends_at" in error.value.message_dict


def test_two_meetings_of_one_commission_cannot_overlap(cim):
    first = plan(cim, 2, year=2027)
    with pytest.raises(ValidationError) as error:
        meeting_plan(commission=cim, starts_at=at(2027, 3, 2, 11), ends_at=at(2027, 3, 2, 13))
    assert first.number in error.value.message_dict["starts_at"][0]
    meeting_cancel(meeting=first)
    assert meeting_plan(commission=cim, starts_at=at(2027, 3, 2, 11), ends_at=at(2027, 3, 2, 13))


def test_convening_invites_every_current_member_once_but_not_the_secretariat(
    cim, ministry, partner_a_org, partner_b_org
):
    Membership.objects.create(
        commission=cim, organization=partner_b_org, end_date=datetime.date(2020, 1, 1)
    )
    meeting = plan(cim, 2, year=2027)
    assert meeting_convene(meeting=meeting) == 1
    assert meeting_convene(meeting=meeting) == 0
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    assert {invitation.organization for invitation in meeting.invitations.all()} == {partner_a_org}
    Membership.objects.filter(commission=cim, organization=ministry).update(role="member")
    assert meeting_convene(meeting=meeting) == 1  # a member like the others now


def test_a_meeting_that_has_started_is_not_convened(cim):
    meeting = plan(cim, 2)
    with pytest.raises(ValidationError) as error:
        meeting_convene(meeting=meeting)
    assert meeting.number in error.value.messages[0]
    assert meeting.is_planned and not meeting.invitations.exists()


def test_a_focal_point_answers_for_its_organisation_until_the_meeting_is_held(
    cim, partner_a, partner_a_org
):
    meeting = plan(cim, 2)
    convened(meeting)
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_a_org)
    with pytest.raises(ValidationError):
        invitation_answer(invitation=invitation, answer=InvitationAnswer.ATTENDING, user=partner_a)
    invitation_answer(
        invitation=invitation, answer=InvitationAnswer.ATTENDING, delegate="Karim", user=partner_a
    )
    assert invitation.answered_by == partner_a and invitation.delegate == "Karim"
    meeting_mark_held(meeting=meeting)
    with pytest.raises(ValidationError):
        invitation_answer(invitation=invitation, answer=InvitationAnswer.DECLINED, user=partner_a)


def test_attendance_tells_whether_quorum_was_reached(cim, partner_a_org, partner_b_org):
    Membership.objects.create(commission=cim, organization=partner_b_org)
    meeting = plan(cim, 2)
    convened(meeting)
    attendance_record(meeting=meeting, present={partner_b_org.pk})
    assert meeting.quorum_reached()  # 1 of 2 meets a quorum of one half
    cim.quorum = "0.75"
    cim.save()
    meeting.refresh_from_db()
    assert not meeting.quorum_reached()
    attendance_record(meeting=meeting, present={partner_b_org.pk, partner_a_org.pk})
    assert meeting.quorum_reached()


def test_postponing_a_convened_meeting_keeps_the_history_of_dates(cim):
    meeting = convened(plan(cim, 2, year=2027))
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 5, 10), ends_at=at(2027, 3, 5, 12))
    change = meeting.date_changes.get()
    assert change.previous_starts_at == at(2027, 3, 2, 10)
    assert meeting.status == MeetingStatus.POSTPONED and meeting.starts_at == at(2027, 3, 5, 10)


def test_a_meeting_is_not_moved_into_the_past(cim):
    meeting = convened(plan(cim, 2, year=2027))
    with pytest.raises(ValidationError) as error:
        meeting_postpone(meeting=meeting, starts_at=at(2026, 3, 5, 10), ends_at=at(2026, 3, 5, 12))
    assert "starts_at" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.starts_at == at(2027, 3, 2, 10) and not meeting.date_changes.exists()


def test_a_planned_meeting_moves_without_showing_as_postponed(cim):
    meeting = plan(cim, 2, year=2027)
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 5, 10), ends_at=at(2027, 3, 5, 12))
    assert meeting.status == MeetingStatus.PLANNED and meeting.date_changes.count() == 1


def test_minutes_wait_until_the_meeting_is_held(cim, coordinator):
    with pytest.raises(ValidationError):
        minutes_save(meeting=plan(cim, 2), text="Trop tôt", user=coordinator)


def test_minutes_keep_every_earlier_text_and_freeze_once_approved_by_a_later_meeting(
    cim, coordinator
):
    first, second = held(plan(cim, 2)), convened(plan(cim, 16))
    minutes_save(meeting=first, text="Projet 1", user=coordinator)
    minutes_save(meeting=first, text="Projet 2", user=coordinator)
    minutes = Minutes.objects.get(meeting=first)
    assert [version.text for version in minutes.versions.all()] == ["Projet 1"]
    with pytest.raises(ValidationError):
        minutes_approve(minutes=minutes, at_meeting=first)
    minutes_approve(minutes=minutes, at_meeting=second)
    first.refresh_from_db()
    assert minutes.approved_by_meeting == second and first.status == MeetingStatus.MINUTES_APPROVED
    with pytest.raises(ValidationError):
        minutes_save(meeting=first, text="Projet 3", user=coordinator)


def test_decisions_are_numbered_within_their_meeting(cim, partner_a_org):
    meeting = convened(plan(cim, 2))
    first = decision_record(meeting=meeting, text="Créer un guichet", responsible=[partner_a_org])
    second = decision_record(meeting=meeting, text="Publier un guide")
    assert [first.number, second.number] == ["CIM-2026-01/D1", "CIM-2026-01/D2"]
    assert list(first.responsible.all()) == [partner_a_org]


def test_open_decisions_come_back_on_the_next_agendas_until_closed(cim):
    first, second, third = convened(plan(cim, 2)), plan(cim, 9), plan(cim, 16)
    carried = decision_record(meeting=first, text="Suivre")
    closed = decision_record(meeting=first, text="Clos")
    decision_set_status(decision=closed, status=DecisionStatus.CLOSED)
    assert list(Decision.objects.to_follow_up_at(second)) == [carried]
    assert list(Decision.objects.to_follow_up_at(first)) == []
    decision_set_status(decision=carried, status=DecisionStatus.IN_PROGRESS)
    assert list(Decision.objects.to_follow_up_at(third)) == [carried]
    decision_set_status(decision=carried, status=DecisionStatus.CLOSED)
    assert list(Decision.objects.to_follow_up_at(third)) == []


class TestScoping:
    def test_a_member_sees_its_commissions_meetings_and_decisions(self, cim, partner_a):
        meeting = convened(plan(cim, 2))
        decision_record(meeting=meeting, text="Décision")
        assert list(Commission.objects.for_user(partner_a)) == [cim]
        assert list(Meeting.objects.for_user(partner_a)) == [meeting]
        assert Decision.objects.for_user(partner_a).count() == 1

    def test_a_non_member_sees_none_of_it(self, cim, partner_b):
        meeting = convened(plan(cim, 2))
        decision_record(meeting=meeting, text="Décision")
        for model in (Commission, Meeting, Decision, Minutes, Invitation):
            assert not model.objects.for_user(partner_b).exists()

    def test_a_former_member_loses_sight_of_the_commission(self, cim, partner_a, partner_a_org):
        Membership.objects.filter(organization=partner_a_org).update(
            end_date=datetime.date(2024, 1, 1)
        )
        assert not Commission.objects.for_user(partner_a).exists()

    def test_partners_read_minutes_once_approved_never_drafts(self, cim, partner_a, coordinator):
        first, second = held(plan(cim, 2)), convened(plan(cim, 16))
        minutes = minutes_save(meeting=first, text="Brouillon", user=coordinator)
        assert not Minutes.objects.for_user(partner_a).exists()
        assert Minutes.objects.for_user(coordinator).exists()
        minutes_approve(minutes=minutes, at_meeting=second)
        assert list(Minutes.objects.for_user(partner_a)) == [minutes]

    def test_a_partner_sees_only_its_own_invitations(self, cim, partner_a, partner_b_org):
        Membership.objects.create(commission=cim, organization=partner_b_org)
        meeting = plan(cim, 2)
        convened(meeting)
        assert {i.organization for i in Invitation.objects.for_user(partner_a)} == {
            partner_a.organization
        }
