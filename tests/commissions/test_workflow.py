"""The secretariat's workflow: numbers that follow dates, past meetings recorded without a word
to anyone, confirmation before what cannot be undone, and an admin that keeps the rules."""

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.html import escape

from commissions.forms import presenter_label
from commissions.models import (
    AgendaItem,
    ApprovalWay,
    Decision,
    Invitation,
    InvitationAnswer,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    Objection,
    ProcedureOutcome,
)
from commissions.services import (
    agenda_item_add,
    decision_record,
    meeting_plan,
    meeting_postpone,
    meeting_record_past,
    minutes_save,
    objection_make,
    procedure_open,
)
from commissions.tasks import close_written_procedures
from reminders.models import Reminder, State
from reminders.services import reminders_reconcile
from tests.access import assert_ok
from tests.factories import PersonFactory

from .world import at, convened, plan

MEETING_STATES = [status.value for status in MeetingStatus]


def numbers(commission) -> list[tuple[str, str]]:
    meetings = Meeting.objects.filter(commission=commission).select_related("commission")
    return [(m.starts_at.date().isoformat(), m.number) for m in meetings.order_by("starts_at")]


def record(commission, *when, present=()):
    return meeting_record_past(
        commission=commission,
        starts_at=at(*when),
        ends_at=at(*when[:3], when[3] + 2),
        present=present,
    )


# Numbers follow dates ------------------------------------------------------------------------


def test_meetings_are_numbered_by_date_whatever_order_they_were_added_in(cim):
    meeting_plan(commission=cim, starts_at=at(2027, 6, 10, 10), ends_at=at(2027, 6, 10, 12))
    meeting_plan(commission=cim, starts_at=at(2027, 2, 1, 10), ends_at=at(2027, 2, 1, 12))
    record(cim, 2026, 11, 24, 10)
    record(cim, 2026, 3, 10, 10)
    assert numbers(cim) == [
        ("2026-03-10", "CIM-2026-01"),
        ("2026-11-24", "CIM-2026-02"),
        ("2027-02-01", "CIM-2027-01"),
        ("2027-06-10", "CIM-2027-02"),
    ]


def test_a_move_renumbers_both_years_and_the_meeting_takes_its_new_year(cim):
    february = meeting_plan(
        commission=cim, starts_at=at(2027, 2, 1, 10), ends_at=at(2027, 2, 1, 12)
    )
    meeting_plan(commission=cim, starts_at=at(2027, 6, 10, 10), ends_at=at(2027, 6, 10, 12))
    record(cim, 2026, 11, 24, 10)
    decision = decision_record(meeting=convened(february), text="Suivre")
    meeting_postpone(meeting=february, starts_at=at(2026, 12, 20, 10), ends_at=at(2026, 12, 20, 12))
    assert february.number == "CIM-2026-02"
    assert numbers(cim) == [
        ("2026-11-24", "CIM-2026-01"),
        ("2026-12-20", "CIM-2026-02"),
        ("2027-06-10", "CIM-2027-01"),
    ]
    assert Decision.objects.select_related("meeting__commission").get(pk=decision.pk).number == (
        "CIM-2026-02/D1"
    )


# A past meeting ------------------------------------------------------------------------------


def test_a_past_meeting_is_recorded_with_minutes_and_decisions_and_nobody_hears_of_it(
    cim, partner_a_org, partner_b_org, coordinator
):
    Membership.objects.create(commission=cim, organization=partner_b_org)
    PersonFactory(organization=partner_a_org)
    meeting = record(cim, 2026, 11, 24, 10, present=[partner_a_org])
    assert meeting.status == MeetingStatus.HELD and meeting.convened_at is None
    assert dict(meeting.invitations.values_list("organization", "present")) == {
        partner_a_org.pk: True,
        partner_b_org.pk: False,
    }
    decision_record(meeting=meeting, text="Ouvrir un guichet", responsible=[partner_a_org])
    minutes_save(meeting=meeting, text="Séance ouverte à 10 h.", user=coordinator)
    reminders_reconcile()
    assert not Reminder.objects.exists()
    assert mail.outbox == []


