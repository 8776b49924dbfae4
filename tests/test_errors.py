"""Errors reach someone: admins' email, JSON logs, Sentry without personal data, an honest 500."""

import datetime
import json
import logging
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from mra_portal import views
from mra_portal.lib.errors import scrub, sentry_init
from mra_portal.lib.logs import JsonFormatter, admins_from

from .error_urls import CRASH_DETAIL

NOTIFIED = "The technical team has been notified."
NOT_NOTIFIED = "Please tell the portal's administrator"
ADMINS = [("Ops", "ops@mra.gov.ma"), ("", "oncall@mra.gov.ma")]


def crash_as(client_as, user):
    """The crash URL, answered as a browser sees it rather than raised into the test."""
    client = client_as(user)
    client.raise_request_exception = False
    return client.get("/crash/?token=s3cr3t-token")


# mail_admins


@pytest.mark.urls("tests.error_urls")
def test_a_crash_emails_the_admins_once(client_as, coordinator, settings):
    settings.DEBUG = False
    settings.ADMINS = ADMINS
    settings.SENTRY_DSN = ""

    response = crash_as(client_as, coordinator)

    assert response.status_code == 500
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ops@mra.gov.ma", "oncall@mra.gov.ma"]
    assert "Internal Server Error: /crash/" in message.subject
    assert "RuntimeError" in message.body
    page = response.content.decode()
    assert NOTIFIED in page
    assert CRASH_DETAIL not in page
    assert "RuntimeError" not in page


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize(("admins", "debug"), [([], False), (ADMINS, True)])
def test_no_email_without_admins_or_with_debug(client_as, coordinator, settings, admins, debug):
    settings.DEBUG = debug
    settings.ADMINS = admins

    response = crash_as(client_as, coordinator)

    assert response.status_code == 500
    assert mail.outbox == []


# The 500 page


@pytest.mark.urls("tests.error_urls")
def test_with_nothing_configured_the_page_asks_the_user_to_tell_someone(
    client_as, coordinator, settings
):
    settings.DEBUG = False
    settings.ADMINS = []
    settings.SENTRY_DSN = ""

    response = crash_as(client_as, coordinator)

    page = response.content.decode()
    assert response.status_code == 500
    assert NOT_NOTIFIED in page
    assert "a été prévenue" not in page
    assert "تم إشعار" not in page
    assert NOTIFIED not in page
    assert CRASH_DETAIL not in page


@pytest.mark.parametrize(
    ("admins", "debug", "dsn", "notified"),
    [
        ([], False, "", False),
        (ADMINS, False, "", True),
        (ADMINS, True, "", False),
        ([], False, "https://public@127.0.0.1/1", True),
        ([], True, "https://public@127.0.0.1/1", True),
    ],
)
def test_the_page_says_notified_only_when_someone_is(settings, admins, debug, dsn, notified):
    settings.ADMINS = admins
    settings.DEBUG = debug
    settings.SENTRY_DSN = dsn

    page = views.server_error(RequestFactory().get("/")).content.decode()

    assert (NOTIFIED in page) is notified
    assert (NOT_NOTIFIED in page) is not notified


def test_the_page_gives_the_time_in_utc_and_needs_no_database(settings):
    """No db fixture here: pytest-django fails any query the page would make."""
    settings.ADMINS = []
    settings.SENTRY_DSN = ""
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)

    response = views.server_error(RequestFactory().get("/"))

    page = response.content.decode()
    assert response.status_code == 500
    stamp = re.search(r'<time datetime="([^"]+)">\1</time>', page).group(1)
    moment = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert before <= moment <= datetime.datetime.now(datetime.UTC)
    assert '<html lang="fr">' in page
    assert '<p lang="ar" dir="rtl">' in page
    assert '<p lang="en">' in page


def test_when_the_page_cannot_render_a_plain_500_still_goes_out(monkeypatch):
    def broken(name):
        raise OSError("templates are gone")

    monkeypatch.setattr(views, "get_template", broken)

    response = views.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/plain")
    assert "Error" in response.content.decode()
    assert "templates are gone" not in response.content.decode()


# JSON logs


def record_with(request=None, exc_info=None, status_code=None) -> logging.LogRecord:
    record = logging.makeLogRecord(
        {
            "name": "django.request",
            "levelno": logging.ERROR,
            "levelname": "ERROR",
            "msg": "Internal Server Error: %s",
            "args": ("/x/",),
            "exc_info": exc_info,
        }
    )
    if request is not None:
        record.request = request
    if status_code is not None:
        record.status_code = status_code
    return record


