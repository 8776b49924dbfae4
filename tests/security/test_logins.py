import logging
import time

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.admin_site import PortalAdminSite
from tests.access import log_in_with_password
from tests.factories import TEST_PASSWORD


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def password_client(username: str) -> Client:
    client = Client()
    assert log_in_with_password(client, username, TEST_PASSWORD).status_code == 302
    return client


class TestTwoFactor:
    def test_a_coordinator_without_an_authenticator_is_sent_to_enrol(self, coordinator):
        response = password_client("coordinator").get("/partners/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/two-factor/setup/?next=%2Fpartners%2F"

    def test_enrolment_shows_a_qr_code_and_the_key_then_issues_recovery_codes(self, coordinator):
        client = password_client("coordinator")
        page = client.get("/accounts/two-factor/setup/")
        assert "<svg" in page.content.decode()
        device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
        assert page.context["secret"]
        response = client.post(
            "/accounts/two-factor/setup/", {"token": current_code(device), "next": "/partners/"}
        )
        assert response.status_code == 200
        codes = response.context["codes"]
        assert len(codes) == 10 and len(set(codes)) == 10
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/partners/").status_code == 200

    def test_a_wrong_enrolment_code_is_refused_with_a_message(self, coordinator):
        client = password_client("coordinator")
        client.get("/accounts/two-factor/setup/")
        response = client.post("/accounts/two-factor/setup/", {"token": "000000"})
        assert response.context["form"].errors["token"]
        assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
        assert client.get("/partners/").status_code == 302

    def test_an_enrolled_administrator_types_the_code_at_each_login(self, administrator):
        device = TOTPDevice.objects.create(user=administrator, name="phone", confirmed=True)
        client = password_client("administrator")
        response = client.get("/admin/")
        assert response["Location"] == "/accounts/two-factor/verify/?next=%2Fadmin%2F"
        wrong = client.post("/accounts/two-factor/verify/", {"token": "123456", "next": "/admin/"})
        assert wrong.status_code == 200 and wrong.context["form"].errors["token"]
        # A failure throttles the device: even the right code waits a moment.
        throttled = client.post("/accounts/two-factor/verify/", {"token": current_code(device)})
        assert throttled.status_code == 200
        # …and says so, rather than call the right code wrong.
        (said,) = throttled.context["form"].errors["token"]
        with translation.override(throttled["Content-Language"]):
            wrong = gettext("This code is not valid, or was already used.")
        assert said != wrong and any(character.isdigit() for character in said)
        device.refresh_from_db()
        device.throttle_reset()
        right = client.post(
            "/accounts/two-factor/verify/", {"token": current_code(device), "next": "/admin/"}
        )
        assert right["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200

    def test_a_recovery_code_works_once(self, administrator):
        client = password_client("administrator")
        client.get("/accounts/two-factor/setup/")
        device = TOTPDevice.objects.get(user=administrator)
        codes = client.post("/accounts/two-factor/setup/", {"token": current_code(device)}).context[
            "codes"
        ]
        again = password_client("administrator")
        assert again.post("/accounts/two-factor/verify/", {"token": codes[0]}).status_code == 302
        third = password_client("administrator")
        assert third.post("/accounts/two-factor/verify/", {"token": codes[0]}).status_code == 200
        assert StaticToken.objects.filter(device__user=administrator).count() == 9

    def test_an_unverified_user_cannot_replace_the_authenticator(self, coordinator):
        TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
        response = password_client("coordinator").get("/accounts/two-factor/setup/")
        assert response["Location"].startswith("/accounts/two-factor/verify/")

    def test_the_admin_refuses_an_administrator_without_the_second_factor(self, administrator):
        # Even if the middleware were bypassed, the admin site checks the second factor.
        request = RequestFactory().get("/admin/")
        request.user = administrator
        administrator.is_verified = lambda: False
        assert not PortalAdminSite().has_permission(request)
        administrator.is_verified = lambda: True
        assert PortalAdminSite().has_permission(request)

    def test_the_admin_login_page_also_asks_for_the_second_factor(self, administrator):
        TOTPDevice.objects.create(user=administrator, name="phone", confirmed=True)
        client = password_client("administrator")
        response = client.get("/admin/login/")
        assert response["Location"].startswith("/accounts/two-factor/verify/")

    def test_officers_viewers_and_partners_need_no_second_factor(self, officer, partner_a):
        for user in (officer, partner_a):
            client = Client()
            assert log_in_with_password(client, user.username, TEST_PASSWORD).status_code == 302
            assert client.get("/").status_code == 200

    def test_logout_and_public_pages_stay_open_before_the_second_factor(self, coordinator):
        client = password_client("coordinator")
        assert client.get("/contact/").status_code == 200
        assert client.post("/accounts/logout/").status_code == 302
        assert client.get("/").status_code == 302


class TestLockout:
    def fail(self, client, username="officer", address="10.0.0.1"):
        return client.post(
            "/accounts/login/",
            {"username": username, "password": "wrong"},
            REMOTE_ADDR=address,
        )

    def test_five_failures_lock_that_user_from_that_address_with_a_clear_message(self, officer):
        client = Client()
        for _ in range(4):
            assert self.fail(client).status_code == 200
        locked = self.fail(client)
        assert locked.status_code == 429
        with translation.override("fr"):
            assert translation.gettext("Too many failed attempts") in locked.content.decode()
        right = client.post(
            "/accounts/login/",
            {"username": "officer", "password": TEST_PASSWORD},
            REMOTE_ADDR="10.0.0.1",
        )
        assert right.status_code == 429

    def test_the_same_user_from_another_address_still_logs_in(self, officer):
        client = Client()
        for _ in range(6):
            self.fail(client)
        other = Client()
        response = other.post(
            "/accounts/login/",
            {"username": "officer", "password": TEST_PASSWORD},
            REMOTE_ADDR="10.0.0.2",
        )
        assert response.status_code == 302

    def test_one_attacker_cannot_lock_out_a_whole_organisation(self, partner_a, partner_a_viewer):
        client = Client()
        for _ in range(6):
            self.fail(client, username=partner_a.username)
        response = client.post(
            "/accounts/login/",
            {"username": partner_a_viewer.username, "password": TEST_PASSWORD},
            REMOTE_ADDR="10.0.0.1",
        )
        assert response.status_code == 302


class TestSessions:
    def age_session(self, client, **offsets):
        session = client.session
        for key, seconds in offsets.items():
            session[key] = time.time() - seconds
        session.save()

    def test_a_session_idle_too_long_ends(self, client_as, officer, settings):
        client = client_as(officer)
        self.age_session(client, seen_at=settings.SESSION_IDLE_TIMEOUT + 5)
        response = client.get("/partners/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert client.get("/").status_code == 302

    def test_a_session_ends_after_its_absolute_lifetime_even_when_busy(
        self, client_as, officer, settings
    ):
        client = client_as(officer)
        self.age_session(client, signed_in_at=settings.SESSION_COOKIE_AGE + 5, seen_at=1)
        assert client.get("/partners/").status_code == 302

    def test_an_active_session_goes_on(self, client_as, officer):
        client = client_as(officer)
        self.age_session(client, seen_at=120)
        assert client.get("/partners/").status_code == 200
        assert time.time() - client.session["seen_at"] < 5


@pytest.mark.parametrize(
    ("action", "message"),
    [("good", "login user=officer"), ("bad", "failed login user=officer")],
)
def test_logins_and_failures_are_logged(officer, caplog, action, message):
    password = TEST_PASSWORD if action == "good" else "wrong"
    with caplog.at_level(logging.INFO, logger="mra_portal.security"):
        log_in_with_password(Client(), "officer", password)
    assert message in caplog.text


def test_logouts_and_refused_accesses_are_logged(client_as, officer, partner_a, caplog):
    with caplog.at_level(logging.INFO):
        client_as(partner_a).get("/partners/999999/")
        client_as(partner_a).get(f"/partners/{partner_a.organization_id}/edit/")
        client_as(officer).post("/accounts/logout/")
    assert "Not Found: /partners/999999/" in caplog.text
    assert "Forbidden" in caplog.text
    assert "logout user=officer" in caplog.text
