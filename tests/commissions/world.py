"""Meetings on the Casablanca clock, for the commission tests."""

import datetime
from zoneinfo import ZoneInfo

from commissions.services import meeting_plan

CASABLANCA = ZoneInfo("Africa/Casablanca")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CASABLANCA)


def plan(commission, day, hour=10, month=3, year=2026):
    return meeting_plan(
        commission=commission,
        starts_at=at(year, month, day, hour),
        ends_at=at(year, month, day, hour + 2),
    )


def held(meeting):
    """Convened, then held: the state in which minutes are written."""
    from commissions.services import meeting_convene, meeting_mark_held

    meeting_convene(meeting=meeting)
    meeting_mark_held(meeting=meeting)
    return meeting


def convened(meeting):
    """Convened: the state in which decisions and attendance are recorded."""
    from commissions.services import meeting_convene

    meeting_convene(meeting=meeting)
    return meeting
