"""The portal's clock: the zone of settings.TIME_ZONE, which Morocco moves around Ramadan."""

import calendar
import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext_noop

# Django's own names of the months, listed so that the portal's catalogues keep them: they
# name the months as Morocco writes them (in Arabic غشت and شتنبر, not أغسطس and سبتمبر).
MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def at_local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """That wall-clock time on that day, in the portal's zone, whatever its offset then."""
    return datetime.datetime.combine(day, time, local_zone())


def for_people(moment: datetime.datetime) -> str:
    """A moment as people read it, in the active language and the portal's zone: the weekday,
    the day before the month, 24-hour time ("Thursday 10 December 2026, 10:00"). Pages write
    it with `|date:"DATETIME_FORMAT"`, the same format (`mra_portal/formats/`)."""
    return formats.date_format(timezone.localtime(moment, local_zone()), "DATETIME_FORMAT")


def day_for_people(day: datetime.date) -> str:
    """A day as people read it in a message, with its weekday ("Thursday 10 December 2026")."""
    return dateformat.format(day, "l " + formats.get_format("DATE_FORMAT"))


def month_of(value: str | None) -> datetime.date | None:
    """'2027-01' → 2027-01-01; None when absent, malformed or outside 2000 to 2100."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1) if 2000 <= year <= 2100 else None
    except ValueError:
        return None


def next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)


def month_span(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """From the month's first midnight to the next month's, on the portal's clock."""
    return at_local(month, datetime.time()), at_local(next_month(month), datetime.time())


def weeks_of(month: datetime.date) -> list[list[datetime.date]]:
    """The month's weeks, Monday first, padded with the days of the months around it."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month.year, month.month
    )
