"""Accounts and people are one: the secretariat opens an account for a directory person, who
chooses a password from the email, and the portal then writes to the account."""

import re

import pytest
from django.test import Client

from accounts.models import Role, User
from tests.factories import PersonFactory

ENGLISH = {"accept-language": "en"}


@pytest.fixture
def focal_point(partner_a_org):
    return PersonFactory(
        organization=partner_a_org, kind="focal_point", emails=["N.Benali@example.org"]
    )


def opened(client_as, by, person):
    return client_as(by).post(f"/accounts/for-person/{person.pk}/", follow=True, headers=ENGLISH)


def test_a_coordinator_opens_an_account_and_its_owner_chooses_a_password(
    client_as, coordinator, focal_point, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = opened(client_as, coordinator, focal_point)
    assert "asks them to choose a password" in response.content.decode()
    focal_point.refresh_from_db()
    user = focal_point.user
    assert user.organization == focal_point.organization and user.role == Role.FOCAL_POINT
    assert user.email == "N.Benali@example.org" and not user.has_usable_password()
    (email,) = mailoutbox
    assert email.to == ["N.Benali@example.org"]
    path = re.search(r"http://[^/\s]+(/accounts/password/reset/\S+/)", email.body).group(1)
    client = Client()
    form = client.get(path, follow=True)
    assert form.status_code == 200
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-pass-2026!", "new_password2": "a-long-pass-2026!"},
    )
    user.refresh_from_db()
    assert user.check_password("a-long-pass-2026!")
    # From now on the portal writes to the account: one message, the bell and their choices.
    assert focal_point.addressee() == user


def test_an_expired_welcome_can_be_replaced_by_forgotten_password(
    client, focal_point, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.services import account_create_for_person

    with django_capture_on_commit_callbacks(execute=True):
        account_create_for_person(person=focal_point)
    mailoutbox.clear()
    client.post("/accounts/password/reset/", {"email": "n.benali@example.org"})
    assert [email.to for email in mailoutbox] == [["N.Benali@example.org"]]


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"emails": []}, "has no email address"),
        ({"emails": ["partner-a@example.org"]}, "An account already uses"),
    ],
)
def test_an_account_that_cannot_be_opened_is_refused_with_a_reason(
    client_as, coordinator, partner_a, focal_point, change, refusal
):
    for field, value in change.items():
        setattr(focal_point, field, value)
    focal_point.save()
    response = opened(client_as, coordinator, focal_point)
    assert refusal in response.content.decode()
    focal_point.refresh_from_db()
    assert focal_point.user is None


def test_twice_is_refused_and_nothing_is_added(client_as, coordinator, focal_point):
    opened(client_as, coordinator, focal_point)
    count = User.objects.count()
    response = opened(client_as, coordinator, focal_point)
    assert "already has a portal account" in response.content.decode()
    assert User.objects.count() == count


def test_officers_and_partners_may_not_open_accounts(client_as, officer, partner_a, focal_point):
    for user in (officer, partner_a):
        response = client_as(user).post(f"/accounts/for-person/{focal_point.pk}/")
        assert response.status_code == 403
    focal_point.refresh_from_db()
    assert focal_point.user is None


def test_the_persons_page_offers_it_to_the_secretariat_only(
    client_as, coordinator, officer, focal_point
):
    button = f'action="/accounts/for-person/{focal_point.pk}/"'
    assert button in client_as(coordinator).get(focal_point.get_absolute_url()).content.decode()
    assert button not in client_as(officer).get(focal_point.get_absolute_url()).content.decode()


def test_a_ministry_person_gets_a_viewers_account(ministry, partner_a_org):
    from accounts.services import account_create_for_person

    officer = PersonFactory(organization=ministry, kind="focal_point", emails=["m@mre.gov.ma"])
    assert account_create_for_person(person=officer).role == Role.VIEWER
    expert = PersonFactory(organization=partner_a_org, kind="expert", emails=["e@example.org"])
    assert account_create_for_person(person=expert).role == Role.PARTNER_VIEWER