def test_the_page_records_a_past_meeting_and_shows_who_was_present(
    client_as, coordinator, cim, partner_a_org
):
    client = client_as(coordinator)
    page = assert_ok(client, f"/commissions/{cim.pk}/")
    assert f"/commissions/{cim.pk}/meetings/record/" in page.content.decode()
    response = client.post(
        f"/commissions/{cim.pk}/meetings/record/",
        {
            "kind": "ordinary",
            "starts_at": "2026-11-24T10:00",
            "ends_at": "2026-11-24T12:00",
            "present": [partner_a_org.pk],
        },
    )
    meeting = Meeting.objects.get(commission=cim)
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    page = assert_ok(client, f"/meetings/{meeting.pk}/").content.decode()
    assert "Présent" in page and "Pas encore de réponse" not in page
    assert f"/meetings/{meeting.pk}/decisions/new/" in page
    assert f"/meetings/{meeting.pk}/minutes/" in page
    assert f"/meetings/{meeting.pk}/convene/" not in page


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_planning_a_meeting_in_the_past_is_refused_in_the_users_language(
    client_as, coordinator, cim, language
):
    coordinator.language = language
    coordinator.save()
    response = client_as(coordinator).post(
        f"/commissions/{cim.pk}/meetings/new/",
        {"kind": "ordinary", "starts_at": "2026-11-24T10:00", "ends_at": "2026-11-24T12:00"},
    )
    assert response.status_code == 200
    english = (
        "This date has passed. To record a meeting that has already taken place, use "
        "“Record a past meeting” on the commission's page."
    )
    with translation.override(language):
        expected = translation.gettext(english)
    assert expected != english and escape(expected) in response.content.decode()
    assert not Meeting.objects.exists()


def test_recording_a_meeting_still_ahead_is_refused(cim):
    with pytest.raises(ValidationError) as error:
        record(cim, 2027, 3, 2, 10)
    assert "starts_at" in error.value.message_dict
    assert not Meeting.objects.exists()


# Confirmation --------------------------------------------------------------------------------


def test_convening_asks_first_with_who_will_be_written_to_and_who_cannot_be(
    client_as, coordinator, cim, partner_a_org, partner_b_org
):
    Membership.objects.create(commission=cim, organization=partner_b_org)
    PersonFactory(organization=partner_a_org)
    PersonFactory(organization=partner_a_org)
    meeting = plan(cim, 10, year=2027)
    client = client_as(coordinator)
    page = assert_ok(client, f"/meetings/{meeting.pk}/convene/").content.decode()
    assert "2 organismes seront invités" in page
    # Partner A's two focal points, and the coordinator: the secretariat's accounts hear too.
    assert "3 personnes recevront un message" in page
    assert partner_b_org.name_fr in page[page.index("Personne ne peut") :]
    meeting.refresh_from_db()
    assert meeting.is_planned and not meeting.invitations.exists()
    assert not Reminder.objects.exists()
    response = client.post(f"/meetings/{meeting.pk}/convene/")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED and meeting.invitations.count() == 2
    assert Reminder.objects.filter(kind="meeting_invitation").count() == 3


def test_convening_again_writes_only_to_the_members_who_joined_since(
    cim, partner_a_org, partner_b_org
):
    PersonFactory(organization=partner_a_org)
    meeting = convened(plan(cim, 10, year=2027))
    written = {row.pk: row.due_at for row in Reminder.objects.filter(kind="meeting_invitation")}
    Membership.objects.create(commission=cim, organization=partner_b_org)
    newcomer = PersonFactory(organization=partner_b_org)
    convened(meeting)
    invitations = Reminder.objects.filter(kind="meeting_invitation", state=State.PENDING)
    assert {row.pk: row.due_at for row in invitations if row.pk in written} == written
    assert [row.person_id for row in invitations.exclude(pk__in=written)] == [newcomer.pk]


def test_convening_again_asks_only_about_the_members_who_joined_since(
    client_as, coordinator, cim, partner_a_org, partner_b_org
):
    PersonFactory(organization=partner_a_org)
    meeting = convened(plan(cim, 10, year=2027))
    Membership.objects.create(commission=cim, organization=partner_b_org)
    PersonFactory(organization=partner_b_org)
    page = assert_ok(client_as(coordinator), f"/meetings/{meeting.pk}/convene/").content.decode()
    assert "1 organisme sera invité" in page and partner_b_org.name_fr in page
    assert "1 personne recevra un message" in page
    assert "Personne ne peut" not in page and "seront annulés" not in page


def test_cancelling_asks_first_with_the_reminders_it_stops(
    client_as, coordinator, cim, partner_a_org
):
    PersonFactory(organization=partner_a_org)
    meeting = convened(plan(cim, 10, year=2027))
    # Nothing has been sent yet: the invitations waiting to go out are cancelled too.
    waiting = Reminder.objects.filter(state=State.PENDING)
    count = waiting.count()
    assert count
    page = assert_ok(client_as(coordinator), f"/meetings/{meeting.pk}/cancel/").content.decode()
    assert f"{count} rappels en attente seront annulés" in page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED and waiting.count() == count


def test_a_step_the_rules_refuse_says_why_instead_of_asking(client_as, coordinator, cim):
    meeting = plan(cim, 10, year=2027)
    page = assert_ok(client_as(coordinator), f"/meetings/{meeting.pk}/held/").content.decode()
    assert "Seule une réunion convoquée" in page and '<form method="post">' not in page


# Minutes approved three ways ----------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def circulated(meeting, coordinator, days=10):
    minutes = minutes_save(meeting=meeting, text="Projet de procès-verbal", user=coordinator)
    deadline = timezone.now() + datetime.timedelta(days=days)
    return procedure_open(minutes=minutes, deadline=deadline, user=coordinator)


def test_circulated_minutes_nobody_objects_to_are_approved_at_the_deadline(
    cim, coordinator, partner_a_org, time_machine
):
    PersonFactory(organization=partner_a_org)
    meeting = record(cim, 2026, 11, 24, 10, present=[partner_a_org])
    procedure = circulated(meeting, coordinator)
    # Partner A's focal point and the coordinator, each told now and 2 days before the deadline.
    assert Counter(Reminder.objects.values_list("kind", flat=True)) == {
        "minutes_procedure": 2,
        "minutes_procedure_reminder": 2,
    }
    assert close_written_procedures() == 0
    time_machine.move_to(procedure.deadline + datetime.timedelta(minutes=1))
    assert close_written_procedures() == 1
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.is_approved and minutes.approved_how == ApprovalWay.WRITTEN
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert Reminder.objects.filter(kind="minutes_approved").count() == 2
    assert close_written_procedures() == 0


def test_circulated_minutes_a_member_objected_to_stay_a_draft(
    client_as, cim, coordinator, partner_a, partner_a_org, time_machine
):
    PersonFactory(organization=partner_a_org)
    meeting = record(cim, 2026, 11, 24, 10, present=[partner_a_org])
    procedure = circulated(meeting, coordinator)
    focal_point = client_as(partner_a)
    review = f"/meetings/{meeting.pk}/minutes/review/"
    assert "Projet de procès-verbal" in assert_ok(focal_point, review).content.decode()
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_a_org)
    answer = {"invitation": invitation.pk, "comment": "Notre intervention manque au point 2."}
    assert focal_point.post(review, answer).status_code == 302
    time_machine.move_to(procedure.deadline + datetime.timedelta(minutes=1))
    late = client_as(partner_a).post(review, {**answer, "comment": "Encore une remarque"})
    assert late.status_code == 200
    assert close_written_procedures() == 1
    procedure.refresh_from_db()
    assert procedure.outcome == ProcedureOutcome.OBJECTED
    assert Objection.objects.get().comment == "Notre intervention manque au point 2."
    assert not Minutes.objects.get(meeting=meeting).is_approved
    assert not Reminder.objects.filter(state=State.PENDING).exists()
    page = assert_ok(client_as(coordinator), f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert "Notre intervention manque au point 2." in page
    assert 'name="text"' in page and 'id="way-written"' in page


def test_an_objection_after_the_deadline_is_refused(cim, coordinator, partner_a, time_machine):
    meeting = record(cim, 2026, 11, 24, 10)
    procedure = circulated(meeting, coordinator, days=1)
    time_machine.move_to(procedure.deadline)
    with pytest.raises(ValidationError):
        objection_make(
            procedure=procedure,
            invitation=meeting.invitations.get(),
            comment="Trop tard",
            user=partner_a,
        )
    assert not Objection.objects.exists()


def test_partners_read_a_draft_only_while_it_is_circulated_to_them(
    cim, coordinator, partner_a, partner_b, time_machine
):
    meeting = record(cim, 2026, 11, 24, 10)
    minutes = minutes_save(meeting=meeting, text="Projet", user=coordinator)
    assert not Minutes.objects.for_user(partner_a).exists()
    procedure = procedure_open(
        minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=3), user=coordinator
    )
    assert list(Minutes.objects.for_user(partner_a)) == [minutes]
    assert not Minutes.objects.for_user(partner_b).exists()
    objection_make(
        procedure=procedure, invitation=meeting.invitations.get(), comment="Non", user=partner_a
    )
    with pytest.raises(ValidationError):
        minutes_save(meeting=meeting, text="Réécrit pendant la procédure", user=coordinator)
    time_machine.move_to(procedure.deadline)
    close_written_procedures()
    assert not Minutes.objects.for_user(partner_a).exists()


