"""Every studies page costs the same few queries however many rows it shows."""

import pytest

from tests.access import count_queries

from .world import studies_world

BUDGET = 10
PAGES = [
    "/studies/",
    "/studies/?q=retraites",
    "/studies/?status=commissioned&theme=social_protection&country=FR",
    "/studies/{study}/",
    "/recommendations/",
    "/recommendations/?state=waiting&priority=2",
    "/recommendations/{recommendation}/",
    "/experts/",
    "/experts/?area=law&country=FR",
    "/experts/{expert}/",
]


def grow(organization, numbers: range, coordinator) -> dict:
    for number in numbers:
        world = studies_world(f"G{number}", organization, user=coordinator)
    return world


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["coordinator", "partner_a"])
def test_studies_pages_cost_constant_queries(
    partner_a_org, coordinator, client_as, request, page, role
):
    client = client_as(request.getfixturevalue(role))
    counts = []
    for numbers in (range(1, 2), range(2, 7)):
        world = grow(partner_a_org, numbers, coordinator)
        url = page.format(**{name: record.pk for name, record in world.items()})
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1] <= BUDGET, counts


def test_a_study_page_costs_the_same_with_many_recommendations_and_documents(
    partner_a_org, coordinator, client_as
):
    from studies import services
    from studies.models import Finding, Recommendation

    client = client_as(coordinator)
    study = studies_world("M", partner_a_org, user=coordinator)["study"]
    counts = [count_queries(client, f"/studies/{study.pk}/")]
    for number in range(5):
        services.finding_add(finding=Finding(study=study, text_fr=f"Constat {number}"))
        services.recommendation_save(
            recommendation=Recommendation(study=study, text_fr=f"Reco {number}"),
            addressees=[partner_a_org],
        )
    counts.append(count_queries(client, f"/studies/{study.pk}/"))
    assert counts[0] == counts[1] <= BUDGET, counts
