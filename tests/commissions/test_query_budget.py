"""Every commission list costs the same few queries however many rows it shows."""

import pytest
from django.test import Client

from commissions.models import Membership
from commissions.services import (
    agenda_item_add,
    attendance_record,
    decision_record,
    meeting_convene,
)
from tests.access import count_queries
from tests.factories import OrganizationFactory, PersonFactory

from .conftest import commission_with
from .world import plan

BUDGET = 10


def grow(cim, ministry, days: range) -> None:
    """A member with a representative and a meeting with agenda and decisions per day."""
    members = [OrganizationFactory() for _ in days]
    for organization in members:
        person = PersonFactory(organization=organization)
        Membership.objects.create(commission=cim, organization=organization, representative=person)
    commission_with(f"W{days.start}", ministry, *members[:2])
    for day in days:
        meeting = plan(cim, day, month=11)
        meeting_convene(meeting=meeting)
        attendance_record(meeting=meeting, present={members[0].pk})
        agenda_item_add(meeting=meeting, title=f"Point {day}", presenter_organization=members[0])
        decision_record(meeting=meeting, text=f"Décision {day}", responsible=members[:2])


PAGES = [
    "/commissions/",
    "/commissions/{cim}/",
    "/commissions/{cim}/decisions/",
    "/meetings/",
    "/meetings/?period=past&commission={cim}",
    "/meetings/calendar/?month=2026-11",
    "/meetings/{last}/",
    "/meetings/{last}/convocation/",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["coordinator", "partner_a"])
def test_commission_pages_cost_constant_queries(
    cim, ministry, partner_a_org, client_as, request, page, role
):
    client = client_as(request.getfixturevalue(role))
    counts = []
    for days in (range(1, 3), range(3, 13)):
        grow(cim, ministry, days)
        last = cim.meetings.order_by("-starts_at").first()
        counts.append(count_queries(client, page.format(cim=cim.pk, last=last.pk)))
    assert counts[0] == counts[1] <= BUDGET, counts


def test_the_private_feed_costs_constant_queries(cim, ministry, client_as, partner_a):
    client = client_as(partner_a)
    client.get("/meetings/subscription/")
    feed = client.post("/meetings/subscription/", {"action": "renew"}).context["feed_url"]
    counts = []
    for days in (range(1, 3), range(3, 13)):
        grow(cim, ministry, days)
        counts.append(count_queries(Client(), feed))
    assert counts[0] == counts[1] <= BUDGET, counts
