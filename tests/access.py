"""The three answers every gated URL owes: anonymous → login, outsider → 404, permitted → 200."""

from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext


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
