"""The panels of a partner's 360° page, registered by the apps that own their data.

`partners` knows none of those apps: each calls `register()` from its AppConfig.ready(),
and its `context` callable reads only through `for_user(user)`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Panel:
    key: str
    title: str | Promise
    template: str
    context: Callable  # (organization, user) -> dict for the template
    order: int = 100


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.key] = panel


def registered() -> list[Panel]:
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))


@dataclass(frozen=True)
class RenderedPanel:
    panel: Panel
    context: dict


def panels_for(organization, user) -> list[RenderedPanel]:
    return [RenderedPanel(panel, panel.context(organization, user)) for panel in registered()]
