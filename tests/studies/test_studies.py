"""Studies: the pipeline, milestones and their reminders, versioned documents, the
recommendation thread both ways, the tracker, and who sees what."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from reminders.models import Reminder
from studies import services
from studies.demo import report_docx, report_pdf
from studies.models import Finding, Milestone, Mobilisation, Recommendation, Study, StudyDocument
from studies.views import tracker_counts
from tests.access import logged_in

from .world import studies_world


@pytest.fixture(autouse=True)
def in_english():
    """The services' messages, read in the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(partner_a_org, coordinator):
    return studies_world("T", partner_a_org, user=coordinator)


def test_a_study_moves_one_step_at_a_time_each_step_dated_and_signed(world, coordinator):
    study = world["study"]
    with pytest.raises(ValidationError, match="one step at a time"):
        services.study_advance(study=study, to_status="published", user=coordinator)
    services.study_advance(study=study, to_status="fieldwork", user=coordinator, note="Go")
    steps = list(study.transitions.values_list("from_status", "to_status", "by", "note"))
    assert steps == [
        ("", "proposed", coordinator.pk, ""),
        ("proposed", "commissioned", coordinator.pk, ""),
        ("commissioned", "fieldwork", coordinator.pk, "Go"),
    ]


def test_an_archived_study_moves_no_further(world, coordinator):
    study = services.study_advance(study=world["study"], to_status="archived", user=coordinator)
    assert study.next_status is None and not study.can_be_archived
    with pytest.raises(ValidationError, match="moves no further"):
        services.study_advance(study=study, to_status="fieldwork", user=coordinator)


def test_the_advance_button_refuses_a_skipped_step_with_a_message(world, coordinator, client_as):
    client = client_as(coordinator)
    response = client.post(
        f"/studies/{world['study'].pk}/advance/", {"to_status": "published"}, follow=True
    )
    refusal = [str(message) for message in response.context["messages"]]
    assert refusal and "commissioned" not in refusal[0]  # a sentence, in the reader's language
    world["study"].refresh_from_db()
    assert world["study"].status == "commissioned"


def test_a_milestone_outside_the_studys_dates_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.milestone_save(
            milestone=Milestone(
                study=world["study"], title="Trop tard", due_on=datetime.date(2030, 1, 1)
            )
        )
    assert "due_on" in error.value.message_dict


def test_new_dates_that_would_leave_a_milestone_outside_are_refused(world, coordinator):
    study = world["study"]
    study.ends_on = datetime.date(2027, 1, 1)  # the milestone is due on 1 June 2027
    with pytest.raises(ValidationError, match="outside the study's dates"):
        services.study_save(study=study, shared_with=study.shared_with.all(), user=coordinator)


