"""The programme list's IATI export: version 2.03, valid against the standard's own schema,
for the demo's programmes and for a programme with every optional part empty."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from lxml import etree

from cooperation.models import Programme
from tests.security.test_canary import readable

from .world import cooperation_world

SCHEMA = Path(settings.BASE_DIR).parent / "shared" / "iati" / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def exported(client, query: str = "") -> etree._Element:
    response = client.get(f"/programmes/iati.xml{query}")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="iati-activities-')
    return etree.fromstring(readable(response).encode())


def assert_valid(schema, document) -> None:
    assert schema.validate(document), schema.error_log.filter_from_errors()


def test_the_demo_programmes_export_as_valid_iati(schema, db, settings, client_as):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from accounts.models import User

    document = exported(client_as(User.objects.get(username="coordinator")))
    assert_valid(schema, document)
    assert document.get("version") == "2.03"
    assert len(document.findall("iati-activity")) == Programme.objects.count()


def test_a_programme_with_every_optional_part_empty_is_valid(schema, client_as, coordinator):
    Programme.objects.create(code="PRG-BARE", title_fr="Nu", mode="bilateral")
    document = exported(client_as(coordinator))
    assert_valid(schema, document)
    (activity,) = document.findall("iati-activity")
    assert activity.findtext("iati-identifier") == f"{settings.IATI_REPORTING_ORG_REF}-PRG-BARE"
    # The ministry is accountable for what it reports, when no partner is named.
    assert activity.find("participating-org").get("role") == "2"
    assert activity.find("activity-date").get("type") == "1"


def test_the_export_carries_what_the_standard_asks(schema, client_as, coordinator, partner_a_org):
    world = cooperation_world("KA", partner_a_org, country="SN")
    programme = world["programme"]
    programme.title_ar, programme.title_en = "برنامج", "Programme in English"
    programme.save()
    Programme.objects.create(code="PRG-TWO", title_fr="Deux", mode="triangular")
    world["programme"].recipient_countries.update(percentage=None)
    document = exported(client_as(coordinator), "?country=SN")
    assert_valid(schema, document)
    (activity,) = document.findall("iati-activity")
    titles = {n.get(XML_LANG): n.text for n in activity.find("title").findall("narrative")}
    assert titles == {"fr": "Programme KA", "ar": "برنامج", "en": "Programme in English"}
    assert activity.find("participating-org").get("role") == "4"
    assert activity.find("activity-status").get("code") == "2"
    assert activity.find("recipient-country").attrib == {"code": "SN", "percentage": "100"}
    sectors = activity.findall("sector")
    assert sum(float(sector.get("percentage")) for sector in sectors) == 100
    budgets = {
        (b.find("value").get("currency"), b.find("value").text) for b in activity.findall("budget")
    }
    assert budgets == {("EUR", "1000"), ("MAD", "5000")}
    assert activity.find("budget/value").get("value-date") == "2026-01-01"
    period = activity.find("result/indicator/period")
    assert period.find("target").get("value") == "100"
    assert period.find("actual").get("value") == "40"
    link = activity.find("document-link")
    assert link.get("format") == "application/pdf"
    assert link.get("url").endswith(f"/programme-documents/{world['programme_document'].pk}/")


def test_shares_of_several_countries_are_written_as_they_add_up(schema, client_as, coordinator):
    programme = Programme.objects.create(code="PRG-3", title_fr="Trois", mode="south_south")
    for code, share in (("SN", "40"), ("ML", "35"), ("MR", "25")):
        programme.recipient_countries.create(country=code, percentage=share)
    document = exported(client_as(coordinator))
    assert_valid(schema, document)
    shares = [float(c.get("percentage")) for c in document.iter("recipient-country")]
    assert sorted(shares) == [25, 35, 40]


def test_an_empty_selection_says_so_instead_of_an_invalid_file(client_as, coordinator):
    response = client_as(coordinator).get("/programmes/iati.xml?q=nothing-matches")
    assert response.status_code == 302
    assert response["Location"].startswith("/programmes/?q=nothing-matches")
