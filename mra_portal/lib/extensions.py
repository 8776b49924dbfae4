"""What apps to the right add to another app's records: annotations read in the records' own
query, and the partial that shows them (a decision's follow-up actions, an action's origin).

The records' app knows none of the apps that extend them: each calls `register()` from its
AppConfig.ready(), with annotations read through `for_user(user)`, so a list of records costs
no extra query.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Extension:
    key: str
    annotations: Callable  # (user) -> {name: expression}
    template: str  # shown with the record in the context


class Extensions:
    """The extensions of one kind of record."""

    def __init__(self) -> None:
        self._registered: dict[str, Extension] = {}

    def register(self, extension: Extension) -> None:
        self._registered[extension.key] = extension

    def annotations(self, user) -> dict:
        return {
            name: expression
            for extension in self._registered.values()
            for name, expression in extension.annotations(user).items()
        }

    def templates(self) -> list[str]:
        return [extension.template for extension in self._registered.values()]
