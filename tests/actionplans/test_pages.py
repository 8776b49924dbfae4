"""The action plan pages, as a coordinator, an officer and the partners use them."""

import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actionplans import services
from actionplans.models import Action, Evidence, ProgressReport, ReportState
from actionplans.services import decision_create_action
from commissions import services as commissions
from tests.access import assert_not_found, assert_ok
from tests.commissions.conftest import commission_with
from tests.commissions.world import convened
from tests.commissions.world import plan as plan_meeting

from .world import PDF


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_partner_lists_only_the_plans_it_leads_or_co_signs(
    client_as, world, other_world, partner_a, partner_b_org
):
    other_world["plan"].co_signers.add(world["plan"].lead)
    listed = assert_ok(client_as(partner_a), "/plans/").context["page_obj"]
    assert {plan.code for plan in listed} == {"PA", "PB"}
    other_world["plan"].co_signers.clear()
    listed = assert_ok(client_as(partner_a), "/plans/").context["page_obj"]
    assert [plan.code for plan in listed] == ["PA"]


def test_the_plan_export_holds_exactly_the_filtered_rows(
    client_as, world, other_world, coordinator
):
    client = client_as(coordinator)
    rows = rows_of(client.get("/plans/export.csv?q=PB"))
    assert [row[0] for row in rows[1:]] == ["PB"]
    everything = rows_of(client.get("/plans/export.csv"))
    assert sorted(row[0] for row in everything[1:]) == ["PA", "PB"]