def test_the_json_formatter_writes_one_object_with_the_fields(coordinator):
    request = RequestFactory().post(
        "/partners/?token=s3cr3t-token", {"password": "hunter2"}, HTTP_COOKIE="sessionid=abc123"
    )
    request.user = coordinator
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_info = sys.exc_info()

    line = JsonFormatter().format(record_with(request, exc_info, status_code=500))

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /x/"
    assert "RuntimeError: boom" in entry["exception"]
    assert entry["method"] == "POST"
    assert entry["path"] == "/partners/"
    assert entry["status"] == 500
    assert entry["user_id"] == coordinator.pk
    moment = datetime.datetime.fromisoformat(entry["time"])
    assert moment.utcoffset() == datetime.timedelta(0)
    assert abs(datetime.datetime.now(datetime.UTC) - moment) < datetime.timedelta(minutes=1)
    for secret in ("s3cr3t-token", "hunter2", "abc123"):
        assert secret not in line


def test_a_plain_record_has_no_request_fields_and_no_exception():
    entry = json.loads(JsonFormatter().format(record_with()))

    assert entry["message"] == "Internal Server Error: /x/"
    assert not {"exception", "method", "path", "status", "user_id"} & set(entry)


def test_a_log_line_never_loads_the_user():
    def load_user():
        raise AssertionError("the formatter loaded the user")

    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(load_user)

    entry = json.loads(JsonFormatter().format(record_with(request, status_code=404)))

    assert entry["user_id"] is None
    assert entry["status"] == 404


@pytest.mark.urls("tests.error_urls")
def test_a_real_crash_logs_as_json_with_its_request(client_as, coordinator, settings, caplog):
    settings.DEBUG = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        crash_as(client_as, coordinator)

    (record,) = [r for r in caplog.records if r.name == "django.request"]
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["path"] == "/crash/"
    assert entry["status"] == 500
    assert entry["user_id"] == coordinator.pk
    assert CRASH_DETAIL in entry["exception"]
    assert "s3cr3t-token" not in line


def test_logging_uses_the_chosen_format_and_mails_admins_only_without_debug():
    assert settings.LOG_FORMAT in {"json", "plain"}
    assert settings.LOGGING["handlers"]["console"]["formatter"] == settings.LOG_FORMAT
    assert settings.LOGGING["formatters"]["json"]["()"] == "mra_portal.lib.logs.JsonFormatter"
    mail_admins = settings.LOGGING["handlers"]["mail_admins"]
    assert mail_admins["class"] == "django.utils.log.AdminEmailHandler"
    assert mail_admins["filters"] == ["require_debug_false"]
    assert settings.LOGGING["loggers"]["django.request"]["handlers"] == ["mail_admins"]
    assert settings.LOGGING["loggers"]["axes"] == {"level": "WARNING"}


# Sentry's before_send


def sample_event() -> dict:
    """The shape of an event from Sentry's Django integration, with everything it must lose."""
    return {
        "level": "error",
        "request": {
            "url": "https://portal.example.ma/partners/",
            "method": "POST",
            "query_string": "token=s3cr3t-token",
            "cookies": {"sessionid": "abc123", "csrftoken": "def456"},
            "data": {"username": "amina", "password": "hunter2"},
            "headers": {
                "Authorization": "Bearer abc",
                "Cookie": "sessionid=abc123",
                "X-Forwarded-For": "197.230.1.1",
                "User-Agent": "Firefox",
            },
            "env": {"REMOTE_ADDR": "197.230.1.1", "SERVER_NAME": "portal"},
        },
        "user": {
            "id": "42",
            "email": "amina@partner.ma",
            "username": "amina",
            "ip_address": "197.230.1.1",
        },
        "exception": {
            "values": [
                {
                    "type": "RuntimeError",
                    "stacktrace": {
                        "frames": [
                            {
                                "function": "login",
                                "vars": {
                                    "password": "hunter2",
                                    "new_password1": "hunter3",
                                    "api_key": "k",
                                    "secret": "s",
                                    "reset_token": "t",
                                    "organization": "MPA",
                                },
                            },
                            {"function": "no_locals"},
                        ]
                    },
                }
            ]
        },
        "threads": {"values": [{"stacktrace": {"frames": [{"vars": {"SECRET_KEY": "x"}}]}}]},
    }


def test_scrub_removes_personal_data_and_secrets():
    event = scrub(sample_event(), {})

    request = event["request"]
    assert not {"cookies", "data", "query_string"} & set(request)
    assert request["headers"] == {"User-Agent": "Firefox"}
    assert request["env"] == {"SERVER_NAME": "portal"}
    assert request["url"] == "https://portal.example.ma/partners/"
    assert event["user"] == {"id": "42"}
    frame_vars = event["exception"]["values"][0]["stacktrace"]["frames"][0]["vars"]
    assert frame_vars == {"organization": "MPA"}
    assert event["threads"]["values"][0]["stacktrace"]["frames"][0]["vars"] == {}
    for secret in ("hunter2", "abc123", "s3cr3t-token", "amina", "197.230.1.1", "Bearer"):
        assert secret not in json.dumps(event)


def test_scrub_accepts_an_event_without_request_or_user():
    assert scrub({"message": "hello"}, None) == {"message": "hello"}


# Reading the environment


