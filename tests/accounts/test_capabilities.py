"""Each capability is asked of the user; the roles that have it are written here once more,
by hand, so that a role given or refused a capability by mistake fails a test."""

import pytest

from accounts.models import Role, User
from tests.factories import UserFactory

# role: (is_ministry, sees_internal_notes, reads_history, edits_everything,
#        edits_what_they_follow, answers_for_organization, needs_two_factor)
CAPABILITIES = {
    Role.ADMINISTRATOR: (True, True, True, True, False, False, True),
    Role.COORDINATOR: (True, True, True, True, False, False, True),
    Role.OFFICER: (True, True, True, False, True, False, False),
    Role.VIEWER: (True, True, True, False, False, False, False),
    Role.FOCAL_POINT: (False, False, False, False, False, True, False),
    Role.PARTNER_VIEWER: (False, False, False, False, False, False, False),
}
NAMES = (
    "is_ministry",
    "sees_internal_notes",
    "reads_history",
    "edits_everything",
    "edits_what_they_follow",
    "answers_for_organization",
    "needs_two_factor",
)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_capabilities(role):
    user = User(role=role)
    assert tuple(getattr(user, name) for name in NAMES) == CAPABILITIES[role]


def test_only_active_ministry_editors_can_be_named_to_follow_a_partner(ministry, partner_a_org):
    for role in (Role.ADMINISTRATOR, Role.COORDINATOR, Role.OFFICER, Role.VIEWER):
        UserFactory(organization=ministry, role=role, username=f"m-{role}")
    UserFactory(organization=ministry, role=Role.OFFICER, username="gone", is_active=False)
    UserFactory(organization=partner_a_org, role=Role.FOCAL_POINT, username="p-focal")
    able = set(User.objects.able_to_follow().values_list("username", flat=True))
    assert able == {"m-administrator", "m-coordinator", "m-officer"}


def test_invitations_reach_focal_points_and_coordinators_with_an_active_account(
    ministry, partner_a_org
):
    UserFactory(organization=ministry, role=Role.COORDINATOR, username="coord")
    UserFactory(organization=ministry, role=Role.OFFICER, username="off")
    UserFactory(organization=partner_a_org, role=Role.FOCAL_POINT, username="focal")
    UserFactory(organization=partner_a_org, role=Role.PARTNER_VIEWER, username="reader")
    UserFactory(organization=partner_a_org, role=Role.FOCAL_POINT, username="left", is_active=False)
    receiving = set(User.objects.receiving_invitations().values_list("username", flat=True))
    assert receiving == {"coord", "focal"}
