import csv
import io

import pytest
import vobject
from openpyxl import load_workbook

from contacts.models import Person
from tests.access import assert_not_found, assert_ok, assert_redirects_to_login, count_queries
from tests.factories import PersonFactory


@pytest.fixture
def person_a(partner_a_org):
    return PersonFactory(
        organization=partner_a_org,
        title="mr",
        first_name="Karim",
        last_name="Bennani",
        first_name_ar="كريم",
        last_name_ar="بناني",
        position="Directeur de la coopération",
        emails=["karim.bennani@example.org"],
        phones=["+212661076060"],
        languages=["ar", "fr"],
    )


@pytest.fixture
def person_b(partner_b_org):
    return PersonFactory(organization=partner_b_org, first_name="Secret", last_name="Personne")


PERSON_URLS = ["/people/{pk}/", "/people/{pk}/vcard.vcf"]


@pytest.mark.parametrize("url", PERSON_URLS)
def test_person_pages_ask_anonymous_visitors_to_log_in(person_a, url):
    assert_redirects_to_login(url.format(pk=person_a.pk))


@pytest.mark.parametrize("url", PERSON_URLS)
def test_another_partners_person_answers_404(client_as, partner_a, person_b, url):
    assert_not_found(client_as(partner_a), url.format(pk=person_b.pk))


@pytest.mark.parametrize("url", PERSON_URLS)
def test_a_partner_opens_its_own_people(client_as, partner_a_viewer, person_a, url):
    assert_ok(client_as(partner_a_viewer), url.format(pk=person_a.pk))


@pytest.mark.parametrize(
    "url", ["/people/", "/people/export.csv", "/people/export-excel.csv", "/people/export.xlsx"]
)
def test_the_people_directory_asks_anonymous_visitors_to_log_in(db, url):
    assert_redirects_to_login(url)


def test_the_person_page_shows_both_scripts_and_every_way_to_reach_them(
    client_as, coordinator, person_a
):
    page = assert_ok(client_as(coordinator), f"/people/{person_a.pk}/").content.decode()
    assert "Karim Bennani" in page and "كريم بناني" in page
    assert 'href="mailto:karim.bennani@example.org"' in page
    assert 'href="tel:+212-6-61-07-60-60"' in page


def read_vcard(client, person, language: str):
    client.user.language = language
    client.user.save(update_fields=["language"])
    response = assert_ok(client, f"/people/{person.pk}/vcard.vcf")
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="karim-bennani.vcf"'
    text = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    return vobject.readOne(text)


def test_the_vcard_is_version_3_in_the_readers_language_with_the_other_script_in_a_note(
    client_as, partner_a, person_a
):
    person_a.organization.name_ar = "الهيئة ألف"
    person_a.organization.save()
    client = client_as(partner_a)
    client.user = partner_a
    french = read_vcard(client, person_a, "fr")
    assert french.version.value == "3.0"
    assert french.fn.value == "Karim Bennani" and french.note.value == "كريم بناني"
    assert (french.n.value.family, french.n.value.given, french.n.value.prefix) == (
        "Bennani",
        "Karim",
        "M.",
    )
    assert french.org.value == [person_a.organization.name_fr]
    assert french.title.value == "Directeur de la coopération"
    assert french.email.value == "karim.bennani@example.org"
    assert french.tel.value == "+212661076060"
    arabic = read_vcard(client, person_a, "ar")
    assert arabic.fn.value == "كريم بناني" and arabic.note.value == "Karim Bennani"
    assert (arabic.n.value.family, arabic.n.value.given) == ("بناني", "كريم")
    assert arabic.n.value.prefix == "السيد"
    assert arabic.org.value == ["الهيئة ألف"]
    assert len(arabic.contents["n"]) == len(arabic.contents["fn"]) == 1


def test_a_line_break_in_a_name_never_reaches_the_vcard_raw(client_as, partner_a, person_a):
    Person.objects.filter(pk=person_a.pk).update(position="Directeur\r\nX-EVIL:1")
    client = client_as(partner_a)
    client.user = partner_a
    card = read_vcard(client, person_a, "fr")
    assert "x-evil" not in card.contents
    assert card.title.value == "Directeur\nX-EVIL:1"


