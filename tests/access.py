"""The three answers every gated URL owes: anonymous → login, outsider → 404, permitted → 200."""

from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def assert_redirects_to_login(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")


def assert_not_found(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404, response.status_code


def assert_ok(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert_ok(client, url)
    return len(queries)


def pass_second_factor(client: Client, user) -> TOTPDevice:
    """What the verification page does once the right code is typed."""
    device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def logged_in(user) -> Client:
    """A browser session for user, past the second factor where their role needs one."""
    client = Client()
    client.force_login(user)
    if user.needs_two_factor:
        pass_second_factor(client, user)
    return client


def log_in_with_password(client: Client, username: str, password: str):
    """The login form, as a person submits it (django-axes needs the request)."""
    return client.post("/accounts/login/", {"username": username, "password": password})
