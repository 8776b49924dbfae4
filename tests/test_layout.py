import re

from django.test import Client


def arabic_client(client):
    client.cookies["django_language"] = "ar"
    return client


def test_arabic_pages_are_right_to_left_with_the_rtl_stylesheet(client_as, coordinator):
    page = arabic_client(client_as(coordinator)).get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap/css/bootstrap.rtl.min.css" in page
    assert "bootstrap/css/bootstrap.min.css" not in page


def test_french_pages_are_left_to_right_with_the_ltr_stylesheet(client_as, coordinator):
    page = client_as(coordinator).get("/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert "bootstrap/css/bootstrap.min.css" in page


def test_pages_use_no_outside_resources(client_as, coordinator):
    page = client_as(coordinator).get("/").content.decode()
    assert "http://" not in page.replace("http://testserver", "")
    assert "https://" not in page
    assert "<script>" not in page


def test_ministry_staff_see_the_partner_directory_in_the_navigation(client_as, coordinator):
    page = client_as(coordinator).get("/").content.decode()
    assert 'href="/partners/"' in page
    assert 'href="/admin/"' not in page


def test_administrators_see_the_admin_in_the_navigation(client_as, administrator):
    assert 'href="/admin/"' in client_as(administrator).get("/").content.decode()


def test_partners_see_their_own_organisation_instead_of_the_directory(client_as, partner_a):
    page = client_as(partner_a).get("/").content.decode()
    assert f'href="/partners/{partner_a.organization_id}/"' in page
    assert 'href="/partners/"' not in page
    assert 'href="/admin/"' not in page


def test_form_fields_carry_labels(db):
    page = Client().get("/accounts/login/").content.decode()
    assert re.search(r'<label\s+for="id_username"', page)
    assert re.search(r'<label\s+for="id_password"', page)


def test_an_unknown_page_answers_404_in_the_users_language(client_as, coordinator):
    response = arabic_client(client_as(coordinator)).get("/no-such-page/")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()
