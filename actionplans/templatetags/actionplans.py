from django import template

from actionplans import models
from actionplans.models import ActionStatus

register = template.Library()


@register.filter
def action_status_label(value: str) -> str:
    """The label of a status read as a raw value (a decision's follow-up actions)."""
    return ActionStatus(value).label if value in ActionStatus.values else value


@register.filter
def round_state_label(value: str) -> str:
    return models.round_state_label(value)
