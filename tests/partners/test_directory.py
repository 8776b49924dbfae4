import csv
import io

import pytest
from openpyxl import load_workbook

from accounts.models import Role
from partners.models import Organization, OrganizationKind
from partners.panels import Panel, board, register, registered
from tests.access import assert_not_found, assert_ok, assert_redirects_to_login, count_queries
from tests.factories import OrganizationFactory, PersonFactory, SectorFactory

CANARY = "CANARY-B-INTERNAL-7f3a"


@pytest.fixture
def interior(db):
    return OrganizationFactory(
        name_fr="Ministère de l'Intérieur",
        name_ar="وزارة الداخلية",
        name_en="Ministry of the Interior",
        acronym_fr="MI",
    )


def listed(response) -> list[str]:
    return [organization.name_fr for organization in response.context["page_obj"]]


@pytest.mark.parametrize("query", ["ministere interieur", "INTÉRIEUR", "الداخلية", "الداخليه"])
def test_a_coordinator_finds_the_interior_whatever_the_accents_case_or_script(
    client_as, coordinator, interior, query
):
    OrganizationFactory(name_fr="Office des Changes", name_ar="مكتب الصرف")
    response = assert_ok(client_as(coordinator), f"/partners/?q={query}")
    assert listed(response) == ["Ministère de l'Intérieur"]


def test_search_covers_acronyms_and_the_english_name(client_as, coordinator, interior):
    client = client_as(coordinator)
    assert "Ministère de l'Intérieur" in listed(client.get("/partners/?q=interior"))
    OrganizationFactory(name_fr="Caisse Nationale de Sécurité Sociale", acronym_fr="CNSS")
    assert listed(client.get("/partners/?q=cnss")) == ["Caisse Nationale de Sécurité Sociale"]


def test_the_directory_filters_by_kind_sector_country_and_status(client_as, coordinator):
    health = SectorFactory(name_fr="Santé")
    institution = OrganizationFactory(
        name_fr="Institution", kind=OrganizationKind.PUBLIC_INSTITUTION
    )
    institution.sectors.add(health)
    OrganizationFactory(
        name_fr="Genève", kind=OrganizationKind.INTERNATIONAL_ORGANISATION, country="CH"
    )
    OrganizationFactory(name_fr="Dormant", is_active=False)
    client = client_as(coordinator)
    assert listed(client.get("/partners/?kind=public_institution")) == ["Institution"]
    assert listed(client.get(f"/partners/?sector={health.pk}")) == ["Institution"]
    assert listed(client.get("/partners/?country=CH")) == ["Genève"]
    assert listed(client.get("/partners/?active=false")) == ["Dormant"]


@pytest.mark.parametrize(
    "query",
    ["kind=bogus", "sector=999999", "sector=abc", "country=ZZ", "active=maybe", "q=a%00b"],
)
def test_bad_filter_input_gets_a_message_and_an_empty_list(client_as, coordinator, interior, query):
    response = assert_ok(client_as(coordinator), f"/partners/?{query}")
    assert response.context["filter"].form.errors
    assert listed(response) == []
    assert "invalid-feedback" in response.content.decode()


def test_a_page_number_out_of_range_shows_the_last_page(client_as, coordinator):
    OrganizationFactory.create_batch(30)
    response = assert_ok(client_as(coordinator), "/partners/?page=99")
    assert response.context["page_obj"].number == 2
    assert assert_ok(client_as(coordinator), "/partners/?page=x").context["page_obj"].number == 1


def test_pagination_keeps_the_search(client_as, coordinator):
    for number in range(30):
        OrganizationFactory(name_fr=f"Agence {number:02d}")
    page = client_as(coordinator).get("/partners/?q=agence").content.decode()
    assert "?q=agence&amp;page=2" in page


def test_a_partners_filter_choices_hold_nothing_of_other_partners(
    client_as, partner_a, partner_a_org, partner_b_org
):
    own = SectorFactory(name_fr="Secteur de A")
    partner_a_org.sectors.add(own)
    partner_b_org.sectors.add(SectorFactory(name_fr="Secteur secret de B"))
    partner_b_org.country = "BE"
    partner_b_org.save()
    form = client_as(partner_a).get("/partners/").context["filter"].form
    assert list(form.fields["sector"].queryset) == [own]
    assert [code for code, _ in form.fields["country"].choices if code] == ["MA"]


def test_the_directory_costs_the_same_queries_at_two_sizes_with_sectors_and_parents(
    client_as, coordinator
):
    client = client_as(coordinator)
    sectors = SectorFactory.create_batch(3)

    def grow(count):
        for organization in OrganizationFactory.create_batch(count):
            organization.sectors.add(*sectors)
            organization.parent = Organization.objects.partners().first()
            organization.save()

    grow(3)
    small = count_queries(client, "/partners/?q=organisme")
    grow(40)
    large = count_queries(client, "/partners/?q=organisme")
    assert small == large <= 10


