"""The admin lists every studies model but keeps the rules: the status moves only through the
study page, document versions only through uploads, and linking a decision or an action to a
recommendation takes it up."""

from studies.models import Recommendation, StudyDocument
from tests.access import assert_ok

from .world import studies_world


def test_a_studys_status_is_read_only_in_the_admin(
    client_as, administrator, partner_a_org, coordinator
):
    study = studies_world("AD", partner_a_org, user=coordinator)["study"]
    client = client_as(administrator)
    page = assert_ok(client, f"/admin/studies/study/{study.pk}/change/")
    assert "status" not in page.context["adminform"].form.fields
    assert {"reference", "title_fr", "visibility"} <= set(page.context["adminform"].form.fields)
    assert client.get("/admin/studies/studydocument/add/").status_code == 403


def test_every_studies_model_has_its_admin_pages(
    client_as, administrator, partner_a_org, coordinator
):
    world = studies_world("AL", partner_a_org, user=coordinator)
    client = client_as(administrator)
    for model, record in (
        ("study", world["study"]),
        ("studydocument", world["study_document"]),
        ("recommendation", world["recommendation"]),
        ("expert", world["expert"]),
    ):
        assert_ok(client, f"/admin/studies/{model}/")
        assert_ok(client, f"/admin/studies/{model}/{record.pk}/change/")


def test_linking_a_decision_in_the_admin_takes_the_recommendation_up(
    client_as, administrator, partner_a_org, coordinator, ministry
):
    from tests.security.conftest import commission_world

    decision = commission_world("AC", ministry, partner_a_org, coordinator)["decision"]
    recommendation = studies_world("AR", partner_a_org, user=coordinator)["recommendation"]
    client = client_as(administrator)
    page = assert_ok(client, f"/admin/studies/recommendation/{recommendation.pk}/change/")
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value not in (None, [])
    }
    data.update(
        {
            "text_fr": recommendation.text_fr,
            "priority": recommendation.priority,
            "addressees": [partner_a_org.pk],
            "decisions": [decision.pk],
        }
    )
    response = client.post(f"/admin/studies/recommendation/{recommendation.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    recommendation = Recommendation.objects.get(pk=recommendation.pk)
    assert recommendation.uptake == "taken_up"
    assert list(recommendation.decisions.all()) == [decision]
    assert StudyDocument.objects.count() == 2
