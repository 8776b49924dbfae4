"""Logs a machine can read: one JSON object per line, and who gets told about errors."""

import datetime
import json
import logging
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.functional import LazyObject, empty


def admins_from(text: str) -> list[tuple[str, str]]:
    """ADMINS from "Name <a@x.ma>,b@y.ma"; a malformed entry stops the start, not the emails."""
    if not text.strip():
        return []
    admins = getaddresses([text])
    if any("@" not in address for _name, address in admins):
        raise ImproperlyConfigured(f"ADMINS: {text!r} is not a list of email addresses.")
    return admins


def user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, only if the request already loaded it: a log line never queries."""
    user = request.__dict__.get("user")
    if isinstance(user, LazyObject) and user._wrapped is empty:
        return None
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with no password, cookie, query string or POST body in it."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        # django.request passes the request and the status; runserver's django.server passes a
        # socket under the same name, so only a real HttpRequest is read.
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            line["method"] = request.method
            line["path"] = request.path
            line["user_id"] = user_id(request)
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            line["status"] = status
        return json.dumps(line, ensure_ascii=False, default=str)


class OneLineBelow500(logging.Filter):
    """A 4xx (a 403 for a page the user may not open) is logged on one line: what and where.
    A traceback is for the portal's own errors, not for a refused request."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