def test_a_deadline_already_past_is_refused_and_the_draft_kept(client_as, coordinator, cim):
    meeting = record(cim, 2026, 11, 24, 10)
    minutes_save(meeting=meeting, text="Projet", user=coordinator)
    response = client_as(coordinator).post(
        f"/meetings/{meeting.pk}/minutes/circulate/",
        {"deadline": "2026-11-30T18:00", "confirm": "on"},
    )
    assert response.status_code == 200
    assert "Choisissez une échéance à venir" in response.content.decode()
    assert not Minutes.objects.get(meeting=meeting).procedures.exists()
    assert Minutes.objects.get(meeting=meeting).text == "Projet"


def test_the_chair_approves_by_signing_and_the_minutes_show_read_only(client_as, coordinator, cim):
    meeting = record(cim, 2026, 11, 24, 10)
    minutes_save(meeting=meeting, text="Projet", user=coordinator)
    client = client_as(coordinator)
    sign = f"/meetings/{meeting.pk}/minutes/sign/"
    unsigned = client.post(sign, {"signed_by": "Le Chef du Gouvernement", "confirm": "on"})
    assert unsigned.status_code == 200 and not Minutes.objects.get(meeting=meeting).is_approved
    unconfirmed = client.post(
        sign, {"signed_by": "Le Chef du Gouvernement", "file": ContentFile(PDF, name="pv.pdf")}
    )
    assert unconfirmed.status_code == 200 and not Minutes.objects.get(meeting=meeting).is_approved
    signed = client.post(
        sign,
        {
            "signed_by": "Le Chef du Gouvernement",
            "file": ContentFile(PDF, name="pv.pdf"),
            "confirm": "on",
        },
    )
    assert signed.status_code == 302
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.approved_how == ApprovalWay.CHAIR
    assert minutes.signed_by == "Le Chef du Gouvernement"
    page = assert_ok(client, f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert 'name="text"' not in page and "Le Chef du Gouvernement" in page


def test_the_minutes_page_says_why_no_later_meeting_can_approve_yet(client_as, coordinator, cim):
    meeting = record(cim, 2026, 11, 24, 10)
    minutes_save(meeting=meeting, text="Projet", user=coordinator)
    plan(cim, 21, month=1, year=2027)
    page = assert_ok(client_as(coordinator), f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert "CIM-2027-01" in page[page.index('id="way-meeting"') : page.index('id="way-written"')]


# Agendas that can be edited ------------------------------------------------------------------


def test_an_agenda_item_is_edited_with_its_presenter_and_documents(
    client_as, coordinator, cim, partner_a_org
):
    meeting = convened(plan(cim, 10, year=2027))
    item = agenda_item_add(
        meeting=meeting,
        title="Ouverture",
        document_title="Note",
        document=ContentFile(PDF, name="note.pdf"),
    )
    person = PersonFactory(organization=partner_a_org)
    client = client_as(coordinator)
    url = f"/agenda-items/{item.pk}/edit/"
    assert presenter_label(person) in assert_ok(client, url).content.decode()
    response = client.post(
        url,
        {
            "title": "Ouverture de la séance",
            "presenter_organization": partner_a_org.pk,
            "presenter_person": person.pk,
            "duration_minutes": "15",
            "remove_documents": [item.documents.get().pk],
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.presenter_person, item.duration_minutes) == (
        "Ouverture de la séance",
        person,
        15,
    )
    assert not item.documents.exists()


def test_a_presenter_from_another_organisation_is_refused(
    client_as, coordinator, cim, ministry, partner_a_org
):
    meeting = convened(plan(cim, 10, year=2027))
    item = agenda_item_add(meeting=meeting, title="Ouverture")
    stranger = PersonFactory(organization=ministry)
    response = client_as(coordinator).post(
        f"/agenda-items/{item.pk}/edit/",
        {
            "title": "Changé",
            "presenter_organization": partner_a_org.pk,
            "presenter_person": stranger.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["presenter_person"]
    assert AgendaItem.objects.get(pk=item.pk).title == "Ouverture"


def test_the_presenter_list_narrows_to_the_organisation_chosen(
    client_as, coordinator, cim, ministry, partner_a_org
):
    meeting = plan(cim, 10, year=2027)
    theirs, ours = PersonFactory(organization=partner_a_org), PersonFactory(organization=ministry)
    url = f"/meetings/{meeting.pk}/presenters/?presenter_organization={partner_a_org.pk}"
    options = assert_ok(client_as(coordinator), url).content.decode()
    assert f'value="{theirs.pk}"' in options and f'value="{ours.pk}"' not in options


def test_an_item_without_a_presenter_shows_no_stray_separator(client_as, coordinator, cim):
    meeting = plan(cim, 10, year=2027)
    agenda_item_add(meeting=meeting, title="Divers", duration_minutes=10)
    page = assert_ok(client_as(coordinator), f"/meetings/{meeting.pk}/").content.decode()
    assert '<small class="text-body-secondary">10 minutes</small>' in page


# The admin keeps the rules -------------------------------------------------------------------


def admin_form(page) -> dict:
    """What the admin's change form would post back as it stands."""
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
    return data


def test_the_admin_cannot_move_a_meeting_change_its_status_or_its_answers(
    client_as, administrator, cim, partner_a_org
):
    meeting = convened(plan(cim, 10, year=2027))
    client = client_as(administrator)
    url = f"/admin/commissions/meeting/{meeting.pk}/change/"
    page = assert_ok(client, url)
    fields = page.context["adminform"].form.fields
    assert not {"starts_at", "ends_at", "status", "commission"} & set(fields)
    assert f"/meetings/{meeting.pk}/postpone/" in page.content.decode()
    data = {
        **admin_form(page),
        "starts_at_0": "24/12/2027",
        "starts_at_1": "10:00",
        "status": "minutes_approved",
        "place": "Tanger",
    }
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Tanger"
    assert meeting.starts_at == at(2027, 3, 10, 10) and meeting.status == MeetingStatus.CONVENED
    invitation = Invitation.objects.get(meeting=meeting)
    change = f"/admin/commissions/invitation/{invitation.pk}/change/"
    assert client.post(change, {"answer": InvitationAnswer.DECLINED}).status_code == 403
    assert Invitation.objects.get(pk=invitation.pk).answer == InvitationAnswer.PENDING


def test_the_admin_actions_go_through_the_services(client_as, administrator, cim, partner_a_org):
    PersonFactory(organization=partner_a_org)
    ahead, started = plan(cim, 10, year=2027), plan(cim, 2)
    client = client_as(administrator)
    client.post(
        "/admin/commissions/meeting/",
        {"action": "convene", "_selected_action": [ahead.pk, started.pk]},
    )
    ahead.refresh_from_db()
    started.refresh_from_db()
    assert ahead.status == MeetingStatus.CONVENED
    assert Reminder.objects.filter(kind="meeting_invitation").count() == 1
    assert started.is_planned and not started.invitations.exists()
    client.post("/admin/commissions/meeting/", {"action": "cancel", "_selected_action": [ahead.pk]})
    ahead.refresh_from_db()
    assert ahead.status == MeetingStatus.CANCELLED and ahead.cancelled_at
    assert not Reminder.objects.filter(state=State.PENDING, kind="meeting_reminder").exists()


def test_the_admin_neither_edits_minutes_nor_the_agenda_order(
    client_as, administrator, coordinator, cim
):
    meeting = convened(plan(cim, 10, year=2027))
    item = agenda_item_add(meeting=meeting, title="Ouverture")
    client = client_as(administrator)
    page = assert_ok(client, f"/admin/commissions/agendaitem/{item.pk}/change/")
    assert "position" not in page.context["adminform"].form.fields
    assert client.get("/admin/commissions/agendaitem/add/").status_code == 403
    assert client.get("/admin/commissions/minutes/add/").status_code == 403
    held = record(cim, 2026, 11, 24, 10)
    minutes = minutes_save(meeting=held, text="Projet", user=coordinator)
    url = f"/admin/commissions/minutes/{minutes.pk}/change/"
    assert client.post(url, {"text": "Réécrit"}).status_code == 403
    assert Minutes.objects.get(pk=minutes.pk).text == "Projet"
    assert AgendaItem.objects.get(pk=item.pk).position == 1


# Rules in one place --------------------------------------------------------------------------

LITERAL = re.compile(r"""["']({})["']""".format("|".join([*MEETING_STATES, "pending", "dead"])))


def test_no_state_literal_is_left_in_the_commission_views_filters_or_templates():
    root = Path(settings.BASE_DIR)
    files = [root / "commissions/views.py", root / "commissions/filters.py"]
    files += sorted((root / "templates/commissions").glob("*.html"))
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if LITERAL.search(line)
    ]
    assert found == []
