"""The cooperation pages as their users meet them: a coordinator's two clicks to Spain's
programmes on MRA rights, a partner who sees only its own cooperation, and the summary's
charts with their data tables."""

import csv
import io
import re
from decimal import Decimal

import pytest

from cooperation.models import Budget, Programme, RecipientCountry
from tests.access import assert_not_found, assert_ok

from .world import cooperation_world


def link(page: str, pattern: str) -> str:
    """The address of the first link whose address matches."""
    found = re.search(rf'href="({pattern})"', page)
    assert found, pattern
    return found.group(1).replace("&amp;", "&")


@pytest.fixture
def spain(partner_a_org, partner_b_org):
    rights = cooperation_world("ES1", partner_a_org, country="ES")
    other = cooperation_world("ES2", partner_b_org, country="ES")
    Programme.objects.filter(pk=other["programme"].pk).update(objectives=["investment"])
    elsewhere = cooperation_world("SN1", partner_a_org, country="SN")
    return rights, other, elsewhere


def test_a_coordinator_finds_spains_programmes_on_rights_in_two_clicks(
    spain, client_as, coordinator
):
    _rights, _other, _elsewhere = spain
    client = client_as(coordinator)
    home = assert_ok(client, "/").content.decode()
    profile = assert_ok(client, link(home, r"/countries/\d+/")).content.decode()
    assert "Programme ES1" in profile and "Programme ES2" in profile
    listing = assert_ok(client, link(profile, r"/programmes/\?country=ES&amp;objective=rights"))
    shown = listing.content.decode()
    assert "Programme ES1" in shown
    assert "Programme ES2" not in shown and "Programme SN1" not in shown


def test_the_spain_profile_gathers_its_agreements_programmes_and_joint_commission(
    spain, client_as, coordinator, ministry, partner_a_org
):
    from tests.security.conftest import commission_world

    world = commission_world("CMX", ministry, partner_a_org, coordinator)
    world["commission"].country = "ES"
    world["commission"].save()
    page = assert_ok(client_as(coordinator), f"/countries/{spain[0]['country'].pk}/")
    text = page.content.decode()
    for shown in ("ACC-ES1", "ACC-ES2", "PRG-ES1", "Commission CMX", "CMX-2026-01", "Suivre"):
        assert shown in text, shown
    assert "PRG-SN1" not in text


def test_a_partner_sees_only_its_own_cooperation(spain, client_as, partner_a):
    rights, other, elsewhere = spain
    client = client_as(partner_a)
    assert_ok(client, f"/programmes/{rights['programme'].pk}/")
    assert_ok(client, f"/countries/{elsewhere['country'].pk}/")
    for record in ("programme", "agreement", "framework", "programme_document"):
        kind = {"programme_document": "programme-documents"}.get(record, f"{record}s")
        assert_not_found(client, f"/{kind}/{other[record].pk}/")
    # The Spain profile is its own too (its agreement is with Spain), but shows only its rows.
    profile = assert_ok(client, f"/countries/{rights['country'].pk}/").content.decode()
    assert "PRG-ES1" in profile and "PRG-ES2" not in profile and "ACC-ES2" not in profile
    listing = assert_ok(client, "/programmes/").content.decode()
    assert "PRG-ES2" not in listing
    summary = assert_ok(client, "/cooperation/")
    assert summary.context["by_mode"].rows[0].programmes == 2  # its own two, not three


def test_filter_choices_name_only_the_countries_a_partner_sees(client_as, partner_a, spain):
    _rights, other, _elsewhere = spain
    RecipientCountry.objects.create(programme=other["programme"], country="ML", percentage=None)
    page = client_as(partner_a).get("/programmes/")
    choices = dict(page.context["filter"].form.fields["country"].choices)
    assert set(choices) == {"", "ES", "SN"}


def test_the_summary_charts_budgets_per_currency_never_summed(spain, client_as, coordinator):
    Budget.objects.filter(currency="MAD").delete()
    Budget.objects.create(
        programme=spain[0]["programme"], year=2027, currency="USD", amount=Decimal("300")
    )
    response = assert_ok(client_as(coordinator), "/cooperation/")
    by_mode = response.context["by_mode"]
    assert by_mode.currencies == ["EUR", "USD"]
    (row,) = by_mode.rows
    assert row.amounts == {"EUR": Decimal("3000"), "USD": Decimal("300")}
    assert [chart.title for chart in by_mode.budget_charts] == ["EUR", "USD"]
    text = response.content.decode()
    assert text.count('<svg class="bar-chart"') == 2 * (1 + 2)  # per region and per mode
    assert 'id="mode-table"' in text and "Budget (USD)" in text


def test_the_charts_are_mirrored_on_arabic_pages(spain, client_as, coordinator):
    coordinator.language = "ar"
    coordinator.save()
    response = assert_ok(client_as(coordinator), "/cooperation/")
    (bar,) = response.context["by_mode"].count_chart.bars
    chart = response.context["by_mode"].count_chart
    assert chart.rtl and chart.anchor == "end"
    assert bar.x + bar.width == chart.width - 170  # the bar ends at the label, on the right
    assert 'dir="rtl"' in response.content.decode()


def test_every_page_answers_in_three_languages(spain, client_as, coordinator):
    rights = spain[0]
    urls = [
        "/programmes/",
        f"/programmes/{rights['programme'].pk}/",
        f"/programmes/{rights['programme'].pk}/edit/",
        "/agreements/",
        "/agreements/to-act-on/",
        f"/agreements/{rights['agreement'].pk}/",
        "/frameworks/",
        f"/frameworks/{rights['framework'].pk}/",
        "/countries/",
        f"/countries/{rights['country'].pk}/",
        "/cooperation/",
    ]
    for language in ("fr", "ar", "en"):
        coordinator.language = language
        coordinator.save()
        client = client_as(coordinator)
        for url in urls:
            assert_ok(client, url)


def test_the_signed_document_downloads_as_an_attachment(spain, client_as, partner_a):
    rights = spain[0]
    response = client_as(partner_a).get(f"/agreements/{rights['agreement'].pk}/document/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ACC-ES1.pdf"')
    document = client_as(partner_a).get(f"/programme-documents/{rights['programme_document'].pk}/")
    assert document["Content-Disposition"].startswith("attachment;")


def test_the_csv_for_excel_of_agreements_is_semicolon_separated_with_references_as_text(
    spain, client_as, partner_a
):
    response = assert_ok(client_as(partner_a), "/agreements/export-excel.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert text.startswith(";".join(rows[0]) + "\r\n")
    assert sorted(row[0] for row in rows[1:]) == ['="ACC-ES1"', '="ACC-SN1"']
