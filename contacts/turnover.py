"""What moves from a focal point to their successor, registered by the apps that own it.

`contacts` knows none of those apps (commissions, action plans, reminders...): each calls
`register()` from its AppConfig.ready(). The confirmation page lists every source's pending
items before anything moves; the service then moves them all in one transaction.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class TurnoverSource:
    key: str
    label: str | Promise
    # (person) -> the items still assigned to them, each shown as str()
    pending: Callable[..., Iterable]
    # (person, successor) -> how many items moved; runs inside the service's transaction
    move: Callable[..., int]
    order: int = 100


_sources: dict[str, TurnoverSource] = {}


def register(source: TurnoverSource) -> None:
    _sources[source.key] = source


def unregister(key: str) -> None:
    _sources.pop(key, None)


def registered() -> list[TurnoverSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))
