"""What the apps to the right add under each decision: the actions that follow it up.

`commissions` knows none of those apps. An app calls `register()` from its AppConfig.ready()
with annotations (read through `for_user(user)`, so a list of decisions costs no extra query)
and the partial that shows them under a decision.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FollowUp:
    key: str
    annotations: Callable  # (user) -> {name: expression} for every list of decisions
    template: str  # shown under each decision, with `decision` and `editable` (the meeting's)


_registered: dict[str, FollowUp] = {}


def register(follow_up: FollowUp) -> None:
    _registered[follow_up.key] = follow_up


def annotations(user) -> dict:
    return {
        name: expression
        for follow_up in _registered.values()
        for name, expression in follow_up.annotations(user).items()
    }


def templates() -> list[str]:
    return [follow_up.template for follow_up in _registered.values()]
