from django.test import Client
from django.utils import translation
from django.utils.html import escape

from tests.access import log_in_with_password
from tests.factories import TEST_PASSWORD


def translated(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def test_a_users_language_choice_is_kept_on_the_profile(client_as, coordinator):
    response = client_as(coordinator).post("/accounts/language/", {"language": "ar", "next": "/"})
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.language == "ar"


def test_the_saved_language_follows_the_user_to_a_new_browser(officer):
    officer.language = "ar"
    officer.save()
    client = Client()
    log_in_with_password(client, "officer", TEST_PASSWORD)
    page = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert translated("ar", "Dashboard") in page


def test_the_saved_language_wins_over_the_browser_cookie(client_as, coordinator):
    coordinator.language = "en"
    coordinator.save()
    client = client_as(coordinator)
    client.cookies["django_language"] = "ar"
    assert '<html lang="en" dir="ltr">' in client.get("/").content.decode()


def test_an_unknown_language_is_refused_with_a_message(client_as, coordinator):
    client = client_as(coordinator)
    response = client.post("/accounts/language/", {"language": "xx", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert (
        escape(translated("fr", "Choose Arabic, French or English.")) in response.content.decode()
    )
    coordinator.refresh_from_db()
    assert coordinator.language == ""


def test_the_switch_never_redirects_to_another_site(client_as, coordinator):
    response = client_as(coordinator).post(
        "/accounts/language/", {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    response = client_as(coordinator).post(
        "/accounts/language/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_language_switch_is_post_only(client_as, coordinator):
    assert client_as(coordinator).get("/accounts/language/").status_code == 405


def test_french_is_the_default_language(db):
    page = Client().get("/accounts/login/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert translated("fr", "Log in to the partnership portal") in page


def test_the_login_page_speaks_all_three_languages(db):
    for language in ("ar", "fr", "en"):
        client = Client()
        client.cookies["django_language"] = language
        page = client.get("/accounts/login/").content.decode()
        assert f'lang="{language}"' in page
        assert translated(language, "Forgotten your password?") in page
    assert translated("ar", "Forgotten your password?") != "Forgotten your password?"
