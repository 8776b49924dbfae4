"""Where an action comes from, as the apps to the right know it (a study recommendation it
carries out): each registers an Extension whose partial is shown with the action's origin."""

from mra_portal.lib.extensions import Extension as Origin
from mra_portal.lib.extensions import Extensions

_actions = Extensions()
register = _actions.register
annotations = _actions.annotations
templates = _actions.templates

__all__ = ["Origin", "annotations", "register", "templates"]
