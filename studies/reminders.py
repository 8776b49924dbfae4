"""What a study's open milestone owes the ministry: a reminder 7 days before its due date (each
account's own days) and a notice the day after, if it is still not done, to the study's officer
in charge, or to the coordinators when it has none."""

import datetime

from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from mra_portal.lib.dates import at_local, day_for_people
from reminders.registry import Expected, Kind, Message, Source, register_kind, register_source

from .models import Milestone

DUE = "study_milestone"
OVERDUE = "study_milestone_overdue"
DEFAULT_LEAD_DAYS = (7,)
SEND_AT = datetime.time(9)


def recipients_of(milestone: Milestone) -> list[User]:
    officer = milestone.study.followed_by
    if officer is not None and officer.is_active:
        return [officer]
    return list(User.objects.coordinating().order_by("pk"))


def expected_for_milestone(milestone: Milestone) -> list[Expected]:
    from reminders.services import lead_days_for, preferences_of

    if milestone.done_on is not None or not milestone.study.reminds_milestones:
        return []
    recipients = recipients_of(milestone)
    deadline = at_local(milestone.due_on, datetime.time(23, 59))
    preferences = preferences_of(recipients, DUE)
    expected = []
    for user in recipients:
        for days in lead_days_for(preferences.get(user.pk), DEFAULT_LEAD_DAYS):
            due = at_local(milestone.due_on - datetime.timedelta(days=days), SEND_AT)
            # A lead already past when the milestone was set is not sent late.
            if milestone.created_at is None or due > milestone.created_at:
                expected.append(Expected(user, DUE, due, deadline, days))
        overdue = at_local(milestone.due_on + datetime.timedelta(days=1), SEND_AT)
        expected.append(Expected(user, OVERDUE, overdue))
    return expected


def milestones_reminding():
    return Milestone.objects.reminding().select_related("study__followed_by")


def render(reminder) -> Message:
    milestone = reminder.record
    values = {
        "reference": milestone.study.reference,
        "title": milestone.title,
        "date": day_for_people(milestone.due_on),
        "days": reminder.lead_days,
    }
    if reminder.kind == DUE:
        subject = (
            ngettext(
                "Study %(reference)s: “%(title)s” is due in %(days)s day",
                "Study %(reference)s: “%(title)s” is due in %(days)s days",
                reminder.lead_days or 0,
            )
            % values
        )
        text = _("Milestone “%(title)s” of study %(reference)s is due on %(date)s.") % values
    else:
        subject = _("Study %(reference)s: “%(title)s” is overdue") % values
        text = (
            _(
                "Milestone “%(title)s” of study %(reference)s was due on %(date)s and is not "
                "marked done."
            )
            % values
        )
    return Message(
        subject=subject,
        text=text,
        html=format_html("<p>{}</p>", text),
        url=milestone.get_absolute_url(),
    )


def register_all() -> None:
    register_kind(Kind(DUE, gettext_lazy("Study milestones"), render, lead_days=DEFAULT_LEAD_DAYS))
    register_kind(Kind(OVERDUE, gettext_lazy("Overdue study milestones"), render))
    register_source(Source("studies.milestone", expected_for_milestone, milestones_reminding))