def test_the_360_page_gathers_people_history_and_the_officer_who_follows(
    client_as, coordinator, officer, partner_a_org
):
    partner_a_org.followed_by = officer
    partner_a_org.save()
    PersonFactory(organization=partner_a_org, first_name="Ancien", end_date="2024-06-30")
    PersonFactory(organization=partner_a_org, first_name="Actuel", start_date="2024-07-01")
    page = assert_ok(client_as(coordinator), f"/partners/{partner_a_org.pk}/").content.decode()
    assert 'id="panel-people"' in page and 'id="panel-focal_point_history"' in page
    history = page[page.index('id="panel-focal_point_history"') :]
    assert history.index("Actuel") < history.index("Ancien")
    people = page[page.index('id="panel-people"') : page.index('id="panel-focal_point_history"')]
    assert "Actuel" in people and "Ancien" not in people
    assert officer.email in page


def test_the_360_page_shows_panels_registered_by_other_apps(client_as, coordinator, partner_a_org):
    def context(organization, user):
        return {"count": Organization.objects.for_user(user).count()}

    register(Panel("test_panel", "Test panel", "includes/_messages.html", context, 999))
    try:
        assert registered()[-1].key == "test_panel"
        response = client_as(coordinator).get(f"/partners/{partner_a_org.pk}/")
        assert 'id="panel-test_panel"' in response.content.decode()
    finally:
        board.unregister("test_panel")


def test_internal_notes_are_for_the_ministry_only(
    client_as, coordinator, partner_a, partner_a_viewer, partner_a_org
):
    partner_a_org.internal_notes = CANARY
    partner_a_org.save()
    assert CANARY in client_as(coordinator).get(f"/partners/{partner_a_org.pk}/").content.decode()
    for user in (partner_a, partner_a_viewer):
        client = client_as(user)
        for url in (f"/partners/{partner_a_org.pk}/", "/partners/", "/partners/export.csv"):
            assert CANARY not in client.get(url).content.decode()
        assert CANARY.encode() not in client.get("/partners/export.xlsx").content


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    "url", ["/partners/export.csv", "/partners/export-excel.csv", "/partners/export.xlsx"]
)
def test_exports_ask_anonymous_visitors_to_log_in(db, url):
    assert_redirects_to_login(url)


def test_the_csv_export_follows_the_filters_and_keeps_arabic(client_as, coordinator, interior):
    OrganizationFactory(name_fr="Autre")
    response = client_as(coordinator).get("/partners/export.csv?q=interieur")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == ["Ministère de l'Intérieur"]
    assert rows[1][1] == "وزارة الداخلية"


def test_the_xlsx_export_holds_the_same_rows(client_as, coordinator, interior):
    rows = read_xlsx(client_as(coordinator).get("/partners/export.xlsx?q=interieur"))
    assert rows[1][:2] == ["Ministère de l'Intérieur", "وزارة الداخلية"]


def test_a_partners_exports_hold_only_its_own_organisation(
    client_as, partner_a, partner_a_org, partner_b_org
):
    client = client_as(partner_a)
    assert [row[0] for row in read_csv(client.get("/partners/export.csv"))[1:]] == [
        partner_a_org.name_fr
    ]
    assert [row[0] for row in read_xlsx(client.get("/partners/export.xlsx"))[1:]] == [
        partner_a_org.name_fr
    ]


def test_exports_neutralise_spreadsheet_formulas_but_keep_phone_numbers(client_as, coordinator):
    OrganizationFactory(name_fr='=HYPERLINK("http://evil")', phone="+212537776564")
    rows = read_csv(client_as(coordinator).get("/partners/export.csv?q=hyperlink"))
    assert rows[1][0].startswith("'=")
    assert rows[1][10] == "+212537776564"


