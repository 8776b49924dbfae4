"""What the apps to the right add under each decision: the actions that follow it up, the
study recommendations it takes up. Each registers an Extension (annotations read through
`for_user(user)`, and the partial shown under a decision with `decision` and `editable`)."""

from mra_portal.lib.extensions import Extension as FollowUp
from mra_portal.lib.extensions import Extensions

_decisions = Extensions()
register = _decisions.register
annotations = _decisions.annotations
templates = _decisions.templates

__all__ = ["FollowUp", "annotations", "register", "templates"]
