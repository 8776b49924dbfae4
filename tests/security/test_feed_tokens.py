"""A calendar address stands in for a login: it ends when the account's access changes."""

import pytest
from django.test import Client

from accounts.models import Role
from commissions.services import calendar_feed_renew
from tests.access import assert_ok
from tests.commissions.conftest import commission_with
from tests.commissions.world import plan


def feed(user) -> str:
    return f"/meetings/subscription/{calendar_feed_renew(user=user)}.ics"


def test_a_feed_answers_with_no_cache_allowed_to_keep_it(partner_a):
    response = assert_ok(Client(), feed(partner_a))
    assert response["Cache-Control"] == "private, no-store"


def test_a_meetings_calendar_file_is_kept_by_no_cache(client_as, coordinator, ministry):
    meeting = plan(commission_with("CPR", ministry), 10, month=3, year=2027)
    response = assert_ok(client_as(coordinator), f"/meetings/{meeting.pk}/meeting.ics")
    assert response["Cache-Control"] == "private, no-store"


def test_logging_in_again_keeps_the_feed(partner_a):
    address = feed(partner_a)
    Client().force_login(partner_a)  # writes last_login
    assert Client().get(address).status_code == 200


def test_a_password_change_on_the_page_ends_the_feed(partner_a, client_as):
    partner_a.set_password("old-Passw0rd-for-the-test")
    partner_a.save()
    address = feed(partner_a)
    response = client_as(partner_a).post(
        "/accounts/password/",
        {
            "old_password": "old-Passw0rd-for-the-test",
            "new_password1": "n3w-Passw0rd-long-enough",
            "new_password2": "n3w-Passw0rd-long-enough",
        },
    )
    assert response.status_code == 302
    assert Client().get(address).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda user, org: user.set_password("reset-Passw0rd-2027"), id="reset"),
        pytest.param(lambda user, org: setattr(user, "role", Role.PARTNER_VIEWER), id="role"),
        pytest.param(lambda user, org: setattr(user, "organization", org), id="organisation"),
    ],
)
def test_a_change_of_access_ends_the_feed(partner_a, partner_b_org, change):
    address = feed(partner_a)
    change(partner_a, partner_b_org)
    partner_a.save()
    assert Client().get(address).status_code == 404


def test_a_deactivated_then_reactivated_account_needs_a_new_feed(partner_a):
    address = feed(partner_a)
    partner_a.is_active = False
    partner_a.save(update_fields=["is_active"])
    partner_a.is_active = True
    partner_a.save(update_fields=["is_active"])
    assert Client().get(address).status_code == 404
    assert Client().get(feed(partner_a)).status_code == 200
