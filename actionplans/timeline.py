"""A plan's timeline as server-drawn SVG geometry: one bar per action, from its start to its
current due date, a marker at its baseline due date, and a line for today. Right-to-left
pages get the mirror image, so time runs the way the page reads."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

WIDTH = 1000
LABEL_WIDTH = 130
ROW_HEIGHT = 22
TOP = 24  # room for the year ticks


@dataclass(frozen=True)
class Bar:
    action: object
    y: int
    x: float
    width: float
    baseline_x: float | None
    label_x: float


@dataclass(frozen=True)
class Tick:
    x: float
    year: int


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    ticks: list[Tick]
    today_x: float | None
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    top: int = TOP


def timeline_of(actions, *, rtl: bool = False, today: datetime.date | None = None) -> Timeline:
    """The geometry of the actions' bars between the earliest start and the latest due date."""
    today = today or timezone.localdate()
    actions = list(actions)
    days = [
        day
        for action in actions
        for day in (action.start_date, action.due_date, action.baseline_due_date)
        if day
    ]
    if not days:
        return Timeline([], [], None, TOP)
    first = datetime.date(min(days).year, 1, 1)
    last = datetime.date(max(days).year + 1, 1, 1)
    span = (last - first).days
    chart = WIDTH - LABEL_WIDTH - 10

    def x_of(day: datetime.date) -> float:
        share = (day - first).days / span
        offset = (1 - share) if rtl else share
        return round((10 if rtl else LABEL_WIDTH) + offset * chart, 1)

    bars = []
    for row, action in enumerate(actions):
        start = action.start_date or action.due_date
        left, right = sorted((x_of(start), x_of(action.due_date)))
        bars.append(
            Bar(
                action=action,
                y=TOP + row * ROW_HEIGHT,
                x=left,
                width=max(right - left, 3),
                baseline_x=x_of(action.baseline_due_date) if action.baseline_due_date else None,
                label_x=WIDTH - 4 if rtl else 4,
            )
        )
    ticks = [Tick(x_of(datetime.date(year, 1, 1)), year) for year in range(first.year, last.year)]
    today_x = x_of(today) if first <= today <= last else None
    return Timeline(bars, ticks, today_x, TOP + len(actions) * ROW_HEIGHT + 6)
