"""How an app tells the outbox what it owes: kinds of reminder, and sources of them.

An app registers, from its AppConfig.ready():

    reminders.registry.register_kind(Kind("meeting_reminder", _("Meeting reminder"),
                                          render=render_meeting, lead_days=(7, 1)))
    reminders.registry.register_source(Source("commissions.meeting", expected_for_meeting,
                                              open_meetings))

and calls reminders.services.reminders_sync(target=record, expected=expected_for(record))
inside the transaction of every service that creates, moves, cancels or closes the record.
The hourly reconcile task calls the same function for every record its source lists, so a
missed call is repaired within the hour, and nothing is ever added twice.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """One email (and its line in the portal's notifications), in the recipient's language."""

    subject: str
    text: str
    html: str
    url: str
    # The email's button, when it is not "Open in the portal" (e.g. a personal answer link).
    action: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    # Renders one reminder; called with the reminder whose target is loaded.
    render: Callable
    # The default days ahead of the event; empty for a notice sent when the record changes.
    lead_days: tuple[int, ...] = ()
    # Files for the email only (e.g. the meeting's .ics); the portal's list does not need them.
    attach: Callable | None = None
    # What the email says under the message, as (html, text): the agenda, the minutes. The
    # portal's list does not need it either.
    details: Callable | None = None
    # A notice sent again for each change it tells of, each change known by its due time
    # (the items added to an agenda on one day); other kinds are sent once per event.
    each_change: bool = False

    @property
    def optional(self) -> bool:
        """Reminders ahead of an event may be stopped; notices of a convocation or a change
        may not: they are how a seat hears of its meetings."""
        return bool(self.lead_days)


@dataclass(frozen=True)
class Addressee:
    """A directory person without an account, as a reminder addresses them.

    The outbox keeps a reference to the record (any model) and a copy of the name, address
    and language, so that it needs no import of the app that holds people.
    """

    person: object
    name: str
    email: str
    language: str


@dataclass(frozen=True)
class Expected:
    """One reminder a record owes now: the outbox holds exactly these, once each."""

    recipient: object  # an accounts.User, or an Addressee for a person without an account
    kind: str
    due_at: datetime.datetime
    event_at: datetime.datetime | None = None
    lead_days: int | None = None


@dataclass(frozen=True)
class Source:
    model: str  # "app_label.model_name"
    expected: Callable[[object], list[Expected]]
    # The records that may still owe reminders; the reconcile task walks them.
    targets: Callable[[], Iterable] = field(default=lambda: ())


KINDS: dict[str, Kind] = {}
SOURCES: dict[str, Source] = {}


def register_kind(kind: Kind) -> None:
    KINDS[kind.name] = kind


def kind_label(code: str) -> str:
    """A kind's name in the reader's language; the code of a kind no longer registered."""
    kind = KINDS.get(code)
    return str(kind.label) if kind else code


def register_source(source: Source) -> None:
    SOURCES[source.model] = source
