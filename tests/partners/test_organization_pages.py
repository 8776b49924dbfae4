import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from partners.models import Organization
from tests.access import assert_not_found, assert_ok, assert_redirects_to_login, count_queries
from tests.factories import OrganizationFactory


def main_part(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_the_organisation_page_asks_anonymous_visitors_to_log_in(partner_a_org):
    assert_redirects_to_login(f"/partners/{partner_a_org.pk}/")


def test_a_partner_gets_404_on_another_partners_organisation(client_as, partner_a, partner_b_org):
    assert_not_found(client_as(partner_a), f"/partners/{partner_b_org.pk}/")


def test_a_partner_gets_404_on_the_ministry_page_too(client_as, partner_a, ministry):
    assert_not_found(client_as(partner_a), f"/partners/{ministry.pk}/")


def test_another_partner_and_a_missing_organisation_answer_alike(
    client_as, partner_a, partner_b_org
):
    client = client_as(partner_a)
    hidden = client.get(f"/partners/{partner_b_org.pk}/")
    missing = client.get("/partners/999999999/")
    assert hidden.status_code == missing.status_code == 404
    assert main_part(hidden) == main_part(missing)


def test_a_partner_opens_its_own_organisation(
    client_as, partner_a, partner_a_viewer, partner_a_org
):
    for user in (partner_a, partner_a_viewer):
        page = assert_ok(client_as(user), f"/partners/{partner_a_org.pk}/").content.decode()
        assert partner_a_org.name_fr in page


def test_ministry_staff_open_any_organisation(client_as, coordinator, viewer, partner_b_org):
    for user in (coordinator, viewer):
        assert_ok(client_as(user), f"/partners/{partner_b_org.pk}/")


def test_the_directory_asks_anonymous_visitors_to_log_in(db):
    assert_redirects_to_login("/partners/")


def test_a_partner_sees_only_itself_in_the_directory(client_as, partner_a, partner_b_org):
    response = assert_ok(client_as(partner_a), "/partners/")
    assert list(response.context["page_obj"]) == [partner_a.organization]
    assert partner_b_org.name_fr not in response.content.decode()


def test_the_directory_lists_every_organisation_for_the_ministry(
    client_as, coordinator, partner_a_org, partner_b_org
):
    response = assert_ok(client_as(coordinator), "/partners/")
    listed = set(response.context["page_obj"])
    assert {partner_a_org, partner_b_org} <= listed


def test_the_directory_costs_the_same_queries_at_two_sizes(client_as, coordinator):
    client = client_as(coordinator)
    OrganizationFactory.create_batch(3)
    small = count_queries(client, "/partners/")
    OrganizationFactory.create_batch(40)
    large = count_queries(client, "/partners/")
    assert small == large
    assert large <= 10


def test_names_show_in_the_readers_language_with_a_fallback(db):
    both = OrganizationFactory(name_fr="Office des Changes", name_ar="مكتب الصرف", name_en="")
    with translation.override("ar"):
        assert both.name == "مكتب الصرف"
    with translation.override("en"):
        assert both.name == "Office des Changes"
    french_only = OrganizationFactory(name_fr="Office National", name_ar="", name_en="")
    with translation.override("ar"):
        assert french_only.name == "Office National"


def test_the_directory_is_sorted_in_the_readers_language(db):
    OrganizationFactory(name_fr="Zeta", name_ar="أ", name_en="Zeta")
    OrganizationFactory(name_fr="Alpha", name_ar="ي", name_en="Alpha")
    with translation.override("ar"):
        arabic = [o.name_fr for o in Organization.objects.partners().by_name()]
    with translation.override("fr"):
        french = [o.name_fr for o in Organization.objects.partners().by_name()]
    assert arabic.index("Zeta") < arabic.index("Alpha")
    assert french.index("Alpha") < french.index("Zeta")


def test_a_second_organisation_with_the_same_french_name_is_refused(db):
    OrganizationFactory(name_fr="Bank Al-Maghrib")
    duplicate = OrganizationFactory.build(name_fr="bank al-maghrib")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "An organisation with this French name already exists." in str(error.value)
