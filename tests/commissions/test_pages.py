"""Every commission page: anonymous → login, outsider → 404, member → 200, and what each shows."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from commissions.models import AgendaDocument, Invitation, InvitationAnswer, Minutes
from commissions.services import (
    agenda_item_add,
    attendance_record,
    decision_record,
    meeting_postpone,
    minutes_approve,
    minutes_save,
)
from tests.access import assert_not_found, assert_ok, assert_redirects_to_login

from .world import ahead_of, at, convened, held, plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def stage(cim, other_commission, coordinator, partner_a_org):
    """CIM-2026-01 held, its minutes approved at CIM-2026-02, which is convened."""
    first = held(plan(cim, 2))
    second = plan(cim, 16)
    convened(second)
    item = agenda_item_add(
        meeting=second,
        title="Guichet unique",
        presenter_organization=partner_a_org,
        document_title="Note de cadrage",
        document=ContentFile(PDF, name="note.pdf"),
    )
    decision = decision_record(meeting=first, text="Ouvrir un guichet", responsible=[partner_a_org])
    minutes = minutes_save(
        meeting=first,
        text="Séance ouverte à 10 h.",
        user=coordinator,
        file=ContentFile(PDF, name="pv.pdf"),
    )
    minutes_approve(minutes=minutes, at_meeting=second)
    elsewhere = plan(other_commission, 3)
    convened(elsewhere)
    return {
        "cim": cim,
        "first": first,
        "second": second,
        "item": item,
        "document": AgendaDocument.objects.get(item=item),
        "decision": decision,
        "invitation": Invitation.objects.get(meeting=second, organization=partner_a_org),
        "elsewhere": elsewhere,
    }


READ_PAGES = [
    "/commissions/{cim.pk}/",
    "/commissions/{cim.pk}/decisions/",
    "/commissions/{cim.pk}/decisions/export.csv",
    "/meetings/{first.pk}/",
    "/meetings/{second.pk}/",
    "/meetings/{second.pk}/meeting.ics",
    "/meetings/{second.pk}/convocation/",
    "/meetings/{first.pk}/minutes/print/",
    "/meetings/{first.pk}/minutes/file/",
    "/agenda-documents/{document.pk}/",
    "/commissions/{cim.pk}/decisions/export-excel.csv",
]
SECRETARIAT_PAGES = [
    "/commissions/{cim.pk}/meetings/new/",
    "/meetings/{second.pk}/edit/",
    "/meetings/{second.pk}/postpone/",
    "/meetings/{second.pk}/agenda/new/",
    "/meetings/{second.pk}/attendance/",
    "/meetings/{second.pk}/decisions/new/",
    "/meetings/{first.pk}/minutes/",
]
LISTS = [
    "/commissions/",
    "/meetings/",
    "/meetings/calendar/?month=2026-03",
    "/meetings/subscription/",
]


def url(template: str, stage) -> str:
    return template.format(**stage)


@pytest.mark.parametrize("page", READ_PAGES + SECRETARIAT_PAGES + LISTS)
def test_anonymous_visitors_are_sent_to_log_in(stage, page):
    assert_redirects_to_login(url(page, stage))


@pytest.mark.parametrize("page", READ_PAGES + SECRETARIAT_PAGES)
def test_a_partner_outside_the_commission_gets_404(stage, client_as, partner_b, page):
    assert_not_found(client_as(partner_b), url(page, stage))


@pytest.mark.parametrize("page", READ_PAGES)
def test_members_and_the_ministry_read_the_commissions_pages(
    stage, client_as, partner_a, partner_a_viewer, viewer, page
):
    for user in (partner_a, partner_a_viewer, viewer):
        assert_ok(client_as(user), url(page, stage))


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_only_the_secretariat_opens_the_pages_that_change_a_meeting(
    stage, client_as, coordinator, partner_a, viewer, page
):
    assert_ok(client_as(coordinator), url(page, stage))
    for user in (partner_a, viewer):
        assert client_as(user).get(url(page, stage)).status_code == 403


@pytest.mark.parametrize("page", LISTS)
def test_the_lists_open_for_everyone_signed_in(stage, client_as, partner_b, page):
    assert_ok(client_as(partner_b), url(page, stage))


def test_lists_show_a_partner_only_its_commissions_meetings(stage, client_as, partner_b):
    client = client_as(partner_b)
    for page in ("/commissions/", "/meetings/", "/meetings/calendar/?month=2026-03"):
        html = assert_ok(client, page).content.decode()
        assert "CMB-2026-01" in html or "Commission CMB" in html
        assert "CIM-2026" not in html and "Commission CIM" not in html


def test_the_focal_point_answers_its_own_invitation_only(
    stage, client_as, partner_a, partner_a_viewer, partner_b
):
    answer = f"/invitations/{stage['invitation'].pk}/answer/"
    assert_redirects_to_login(answer)
    assert_ok(client_as(partner_a), answer)
    assert client_as(partner_a_viewer).get(answer).status_code == 403
    assert_not_found(client_as(partner_b), answer)
    response = client_as(partner_b).post(answer, {"answer": "declined"})
    assert response.status_code == 404
    assert Invitation.objects.get(pk=stage["invitation"].pk).answer == InvitationAnswer.PENDING


def test_draft_minutes_stay_hidden_from_partners(stage, client_as, partner_a, coordinator, cim):
    third = held(plan(cim, 23))
    minutes_save(meeting=third, text="Brouillon confidentiel", user=coordinator)
    for page in (f"/meetings/{third.pk}/minutes/print/", f"/meetings/{third.pk}/minutes/file/"):
        assert_not_found(client_as(partner_a), page)
    assert "Brouillon confidentiel" not in assert_ok(
        client_as(partner_a), f"/meetings/{third.pk}/"
    ).content.decode("utf-8")
    printed = assert_ok(client_as(coordinator), f"/meetings/{third.pk}/minutes/print/")
    assert "Brouillon confidentiel" in printed.content.decode()
    assert 'class="draft-mark"' in printed.content.decode()


def test_the_agenda_carries_the_open_decisions_of_earlier_meetings(stage, client_as, partner_a):
    html = assert_ok(client_as(partner_a), f"/meetings/{stage['second'].pk}/").content.decode()
    follow_up = html[html.index('id="follow-up"') : html.index('id="decisions-heading"')]
    assert "CIM-2026-01/D1" in follow_up and "Ouvrir un guichet" in follow_up


def test_the_printable_pages_use_the_print_stylesheet(stage, client_as, partner_a):
    for page in ("/meetings/{second.pk}/convocation/", "/meetings/{first.pk}/minutes/print/"):
        html = assert_ok(client_as(partner_a), url(page, stage)).content.decode()
        assert "css/print.css" in html and "data-print" in html
    convocation = assert_ok(client_as(partner_a), url(READ_PAGES[6], stage)).content.decode()
    assert "Guichet unique" in convocation and "CIM-2026-01/D1" in convocation


def test_downloads_carry_the_documents_title(stage, client_as, partner_a):
    response = assert_ok(client_as(partner_a), url("/agenda-documents/{document.pk}/", stage))
    assert b"".join(response.streaming_content) == PDF
    assert "Note de cadrage.pdf" in response["Content-Disposition"]


def test_the_decision_register_filters_by_status_number_and_overdue(
    stage, client_as, coordinator, partner_a_org
):
    client = client_as(coordinator)
    register = f"/commissions/{stage['cim'].pk}/decisions/"
    decision_record(meeting=stage["second"], text="Étude sur les retraites", due_date=None)
    by_number = assert_ok(client, register + "?q=cim-2026-02/d1").content.decode()
    assert "Étude sur les retraites" in by_number and "Ouvrir un guichet" not in by_number
    by_text = assert_ok(client, register + "?q=guichet").content.decode()
    assert "Ouvrir un guichet" in by_text and "retraites" not in by_text
    by_org = assert_ok(client, register + f"?responsible={partner_a_org.pk}").content.decode()
    assert "Ouvrir un guichet" in by_org and "retraites" not in by_org
    assert assert_ok(client, register + "?status=closed").context["page_obj"].paginator.count == 0
    csv = assert_ok(client, register.replace("/decisions/", "/decisions/export.csv") + "?q=guichet")
    assert "CIM-2026-01/D1" in csv.content.decode() and "retraites" not in csv.content.decode()


def test_the_decision_register_downloads_as_a_csv_for_excel_with_numbers_kept_as_text(
    stage, client_as, partner_a
):
    register = url("/commissions/{cim.pk}/decisions/export-excel.csv", stage)
    response = assert_ok(client_as(partner_a), register)
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1][0] == '="CIM-2026-01/D1"' and rows[1][2] == "Ouvrir un guichet"
    assert len(rows[0]) > 1 and text.startswith(";".join(rows[0]) + "\r\n")


def test_a_decision_status_changes_from_the_meeting_page(stage, client_as, coordinator, partner_a):
    decision = stage["decision"]
    back = f"/meetings/{stage['first'].pk}/"
    assert client_as(partner_a).post(f"/decisions/{decision.pk}/status/", {}).status_code == 403
    response = client_as(coordinator).post(
        f"/decisions/{decision.pk}/status/", {"status": "closed", "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    decision.refresh_from_db()
    assert decision.status == "closed"
    second = assert_ok(client_as(partner_a), f"/meetings/{stage['second'].pk}/").content.decode()
    assert "CIM-2026-01/D1" not in second[second.index('id="follow-up"') :]


def test_the_status_form_never_sends_the_user_to_another_site(stage, client_as, coordinator):
    response = client_as(coordinator).post(
        f"/decisions/{stage['decision'].pk}/status/",
        {"status": "in_progress", "next": "https://evil.example/"},
    )
    assert response["Location"].startswith("/meetings/")


def test_pages_render_right_to_left_in_arabic(stage, client_as, partner_a):
    partner_a.language = "ar"
    partner_a.save()
    for page in ("/meetings/{second.pk}/", "/meetings/{second.pk}/convocation/", "/commissions/"):
        html = assert_ok(client_as(partner_a), url(page, stage)).content.decode()
        assert 'dir="rtl"' in html and "bootstrap.rtl.min.css" in html
        assert "لجنة CIM" in html
    translation.activate("en")


def test_the_convocation_lists_every_member_invited(stage, client_as, partner_a, partner_a_org):
    html = assert_ok(client_as(partner_a), url(READ_PAGES[6], stage)).content.decode()
    assert partner_a_org.name_fr in html
    assert Minutes.objects.get(meeting=stage["first"]).is_approved


def test_a_moved_meeting_shows_its_former_date_and_the_quorum(
    stage, client_as, coordinator, partner_a_org, settings
):
    settings.LANGUAGE_CODE = "en"
    second = stage["second"]
    with ahead_of(second.starts_at):  # moved while it was still ahead
        meeting_postpone(
            meeting=second,
            starts_at=at(2026, 3, 18, 15),
            ends_at=at(2026, 3, 18, 17),
            reason="Salle",
        )
    attendance_record(meeting=second, present={partner_a_org.pk})
    html = assert_ok(client_as(coordinator), f"/meetings/{second.pk}/").content.decode()
    former = html[html.index("<del>") : html.index("</del>")]
    assert "16" in former and "Salle" in html
    quorum = html[html.index("Quorum") :]
    assert "Reached" in quorum[:300]  # the one invited organisation came: 100 %
    assert "(50% required)" in quorum[:400]


def test_the_quorum_shows_only_once_attendance_is_recorded(stage, client_as, coordinator):
    second = stage["second"]
    html = assert_ok(client_as(coordinator), f"/meetings/{second.pk}/").content.decode()
    assert "text-bg-success" not in html and 'text-bg-warning">' not in html
    attendance_record(meeting=second, present=set())
    html = assert_ok(client_as(coordinator), f"/meetings/{second.pk}/").content.decode()
    assert 'class="badge text-bg-warning"' in html  # nobody present: not reached


def test_the_secretariat_reorders_and_removes_agenda_items(
    stage, client_as, coordinator, partner_a
):
    second = stage["second"]
    agenda_item_add(meeting=second, title="Questions diverses")
    client = client_as(coordinator)

    def titles():
        return list(second.agenda_items.order_by("position").values_list("title", flat=True))

    last = second.agenda_items.get(title="Questions diverses")
    assert client.post(f"/agenda-items/{last.pk}/move/", {"direction": "up"}).status_code == 302
    assert titles() == ["Questions diverses", "Guichet unique"]
    client.post(f"/agenda-items/{last.pk}/move/", {"direction": "up"})  # already first
    assert titles() == ["Questions diverses", "Guichet unique"]
    response = client.post(f"/agenda-items/{last.pk}/move/", {"direction": "sideways"}, follow=True)
    assert response.context["messages"]
    assert (
        client_as(partner_a)
        .post(f"/agenda-items/{last.pk}/move/", {"direction": "down"})
        .status_code
        == 403
    )
    client.post(f"/agenda-items/{last.pk}/delete/")
    assert titles() == ["Guichet unique"]
    assert second.agenda_items.get().position == 1


def test_a_document_missing_from_the_disk_answers_404(stage, client_as, partner_a):
    stage["document"].file.storage.delete(stage["document"].file.name)
    assert_not_found(client_as(partner_a), url("/agenda-documents/{document.pk}/", stage))


def test_the_chair_shows_in_the_readers_language_and_falls_back_to_french(
    stage, client_as, partner_a, cim
):
    cim.chair_fr, cim.chair_ar, cim.chair_en = "Le Chef du Gouvernement", "رئيس الحكومة", ""
    cim.save()
    partner_a.language = "ar"
    partner_a.save()
    html = assert_ok(client_as(partner_a), f"/commissions/{cim.pk}/").content.decode()
    assert "<bdi>رئيس الحكومة</bdi>" in html and "Le Chef du Gouvernement" not in html
    partner_a.language = "en"
    partner_a.save()
    html = assert_ok(client_as(partner_a), f"/commissions/{cim.pk}/").content.decode()
    assert "<bdi>Le Chef du Gouvernement</bdi>" in html
    translation.activate("en")
