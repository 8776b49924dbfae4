import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.access import assert_redirects_to_login, log_in_with_password
from tests.factories import TEST_PASSWORD

PUBLIC_URLS = [
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/complete/",
    "/contact/",
    "/healthz",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_open_without_login(db, url):
    assert Client().get(url).status_code == 200


@pytest.mark.parametrize("url", ["/", "/partners/", "/accounts/password/"])
def test_every_other_page_asks_anonymous_visitors_to_log_in(db, url):
    assert_redirects_to_login(url)


def test_the_language_switch_is_open_to_anonymous_visitors(db):
    response = Client().post("/accounts/language/", {"language": "ar", "next": "/contact/"})
    assert response.status_code == 302
    assert response["Location"] == "/contact/"
    assert response.cookies["django_language"].value == "ar"


def test_a_user_logs_in_with_the_right_password(officer):
    client = Client()
    response = log_in_with_password(client, "officer", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_is_refused_with_a_message_and_keeps_the_user_name(coordinator):
    response = Client().post("/accounts/login/", {"username": "coordinator", "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'value="coordinator"' in response.content.decode()


def test_the_session_key_changes_at_login(officer):
    client = Client()
    client.get("/accounts/login/")
    client.cookies["sessionid"] = "before-login"
    log_in_with_password(client, "officer", TEST_PASSWORD)
    assert client.cookies["sessionid"].value != "before-login"


def test_logout_is_post_only_and_ends_the_session(client_as, coordinator):
    client = client_as(coordinator)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert_redirects_to_login("/")
    assert client.get("/").status_code == 302


def test_a_deactivated_user_is_logged_out(client_as, coordinator):
    client = client_as(coordinator)
    coordinator.is_active = False
    coordinator.save()
    assert client.get("/").status_code == 302


def test_a_password_change_keeps_the_user_logged_in(client_as, coordinator):
    client = client_as(coordinator)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "another-long-password-2027",
            "new_password2": "another-long-password-2027",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.check_password("another-long-password-2027")


def test_a_common_password_is_refused(client_as, coordinator):
    response = client_as(coordinator).post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


def test_the_reset_email_is_in_the_users_saved_language(coordinator):
    coordinator.language = "ar"
    coordinator.save()
    Client().post("/accounts/password/reset/", {"email": coordinator.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    with translation.override("ar"):
        subject = translation.gettext("Your password on the MRA Partnership Portal")
    assert message.subject == subject
    assert "/accounts/password/reset/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_the_reset_link_lets_the_user_choose_a_new_password(coordinator):
    client = Client()
    client.post("/accounts/password/reset/", {"email": coordinator.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {
            "new_password1": "a-brand-new-password-2027",
            "new_password2": "a-brand-new-password-2027",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("a-brand-new-password-2027")


def test_a_reset_for_an_unknown_address_reveals_nothing(db):
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []
