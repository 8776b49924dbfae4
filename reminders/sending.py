"""Emails of reminders, and what an SMTP failure means for a retry."""

import enum
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .links import stop_path
from .registry import KINDS


class Outcome(enum.Enum):
    TRANSIENT = "transient"
    PERMANENT = "permanent"


def classify(error: Exception) -> tuple[Outcome, str, bool]:
    """(what it means for this message, a description, whether the connection is unusable).

    A 5xx about the recipient or the message is permanent. Anything else is worth a retry: a
    4xx, a timeout, a lost connection, and a 5xx about our own login or sender address,
    which says nothing about the recipient.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        outcome = Outcome.PERMANENT if codes and min(codes) >= 500 else Outcome.TRANSIENT
        return outcome, f"recipient refused: {error.recipients}", False
    if isinstance(error, smtplib.SMTPDataError):
        outcome = Outcome.PERMANENT if error.smtp_code >= 500 else Outcome.TRANSIENT
        return outcome, f"message refused: {error.smtp_code} {error.smtp_error!r}", False
    if isinstance(error, ValueError):
        # Raised while the message is built (an address or a header with a line break, which
        # Django refuses), before any word to the server: this message can never go.
        return Outcome.PERMANENT, f"malformed message: {error}", False
    if isinstance(error, smtplib.SMTPResponseException):
        return Outcome.TRANSIENT, f"{error.smtp_code} {error.smtp_error!r}", True
    return Outcome.TRANSIENT, f"{type(error).__name__}: {error}", True


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _unsubscribe(reminder) -> tuple[str, dict[str, str]]:
    """Where the email's readers stop what they may stop, and the headers that say so: an
    account's preferences, or a person's signed one-click link (RFC 8058)."""
    if reminder.recipient_id:
        url = _absolute(reverse("reminders:preferences"))
        return url, {"List-Unsubscribe": f"<{url}>"}
    url = _absolute(stop_path(reminder.person_type_id, reminder.person_id))
    return url, {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _email(reminder, subject: str, context: dict, message_id: str) -> EmailMultiAlternatives:
    unsubscribe_url, unsubscribe_headers = _unsubscribe(reminder)
    context = {
        **context,
        "name": reminder.reader_name,
        "has_account": bool(reminder.recipient_id),
        "unsubscribe_url": unsubscribe_url,
    }
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # one line, whatever a record's name holds
        body=render_to_string("reminders/emails/reminder.txt", context),
        to=[reminder.email],
        headers={
            "Message-ID": message_id,
            # Sent by a machine (RFC 3834): no out-of-office or other automatic replies.
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "OOF, AutoReply",
            **unsubscribe_headers,
        },
    )
    email.attach_alternative(
        render_to_string("reminders/emails/reminder.html", context), "text/html"
    )
    return email


def build_email(reminder) -> EmailMultiAlternatives:
    kind = KINDS[reminder.kind]
    message = kind.render(reminder)
    details_html, details_text = kind.details(reminder) if kind.details else ("", "")
    context = {
        "items": [message],
        "url": _absolute(message.url) if message.url else "",
        "action": message.action,
        "details_html": details_html,
        "details_text": details_text,
    }
    email = _email(reminder, message.subject, context, reminder.message_id)
    for name, content, mimetype in kind.attach(reminder) if kind.attach else ():
        email.attach(name, content, mimetype)
    return email


def build_digest(reminders) -> EmailMultiAlternatives:
    """One email for the day, its items grouped by record."""
    messages = [KINDS[reminder.kind].render(reminder) for reminder in reminders]
    groups = {}
    for message in messages:
        groups.setdefault(message.url, []).append(message)
    first = reminders[0]
    return _email(
        first,
        _("Your reminders of the day (%(count)s)") % {"count": len(messages)},
        {"groups": [(_absolute(url), items) for url, items in groups.items()], "digest": True},
        first.message_id.replace("<reminder-", "<digest-"),
    )
