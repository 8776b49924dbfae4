"""Every cooperation page costs the same few queries however many rows it shows."""

import pytest

from tests.access import count_queries

from .world import cooperation_world

BUDGET = 10
PAGES = [
    "/programmes/",
    "/programmes/?country=SN&objective=rights&region=africa&status=2",
    "/programmes/{programme}/",
    "/agreements/",
    "/agreements/to-act-on/",
    "/agreements/{agreement}/",
    "/frameworks/",
    "/frameworks/{framework}/",
    "/countries/",
    "/countries/{country}/",
    "/cooperation/",
    "/",
]


def grow(organization, numbers: range) -> dict:
    """A world per number, all with the same country: its profile gathers them all."""
    for number in numbers:
        world = cooperation_world(f"G{number}", organization, country="SN")
    return world


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["coordinator", "partner_a"])
def test_cooperation_pages_cost_constant_queries(partner_a_org, client_as, request, page, role):
    client = client_as(request.getfixturevalue(role))
    counts = []
    for numbers in (range(1, 2), range(2, 7)):
        world = grow(partner_a_org, numbers)
        url = page.format(**{name: record.pk for name, record in world.items()})
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1] <= BUDGET, counts


def test_the_partners_360_panel_costs_one_query_whatever_their_number(
    partner_a_org, partner_a, client_as
):
    client = client_as(partner_a)
    counts = []
    for numbers in (range(1, 2), range(2, 7)):
        grow(partner_a_org, numbers)
        counts.append(count_queries(client, f"/partners/{partner_a_org.pk}/"))
    assert counts[0] == counts[1], counts
