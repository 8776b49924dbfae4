"""The portal's user flows in a real Chromium, each in one test."""

import re
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .pages import log_in, query_one, screenshot

# One worker runs every browser test: they share one Chromium and one seeded portal.
pytestmark = pytest.mark.xdist_group("browser")


def test_demo_users_log_in_and_the_chosen_language_is_remembered(new_page):
    page = new_page("fr")
    log_in(page, "partner1")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator(".language-switcher button[value=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("header .dropdown-toggle").click()
    page.locator("header form[action$='/logout/'] button").click()
    page.wait_for_url("**/accounts/login/")

    # A new browser (French cookie) logs in and finds the Arabic chosen before.
    other = new_page("fr")
    log_in(other, "partner1")
    assert other.locator("html").get_attribute("lang") == "ar"
    # Put partner1 back to French for the other tests.
    other.locator(".language-switcher button[value=fr]").click()
    expect(other.locator("html")).to_have_attribute("lang", "fr")


def test_a_wrong_password_gets_a_message_and_keeps_the_user_name(new_page):
    page = new_page("en")
    page.goto("/accounts/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "not-the-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .alert-danger, main .invalid-feedback").first).to_be_visible()
    assert page.input_value("#id_username") == "coordinator"


def test_a_coordinator_searches_the_directory_and_opens_a_partners_360_page(new_page):
    page = new_page("fr", user="coordinator")
    page.goto("/")
    page.locator("header a[href='/partners/']").click()
    page.fill("#id_q", "ministere interieur")
    page.keyboard.press("Enter")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    rows.first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("Ministère de l'Intérieur")
    assert page.locator("#panel-people tbody tr").count() >= 2
    assert page.locator("#panel-focal_point_history li").count() >= 2
    screenshot(page, "flow-360-fr")


def test_an_export_downloads(new_page):
    page = new_page("fr", user="coordinator")
    page.goto("/partners/?q=sante")
    with page.expect_download() as download_info:
        page.locator("a[href^='/partners/export.csv']").click()
    download = download_info.value
    assert download.suggested_filename.startswith("partners-")
    content = download.path().read_text(encoding="utf-8-sig")
    assert "Ministère de la Santé et de la Protection Sociale" in content


def test_partner1_typing_another_partners_url_gets_the_404_page(new_page, portal):
    health = query_one(portal, "SELECT id FROM partners_organization WHERE acronym_fr = 'MSPS'")
    page = new_page("fr")
    log_in(page, "partner1")
    response = page.goto(f"/partners/{health}/")
    assert response.status == 404
    assert page.locator("main h1").count() == 1
    assert page.locator("main a[href='/']").count() == 1
    assert "Santé" not in page.content()


def test_a_coordinator_convenes_a_meeting_and_partner1_answers_the_invitation(new_page, portal):
    page = new_page("fr", user="coordinator")
    page.goto("/commissions/")
    page.get_by_role("link", name="Commission interministérielle chargée des affaires").click()
    page.get_by_role("link", name="Programmer une réunion").click()
    page.get_by_label("Début").fill("2027-03-25T10:00")
    page.get_by_label("Fin").fill("2027-03-25T12:30")
    page.get_by_label("Lieu").fill("Rabat, salle du conseil")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".alert-success")).to_contain_text("CIM-2027-02")
    meeting_url = page.url
    # Convening asks first, saying who will be written to.
    page.get_by_role("link", name="Convoquer : inviter tous les membres").click()
    expect(page.locator("main")).to_contain_text("organismes seront invités")
    expect(page.locator("main")).to_contain_text("personnes recevront un message")
    screenshot(page, "meeting-convene-confirmation-fr")
    page.get_by_role("button", name="Convoquer et envoyer les invitations").click()
    expect(page.locator(".alert-success")).to_contain_text("chaque organisme membre est invité")
    expect(page.locator("h1 .badge")).to_have_text("Convoquée")
    screenshot(page, "meeting-convened-fr")

    partner = new_page("fr")
    log_in(partner, "partner1")
    partner.goto(meeting_url)
    expect(partner.locator(".alert-warning")).to_contain_text("Pas encore de réponse")
    partner.get_by_role("link", name="Répondre à l").click()
    partner.get_by_label("Présent", exact=True).check()
    partner.get_by_label("Délégué").fill("Karim Alaoui, directeur des affaires consulaires")
    partner.get_by_role("button", name="Envoyer la réponse").click()
    expect(partner.locator(".alert-success")).to_contain_text("Votre réponse a été enregistrée")
    answer = query_one(
        portal,
        "SELECT answer FROM commissions_invitation i JOIN partners_organization o "
        "ON o.id = i.organization_id JOIN commissions_meeting m ON m.id = i.meeting_id "
        "WHERE o.acronym_fr = 'MI' AND m.year = 2027 AND m.sequence = 2",
    )
    assert answer == "attending"

    page.reload()
    row = page.locator("tr", has_text="Ministère de l'Intérieur")
    expect(row).to_contain_text("Karim Alaoui")

    # Cancelling asks first too, with the reminders it would stop; going back changes nothing.
    page.get_by_role("link", name="Annuler la réunion").click()
    expect(page.locator("main")).to_contain_text("rappels en attente seront annulés")
    screenshot(page, "meeting-cancel-confirmation-fr")
    page.get_by_role("link", name="Revenir sans rien changer").click()
    expect(page.locator("h1 .badge")).to_have_text("Convoquée")


