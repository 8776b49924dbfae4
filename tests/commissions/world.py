"""Meetings on the Casablanca clock, for the commission tests.

A meeting dated in the past is planned and convened as it was then: the helpers travel to a
month before it, since the services refuse to plan or convene a meeting that has started.
"""

import contextlib
import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from commissions.services import meeting_convene, meeting_mark_held, meeting_plan

CASABLANCA = ZoneInfo("Africa/Casablanca")
# How long before its date a meeting of the past was planned and convened.
AHEAD = datetime.timedelta(days=30)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CASABLANCA)


def ahead_of(moment: datetime.datetime):
    """The clock as it was a month before a moment gone by; the clock of today otherwise."""
    if moment > timezone.now():
        return contextlib.nullcontext()
    return time_machine.travel(moment - AHEAD, tick=True)


def plan(commission, day, hour=10, month=3, year=2026):
    starts_at = at(year, month, day, hour)
    with ahead_of(starts_at):
        return meeting_plan(
            commission=commission, starts_at=starts_at, ends_at=at(year, month, day, hour + 2)
        )


def held(meeting):
    """Convened, then held: the state in which minutes are written."""
    convened(meeting)
    meeting_mark_held(meeting=meeting)
    return meeting


def convened(meeting):
    """Convened: the state in which decisions and attendance are recorded."""
    with ahead_of(meeting.starts_at):
        meeting_convene(meeting=meeting)
    return meeting
