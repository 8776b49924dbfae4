"""What a coordinator types into the cooperation forms that cannot stand gets a message in
their language, and nothing already saved is lost."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cooperation.models import Agreement, Budget, Participation, RecipientCountry
from cooperation.terms import add_months
from tests.security.test_bad_input import errors_of, rows

from .world import cooperation_world


@pytest.fixture
def world(partner_a_org):
    return cooperation_world("KA", partner_a_org, country="SN")


def filled(form) -> dict:
    """What the browser sends back for a form as the page shows it."""
    data = {}
    for field in form:
        value = field.value()
        if value in (None, False, "") or hasattr(value, "url"):
            continue
        if value is True:
            value = "on"
        is_list = isinstance(value, list | tuple)
        data[field.html_name] = [str(item) for item in value] if is_list else str(value)
    return data


def page_data(response) -> dict:
    """The whole page's form, with its rows, as it was shown."""
    data = filled(response.context["form"])
    for formset in response.context["formsets"]:
        data.update(filled(formset.management_form))
        for form in formset.forms:
            data.update(filled(form))
    return data


ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def post_programme(client, world, **changes):
    url = f"/programmes/{world['programme'].pk}/edit/"
    data = page_data(client.get(url, **ENGLISH))
    return client.post(url, {**data, **changes}, **ENGLISH)


def saved_programme(world) -> list:
    programme = world["programme"]
    return [
        list(Budget.objects.filter(programme=programme).values_list("year", "currency", "amount")),
        list(RecipientCountry.objects.filter(programme=programme).values_list("country")),
        list(Participation.objects.filter(programme=programme).values_list("role")),
    ]


def messages_of(response) -> str:
    return " ".join(
        str(message) for messages in errors_of(response.context) for message in messages
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"budgets-0-amount": "-5"}, "greater than or equal to 0"),
        ({"budgets-0-currency": "XYZ"}, "Select a valid choice"),
        ({"countries-0-country": "ZZ"}, "Select a valid choice"),
        ({"countries-0-percentage": "140"}, "less than or equal to 100"),
        (
            {
                "countries-0-percentage": "60",
                "countries-1-country": "ML",
                "countries-1-percentage": "30",
            },
            "add up to 90",
        ),
        (
            {"countries-1-country": "ML"},
            "give each its share",
        ),
        (
            {"budgets-2-year": "2026", "budgets-2-currency": "EUR", "budgets-2-amount": "9"},
            "duplicate data for year and currency",
        ),
        (
            {"partners-1-organization": "{partner}", "partners-1-role": "4"},
            "duplicate data for organization and role",
        ),
        ({"planned_start": "2027-01-01", "planned_end": "2026-01-01"}, "planned end"),
    ],
)
def test_a_programme_that_cannot_stand_is_refused_and_nothing_saved_is_lost(
    client_as, coordinator, world, changes, message
):
    before = saved_programme(world)
    partner = str(world["programme"].participations.get().organization_id)
    changes = {key: value.format(partner=partner) for key, value in changes.items()}
    response = post_programme(client_as(coordinator), world, **changes)
    assert response.status_code == 200
    assert message in messages_of(response)
    assert saved_programme(world) == before


def test_a_valid_edit_of_the_programme_saves_its_rows(client_as, coordinator, world):
    changes = {"budgets-2-year": "2027", "budgets-2-currency": "USD", "budgets-2-amount": "75.5"}
    response = post_programme(client_as(coordinator), world, **changes)
    assert response.status_code == 302
    assert (2027, "USD", Decimal("75.50")) in saved_programme(world)[0]


def agreement_data(world, **changes):
    return {
        "reference": "ACC-NEW",
        "title_fr": "Accord nouveau",
        "kind": "mou",
        "mode": "bilateral",
        "status": "in_force",
        "signed_on": "2025-03-01",
        "duration_months": "24",
        "notice_months": "3",
        **rows("parties", country="SN", signatory="La ministre"),
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"duration_months": "", "expires_on": "2024-01-01"},
            "__all__",
            "The expiry date must come after the signature date.",
        ),
        ({"notice_months": "24"}, "notice_months", "must be shorter than the term (24 months)"),
        (
            {"duration_months": "", "tacit_renewal": "on"},
            "tacit_renewal",
            "A tacit renewal needs a duration or an expiry date.",
        ),
        ({"expires_on": "2030-01-01"}, "expires_on", "not both"),
        ({"in_force_on": "2025-01-01"}, "__all__", "cannot come before the signature"),
    ],
)
def test_terms_that_cannot_stand_are_refused_with_a_message(
    client_as, coordinator, world, changes, field, message
):
    before = Agreement.objects.count()
    response = client_as(coordinator).post(
        "/agreements/new/", agreement_data(world, **changes), **ENGLISH
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Agreement.objects.count() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "La date d\u2019expiration doit suivre la date de signature."),
        ("ar", "يجب أن يأتي تاريخ الانتهاء بعد تاريخ التوقيع."),
    ],
)
def test_the_messages_are_in_the_users_language(client_as, coordinator, world, language, message):
    coordinator.language = language
    coordinator.save()
    response = client_as(coordinator).post(
        "/agreements/new/", agreement_data(world, duration_months="", expires_on="2024-01-01")
    )
    assert message in response.context["form"].errors["__all__"]


def test_an_agreement_without_parties_is_refused(client_as, coordinator, world):
    data = agreement_data(world, **rows("parties"))
    response = client_as(coordinator).post("/agreements/new/", data, **ENGLISH)
    assert "Name at least one party." in messages_of(response)


def test_a_valid_agreement_gets_its_act_by_date(client_as, coordinator, world):
    today = timezone.localdate()
    signed = datetime.date(today.year - 1, today.month, 1)
    data = agreement_data(world, signed_on=signed.isoformat())
    response = client_as(coordinator).post("/agreements/new/", data)
    assert response.status_code == 302
    agreement = Agreement.objects.get(reference="ACC-NEW")
    # Two years from the signature end the day before its second anniversary; notice is due
    # three months before that.
    ends = datetime.date(today.year + 1, today.month, 1) - datetime.timedelta(days=1)
    assert agreement.act_by == add_months(ends, -3)


def test_an_indicators_period_is_recorded_from_the_programme_page(client_as, coordinator, world):
    indicator = world["result_indicator"]
    client = client_as(coordinator)
    page = client.get(f"/programmes/{world['programme'].pk}/").content.decode()
    assert f"/result-indicators/{indicator.pk}/periods/new/" in page
    url = f"/result-indicators/{indicator.pk}/periods/new/"
    backwards = {"starts_on": "2027-12-31", "ends_on": "2027-01-01", "target": "9"}
    response = client.post(url, backwards, **ENGLISH)
    assert "The period cannot end before it starts." in messages_of(response)
    assert indicator.periods.count() == 1
    data = {"starts_on": "2027-01-01", "ends_on": "2027-12-31", "target": "9", "actual": "3"}
    assert client.post(url, data).status_code == 302
    assert indicator.periods.filter(target=9, actual=3).exists()
