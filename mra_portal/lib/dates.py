"""The portal's clock: the zone of settings.TIME_ZONE, which Morocco moves around Ramadan."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def at_local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """That wall-clock time on that day, in the portal's zone, whatever its offset then."""
    return datetime.datetime.combine(day, time, local_zone())


def for_people(moment: datetime.datetime) -> str:
    """A moment as people read it in a message: the local date and time, to the minute."""
    return timezone.localtime(moment, local_zone()).strftime("%Y-%m-%d %H:%M")
