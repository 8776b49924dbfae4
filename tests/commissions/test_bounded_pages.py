"""Pages stay the same size however many years of work lie behind them; one click shows all."""

import pytest

from commissions.models import Membership
from commissions.services import decision_record
from tests.access import assert_ok
from tests.factories import OrganizationFactory

from .world import convened, plan


@pytest.fixture(autouse=True)
def in_english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def crowded(cim):
    """A meeting of 45 invited organisations (the secretariat is not invited), after one
    with 25 open decisions."""
    for organization in OrganizationFactory.create_batch(44):
        Membership.objects.create(commission=cim, organization=organization)
    earlier = convened(plan(cim, 2))
    for number in range(25):
        decision_record(meeting=earlier, text=f"Engagement {number:02d}")
    meeting = plan(cim, 10, year=2027)
    convened(meeting)
    return meeting


def test_the_meeting_page_shows_forty_invitations_and_a_link_to_the_others(
    crowded, client_as, coordinator
):
    client = client_as(coordinator)
    page = assert_ok(client, f"/meetings/{crowded.pk}/")
    assert len(page.context["invitations"]) == 40
    assert "Show 5 more invitations" in page.content.decode()
    every = assert_ok(client, f"/meetings/{crowded.pk}/?invitations=all")
    assert len(every.context["invitations"]) == 45
    assert "more invitations" not in every.content.decode()


def test_the_follow_up_shows_twenty_decisions_and_the_register_holds_them_all(
    crowded, client_as, coordinator
):
    client = client_as(coordinator)
    page = assert_ok(client, f"/meetings/{crowded.pk}/")
    assert len(page.context["follow_up"]) == 20
    link = f"/commissions/{crowded.commission_id}/decisions/?still_open=on"
    assert f'href="{link}"' in page.content.decode()
    assert "5 more open decisions, in the register" in page.content.decode()
    register = assert_ok(client, link)
    assert register.context["page_obj"].paginator.count == 25


def test_a_partner_sees_its_own_answer_once_and_no_invitation_list(crowded, client_as, partner_a):
    page = assert_ok(client_as(partner_a), f"/meetings/{crowded.pk}/").content.decode()
    assert page.count("Your organisation") == 1
    assert "invitations-heading" not in page and "more invitations" not in page


def test_the_commission_page_shows_forty_members_and_a_link_to_all(crowded, client_as, coordinator):
    client = client_as(coordinator)
    page = assert_ok(client, f"/commissions/{crowded.commission_id}/")
    assert len(page.context["memberships"]) == 40
    assert "46 members" in page.content.decode()
    assert "Show all 46 members" in page.content.decode()
    every = assert_ok(client, f"/commissions/{crowded.commission_id}/?members=all")
    assert len(every.context["memberships"]) == 46


def test_the_partner_page_lists_ten_open_decisions_and_links_each_register(
    crowded, client_as, coordinator, partner_a_org
):
    for decision in crowded.commission.meetings.get(starts_at__year=2026).decisions.all():
        decision.responsible.add(partner_a_org)
    page = assert_ok(client_as(coordinator), f"/partners/{partner_a_org.pk}/")
    panel = next(shown for shown in page.context["panels"] if shown.panel.key == "commissions")
    assert len(panel.context["decisions"]) == 10
    link = (
        f"/commissions/{crowded.commission_id}/decisions/"
        f"?responsible={partner_a_org.pk}&amp;still_open=on"
    )
    assert link in page.content.decode() and "25 open decisions" in page.content.decode()
    register = assert_ok(client_as(coordinator), link.replace("&amp;", "&"))
    assert register.context["page_obj"].paginator.count == 25