def test_a_decision_becomes_an_action_reported_returned_corrected_and_validated(
    new_page, portal, tmp_path
):
    """The thread of the action plans, as the people who do it: the coordinator turns a CIM
    decision into an action of partner1's plan, partner1 reports with evidence, the officer
    returns it with a comment, partner1 corrects it offline in Excel, the officer validates."""
    decision = query_one(
        portal,
        "SELECT d.id FROM commissions_decision d JOIN commissions_decision_responsible r "
        "ON r.decision_id = d.id JOIN partners_organization o ON o.id = r.organization_id "
        "WHERE o.acronym_fr = 'MI' ORDER BY d.id LIMIT 1",
    )
    meeting = query_one(
        portal, "SELECT meeting_id FROM commissions_decision WHERE id = %s", [decision]
    )
    coordinator = new_page("fr", user="coordinator")
    coordinator.goto(f"/meetings/{meeting}/")
    coordinator.locator(f"a[href='/decisions/{decision}/actions/new/']").click()
    coordinator.locator("#id_lead").select_option(label="Ministère de l'Intérieur")
    coordinator.fill("#id_title_fr", "Ouvrir le guichet unique de Casablanca")
    coordinator.fill("#id_due_date", "2027-09-30")
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator.locator(".alert-success")).to_be_visible()
    action_url = urlsplit(coordinator.url).path
    action = int(action_url.rstrip("/").rsplit("/", 1)[1])
    # Both ways: the action names its decision, the decision lists its action.
    expect(
        coordinator.locator(f"a[href='/meetings/{meeting}/#decision-{decision}']")
    ).to_have_count(1)
    coordinator.goto(f"/meetings/{meeting}/")
    expect(coordinator.locator(f"a[href='{action_url}']")).to_have_count(1)
    screenshot(coordinator, "decision-follow-up-fr")

    evidence = tmp_path / "proces-verbal.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%%EOF\n")
    partner = new_page("fr")
    log_in(partner, "partner1")
    partner.goto(action_url)
    partner.locator("a[href$='/report/']").click()
    partner.fill("#id_progress", "30")
    partner.fill("#id_narrative", "Local identifié, marché de travaux lancé.")
    partner.set_input_files("#id_evidence", str(evidence))
    partner.locator("main form button[type=submit]").click()
    expect(partner.locator(".report-submitted")).to_have_count(1)
    screenshot(partner, "action-reported-fr")

    officer = new_page("fr")
    log_in(officer, "officer")
    officer.goto(action_url)
    officer.locator("a[href$='/return/']").click()
    officer.fill("#id_comment", "Joindre le procès-verbal signé de l'ouverture des plis.")
    officer.locator("main form button[type=submit]").click()
    expect(officer.locator(".report-returned")).to_have_count(1)

    # The correction goes offline: partner1 fills the round's workbook and uploads it.
    current_round = query_one(
        portal, "SELECT id FROM actionplans_reportinground WHERE name = '2026-Q4'"
    )
    code = query_one(portal, "SELECT code FROM actionplans_action WHERE id = %s", [action])
    partner.goto(f"/rounds/{current_round}/offline/")
    with partner.expect_download() as download_info:
        partner.locator("a[href$='/offline/template.xlsx']").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)
    workbook = load_workbook(template)
    for row in workbook["Reports"].iter_rows(min_row=2):
        if row[1].value == code:
            row[4].value, row[5].value = 35, "Procès-verbal signé joint ; travaux lancés."
    filled = tmp_path / "round.xlsx"
    workbook.save(filled)
    partner.set_input_files("#id_workbook", str(filled))
    partner.locator("main form[enctype] button[type=submit]").click()
    expect(partner.locator("main table caption")).to_be_visible()
    screenshot(partner, "round-offline-preview-fr")
    partner.locator("main form[action$='/offline/confirm/'] button").click()
    expect(partner.locator(".alert-success")).to_be_visible()

    officer.goto(action_url)
    officer.locator("form[action$='/validate/'] button").click()
    expect(officer.locator(".report-validated")).to_have_count(1)
    progress = query_one(portal, "SELECT progress FROM actionplans_action WHERE id = %s", [action])
    assert progress == 35
    screenshot(officer, "action-validated-fr")


