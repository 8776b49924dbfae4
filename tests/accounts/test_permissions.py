from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.access import assert_ok


def test_coordinators_may_add_change_and_delete_domain_records(coordinator):
    assert coordinator.has_perms(
        ["partners.add_organization", "contacts.change_person", "contacts.delete_person"]
    )


def test_officers_change_records_but_cannot_add_or_remove_a_partner(officer):
    assert officer.has_perms(["contacts.add_person", "partners.change_organization"])
    assert not officer.has_perm("partners.add_organization")
    assert not officer.has_perm("partners.delete_organization")
    assert not officer.has_perm("contacts.delete_person")


def test_viewers_only_view(viewer):
    assert viewer.has_perm("partners.view_organization")
    assert not viewer.has_perm("contacts.add_person")


def test_partner_users_hold_no_model_permission(partner_a, partner_a_viewer):
    for user in (partner_a, partner_a_viewer):
        assert not user.has_perm("partners.view_organization")
        assert not user.has_perm("contacts.add_person")


def test_no_role_holds_permissions_on_accounts_or_the_admins_own_models(coordinator):
    assert not coordinator.has_perm("accounts.change_user")
    assert not coordinator.has_perm("django_celery_beat.add_periodictask")


def test_a_deactivated_user_holds_nothing(coordinator):
    coordinator.is_active = False
    assert not coordinator.has_perm("partners.view_organization")


def test_checking_a_role_permission_costs_no_query(coordinator):
    with CaptureQueriesContext(connection) as queries:
        assert coordinator.has_perm("partners.add_organization")
    assert len(queries) == 0


def test_the_user_admin_offers_no_groups_since_roles_give_the_permissions(
    client_as, administrator, coordinator
):
    client = client_as(administrator)
    changelist = assert_ok(client, "/admin/accounts/user/").content.decode()
    assert "column-full_name" in changelist and "get_full_name" not in changelist
    change = assert_ok(client, f"/admin/accounts/user/{coordinator.pk}/change/").content.decode()
    assert 'name="groups"' not in change and 'name="user_permissions"' not in change
    assert client.get("/admin/auth/group/").status_code == 404
    assert "/admin/auth/" not in assert_ok(client, "/admin/").content.decode()
