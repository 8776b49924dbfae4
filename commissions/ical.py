"""iCalendar files of meetings: one per meeting, and each user's private subscription feed.

Times are written in UTC. Morocco's clock moves around Ramadan on dates announced each
year, so a fixed VTIMEZONE rule would be wrong; the instant in UTC never is.
"""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vDuration, vText

from .models import AgendaItem, Meeting, MeetingStatus

UID_DOMAIN = "mra-portal.gov.ma"
ICAL_STATUS = {
    MeetingStatus.PLANNED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def with_calendar_data(meetings):
    """What an event needs, in a constant number of queries."""
    return (
        meetings.select_related("commission__secretariat")
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
    title = f"{meeting.number} · {meeting.commission.name}"
    if meeting.status == MeetingStatus.CANCELLED:
        title = _("Cancelled: %(meeting)s") % {"meeting": title}
    event.add("summary", title)
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


def _calendar(method: str, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//MRA Partnership Portal//Commissions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    return calendar


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(" ".join(name.split()))
    address.params.update(params)
    return address


# How often a subscribed calendar should fetch the feed again (RFC 7986, and Outlook's own).
REFRESH = datetime.timedelta(hours=1)


def calendar_bytes(meetings, base_url: str, name: str) -> bytes:
    """A feed or a download: METHOD:PUBLISH, events without organiser or attendees."""
    calendar = _calendar("PUBLISH", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for meeting in with_calendar_data(meetings):
        calendar.add_component(meeting_event(meeting, base_url))
    return calendar.to_ical()


def invitation_bytes(meeting: Meeting, base_url: str, *, method: str, to: tuple[str, str]) -> bytes:
    """The file of one invitation email (iTIP, RFC 5546), from the secretariat to one person:
    METHOD:REQUEST puts the meeting in their calendar and updates it when it moves (same UID,
    higher SEQUENCE); METHOD:CANCEL takes it out. `meeting` comes from with_calendar_data();
    `to` is (address, name). Calendars are asked for no reply: answers go through the portal.
    """
    # The meeting's part is written once per method and language for all its invitations in
    # a chunk (it was a quarter of the sender's time); only the attendee differs.
    written = meeting.__dict__.setdefault("_invitation_files", {})
    key = (method, get_language())
    if key not in written:
        calendar = _calendar(method, meeting.number)
        event = meeting_event(meeting, base_url)
        secretariat = meeting.commission.secretariat
        organizer = secretariat.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        event.add("organizer", _address(organizer, secretariat.name))
        calendar.add_component(event)
        written[key] = calendar.to_ical()
    address, name = to
    attendee = Event()
    attendee.add(
        "attendee",
        _address(address, name, role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="FALSE"),
    )
    line = attendee.to_ical().removeprefix(b"BEGIN:VEVENT\r\n").removesuffix(b"END:VEVENT\r\n")
    return written[key].replace(b"END:VEVENT\r\n", line + b"END:VEVENT\r\n", 1)


def calendar_response(meetings, base_url: str, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar_bytes(meetings, base_url, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A private feed's or meeting's contents: kept by no cache between the portal and the user.
    response["Cache-Control"] = "private, no-store"
    return response
