import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    **os.environ,
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "portal.example.ma",
}


def test_pages_carry_a_strict_content_security_policy_with_a_nonce(client_as, officer):
    response = client_as(officer).get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts and all(f'nonce="{nonce}"' in script for script in scripts)
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_the_nonce_changes_with_every_response(client_as, officer):
    client = client_as(officer)
    first = client.get("/")["Content-Security-Policy"]
    assert first != client.get("/")["Content-Security-Policy"]


def test_pages_refuse_framing_and_leak_no_referrer(db):
    from django.test import Client

    response = Client().get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


PROBE = """
import json
from django.conf import settings
from django.test import Client
client = Client(SERVER_NAME="portal.example.ma")
plain = client.get("/accounts/login/")
secure = client.get("/healthz", secure=True)
health = client.get("/healthz")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "hsts": secure.get("Strict-Transport-Security", ""),
    "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "health": health.status_code,
}))
"""


def test_production_settings_send_hsts_and_secure_cookies_and_redirect_to_https():
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=ROOT,
        env=PRODUCTION,
        capture_output=True,
        text=True,
        check=True,
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["plain"] == [301, "https://portal.example.ma/accounts/login/"]
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert probe["secure_cookies"] == [True, True]
    assert probe["health"] in (200, 503)  # answered over plain HTTP for the compose health check


def test_check_deploy_is_clean_with_production_settings_and_nothing_silenced():
    assert not getattr(settings, "SILENCED_SYSTEM_CHECKS", [])
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=PRODUCTION,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout
