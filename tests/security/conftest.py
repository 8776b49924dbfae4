import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from accounts.models import Role
from commissions import services as commissions
from commissions.models import AgendaDocument, Commission, Invitation, Membership
from cooperation.models import CountryProfile
from tests.actionplans.world import plan_world
from tests.commissions.world import ahead_of
from tests.cooperation.world import cooperation_world
from tests.factories import PersonFactory, UserFactory
from tests.studies.world import studies_world

CASABLANCA = ZoneInfo("Africa/Casablanca")
PDF = b"%PDF-1.4\n%%EOF\n"
# Each partner's cooperation is with a country of its own.
COUNTRIES = {1: "SN", 2: "CI"}


def commission_world(code: str, ministry, member, coordinator) -> dict:
    """A commission the partner sits on alone: a held meeting with approved minutes, a
    convened one with an agenda document, the partner's invitation and a decision."""
    commission = Commission.objects.create(
        kind="technical", code=code, name_fr=f"Commission {code}", secretariat=ministry
    )
    Membership.objects.create(commission=commission, organization=member)
    start = datetime.datetime(2026, 3, 4, 10, tzinfo=CASABLANCA)
    with ahead_of(start):  # planned and convened in February, both held since
        held, upcoming = (
            commissions.meeting_plan(
                commission=commission,
                starts_at=start + datetime.timedelta(days=days),
                ends_at=start + datetime.timedelta(days=days, hours=2),
            )
            for days in (0, 14)
        )
        commissions.meeting_convene(meeting=held)
        commissions.meeting_convene(meeting=upcoming)
    commissions.meeting_mark_held(meeting=held)
    decision = commissions.decision_record(meeting=held, text="Suivre", responsible=[member])
    minutes = commissions.minutes_save(
        meeting=held, text="PV", user=coordinator, file=ContentFile(PDF, name="pv.pdf")
    )
    commissions.minutes_approve(minutes=minutes, at_meeting=upcoming)
    item = commissions.agenda_item_add(
        meeting=upcoming, title="Point", document=ContentFile(PDF, name="note.pdf")
    )
    return {
        "commission": commission,
        "meeting": held,
        "upcoming": upcoming,
        "invitation": Invitation.objects.get(meeting=upcoming, organization=member),
        "decision": decision,
        "agenda_item": item,
        "agenda_document": AgendaDocument.objects.get(item=item),
    }


@pytest.fixture
def cast(partner_a_org, partner_b_org, ministry):
    """partner 1 and 2 with their users and objects, the ministry's roles, a deactivated user.

    The officer follows partner 1's organisation, not partner 2's (access_rules.OFFICER_FOLLOWS).
    """
    users = {
        "administrator": UserFactory(organization=ministry, role=Role.ADMINISTRATOR),
        "coordinator": UserFactory(organization=ministry, role=Role.COORDINATOR),
        "officer": UserFactory(organization=ministry, role=Role.OFFICER),
        "viewer": UserFactory(organization=ministry, role=Role.VIEWER),
        "partner1": UserFactory(organization=partner_a_org, role=Role.FOCAL_POINT),
        "partner1_viewer": UserFactory(organization=partner_a_org, role=Role.PARTNER_VIEWER),
        "partner2": UserFactory(organization=partner_b_org, role=Role.FOCAL_POINT),
        "deactivated": UserFactory(organization=ministry, role=Role.COORDINATOR, is_active=False),
    }
    objects = {
        number: {
            "organization": organization,
            "person": PersonFactory(organization=organization),
            **commission_world(f"C{number}", ministry, organization, users["coordinator"]),
            **plan_world(f"P{number}", organization, reporter=users[f"partner{number}"]),
            **cooperation_world(f"K{number}", organization, country=COUNTRIES[number]),
        }
        for number, organization in ((1, partner_a_org), (2, partner_b_org))
    }
    for number, organization in ((1, partner_a_org), (2, partner_b_org)):
        # The officer is in charge of partner 1's study.
        objects[number].update(
            studies_world(
                f"S{number}",
                organization,
                country=COUNTRIES[number],
                decision=objects[number]["decision"],
                action=objects[number]["action"],
                followed_by=users["officer"] if number == 1 else None,
                user=users["coordinator"],
            )
        )
    partner_a_org.followed_by = users["officer"]
    partner_a_org.save()
    # The officer is partner 1's country desk; each partner's commission meets with its country.
    CountryProfile.objects.filter(country=COUNTRIES[1]).update(desk_officer=users["officer"])
    for number in (1, 2):
        objects[number]["commission"].country = COUNTRIES[number]
        objects[number]["commission"].save()
    return users, objects
