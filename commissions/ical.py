"""iCalendar files of meetings: one per meeting, and each user's private subscription feed.

Times are written in UTC. Morocco's clock moves around Ramadan on dates announced each
year, so a fixed VTIMEZONE rule would be wrong; the instant in UTC never is.
"""

import datetime

from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import AgendaItem, Meeting, MeetingStatus

UID_DOMAIN = "mra-portal.gov.ma"
ICAL_STATUS = {
    MeetingStatus.PLANNED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def with_calendar_data(meetings):
    """What an event needs, in a constant number of queries."""
    return (
        meetings.select_related("commission")
        .annotate(moves=Count("date_changes"))
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position"))
        )
    )


def meeting_event(meeting: Meeting, base_url: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    # Each move or cancellation makes a new revision, so calendars update the event they hold.
    event.add("sequence", meeting.moves + (meeting.status == MeetingStatus.CANCELLED))
    event.add("summary", f"{meeting.number} · {meeting.commission.name}")
    event.add("status", ICAL_STATUS.get(meeting.status, "CONFIRMED"))
    if meeting.place or meeting.online_link:
        event.add("location", meeting.place or meeting.online_link)
    url = base_url + meeting.get_absolute_url()
    event.add("url", url)
    lines = [f"{meeting.get_kind_display()} · {meeting.get_status_display()}"]
    items = list(meeting.agenda_items.all())
    if items:
        lines += ["", _("Agenda"), *(f"{item.position}. {item.title}" for item in items)]
    if meeting.online_link:
        lines += ["", meeting.online_link]
    lines += ["", url]
    event.add("description", "\n".join(lines))
    return event


def calendar_bytes(meetings, base_url: str, name: str, method: str = "PUBLISH") -> bytes:
    """METHOD:CANCEL, with the event's UID and a higher SEQUENCE, removes it from calendars."""
    calendar = Calendar()
    calendar.add("prodid", "-//MRA Partnership Portal//Commissions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    for meeting in with_calendar_data(meetings):
        calendar.add_component(meeting_event(meeting, base_url))
    return calendar.to_ical()


def calendar_response(meetings, base_url: str, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar_bytes(meetings, base_url, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
