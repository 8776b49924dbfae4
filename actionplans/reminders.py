"""What a reporting round owes the focal points whose report it awaits: reminders before its
deadline, a notice the day after, and the coordinator's "remind the late ones"."""

import datetime

from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from contacts.models import Person
from mra_portal.lib.dates import at_local, for_people
from reminders.registry import Expected, Kind, Message, Source, register_kind, register_source

from .models import Action, ReportingRound

DEADLINE = "round_deadline"
OVERDUE = "round_overdue"
LATE = "round_late"
DEFAULT_LEAD_DAYS = (7, 1)
# Reminders about a deadline go out at this hour, Casablanca time.
SEND_AT = datetime.time(9)


def _late_people(reporting_round: ReportingRound) -> list:
    """Who answers for the actions still owed: their responsible focal point in post, else
    the lead organisation's focal points in post; each once, as the outbox addresses them."""
    late = Action.objects.late_in_round(reporting_round).select_related("responsible__user")
    people, leads_without = {}, set()
    for action in late:
        person = action.responsible
        if person is not None and person.is_current:
            people[person.pk] = person
        else:
            leads_without.add(action.lead_id)
    for person in (
        Person.objects.focal_points()
        .current()
        .filter(organization__in=leads_without)
        .select_related("user")
    ):
        people.setdefault(person.pk, person)
    return [people[pk].addressee() for pk in sorted(people)]


def expected_for_round(reporting_round: ReportingRound) -> list[Expected]:
    from reminders.services import lead_days_for, preferences_of

    recipients = _late_people(reporting_round)
    opened = reporting_round.opened_at
    ends = at_local(reporting_round.deadline, datetime.time(23, 59))
    expected = []
    preferences = preferences_of([r for r in recipients if isinstance(r, User)], DEADLINE)
    for recipient in recipients:
        preference = preferences.get(recipient.pk) if isinstance(recipient, User) else None
        for days in lead_days_for(preference, DEFAULT_LEAD_DAYS):
            due = at_local(reporting_round.deadline - datetime.timedelta(days=days), SEND_AT)
            if due > opened:  # a lead that had passed when the round opened is not sent late
                expected.append(Expected(recipient, DEADLINE, due, ends, days))
        overdue = at_local(reporting_round.deadline + datetime.timedelta(days=1), SEND_AT)
        expected.append(Expected(recipient, OVERDUE, overdue))
        if reporting_round.late_reminded_at:
            expected.append(Expected(recipient, LATE, reporting_round.late_reminded_at))
    return expected


def rounds_reminding():
    return ReportingRound.objects.still_reminding()


def render(reminder) -> Message:
    reporting_round = reminder.record
    values = {
        "name": reporting_round.name,
        "deadline": for_people(at_local(reporting_round.deadline, datetime.time(23, 59))),
        "days": reminder.lead_days,
    }
    if reminder.kind == DEADLINE:
        subject = (
            ngettext(
                "Reporting round %(name)s closes in %(days)s day",
                "Reporting round %(name)s closes in %(days)s days",
                reminder.lead_days or 0,
            )
            % values
        )
        text = (
            _(
                "The progress reports of reporting round %(name)s are due by %(deadline)s. "
                "Some of the actions you answer for have no report yet."
            )
            % values
        )
    elif reminder.kind == OVERDUE:
        subject = _("Reporting round %(name)s: your report is late") % values
        text = (
            _(
                "The deadline of reporting round %(name)s has passed (%(deadline)s) and some of "
                "the actions you answer for still have no report, or one returned for "
                "correction. Please report on them now."
            )
            % values
        )
    else:
        subject = _("Reminder from the ministry: reporting round %(name)s") % values
        text = (
            _(
                "The ministry reminds you that reporting round %(name)s (deadline %(deadline)s) "
                "still awaits reports on actions you answer for."
            )
            % values
        )
    return Message(
        subject=subject,
        text=text,
        html=format_html("<p>{}</p>", text),
        # A person without an account reports through their organisation's focal point account.
        url="" if reminder.person_id else reporting_round.get_absolute_url(),
    )


def register_all() -> None:
    for name, label, lead_days in (
        (DEADLINE, gettext_lazy("Reporting deadlines"), DEFAULT_LEAD_DAYS),
        (OVERDUE, gettext_lazy("Late reports"), ()),
        (LATE, gettext_lazy("Reminders of late reports"), ()),
    ):
        register_kind(Kind(name, label, render, lead_days=lead_days, each_change=name == LATE))
    register_source(Source("actionplans.reportinground", expected_for_round, rounds_reminding))
