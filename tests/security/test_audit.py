import pytest
from django.apps import apps
from django.utils.translation import gettext as _
from pghistory.models import Event

from accounts.models import User
from partners.models import Organization
from tests.access import assert_not_found, assert_ok, assert_redirects_to_login, count_queries
from tests.factories import OrganizationFactory, PersonFactory


def change_rows(response):
    return [
        (
            event["who"],
            str(event["action"]),
            str(change["field"]),
            change["before"],
            change["after"],
        )
        for event in response.context["history"]
        for change in event["changes"]
    ]


def test_the_history_tab_shows_who_changed_which_field_from_what_to_what(
    client_as, coordinator, partner_a_org
):
    client = client_as(coordinator)
    client.post(
        f"/partners/{partner_a_org.pk}/edit/",
        {
            "kind": partner_a_org.kind,
            "name_fr": "Nouveau nom",
            "name_ar": partner_a_org.name_ar,
            "name_en": partner_a_org.name_en,
            "acronym_fr": partner_a_org.acronym_fr,
            "country": "MA",
            "is_active": "on",
        },
    )
    response = assert_ok(client, f"/partners/{partner_a_org.pk}/history/")
    name_fr = str(Organization._meta.get_field("name_fr").verbose_name)
    expected = (
        "Amina Berrada",
        str(_("Changed")),
        name_fr,
        "Ministère Partenaire A",
        "Nouveau nom",
    )
    assert expected in change_rows(response)
    assert response.context["history"][0]["when"]
    assert str(response.context["history"][-1]["action"]) == str(_("Created"))
    assert "Nouveau nom" in response.content.decode()


def test_bulk_updates_are_captured_too(client_as, coordinator, partner_a_org):
    Organization.objects.filter(pk=partner_a_org.pk).update(website="https://mpa.example.ma")
    response = assert_ok(client_as(coordinator), f"/partners/{partner_a_org.pk}/history/")
    assert any(row[4] == "https://mpa.example.ma" for row in change_rows(response))


def test_a_persons_history_records_the_turnover(client_as, coordinator, partner_a_org):
    leaving = PersonFactory(organization=partner_a_org, start_date="2023-01-01")
    arriving = PersonFactory(organization=partner_a_org, kind="alternate")
    client = client_as(coordinator)
    client.post(
        f"/people/{leaving.pk}/replace/confirm/", {"successor": arriving.pk, "on": "2026-12-01"}
    )
    rows = change_rows(assert_ok(client, f"/people/{leaving.pk}/history/"))
    assert any(row[3] is None and row[4] == "2026-12-01" for row in rows)


@pytest.mark.parametrize("kind", ["partners", "people"])
def test_history_is_for_ministry_users_only(client_as, viewer, partner_a, partner_a_org, kind):
    target = partner_a_org if kind == "partners" else PersonFactory(organization=partner_a_org)
    url = f"/{kind}/{target.pk}/history/"
    assert_redirects_to_login(url)
    assert_ok(client_as(viewer), url)
    assert client_as(partner_a).get(url).status_code == 403


def test_another_partners_history_answers_404(client_as, partner_a, partner_b_org):
    assert_not_found(client_as(partner_a), f"/partners/{partner_b_org.pk}/history/")


def test_the_history_tab_is_shown_to_ministry_users_only(client_as, viewer, partner_a):
    url = f"/partners/{partner_a.organization_id}/"
    assert f"{url}history/" in client_as(viewer).get(url).content.decode()
    assert f"{url}history/" not in client_as(partner_a).get(url).content.decode()


def test_the_history_costs_the_same_queries_however_long_it_is(client_as, coordinator):
    organization = OrganizationFactory()
    client = client_as(coordinator)
    url = f"/partners/{organization.pk}/history/"
    # A change by a signed-in user, so that both sizes look up whoever made the changes.
    client.post(
        f"/partners/{organization.pk}/edit/",
        {"kind": organization.kind, "name_fr": "Renommé", "country": "MA", "is_active": "on"},
    )
    small = count_queries(client, url)
    for number in range(20):
        Organization.objects.filter(pk=organization.pk).update(website=f"https://{number}.ma")
    assert count_queries(client, url) == small <= 10


DOMAIN_APPS = ["accounts", "partners", "contacts", "commissions", "actionplans", "cooperation"]
DOMAIN_APPS += ["studies", "reminders"]


def event_models():
    return [model for model in apps.get_models() if issubclass(model, Event)]


# Operational rows that are their own log: tracking them would double every write.
NOT_AUDITED = {"reminders.Reminder": "the outbox: state, attempts and errors are its history"}


def test_every_model_of_the_portals_apps_is_tracked():
    tracked = {model.pgh_tracked_model for model in event_models()}
    untracked = [
        model._meta.label
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, Event) and model not in tracked
    ]
    assert untracked == list(NOT_AUDITED)


def test_passwords_are_never_copied_into_the_audit_trail():
    (user_events,) = [model for model in event_models() if model.pgh_tracked_model is User]
    assert "password" not in {field.name for field in user_events._meta.fields}
