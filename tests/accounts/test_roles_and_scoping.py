import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from accounts.models import Role, User
from partners.models import Organization
from tests.factories import UserFactory


def test_only_administrators_reach_the_django_admin(
    client_as, administrator, coordinator, partner_a
):
    assert client_as(administrator).get("/admin/").status_code == 200
    for user in (coordinator, partner_a):
        response = client_as(user).get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_admin_rights_follow_the_role_not_a_stored_flag(administrator, coordinator):
    assert administrator.is_staff and administrator.is_superuser
    assert not coordinator.is_staff and not coordinator.is_superuser
    administrator.role = Role.VIEWER
    assert not administrator.is_staff


def test_ministry_roles_and_partner_roles_are_told_apart(
    coordinator, viewer, partner_a, partner_a_viewer
):
    assert coordinator.is_ministry and viewer.is_ministry
    assert not partner_a.is_ministry and not partner_a_viewer.is_ministry


def test_a_partner_user_cannot_hold_a_ministry_role(partner_a_org):
    user = UserFactory.build(organization=partner_a_org, role=Role.COORDINATOR)
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "role" in error.value.message_dict


def test_a_ministry_user_cannot_hold_a_partner_role(ministry):
    user = UserFactory.build(organization=ministry, role=Role.FOCAL_POINT)
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "role" in error.value.message_dict


def test_createsuperuser_makes_a_ministry_administrator(db):
    call_command("createsuperuser", interactive=False, username="root", email="root@example.org")
    user = User.objects.get(username="root")
    assert user.role == Role.ADMINISTRATOR
    assert user.organization.is_ministry
    assert user.is_superuser


def test_ministry_users_see_every_organisation(coordinator, partner_a_org, partner_b_org):
    visible = set(Organization.objects.for_user(coordinator))
    assert {partner_a_org, partner_b_org, coordinator.organization} <= visible


def test_a_partner_sees_only_its_own_organisation(partner_a, partner_a_org, partner_b_org):
    assert list(Organization.objects.for_user(partner_a)) == [partner_a_org]


def test_an_anonymous_visitor_sees_no_organisation(db, partner_a_org):
    from django.contrib.auth.models import AnonymousUser

    assert not Organization.objects.for_user(AnonymousUser()).exists()


def test_a_deactivated_user_sees_nothing(coordinator):
    coordinator.is_active = False
    assert not Organization.objects.for_user(coordinator).exists()
