import pytest

from accounts.models import Role
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def cast(partner_a_org, partner_b_org, ministry):
    """partner 1 and 2 with their users and objects, the ministry's roles, a deactivated user."""
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
        1: {"organization": partner_a_org, "person": PersonFactory(organization=partner_a_org)},
        2: {"organization": partner_b_org, "person": PersonFactory(organization=partner_b_org)},
    }
    return users, objects
