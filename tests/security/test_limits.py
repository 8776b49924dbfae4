"""Limits on what a request may send, and the headers that deny what the portal never uses."""

import io
import logging
import re

from django.test import Client

from tests.access import assert_ok

MB = 1000 * 1000


def declared_post(client: Client, path: str, length: int):
    """A POST whose Content-Length says `length`: the refusal must come from the header alone."""
    return client.post(
        path, data=b"x", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(length)
    )


def test_a_visitor_may_not_send_more_than_a_form(settings):
    response = declared_post(
        Client(headers={"Accept-Language": "en"}), "/accounts/login/", 200 * MB
    )
    assert response.status_code == 413 and response["Connection"] == "close"
    assert "larger than the portal accepts" in response.content.decode()


def test_a_visitors_login_form_still_goes_through(db):
    response = Client().post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200


def test_a_signed_in_user_may_send_ten_files_but_not_300_mb(client_as, partner_a, settings):
    client = client_as(partner_a)
    assert declared_post(client, "/notifications/read/", 300 * MB).status_code == 413
    assert settings.MAX_REQUEST_SIZE > 10 * settings.MAX_UPLOAD_SIZE
    assert client.post("/notifications/read/").status_code == 302


def test_every_page_denies_the_features_the_portal_never_uses(client_as, partner_a):
    policy = assert_ok(client_as(partner_a), "/")["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
    assert Client().get("/accounts/login/")["Permissions-Policy"] == policy


def test_a_refused_request_is_logged_on_one_line_without_a_traceback(client_as, administrator):
    client = client_as(administrator)
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream, console.stream = console.stream, io.StringIO()
    try:
        response = client.get("/admin/actionplans/progressreport/add/")
        written = console.stream.getvalue()
    finally:
        console.stream = stream
    assert response.status_code == 403
    assert "Forbidden" in written and "Traceback" not in written
    assert len(written.strip().splitlines()) == 1


def test_the_proxy_of_docker_compose_refuses_what_the_portal_refuses(settings):
    caddyfile = (settings.BASE_DIR / "deploy" / "Caddyfile").read_text()
    (size,) = re.findall(r"max_size (\d+)MiB", caddyfile)
    assert int(size) * 1024 * 1024 == settings.MAX_REQUEST_SIZE
    compose = (settings.BASE_DIR / "docker-compose.yml").read_text()
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile" in compose