def test_the_csv_for_excel_is_semicolon_separated_and_keeps_phone_numbers_as_text(
    client_as, partner_a, partner_a_org
):
    partner_a_org.phone = "0537000000"
    partner_a_org.save()
    response = assert_ok(client_as(partner_a), "/partners/export-excel.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert text.startswith(";".join(rows[0]) + "\r\n")
    assert [row[0] for row in rows[1:]] == [partner_a_org.name_fr]
    assert rows[1][10] == '="0537000000"'
    assert read_xlsx(client_as(partner_a).get("/partners/export.xlsx"))[1][10] == "0537000000"


class TestEditing:
    def test_a_coordinator_adds_an_organisation(self, client_as, coordinator):
        response = client_as(coordinator).post(
            "/partners/new/",
            {
                "kind": "public_institution",
                "name_fr": "Agence Nationale des Ports",
                "name_ar": "الوكالة الوطنية للموانئ",
                "country": "MA",
                "phone": "0537 77 65 64",
                "is_active": "on",
            },
        )
        organization = Organization.objects.get(name_fr="Agence Nationale des Ports")
        assert response.status_code == 302
        assert response["Location"] == f"/partners/{organization.pk}/"
        assert organization.phone == "+212537776564"

    @pytest.mark.parametrize("field", ["name_fr", "name_en"])
    def test_a_duplicate_name_is_refused_naming_the_existing_record(
        self, client_as, coordinator, interior, field
    ):
        value = {"name_fr": "ministère de l'intérieur", "name_en": "MINISTRY OF THE INTERIOR"}
        data = {"kind": "ministerial_department", "name_fr": "Nouveau", "country": "MA"}
        data[field] = value[field]
        response = client_as(coordinator).post("/partners/new/", data)
        assert response.status_code == 200
        errors = response.context["form"].errors[field]
        assert "Ministère de l'Intérieur" in errors[0]
        assert value[field] in response.content.decode().replace("&#x27;", "'")

    def test_a_duplicate_acronym_is_refused(self, client_as, coordinator, interior):
        response = client_as(coordinator).post(
            "/partners/new/",
            {
                "kind": "public_institution",
                "name_fr": "Mutuelle",
                "acronym_en": "mi",
                "country": "MA",
            },
        )
        assert "Ministère de l'Intérieur" in response.context["form"].errors["acronym_en"][0]

    def test_a_bad_phone_and_email_are_refused_and_the_form_keeps_the_input(
        self, client_as, coordinator
    ):
        response = client_as(coordinator).post(
            "/partners/new/",
            {
                "kind": "public_institution",
                "name_fr": "Agence gardée",
                "country": "MA",
                "phone": "12345",
                "email": "not-an-email",
            },
        )
        form = response.context["form"]
        assert set(form.errors) == {"phone", "email"}
        page = response.content.decode()
        assert 'value="Agence gardée"' in page and 'value="12345"' in page
        assert not Organization.objects.filter(name_fr="Agence gardée").exists()

    def test_an_organisation_cannot_sit_inside_its_own_child(
        self, client_as, coordinator, interior
    ):
        directorate = OrganizationFactory(name_fr="Direction", parent=interior)
        response = client_as(coordinator).post(
            f"/partners/{interior.pk}/edit/",
            {
                "kind": interior.kind,
                "name_fr": interior.name_fr,
                "country": "MA",
                "parent": directorate.pk,
            },
        )
        assert "parent" in response.context["form"].errors
        interior.refresh_from_db()
        assert interior.parent is None

    def test_an_officer_edits_the_partners_they_follow_only(
        self, client_as, officer, partner_a_org, partner_b_org
    ):
        partner_a_org.followed_by = officer
        partner_a_org.save()
        client = client_as(officer)
        assert_ok(client, f"/partners/{partner_a_org.pk}/edit/")
        assert client.get(f"/partners/{partner_b_org.pk}/edit/").status_code == 403
        assert client.get("/partners/new/").status_code == 403

    def test_viewers_and_partners_cannot_edit(
        self, client_as, viewer, partner_a, partner_a_org, partner_b_org
    ):
        assert client_as(viewer).get(f"/partners/{partner_a_org.pk}/edit/").status_code == 403
        assert client_as(viewer).get("/partners/new/").status_code == 403
        assert client_as(partner_a).get(f"/partners/{partner_a_org.pk}/edit/").status_code == 403
        assert_not_found(client_as(partner_a), f"/partners/{partner_b_org.pk}/edit/")
        assert client_as(partner_a).get("/partners/new/").status_code == 403

    @pytest.mark.parametrize("url", ["/partners/new/", "/partners/1/edit/"])
    def test_editing_asks_anonymous_visitors_to_log_in(self, db, url):
        assert_redirects_to_login(url)

    def test_the_followed_by_choices_are_ministry_staff_only(
        self, client_as, coordinator, partner_a
    ):
        form = client_as(coordinator).get("/partners/new/").context["form"]
        choices = set(form.fields["followed_by"].queryset)
        assert coordinator in choices and partner_a not in choices
        assert all(user.role != Role.VIEWER for user in choices)


def test_the_organisation_box_suggests_only_what_the_user_may_see(
    client_as, coordinator, partner_a, partner_a_org, partner_b_org
):
    partner_a_org.name_fr, partner_b_org.name_fr = "Agence Alpha", "Agence Beta"
    partner_a_org.save()
    partner_b_org.save()
    typed = {"HX-Request": "true"}
    ministry = client_as(coordinator).get("/partners/suggest/?organization=agence", headers=typed)
    assert "Agence Alpha" in ministry.content.decode()
    assert "Agence Beta" in ministry.content.decode()
    partner = client_as(partner_a).get("/partners/suggest/?organization=agence", headers=typed)
    assert "Agence Alpha" in partner.content.decode()
    assert "Agence Beta" not in partner.content.decode()
    assert client_as(partner_a).get("/partners/suggest/").content.strip() == b""


def test_the_organisation_filter_is_a_text_box_with_suggestions_not_a_long_list(
    client_as, coordinator
):
    page = client_as(coordinator).get("/people/").content.decode()
    assert 'list="id_organization-choices"' in page
    assert '<datalist id="id_organization-choices">' in page
    assert 'data-hx-get="/partners/suggest/"' in page
    assert '<select name="organization"' not in page