def test_a_recommendation_is_followed_to_its_decision_action_and_meeting_and_back(new_page, portal):
    """Study → recommendation → the decision that adopted it → back; → the action that carries
    it out and its validated progress → back; → the meeting where the decision came back."""
    study = query_one(portal, "SELECT id FROM studies_study WHERE reference = 'ETU-2025-02'")
    recommendation = query_one(
        portal,
        "SELECT id FROM studies_recommendation WHERE study_id = %s AND uptake = 'taken_up'",
        [study],
    )
    here = f"/recommendations/{recommendation}/"
    page = new_page("fr", user="coordinator")
    page.goto("/studies/?q=guichets")
    page.locator(f"main table a[href='/studies/{study}/']").click()
    page.locator(f"main a[href='{here}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(here) + "$"))
    screenshot(page, "flow-recommendation-fr")

    # To the decision that adopted it, on its meeting's page, which links back.
    page.locator("#taken-up-by-decisions ~ ul a[href*='#decision-']").first.click()
    back = page.locator(f"main a[href='{here}']").first
    expect(back).to_be_visible()
    back.click()

    # To the action that carries it out: its validated progress shows here, and it links back.
    progress = page.locator("#taken-up-by-actions ~ ul li").first
    expect(progress).to_contain_text("%")
    progress.locator("a[href^='/actions/']").click()
    expect(page.locator("main h1")).to_be_visible()
    page.locator(f"main a[href='{here}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(here) + "$"))

    # To the later meeting whose agenda carries the still-open decision, and back again.
    page.locator("#taken-up-by-decisions ~ ul a[href^='/meetings/']").last.click()
    page.locator(f"main a[href='{here}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(here) + "$"))


def test_a_partner_subscribes_to_the_calendar_and_copies_the_address(new_page):
    page = new_page("fr", user="partner1")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/meetings/subscription/")
    page.locator("main button[name=action][value=renew]").click()
    address = page.locator("#feed-url").input_value()
    assert address.endswith(".ics")
    link = page.locator("main a[href^='webcal://']")
    assert link.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
    page.locator("[data-copy=feed-url]").click()
    expect(page.locator("#feed-url-copied")).to_have_text("Copiée.")
    assert page.evaluate("navigator.clipboard.readText()") == address
    screenshot(page, "flow-subscription-fr")


def test_reminder_preferences_are_one_form_saved_at_once(new_page):
    page = new_page("fr", user="partner1")
    page.goto("/notifications/preferences/")
    kinds = page.locator("main fieldset")
    assert kinds.count() >= 5
    # Clicking a label ticks its own kind's box, not another's.
    page.locator("label[for='id_meeting_invitation-digest']").click()
    expect(page.locator("#id_meeting_invitation-digest")).to_be_checked()
    expect(page.locator("#id_meeting_reminder-digest")).not_to_be_checked()
    page.select_option("#id_meeting_reminder-channel", "email")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#id_meeting_invitation-digest")).to_be_checked()
    expect(page.locator("#id_meeting_reminder-channel")).to_have_value("email")
    screenshot(page, "flow-preferences-fr")
    # Back as they were, for the other tests.
    page.locator("label[for='id_meeting_invitation-digest']").click()
    page.select_option("#id_meeting_reminder-channel", "both")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_a_french_sentence_on_an_arabic_page_ends_on_its_own_side(new_page):
    """The Spanish joint commission's mandate is typed in French: on the Arabic page it reads
    left to right, its full stop at the right end, not thrown to the left by the page's
    direction."""
    page = new_page("ar", user="coordinator")
    page.goto("/commissions/")
    page.get_by_role("link", name="اللجنة المختلطة المغربية الإسبانية حول الهجرة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    mandate = page.locator("dd", has_text="Suivre la coopération bilatérale")
    first, last = mandate.evaluate(
        """element => {
            const text = element.firstChild;
            const edge = (start) => {
                const range = document.createRange();
                range.setStart(text, start);
                range.setEnd(text, start + 1);
                return range.getBoundingClientRect().left;
            };
            return [edge(0), edge(text.length - 1)];
        }"""
    )
    assert mandate.evaluate("element => element.textContent.trim().endsWith('.')")
    assert last > first, "the full stop sits left of the sentence's first letter"
