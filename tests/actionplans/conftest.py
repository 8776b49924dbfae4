import pytest

from .world import plan_world


@pytest.fixture
def world(partner_a_org, partner_a):
    """Partner A's agreed plan, its action and a report of partner A awaiting validation."""
    return plan_world("PA", partner_a_org, reporter=partner_a)


@pytest.fixture
def other_world(partner_b_org, partner_b):
    return plan_world("PB", partner_b_org, reporter=partner_b)