def test_a_partner_sees_only_its_own_people_in_the_directory(
    client_as, partner_a, person_a, person_b
):
    client = client_as(partner_a)
    response = assert_ok(client, "/people/")
    assert list(response.context["page_obj"]) == [person_a]
    assert "Secret" not in response.content.decode()
    # Naming another partner's organisation, by name or by id, finds nobody.
    for named in (person_b.organization.name_fr, str(person_b.organization_id)):
        response = assert_ok(client, f"/people/?organization={named}")
        assert list(response.context["page_obj"]) == []


def test_a_partners_people_exports_hold_only_its_own_people(
    client_as, partner_a, person_a, person_b
):
    client = client_as(partner_a)
    rows = list(
        csv.reader(io.StringIO(client.get("/people/export.csv").content.decode("utf-8-sig")))
    )
    assert [row[1] for row in rows[1:]] == ["Karim"]
    sheet = load_workbook(io.BytesIO(client.get("/people/export.xlsx").content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Karim"]


def test_the_people_csv_for_excel_holds_its_own_people_with_phones_kept_as_text(
    client_as, partner_a, person_a, person_b
):
    response = assert_ok(client_as(partner_a), "/people/export-excel.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["Karim"]
    assert rows[1][8] == '="+212661076060"'
    workbook = client_as(partner_a).get("/people/export.xlsx").content
    sheet = load_workbook(io.BytesIO(workbook)).active
    assert sheet["I2"].value == "+212661076060" and sheet["I2"].data_type == "s"


@pytest.mark.parametrize("query", ["bennani", "BENNANÍ", "كريم", "karim.bennani@example.org"])
def test_people_are_found_by_name_in_either_script_or_by_email(
    client_as, coordinator, person_a, person_b, query
):
    response = assert_ok(client_as(coordinator), f"/people/?q={query}")
    assert list(response.context["page_obj"]) == [person_a]


def test_the_people_directory_filters_current_and_former_people(
    client_as, coordinator, partner_a_org
):
    PersonFactory(organization=partner_a_org, first_name="Ancien", end_date="2024-06-30")
    PersonFactory(organization=partner_a_org, first_name="Actuel")
    client = client_as(coordinator)
    former = client.get("/people/?status=former").context["page_obj"]
    current = client.get("/people/?status=current").context["page_obj"]
    assert [p.first_name for p in former] == ["Ancien"]
    assert [p.first_name for p in current] == ["Actuel"]


@pytest.mark.parametrize("query", ["kind=bogus", "organization=999999", "status=gone", "q=x%00"])
def test_bad_people_filters_get_a_message(client_as, coordinator, person_a, query):
    response = assert_ok(client_as(coordinator), f"/people/?{query}")
    assert response.context["filter"].form.errors
    assert list(response.context["page_obj"]) == []


def test_another_partners_organisation_is_not_a_filter_choice(client_as, partner_a, person_b):
    response = assert_ok(client_as(partner_a), f"/people/?organization={person_b.organization_id}")
    assert "organization" in response.context["filter"].form.errors


def test_the_people_directory_costs_the_same_queries_at_two_sizes(client_as, coordinator):
    client = client_as(coordinator)
    PersonFactory.create_batch(3)
    small = count_queries(client, "/people/")
    PersonFactory.create_batch(40)
    large = count_queries(client, "/people/")
    assert small == large <= 10


class TestEditing:
    def form_data(self, organization, **changes):
        data = {
            "organization": organization.pk,
            "title": "mrs",
            "first_name": "Nadia",
            "last_name": "Tazi",
            "first_name_ar": "نادية",
            "last_name_ar": "التازي",
            "position": "Cheffe de division",
            "kind": "focal_point",
            "emails": "Nadia.Tazi@Example.org",
            "phones": "0661076060, +33 1 44 55 66 77",
            "languages": ["ar", "fr"],
            "start_date": "2026-01-05",
            "end_date": "",
        }
        data.update(changes)
        return data

    def test_a_coordinator_adds_a_person_with_numbers_kept_in_e164(
        self, client_as, coordinator, partner_a_org
    ):
        response = client_as(coordinator).post("/people/new/", self.form_data(partner_a_org))
        person = Person.objects.get(last_name="Tazi")
        assert response.status_code == 302
        assert response["Location"] == f"/people/{person.pk}/"
        assert person.emails == ["nadia.tazi@example.org"]
        assert person.phones == ["+212661076060", "+33144556677"]
        assert person.languages == ["ar", "fr"]

    def test_an_email_already_recorded_is_refused_naming_its_owner(
        self, client_as, coordinator, partner_b_org, person_a
    ):
        data = self.form_data(partner_b_org, emails="KARIM.BENNANI@example.org")
        response = client_as(coordinator).post("/people/new/", data)
        assert response.status_code == 200
        error = response.context["form"].errors["emails"][0]
        assert "Karim Bennani" in error and person_a.organization.name_fr in error
        assert 'value="Nadia"' in response.content.decode()

    @pytest.mark.parametrize(
        ("field", "value"), [("phones", "12345"), ("emails", "nadia@"), ("end_date", "2025-01-01")]
    )
    def test_bad_reach_or_dates_are_refused_and_the_form_keeps_the_input(
        self, client_as, coordinator, partner_a_org, field, value
    ):
        response = client_as(coordinator).post(
            "/people/new/", self.form_data(partner_a_org, **{field: value})
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors
        assert 'value="Cheffe de division"' in response.content.decode()
        assert not Person.objects.filter(last_name="Tazi").exists()

    def test_an_officer_adds_people_only_to_the_partners_they_follow(
        self, client_as, officer, partner_a_org, partner_b_org
    ):
        partner_a_org.followed_by = officer
        partner_a_org.save()
        client = client_as(officer)
        assert client.post("/people/new/", self.form_data(partner_b_org)).status_code == 200
        assert not Person.objects.filter(organization=partner_b_org).exists()
        assert client.post("/people/new/", self.form_data(partner_a_org)).status_code == 302

    def test_partners_and_viewers_cannot_add_or_edit_people(
        self, client_as, partner_a, viewer, person_a, person_b
    ):
        assert client_as(partner_a).get("/people/new/").status_code == 403
        assert client_as(viewer).get("/people/new/").status_code == 403
        assert client_as(partner_a).get(f"/people/{person_a.pk}/edit/").status_code == 403
        assert_not_found(client_as(partner_a), f"/people/{person_b.pk}/edit/")

    def test_the_add_form_offers_the_organisation_given_in_the_link(
        self, client_as, coordinator, partner_a_org
    ):
        form = (
            client_as(coordinator)
            .get(f"/people/new/?organization={partner_a_org.pk}")
            .context["form"]
        )
        assert form.initial["organization"] == partner_a_org
        assert client_as(coordinator).get("/people/new/?organization=abc").status_code == 200

    def test_a_coordinator_edits_a_person(self, client_as, coordinator, person_a):
        data = self.form_data(person_a.organization, emails="karim.bennani@example.org")
        response = client_as(coordinator).post(f"/people/{person_a.pk}/edit/", data)
        assert response.status_code == 302
        person_a.refresh_from_db()
        assert person_a.last_name == "Tazi"


def test_the_admin_lists_people_inside_their_organisation(client_as, administrator, person_a):
    client = client_as(administrator)
    page = client.get(f"/admin/partners/organization/{person_a.organization_id}/change/")
    assert page.status_code == 200
    assert "Bennani" in page.content.decode()
    assert client.get("/admin/contacts/person/?q=bennani").status_code == 200
    assert client.get("/admin/partners/organization/?q=partenaire").status_code == 200
    autocomplete = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "contacts",
            "model_name": "person",
            "field_name": "organization",
            "term": "A",
        },
    )
    assert autocomplete.status_code == 200


def test_an_arabic_reader_sees_the_arabic_name_first_and_the_latin_one_beside(
    client_as, partner_a, person_a
):
    partner_a.language = "ar"
    partner_a.save()
    html = assert_ok(client_as(partner_a), f"/people/{person_a.pk}/").content.decode()
    assert 'السيد <bdi>كريم بناني</bdi> <span dir="auto"' in html
    assert "Karim Bennani</span></h1>" in html
    listed = assert_ok(client_as(partner_a), "/people/?q=Bennani").content.decode()
    assert listed.index("كريم بناني") < listed.index("Karim Bennani")


def test_a_french_reader_sees_the_latin_name_first(client_as, partner_a, person_a):
    partner_a.language = "fr"
    partner_a.save()
    html = assert_ok(client_as(partner_a), f"/people/{person_a.pk}/").content.decode()
    assert "M. <bdi>Karim Bennani</bdi>" in html and html.index("Karim") < html.index("كريم")