def test_admins_are_parsed_from_the_environment_text():
    assert admins_from("Name <a@x.ma>,b@y.ma") == [("Name", "a@x.ma"), ("", "b@y.ma")]
    assert admins_from('"Alaoui, Amina" <amina@mra.gov.ma>') == [
        ("Alaoui, Amina", "amina@mra.gov.ma")
    ]
    assert admins_from("") == []
    assert admins_from("  ") == []


def test_a_malformed_admins_value_stops_the_start():
    with pytest.raises(ImproperlyConfigured):
        admins_from("ops, oncall")


def test_sentry_is_not_started_without_a_dsn():
    assert sentry_init("", "production") is False


# The settings module itself runs in a fresh interpreter: Sentry patches Django when it starts,
# and no other test should run under those patches.
SETTINGS_PROBE = """
import json, logging, sys
import django
django.setup()
from django.conf import settings
loaded = "sentry_sdk" in sys.modules
import sentry_sdk
client = sentry_sdk.get_client()
before_send = client.options.get("before_send")
logging.getLogger("mra_portal").warning("probe")
print(json.dumps({
    "admins": settings.ADMINS,
    "log_format": settings.LOG_FORMAT,
    "sentry_loaded": loaded,
    "sentry_active": client.is_active(),
    "environment": client.options.get("environment"),
    "send_default_pii": client.options.get("send_default_pii"),
    "traces_sample_rate": client.options.get("traces_sample_rate"),
    "before_send": before_send and f"{before_send.__module__}.{before_send.__qualname__}",
    "integrations": sorted(client.integrations),
}))
"""

ERROR_SETTINGS = ("ADMINS", "SENTRY_DSN", "SENTRY_ENVIRONMENT", "LOG_FORMAT", "DEBUG")


def run_python(code: str, **variables: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ERROR_SETTINGS}
    environment.update(DJANGO_SETTINGS_MODULE="mra_portal.settings", **variables)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_settings_read_admins_and_start_sentry_with_a_dsn():
    result = run_python(
        SETTINGS_PROBE,
        DEBUG="0",
        ADMINS="Ops <ops@mra.gov.ma>,oncall@mra.gov.ma",
        SENTRY_DSN="https://public@127.0.0.1:9/1",
        SENTRY_ENVIRONMENT="staging",
    )

    probe = json.loads(result.stdout.splitlines()[-1])
    assert probe["admins"] == [["Ops", "ops@mra.gov.ma"], ["", "oncall@mra.gov.ma"]]
    assert probe["sentry_active"] is True
    assert probe["environment"] == "staging"
    assert probe["send_default_pii"] is False
    assert probe["traces_sample_rate"] == 0
    assert probe["before_send"] == "mra_portal.lib.errors.scrub"
    assert {"django", "celery"} <= set(probe["integrations"])
    # Without DEBUG the logs are JSON lines by default.
    assert probe["log_format"] == "json"
    log_line = json.loads(result.stderr.strip().splitlines()[-1])
    assert log_line["message"] == "probe"
    assert log_line["logger"] == "mra_portal"


def test_settings_without_a_dsn_load_nothing_of_sentry():
    result = run_python(SETTINGS_PROBE, DEBUG="1")

    probe = json.loads(result.stdout.splitlines()[-1])
    assert probe["admins"] == []
    assert probe["sentry_loaded"] is False
    assert probe["sentry_active"] is False
    assert probe["log_format"] == "plain"
    assert result.stderr.strip().splitlines()[-1].endswith("WARNING mra_portal probe")


SENTRY_PROBE = """
import json
import sentry_sdk
from sentry_sdk.transport import Transport
from mra_portal.lib.errors import sentry_init

class Recorder(Transport):
    events = []
    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event is not None:
            self.events.append(event)

def sign_in(username):
    password = "hunter2"
    session_key = "abc123"
    raise RuntimeError("sign-in failed for " + username)

started = sentry_init("https://public@127.0.0.1:9/1", "test", transport=Recorder())
sentry_sdk.set_user({"id": 7, "email": "amina@partner.ma", "username": "amina"})
try:
    sign_in("amina")
except RuntimeError:
    sentry_sdk.capture_exception()
sentry_sdk.get_client().close()
print(json.dumps({"started": started, "events": Recorder.events}, default=str))
"""


def test_an_event_goes_to_sentry_through_scrub():
    result = run_python(SENTRY_PROBE)

    probe = json.loads(result.stdout.splitlines()[-1])
    assert probe["started"] is True
    (event,) = probe["events"]
    assert event["environment"] == "test"
    assert event["user"] == {"id": 7}
    frames = event["exception"]["values"][0]["stacktrace"]["frames"]
    sign_in = next(frame for frame in frames if frame["function"] == "sign_in")
    assert "username" in sign_in["vars"]
    assert not {"password", "session_key"} & set(sign_in["vars"])
    assert "hunter2" not in json.dumps(event)
