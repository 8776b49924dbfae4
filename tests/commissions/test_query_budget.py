"""Every commission list costs the same few queries however many rows it shows."""

import pytest
from django.test import Client

from commissions.models import Membership
from commissions.services import (
    agenda_item_add,
    attendance_record,
    decision_record,
    meeting_mark_held,
    minutes_save,
)
from tests.access import count_queries
from tests.factories import OrganizationFactory, PersonFactory

from .conftest import commission_with
from .world import convened, plan

BUDGET = 10


def grow(cim, ministry, days: range, coordinator) -> None:
    """A member with a representative, and per day a meeting held with its agenda, decisions
    and two versions of its minutes."""
    members = [OrganizationFactory() for _ in days]
    for organization in members:
        person = PersonFactory(organization=organization)
        Membership.objects.create(commission=cim, organization=organization, representative=person)
    commission_with(f"W{days.start}", ministry, *members[:2])
    for day in days:
        meeting = plan(cim, day, month=11)
        convened(meeting)
        attendance_record(meeting=meeting, present={members[0].pk})
        agenda_item_add(meeting=meeting, title=f"Point {day}", presenter_organization=members[0])
        decision_record(meeting=meeting, text=f"Décision {day}", responsible=members[:2])
        meeting_mark_held(meeting=meeting)
        for version in (1, 2):
            minutes_save(meeting=meeting, text=f"Procès-verbal {version}", user=coordinator)


PAGES = [
    "/commissions/",
    "/commissions/{cim}/",
    "/commissions/{cim}/decisions/",
    "/meetings/",
    "/meetings/?period=past&commission={cim}",
    "/meetings/calendar/?month=2026-11",
    "/meetings/{last}/",
    "/meetings/{last}/convocation/",
    "/meetings/{last}/minutes/review/",
]
# The secretariat's own pages.
SECRETARIAT_PAGES = [
    "/commissions/{cim}/meetings/record/",
    "/meetings/{last}/minutes/",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["coordinator", "partner_a"])
def test_commission_pages_cost_constant_queries(
    cim, ministry, partner_a_org, client_as, coordinator, request, page, role
):
    client = client_as(request.getfixturevalue(role))
    counts = []
    for days in (range(1, 3), range(3, 13)):
        grow(cim, ministry, days, coordinator)
        last = cim.meetings.order_by("-starts_at").first()
        counts.append(count_queries(client, page.format(cim=cim.pk, last=last.pk)))
    assert counts[0] == counts[1] <= BUDGET, counts


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_secretariat_pages_cost_constant_queries(cim, ministry, client_as, coordinator, page):
    client = client_as(coordinator)
    counts = []
    for days in (range(1, 3), range(3, 13)):
        grow(cim, ministry, days, coordinator)
        last = cim.meetings.order_by("-starts_at").first()
        counts.append(count_queries(client, page.format(cim=cim.pk, last=last.pk)))
    assert counts[0] == counts[1] <= BUDGET, counts


def test_the_private_feed_costs_constant_queries(cim, ministry, client_as, partner_a, coordinator):
    client = client_as(partner_a)
    client.get("/meetings/subscription/")
    feed = client.post("/meetings/subscription/", {"action": "renew"}).context["feed_url"]
    counts = []
    for days in (range(1, 3), range(3, 13)):
        grow(cim, ministry, days, coordinator)
        counts.append(count_queries(Client(), feed))
    assert counts[0] == counts[1] <= BUDGET, counts