def test_an_end_before_the_start_is_refused_on_the_form(coordinator, client_as):
    response = client_as(coordinator).post(
        "/studies/new/",
        {
            "reference": "ETU-Z",
            "status": "proposed",
            "title_fr": "Étude",
            "currency": "MAD",
            "visibility": "internal",
            "starts_on": "2027-01-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Study.objects.filter(reference="ETU-Z").exists()


def test_a_milestone_is_reminded_7_days_before_and_when_overdue_then_stops_once_done(
    world, officer
):
    study = world["study"]
    study.followed_by = officer
    services.study_save(study=study, shared_with=study.shared_with.all())
    milestone = world["milestone"]
    pending = Reminder.objects.filter(target_id=milestone.pk, state="pending")
    assert sorted(pending.values_list("kind", flat=True)) == [
        "study_milestone",
        "study_milestone_overdue",
    ]
    assert set(pending.values_list("recipient", flat=True)) == {officer.pk}
    services.milestone_mark_done(milestone=milestone)
    assert not Reminder.objects.filter(target_id=milestone.pk, state="pending").exists()


def test_publishing_a_study_stops_its_milestones_reminders(world, coordinator):
    study = world["study"]
    for status in ("fieldwork", "analysis", "validation", "published"):
        study = services.study_advance(study=study, to_status=status, user=coordinator)
    assert not Reminder.objects.filter(target_id=world["milestone"].pk, state="pending").exists()


def test_a_new_upload_of_a_kind_is_its_next_version_and_every_version_stays(
    world, coordinator, client_as
):
    study, latest = world["study"], world["study_document"]
    assert latest.version == 2
    assert StudyDocument.objects.latest_versions().filter(study=study).get() == latest
    client = client_as(coordinator)
    page = client.get(f"/studies/{study.pk}/").content.decode()
    assert "1 earlier version" in page or "1 version antérieure" in page
    for document in StudyDocument.objects.filter(study=study, kind="final_report"):
        response = client.get(f"/study-documents/{document.pk}/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")


def test_the_text_of_pdf_and_word_reports_is_kept_for_search(world, coordinator):
    for name, content in (
        ("a.pdf", report_pdf(["Les retraités marocains"])),
        ("b.docx", report_docx(["المتقاعدون المغاربة"])),
    ):
        document = services.document_add(
            document=StudyDocument(
                study=world["study"], kind="other", title="T", file=ContentFile(content, name)
            ),
            user=coordinator,
        )
        assert document.text in ("Les retraités marocains", "المتقاعدون المغاربة")


def test_a_bad_file_is_refused_with_a_message_and_the_rest_of_the_form_kept(
    world, coordinator, client_as, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    study = world["study"]
    before = set(tmp_path.rglob("*"))
    response = client_as(coordinator).post(
        f"/studies/{study.pk}/documents/new/",
        {
            "kind": "dataset",
            "title": "Résultats",
            "file": SimpleUploadedFile("data.pdf", b"MZ\x90\x00" + b"\x00" * 64),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["form"]["title"].value() == "Résultats"
    assert set(tmp_path.rglob("*")) == before
    assert not StudyDocument.objects.filter(study=study, kind="dataset").exists()


def test_a_recommendation_taken_up_shows_on_the_decision_and_action_pages_and_back(
    partner_a_org, coordinator, client_as
):
    from partners.models import Organization
    from tests.actionplans.world import plan_world
    from tests.factories import UserFactory
    from tests.security.conftest import commission_world

    ministry = Organization.objects.get(is_ministry=True)
    commission = commission_world("CR", ministry, partner_a_org, coordinator)
    reporter = UserFactory(organization=partner_a_org, role="focal_point")
    plan = plan_world("PR", partner_a_org, reporter=reporter)
    world = studies_world(
        "R",
        partner_a_org,
        decision=commission["decision"],
        action=plan["action"],
        user=coordinator,
    )
    recommendation = world["recommendation"]
    client = client_as(coordinator)
    code = recommendation.code
    assert code in client.get(f"/meetings/{commission['meeting'].pk}/").content.decode()
    assert code in client.get(f"/actions/{plan['action'].pk}/").content.decode()
    page = client.get(f"/recommendations/{recommendation.pk}/").content.decode()
    assert commission["decision"].number in page
    assert plan["action"].code in page
    # The decision is still open: it came back on the agenda of the later meeting.
    assert commission["upcoming"].number in page
    assert recommendation.uptake == "taken_up"


def test_a_recommendation_is_rejected_only_with_a_reason(world, coordinator, client_as):
    recommendation = world["recommendation"]
    response = client_as(coordinator).post(
        f"/recommendations/{recommendation.pk}/reject/", {"reason": "   "}
    )
    assert response.status_code == 200
    recommendation.refresh_from_db()
    assert recommendation.uptake == "pending"
    services.recommendation_reject(recommendation=recommendation, reason="Trop coûteux")
    with pytest.raises(ValidationError):
        services.recommendation_take_up(recommendation=recommendation, decisions=[], actions=[])


def test_the_tracker_counts_only_what_the_reader_sees(
    partner_a_org, partner_b_org, coordinator, partner_a
):
    studies_world("A1", partner_a_org, user=coordinator)
    other = studies_world("B1", partner_b_org, user=coordinator)
    services.recommendation_reject(recommendation=other["recommendation"], reason="Non")
    everything = tracker_counts(Recommendation.objects.for_user(coordinator))
    theirs = tracker_counts(Recommendation.objects.for_user(partner_a))
    assert (everything["total"], everything["rejected"], everything["waiting"]) == (2, 1, 1)
    assert (theirs["total"], theirs["rejected"], theirs["waiting"]) == (1, 0, 1)


def test_a_partner_sees_published_and_shared_studies_and_what_addresses_it_only(
    partner_a_org, partner_b_org, coordinator, partner_a
):
    shared = studies_world("S", partner_a_org, user=coordinator)["study"]
    internal = services.study_save(
        study=Study(reference="ETU-INT", title_fr="Interne"), user=coordinator
    )
    published = services.study_save(
        study=Study(reference="ETU-PUB", title_fr="Publiée", visibility="partners"),
        user=coordinator,
    )
    others = studies_world("O", partner_b_org, user=coordinator)["study"]
    seen = set(Study.objects.for_user(partner_a))
    assert seen == {shared, published}
    assert internal not in seen and others not in seen
    addressed = services.recommendation_save(
        recommendation=Recommendation(study=internal, text_fr="Pour A"),
        addressees=[partner_a_org],
    )
    assert addressed in Recommendation.objects.for_user(partner_a)
    page = logged_in(partner_a).get(f"/recommendations/{addressed.pk}/").content.decode()
    # Its internal study is named by its reference, neither linked nor titled.
    assert f"/studies/{internal.pk}/" not in page and "ETU-INT" in page
    assert "Interne" not in page


def test_a_partner_sees_only_its_own_experts_on_a_study_and_on_an_expert_page(
    partner_a_org, partner_b_org, coordinator, partner_a, client_as, ministry
):
    from commissions.models import Commission

    published = services.study_save(
        study=Study(reference="ETU-PUB", title_fr="Publiée", visibility="partners"),
        user=coordinator,
    )
    theirs = studies_world("B", partner_b_org, user=coordinator)["expert"]
    ours = studies_world("A", partner_a_org, user=coordinator)["expert"]
    group = Commission.objects.create(
        kind="working_group", code="GT-X", name_fr="Groupe secret", secretariat=ministry
    )
    for expert in (theirs, ours):
        services.mobilisation_add(
            mobilisation=Mobilisation(
                expert=expert, role="lead", study=published, starts_on=datetime.date(2026, 1, 1)
            )
        )
    services.mobilisation_add(
        mobilisation=Mobilisation(
            expert=ours, role="adviser", commission=group, starts_on=datetime.date(2026, 1, 1)
        )
    )
    client = client_as(partner_a)
    study_page = client.get(f"/studies/{published.pk}/").content.decode()
    assert ours.person.last_name in study_page
    assert theirs.person.last_name not in study_page
    expert_page = client.get(f"/experts/{ours.pk}/").content.decode()
    assert "GT-X" not in expert_page and "Groupe secret" not in expert_page
    assert "GT-X" in client_as(coordinator).get(f"/experts/{ours.pk}/").content.decode()


def test_a_closed_action_cannot_take_a_recommendation_up(world, partner_a_org, coordinator):
    from tests.actionplans.world import plan_world
    from tests.factories import UserFactory

    reporter = UserFactory(organization=partner_a_org, role="focal_point")
    action = plan_world("PC", partner_a_org, reporter=reporter)["action"]
    action.status = "cancelled"
    action.save()
    with pytest.raises(ValidationError, match="closed"):
        services.recommendation_take_up(recommendation=world["recommendation"], actions=[action])


def test_an_archived_study_takes_no_more_findings_documents_or_milestones(world, coordinator):
    study = services.study_advance(study=world["study"], to_status="archived", user=coordinator)
    with pytest.raises(ValidationError, match="archived"):
        services.finding_add(finding=Finding(study=study, text_fr="Trop tard"))
    with pytest.raises(ValidationError, match="archived"):
        services.milestone_save(
            milestone=Milestone(study=study, title="Trop tard", due_on=datetime.date(2027, 1, 1))
        )


def test_an_officer_who_records_a_study_is_in_charge_of_it_and_edits_it(officer, client_as):
    study = services.study_save(study=Study(reference="ETU-OFF", title_fr="Étude"), user=officer)
    assert study.followed_by == officer
    assert client_as(officer).get(f"/studies/{study.pk}/edit/").status_code == 200


def test_the_csv_for_excel_of_studies_is_semicolon_separated_with_references_as_text(
    world, partner_a
):
    response = logged_in(partner_a).get("/studies/export-excel.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert text.startswith(";".join(rows[0]) + "\r\n")
    assert [row[0] for row in rows[1:]] == ['="ETU-T"']
