"""Pages made of panels that other apps register: a partner's 360° page, a country profile.

The page's app knows none of the apps that fill it: each calls `board.register()` from its
AppConfig.ready(), and its `context` callable reads only through `for_user(user)`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

# A panel shows this many rows, then links to the full list.
PANEL_ROWS = 10


def first_rows(rows) -> dict:
    """A panel's first rows, and whether there are more, without counting them."""
    rows = list(rows[: PANEL_ROWS + 1])
    return {"rows": rows[:PANEL_ROWS], "more": len(rows) > PANEL_ROWS}


@dataclass(frozen=True)
class Panel:
    key: str
    title: str | Promise
    template: str
    context: Callable  # (subject, user) -> dict for the template
    order: int = 100


@dataclass(frozen=True)
class RenderedPanel:
    panel: Panel
    context: dict


class Board:
    """The panels of one kind of page, in their order."""

    def __init__(self) -> None:
        self._panels: dict[str, Panel] = {}

    def register(self, panel: Panel) -> None:
        self._panels[panel.key] = panel

    def unregister(self, key: str) -> None:
        self._panels.pop(key, None)

    def registered(self) -> list[Panel]:
        return sorted(self._panels.values(), key=lambda panel: (panel.order, panel.key))

    def panels_for(self, subject, user) -> list[RenderedPanel]:
        return [RenderedPanel(panel, panel.context(subject, user)) for panel in self.registered()]