def test_the_csv_for_excel_of_actions_is_semicolon_separated_with_codes_kept_as_text(
    client_as, world, other_world, partner_a
):
    response = assert_ok(client_as(partner_a), "/actions/export-excel.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert text.startswith(";".join(rows[0]) + "\r\n")
    assert [row[:2] for row in rows[1:]] == [['="PA"', '="PA-1.1"']]


def test_the_plan_page_shows_progress_slippage_and_a_timeline(client_as, world, coordinator):
    response = assert_ok(client_as(coordinator), f"/plans/{world['plan'].pk}/")
    page = response.content.decode()
    assert "<svg" in page and 'class="timeline"' in page
    assert world["action"].code in page
    assert response.context["plan"].rollup.progress == 0


def test_the_arabic_timeline_runs_right_to_left(client_as, world, coordinator):
    client = client_as(coordinator)
    bar = {}
    for language in ("fr", "ar"):
        client.cookies["django_language"] = language
        response = client.get(f"/plans/{world['plan'].pk}/", HTTP_ACCEPT_LANGUAGE=language)
        bar[language] = response.context["timeline"].bars[0]
    assert bar["ar"].x + bar["ar"].width > 500 > bar["fr"].x  # a 2026 start: right, then left


def test_another_partners_plan_action_report_and_evidence_answer_404(
    client_as, world, other_world, partner_a
):
    client = client_as(partner_a)
    for url in (
        f"/plans/{other_world['plan'].pk}/",
        f"/plans/{other_world['plan'].pk}/document/",
        f"/actions/{other_world['action'].pk}/",
        f"/actions/{other_world['action'].pk}/report/",
        f"/evidence/{other_world['evidence'].pk}/",
    ):
        assert_not_found(client, url)


def test_a_partner_reports_progress_with_evidence_and_the_officer_validates_it(
    client_as, world, partner_a, coordinator
):
    world["report"].delete()
    action = world["action"]
    response = client_as(partner_a).post(
        f"/actions/{action.pk}/report/",
        {
            "period": "2026-Q4",
            "progress": "60",
            "narrative": "Douze guichets ouverts",
            f"indicator_{world['indicator'].pk}": "7",
            "evidence": [
                SimpleUploadedFile("pv.pdf", PDF, "application/pdf"),
                SimpleUploadedFile("photo.pdf", PDF, "application/pdf"),
            ],
        },
    )
    assert response.status_code == 302
    report = action.reports.get()
    assert report.evidence.count() == 2 and report.indicator_values.get().value == 7
    response = client_as(coordinator).post(f"/reports/{report.pk}/validate/")
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.progress == 60
    page = assert_ok(client_as(partner_a), f"/actions/{action.pk}/").content.decode()
    assert "Douze guichets ouverts" in page and "pv" in page


def test_evidence_downloads_as_an_attachment(client_as, world, partner_a):
    response = client_as(partner_a).get(f"/evidence/{world['evidence'].pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_a_return_keeps_its_comment_and_the_corrected_version_follows(
    client_as, world, coordinator, partner_a
):
    report = world["report"]
    client = client_as(coordinator)
    empty = client.post(f"/reports/{report.pk}/return/", {"comment": ""})
    assert empty.status_code == 200 and empty.context["form"].errors["comment"]
    client.post(f"/reports/{report.pk}/return/", {"comment": "Joindre le PV signé"})
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    page = assert_ok(client_as(partner_a), f"/actions/{world['action'].pk}/").content.decode()
    assert "Joindre le PV signé" in page


def test_progress_over_100_gets_a_message_in_french_and_saves_nothing(client_as, world, partner_a):
    world["report"].delete()
    client = client_as(partner_a)
    response = client.post(
        f"/actions/{world['action'].pk}/report/",
        {"period": "2026-Q4", "progress": "150", "narrative": "Trop"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    assert "pourcentage" in " ".join(response.context["form"].errors["progress"])
    assert response.context["form"]["narrative"].value() == "Trop"
    assert not ProgressReport.objects.filter(action=world["action"]).exists()


def test_an_evidence_file_of_the_wrong_type_is_refused_and_nothing_is_saved(
    client_as, world, partner_a
):
    world["report"].delete()
    response = client_as(partner_a).post(
        f"/actions/{world['action'].pk}/report/",
        {
            "period": "2026-Q4",
            "progress": "50",
            "narrative": "Preuve",
            "evidence": [SimpleUploadedFile("script.exe", b"MZ", "application/octet-stream")],
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["evidence"]
    assert not Evidence.objects.filter(report__action=world["action"]).exists()


def test_validating_ones_own_report_is_refused_with_a_message(client_as, world, coordinator):
    world["report"].submitted_by = coordinator
    world["report"].save()
    response = client_as(coordinator).post(f"/reports/{world['report'].pk}/validate/", follow=True)
    assert "autre personne que son auteur" in response.content.decode()
    world["report"].refresh_from_db()
    assert world["report"].state == ReportState.SUBMITTED


def test_a_revised_due_date_without_a_reason_is_refused_on_the_page(client_as, world, coordinator):
    response = client_as(coordinator).post(
        f"/actions/{world['action'].pk}/due-date/", {"due_date": "2027-12-31", "reason": ""}
    )
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    world["action"].refresh_from_db()
    assert world["action"].due_date == datetime.date(2027, 6, 30)


def test_a_coordinator_turns_a_decision_into_actions_linked_both_ways(
    client_as, ministry, partner_a_org, partner_a, world, coordinator
):
    commission = commission_with("CIM", ministry, partner_a_org)
    meeting = convened(plan_meeting(commission, 4))
    decision = commissions.decision_record(
        meeting=meeting, text="Ouvrir un guichet", responsible=[partner_a_org]
    )
    client = client_as(coordinator)
    due = (timezone.localdate() + datetime.timedelta(days=120)).isoformat()
    for title in ("Guichet de Rabat", "Guichet de Tanger"):
        response = client.post(
            f"/decisions/{decision.pk}/actions/new/",
            {"lead": partner_a_org.pk, "title_fr": title, "due_date": due},
        )
        assert response.status_code == 302
    actions = list(Action.objects.filter(decision=decision).order_by("code"))
    assert [action.plan for action in actions] == [world["plan"]] * 2
    meeting_page = assert_ok(client_as(partner_a), f"/meetings/{meeting.pk}/").content.decode()
    assert all(f"/actions/{action.pk}/" in meeting_page for action in actions)
    action_page = assert_ok(client_as(partner_a), f"/actions/{actions[0].pk}/").content.decode()
    assert decision.get_absolute_url() in action_page.replace("&amp;", "&")


def test_my_actions_are_the_organisations_for_a_partner_and_the_followed_for_an_officer(
    client_as, world, other_world, partner_a, officer, partner_a_org
):
    mine = assert_ok(client_as(partner_a), "/actions/mine/").context["page_obj"]
    assert [action.code for action in mine] == ["PA-1.1"]
    assert list(assert_ok(client_as(officer), "/actions/mine/").context["page_obj"]) == []
    partner_a_org.followed_by = officer
    partner_a_org.save()
    followed = assert_ok(client_as(officer), "/actions/mine/").context["page_obj"]
    assert [action.code for action in followed] == ["PA-1.1"]


def test_the_overdue_list_flags_actions_past_their_due_date(client_as, world, coordinator):
    Action.objects.filter(pk=world["action"].pk).update(
        start_date=datetime.date(2025, 1, 1), due_date=timezone.localdate() - datetime.timedelta(1)
    )
    response = assert_ok(client_as(coordinator), "/actions/overdue/")
    assert [action.code for action in response.context["page_obj"]] == ["PA-1.1"]
    assert "text-bg-danger" in response.content.decode()


def test_the_partners_360_page_shows_its_plans_and_open_actions(client_as, world, coordinator):
    page = assert_ok(client_as(coordinator), f"/partners/{world['plan'].lead_id}/")
    content = page.content.decode()
    assert 'id="panel-actionplans"' in content and world["action"].code in content


def test_agreeing_a_plan_from_its_page_freezes_the_baselines(client_as, partner_a_org, coordinator):
    client = client_as(coordinator)
    response = client.post(
        "/plans/new/",
        {
            "lead": partner_a_org.pk,
            "code": "MI-2027",
            "title_fr": "Plan d'action 2027",
            "first_year": "2027",
            "last_year": "2029",
        },
    )
    assert response.status_code == 302
    plan_url = response["Location"]
    client.post(
        f"{plan_url}actions/new/",
        {
            "code": "A-1",
            "title_fr": "Action",
            "lead": partner_a_org.pk,
            "due_date": "2027-12-31",
            "weight": "1",
        },
    )
    action = Action.objects.get(code="A-1")
    assert action.baseline_due_date is None
    client.post(f"{plan_url}advance/")
    action.refresh_from_db()
    assert action.baseline_due_date == datetime.date(2027, 12, 31)


def test_a_follow_up_action_outside_any_plan_is_edited_like_the_others(
    client_as, ministry, partner_a_org, coordinator
):
    commission = commission_with("CIM", ministry, partner_a_org)
    decision = commissions.decision_record(
        meeting=convened(plan_meeting(commission, 4)), text="Suivre", responsible=[partner_a_org]
    )
    action = decision_create_action(
        decision=decision,
        lead=partner_a_org,
        title_fr="Sans plan",
        due_date=timezone.localdate() + datetime.timedelta(days=60),
    )
    client = client_as(coordinator)
    assert_ok(client, f"/actions/{action.pk}/edit/")
    response = client.post(
        f"/actions/{action.pk}/edit/",
        {"code": action.code, "title_fr": "Renommée", "lead": partner_a_org.pk, "weight": "1"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title_fr == "Renommée" and action.plan is None


def test_a_co_signer_sees_roll_ups_of_the_actions_it_may_see_only(
    client_as, world, partner_b_org, partner_b, coordinator
):
    """Partner B co-signs partner A's plan: an axis holding only A's action tells B nothing of
    its progress or slippage."""
    world["plan"].co_signers.add(partner_b_org)
    services.report_validate(report=world["report"], user=coordinator)
    page = assert_ok(client_as(partner_b), f"/plans/{world['plan'].pk}/")
    assert [rows for _axis, _rollup, rows in page.context["axes"]] == [[]]
    assert [rollup.progress for _axis, rollup, _rows in page.context["axes"]] == [0]
    assert page.context["plan"].rollup.progress == 0
    ministry = assert_ok(client_as(coordinator), f"/plans/{world['plan'].pk}/")
    assert ministry.context["plan"].rollup.progress == 40


def test_a_partner_leading_an_action_of_anothers_plan_reports_in_its_round(
    client_as, world, partner_b_org, partner_b
):
    theirs = services.action_create(
        plan=world["plan"],
        code="PA-1.9",
        title_fr="Confiée à B",
        lead=partner_b_org,
        due_date=datetime.date(2027, 6, 30),
    )
    client = client_as(partner_b)
    assert_ok(client, f"/rounds/{world['round'].pk}/")
    action_page = assert_ok(client, f"/actions/{theirs.pk}/").content.decode()
    assert f'href="/plans/{world["plan"].pk}/"' not in action_page  # a plan it does not see
    form = assert_ok(client, f"/actions/{theirs.pk}/report/").context["form"]
    assert list(form.fields["reporting_round"].queryset) == [world["round"]]
    round_page = assert_ok(client, f"/rounds/{world['round'].pk}/")
    assert [row["plan__code"] for row in round_page.context["rows"]] == ["PA"]
    assert sum(row["expected"] for row in round_page.context["rows"]) == 1  # B's action only


def test_an_open_decision_comes_back_on_the_next_convocation_with_its_actions(
    client_as, ministry, partner_a_org, partner_a
):
    commission = commission_with("CIM", ministry, partner_a_org)
    earlier = convened(plan_meeting(commission, 4))
    decision = commissions.decision_record(
        meeting=earlier, text="Ouvrir un guichet", responsible=[partner_a_org]
    )
    action = decision_create_action(
        decision=decision,
        lead=partner_a_org,
        title_fr="Guichet de Fès",
        due_date=timezone.localdate() + datetime.timedelta(days=90),
    )
    later = plan_meeting(commission, 25)
    page = assert_ok(client_as(partner_a), f"/meetings/{later.pk}/convocation/")
    content = page.content.decode()
    assert decision.number in content and action.code in content


def test_a_due_date_before_the_start_gets_its_message_on_the_field(
    client_as, coordinator, world, partner_a_org
):
    response = client_as(coordinator).post(
        f"/plans/{world['plan'].pk}/actions/new/",
        {
            "code": "Z-1",
            "title_fr": "Z",
            "lead": partner_a_org.pk,
            "start_date": "2027-05-01",
            "due_date": "2027-04-01",
            "weight": "1",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    errors = response.context["form"].errors
    assert errors["due_date"] == ["The due date cannot come before the start date."]
    assert "__all__" not in errors  # not the database constraint's raw name
