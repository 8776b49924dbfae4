"""Every action plan page costs the same few queries however many rows it shows."""

import datetime

import pytest

from actionplans import services
from tests.access import count_queries

from .world import plan_world

BUDGET = 10


def grow(organization, reporter, coordinator, numbers: range) -> None:
    """A plan per number, each with an extra revised action and a validated report."""
    for number in numbers:
        world = plan_world(f"G{number}", organization, reporter=reporter)
        services.report_validate(report=world["report"], user=coordinator)
        extra = services.action_create(
            plan=world["plan"],
            axis=world["axis"],
            code=f"G{number}-1.2",
            title_fr="Encore",
            lead=organization,
            due_date=datetime.date(2027, 1, 1),
        )
        services.action_revise_due_date(
            action=extra, due_date=datetime.date(2027, 2, 1), reason="Budget", user=coordinator
        )
        services.indicator_add(
            action=world["action"],
            name="Second",
            unit="%",
            baseline_value=0,
            baseline_year=2025,
            target_value=100,
            target_date=datetime.date(2027, 6, 30),
        )
        services.report_submit(
            action=world["action"], user=reporter, period="Q4", progress=70, narrative="Suite"
        )


PAGES = [
    "/plans/",
    "/plans/?sort=-slippage&status=agreed",
    "/plans/{plan}/",
    "/actions/",
    "/actions/mine/",
    "/actions/overdue/",
    "/actions/{action}/",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["coordinator", "partner_a"])
def test_action_plan_pages_cost_constant_queries(
    partner_a_org, partner_a, coordinator, client_as, request, page, role
):
    client = client_as(request.getfixturevalue(role))
    counts = []
    for numbers in (range(1, 2), range(2, 6)):
        grow(partner_a_org, partner_a, coordinator, numbers)
        last = partner_a_org.led_plans.order_by("-pk").first()
        url = page.format(
            plan=last.pk,
            action=last.actions.order_by("pk").first().pk,
            organization=partner_a_org.pk,
        )
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1] <= BUDGET, counts


def test_the_partners_360_panel_costs_two_queries_whatever_the_number_of_plans(
    partner_a_org, partner_a, coordinator, client_as
):
    """The 360° page is over the budget of 10 already (every app's panel, 10 queries before
    this one, the cooperation panel and the studies panel, as partner A): this panel adds its
    plans and its actions, at any size."""
    client = client_as(partner_a)
    counts = []
    for numbers in (range(1, 2), range(2, 6)):
        grow(partner_a_org, partner_a, coordinator, numbers)
        counts.append(count_queries(client, f"/partners/{partner_a_org.pk}/"))
    assert counts[0] == counts[1] == 14, counts
