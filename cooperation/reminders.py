"""What a binding agreement owes the ministry before its act-by date: reminders 90 and 30 days
ahead (each account's own days), and a notice on the day, to the desk officers of its
countries and the coordinators."""

import datetime

from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from mra_portal.lib.dates import at_local, day_for_people
from reminders.registry import Expected, Kind, Message, Source, register_kind, register_source

from .models import Agreement, CountryProfile

ACT_BY = "agreement_act_by"
ACT_BY_TODAY = "agreement_act_by_today"
DEFAULT_LEAD_DAYS = (90, 30)
SEND_AT = datetime.time(9)


def recipients_of(agreement: Agreement) -> list[User]:
    """The desk officers of its countries and the coordinators, each once."""
    countries = agreement.parties.exclude(country="").values("country")
    desks = CountryProfile.objects.filter(country__in=countries).values("desk_officer")
    users = User.objects.filter(is_active=True).filter(
        pk__in=desks.union(User.objects.coordinating().values("pk"))
    )
    return list(users.order_by("pk"))


def expected_for_agreement(agreement: Agreement) -> list[Expected]:
    from reminders.services import lead_days_for, preferences_of

    if agreement.act_by is None:
        return []
    recipients = recipients_of(agreement)
    deadline = at_local(agreement.act_by, datetime.time(23, 59))
    preferences = preferences_of(recipients, ACT_BY)
    expected = []
    for user in recipients:
        for days in lead_days_for(preferences.get(user.pk), DEFAULT_LEAD_DAYS):
            due = at_local(agreement.act_by - datetime.timedelta(days=days), SEND_AT)
            # A lead already past when the terms were written is not sent late.
            if agreement.updated_at is None or due > agreement.updated_at:
                expected.append(Expected(user, ACT_BY, due, deadline, days))
        expected.append(Expected(user, ACT_BY_TODAY, at_local(agreement.act_by, SEND_AT), deadline))
    return expected


def agreements_reminding():
    return Agreement.objects.binding().filter(act_by__isnull=False)


def render(reminder) -> Message:
    agreement = reminder.record
    values = {
        "reference": agreement.reference,
        "title": agreement.title,
        "date": day_for_people(agreement.act_by),
        "days": reminder.lead_days,
    }
    if reminder.kind == ACT_BY:
        subject = (
            ngettext(
                "Agreement %(reference)s: act within %(days)s day",
                "Agreement %(reference)s: act within %(days)s days",
                reminder.lead_days or 0,
            )
            % values
        )
    else:
        subject = _("Agreement %(reference)s: today is the last day to act") % values
    text = (
        _(
            "The last day to denounce or renew agreement %(reference)s (%(title)s) before its "
            "next tacit renewal or expiry is %(date)s."
        )
        % values
    )
    return Message(
        subject=subject,
        text=text,
        html=format_html("<p>{}</p>", text),
        url=agreement.get_absolute_url(),
    )


def register_all() -> None:
    register_kind(
        Kind(ACT_BY, gettext_lazy("Agreements to act on"), render, lead_days=DEFAULT_LEAD_DAYS)
    )
    register_kind(Kind(ACT_BY_TODAY, gettext_lazy("Last day to act on an agreement"), render))
    register_source(Source("cooperation.agreement", expected_for_agreement, agreements_reminding))
