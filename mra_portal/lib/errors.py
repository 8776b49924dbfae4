"""Sentry, when a DSN is configured, and what of an error event may leave the ministry."""

import re
from typing import Any

# Frame locals whose name looks like one of these are dropped from events.
SECRET_NAME = re.compile(r"pass|secret|token|key|auth|cookie|csrf|session|signature", re.IGNORECASE)
# Request headers that carry credentials or a person's address.
DROPPED_HEADERS = {
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-csrftoken",
    "x-forwarded-for",
    "x-real-ip",
}


def scrub_frames(container: dict[str, Any] | None) -> None:
    """Drop password-like locals from every frame of an exception's or a thread's stack."""
    for value in (container or {}).get("values") or []:
        for frame in (value.get("stacktrace") or {}).get("frames") or []:
            local_vars = frame.get("vars")
            if isinstance(local_vars, dict):
                for name in [name for name in local_vars if SECRET_NAME.search(name)]:
                    del local_vars[name]


def scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's before_send: no cookie, header secret, POST body, query string or personal data."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "query_string"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value
                for name, value in headers.items()
                if name.lower() not in DROPPED_HEADERS
            }
        environ = request.get("env")
        if isinstance(environ, dict):
            environ.pop("REMOTE_ADDR", None)
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    scrub_frames(event.get("exception"))
    scrub_frames(event.get("threads"))
    return event


def sentry_init(dsn: str, environment: str, **options: Any) -> bool:
    """Start Sentry only with a DSN; options are for tests (a transport that never sends)."""
    if not dsn:
        return False
    # Imported here: without a DSN nothing of Sentry is loaded.
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        environment=environment,
        traces_sample_rate=0,
        before_send=scrub,
        **options,
    )
    return True
