"""What this app plugs into the apps to its left: a 360° panel, a turnover source, and the
follow-up actions shown under every commission decision."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef
from django.db.models.functions import JSONObject
from django.utils.translation import gettext_lazy as _

from commissions import follow_up
from contacts import turnover
from partners.panels import Panel
from partners.panels import register as register_panel

from . import reminders
from .models import Action, Plan, overdue_flag

PANEL_ROWS = 10


def partner_panel_context(organization, user) -> dict:
    """Its plans, and its open actions soonest due first, within what the user may see."""
    actions = Action.objects.for_user(user).for_organization(organization.pk).still_open()
    # One row more than shown says whether there are more, without counting them.
    soonest = list(actions.listed().order_by("due_date", "pk")[: PANEL_ROWS + 1])
    return {
        "organization": organization,
        "plans": Plan.objects.for_user(user)
        .for_organization(organization.pk)
        .listed(user)[:PANEL_ROWS],
        "actions": soonest[:PANEL_ROWS],
        "more": len(soonest) > PANEL_ROWS,
    }


def actions_of(person):
    return Action.objects.still_open().filter(responsible=person).select_related("plan")


def move_actions(person, successor) -> int:
    return actions_of(person).update(responsible=successor)


def follow_up_actions(user) -> dict:
    """Each decision's actions, as the user may see them, in the decision's own query."""
    actions = (
        Action.objects.for_user(user)
        .filter(decision=OuterRef("pk"))
        .order_by("code")
        .values(
            json=JSONObject(
                pk="pk",
                code="code",
                status="status",
                progress="progress",
                due_date="due_date",
                overdue=overdue_flag(),
                lead=F("lead__acronym_fr"),
            )
        )
    )
    return {"follow_up_actions": ArraySubquery(actions)}


def register_all() -> None:
    reminders.register_all()
    register_panel(
        Panel(
            "actionplans",
            _("Action plans and actions"),
            "actionplans/_partner_panel.html",
            partner_panel_context,
            40,
        )
    )
    turnover.register(
        turnover.TurnoverSource(
            "open_actions",
            _("Open actions they are responsible for"),
            actions_of,
            move_actions,
            20,
        )
    )
    follow_up.register(
        follow_up.FollowUp("actions", follow_up_actions, "actionplans/_decision_actions.html")
    )
