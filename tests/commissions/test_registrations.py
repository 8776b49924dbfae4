import datetime

from django.core.management import call_command

from commissions.models import Commission, CommissionKind, Membership
from commissions.services import decision_record, meeting_plan
from contacts.models import Person
from tests.access import assert_ok
from tests.commissions.world import convened
from tests.factories import PersonFactory


def test_seed_demo_creates_the_inter_ministerial_commission_and_the_technical_one(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cim = Commission.objects.get(kind=CommissionKind.INTER_MINISTERIAL)
    technical = Commission.objects.get(kind=CommissionKind.TECHNICAL)
    assert technical.parent == cim
    members = Membership.objects.current().filter(commission=cim, organization__is_ministry=False)
    assert members.count() > 20
    assert cim.meetings.count() == 2 and cim.meetings.filter(status="convened").exists()


def test_the_360_page_shows_the_partners_commissions_meetings_and_decisions(
    client_as, partner_a, partner_a_org, ministry
):
    cim = Commission.objects.create(
        kind="inter_ministerial",
        code="CIM",
        name_fr="Commission interministérielle",
        secretariat=ministry,
    )
    Membership.objects.create(commission=cim, organization=partner_a_org)
    start = datetime.datetime(2030, 1, 10, 10, tzinfo=datetime.UTC)
    meeting = meeting_plan(
        commission=cim, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    convened(meeting)
    decision_record(meeting=meeting, text="Ouvrir un guichet", responsible=[partner_a_org])
    page = assert_ok(client_as(partner_a), f"/partners/{partner_a_org.pk}/").content.decode()
    panel = page[page.index('id="panel-commissions"') :]
    assert "Commission interministérielle" in panel
    assert "CIM-2030-01" in panel
    assert "CIM-2030-01/D1" in panel


def test_a_focal_points_commission_seats_move_to_the_successor(
    client_as, coordinator, partner_a_org, ministry
):
    cim = Commission.objects.create(
        kind="inter_ministerial", code="CIM", name_fr="CIM", secretariat=ministry
    )
    leaving = PersonFactory(organization=partner_a_org, start_date="2023-01-01")
    arriving = PersonFactory(organization=partner_a_org, kind="alternate")
    seat = Membership.objects.create(
        commission=cim, organization=partner_a_org, representative=leaving
    )
    client = client_as(coordinator)
    page = client.get(f"/people/{leaving.pk}/replace/").content.decode()
    assert str(seat) in page
    client.post(
        f"/people/{leaving.pk}/replace/confirm/", {"successor": arriving.pk, "on": "2026-12-01"}
    )
    seat.refresh_from_db()
    assert seat.representative == arriving
    assert Person.objects.get(pk=leaving.pk).end_date == datetime.date(2026, 12, 1)


def test_a_leaving_alternates_seats_move_too(coordinator, client_as, partner_a_org, ministry):
    technical = Commission.objects.create(
        kind="technical", code="CT", name_fr="CT", secretariat=ministry
    )
    leaving = PersonFactory(organization=partner_a_org, start_date="2023-01-01")
    arriving = PersonFactory(organization=partner_a_org)
    seat = Membership.objects.create(
        commission=technical, organization=partner_a_org, alternate=leaving
    )
    client_as(coordinator).post(
        f"/people/{leaving.pk}/replace/confirm/", {"successor": arriving.pk, "on": "2026-12-01"}
    )
    seat.refresh_from_db()
    assert seat.alternate == arriving
