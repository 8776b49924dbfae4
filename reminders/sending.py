"""Emails of reminders, and what an SMTP failure means for a retry."""

import enum
import smtplib
import socket

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .registry import KINDS


class Outcome(enum.Enum):
    TRANSIENT = "transient"
    PERMANENT = "permanent"


def classify(error: Exception) -> tuple[Outcome, str]:
    """5xx answers are permanent; 4xx answers, timeouts and lost connections are worth a retry."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        outcome = Outcome.PERMANENT if codes and min(codes) >= 500 else Outcome.TRANSIENT
        return outcome, f"recipient refused: {error.recipients}"
    if isinstance(error, smtplib.SMTPResponseException):
        outcome = Outcome.PERMANENT if error.smtp_code >= 500 else Outcome.TRANSIENT
        return outcome, f"{error.smtp_code} {error.smtp_error!r}"
    if isinstance(error, (smtplib.SMTPException, socket.timeout, OSError)):
        return Outcome.TRANSIENT, f"{type(error).__name__}: {error}"
    return Outcome.TRANSIENT, f"{type(error).__name__}: {error}"


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _email(recipient, subject: str, context: dict, message_id: str) -> EmailMultiAlternatives:
    context = {
        **context,
        "recipient": recipient,
        "preferences_url": _absolute(reverse("reminders:preferences")),
    }
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("reminders/emails/reminder.txt", context),
        to=[recipient.email],
        headers={"Message-ID": message_id},
    )
    email.attach_alternative(
        render_to_string("reminders/emails/reminder.html", context), "text/html"
    )
    return email


def build_email(reminder) -> EmailMultiAlternatives:
    kind = KINDS[reminder.kind]
    message = kind.render(reminder)
    email = _email(
        reminder.recipient,
        message.subject,
        {"items": [message], "url": _absolute(message.url)},
        reminder.message_id,
    )
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
        first.recipient,
        _("Your reminders of the day (%(count)s)") % {"count": len(messages)},
        {"groups": [(_absolute(url), items) for url, items in groups.items()], "digest": True},
        first.message_id.replace("<reminder-", "<digest-"),
    )
