import calendar
import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import JSONObject
from django.http import FileResponse, Http404, HttpResponseNotFound, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.scoping import get_editable_or_404, get_for_user_or_404
from contacts.models import Person
from mra_portal.lib.exports import csv_response
from mra_portal.lib.lists import filtered_rows, page_of

from . import services
from .filters import DecisionFilter, MeetingFilter
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    DecisionStatusForm,
    InvitationAnswerForm,
    MeetingDetailsForm,
    MeetingForm,
    MinutesApprovalForm,
    MinutesForm,
    PostponeForm,
)
from .ical import calendar_response
from .models import (
    AgendaDocument,
    AgendaItem,
    CalendarFeed,
    Commission,
    Decision,
    Invitation,
    InvitationAnswer,
    Meeting,
    MeetingDateChange,
    Membership,
    Minutes,
)

PAGE_SIZE = 25
# The subscription feed carries this much of the past, and everything ahead.
FEED_HISTORY = datetime.timedelta(days=180)


def _visible_parent(user) -> Exists:
    """A partner sees the commission a sub-commission stems from only if it sits on it too."""
    return Exists(Commission.objects.for_user(user).filter(pk=OuterRef("parent")))


def _editable(queryset, user) -> Exists:
    """An annotation saying whether the user may change each row, read in the same query."""
    return Exists(queryset.editable_by(user).filter(pk=OuterRef("pk")))


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# Commissions -----------------------------------------------------------------------------


@require_safe
def commission_list(request):
    seats = (
        Membership.objects.current()
        .filter(commission=OuterRef("pk"))
        .order_by()
        .values("commission")
        .annotate(count=Count("pk"))
        .values("count")
    )
    commissions = (
        Commission.objects.for_user(request.user)
        .select_related("parent", "secretariat")
        .annotate(
            parent_visible=_visible_parent(request.user),
            member_count=Subquery(seats),
            upcoming_count=Count(
                "meetings",
                filter=Q(meetings__starts_at__gte=timezone.now())
                & ~Q(meetings__status="cancelled"),
                distinct=True,
            ),
        )
    )
    return render(request, "commissions/commission_list.html", {"commissions": commissions})


@require_safe
def commission_detail(request, pk: int):
    user = request.user
    open_decisions = (
        Decision.objects.for_user(user)
        .still_open()
        .filter(meeting__commission=OuterRef("pk"))
        .order_by()
        .values("meeting__commission")
        .annotate(count=Count("pk"))
        .values("count")
    )
    commission = get_for_user_or_404(
        Commission.objects.select_related("parent", "secretariat").annotate(
            parent_visible=_visible_parent(user),
            editable=_editable(Commission.objects, user),
            open_decisions=Subquery(open_decisions),
        ),
        user,
        pk=pk,
    )
    memberships = list(
        Membership.objects.for_user(user)
        .current()
        .filter(commission=commission)
        .select_related("organization", "representative", "alternate")
        .order_by("role", "organization__name_fr")
    )
    people = {m.representative_id for m in memberships} | {m.alternate_id for m in memberships}
    now = timezone.now()
    meetings = list(
        Meeting.objects.for_user(user)
        .filter(commission=commission)
        .select_related("commission")
        .order_by("starts_at")
    )
    return render(
        request,
        "commissions/commission_detail.html",
        {
            "commission": commission,
            "memberships": memberships,
            "visible_people": set(
                Person.objects.for_user(user)
                .filter(pk__in=people - {None})
                .values_list("pk", flat=True)
            ),
            "children": Commission.objects.for_user(user).filter(parent=commission),
            "upcoming": [m for m in meetings if m.starts_at >= now and m.status != "cancelled"],
            "recent": [m for m in reversed(meetings) if m.starts_at < now][:10],
            "can_edit": commission.editable,
        },
    )


def _decisions(request, commission):
    rows = (
        Decision.objects.for_user(request.user)
        .filter(meeting__commission=commission)
        .select_related("meeting__commission")
        .prefetch_related("responsible")
    )
    register = DecisionFilter(
        request.GET or None, queryset=rows, commission=commission, user=request.user
    )
    return register, filtered_rows(register)


@require_safe
def decision_register(request, pk: int):
    commission = get_for_user_or_404(Commission.objects, request.user, pk=pk)
    register, rows = _decisions(request, commission)
    return render(
        request,
        "commissions/decision_register.html",
        {
            "commission": commission,
            "filter": register,
            **page_of(request, rows, PAGE_SIZE),
            "today": timezone.localdate(),
        },
    )


@require_safe
def decision_register_csv(request, pk: int):
    commission = get_for_user_or_404(Commission.objects, request.user, pk=pk)
    rows = _decisions(request, commission)[1]
    header = [_("Number"), _("Meeting date"), _("Text"), _("Responsible"), _("Due"), _("Status")]
    lines = (
        [
            decision.number,
            timezone.localtime(decision.meeting.starts_at).date().isoformat(),
            decision.text,
            ", ".join(str(organization) for organization in decision.responsible.all()),
            decision.due_date.isoformat() if decision.due_date else "",
            decision.get_status_display(),
        ]
        for decision in rows
    )
    return csv_response(f"decisions-{commission.code.lower()}", header, lines)


def meeting_create(request, pk: int):
    commission = get_editable_or_404(Commission.objects, request.user, pk=pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_plan(commission=commission, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Meeting %(number)s is planned.") % {"number": meeting})
            return redirect(meeting)
    return render(
        request,
        "commissions/meeting_form.html",
        {"form": form, "commission": commission, "heading": _("Plan a meeting")},
    )


# Meetings --------------------------------------------------------------------------------


@require_safe
def meeting_list(request):
    mine = Invitation.objects.filter(
        meeting=OuterRef("pk"), organization=request.user.organization_id
    ).values("answer")[:1]
    meetings = (
        Meeting.objects.for_user(request.user)
        .select_related("commission")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations", filter=~Q(invitations__answer="pending"), distinct=True),
            my_answer=Subquery(mine),
        )
        .order_by("-starts_at")
    )
    listing = MeetingFilter(request.GET or None, queryset=meetings, user=request.user)
    return render(
        request,
        "commissions/meeting_list.html",
        {
            "filter": listing,
            **page_of(request, filtered_rows(listing), PAGE_SIZE),
            "answer_choices": InvitationAnswer.choices,
        },
    )


def _month(value: str | None) -> datetime.date | None:
    """'2027-01' → 2027-01-01; None when absent or malformed."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1) if 2000 <= year <= 2100 else None
    except ValueError:
        return None


@require_safe
def meeting_calendar(request):
    month = _month(request.GET.get("month"))
    if month is None:
        if "month" in request.GET:
            messages.error(request, _("Give the month as YYYY-MM, e.g. 2027-01."))
        month = timezone.localdate().replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time(), zone)
    end = datetime.datetime.combine(following, datetime.time(), zone)
    by_day: dict[datetime.date, list[Meeting]] = {}
    for meeting in (
        Meeting.objects.for_user(request.user)
        .between(start, end)
        .select_related("commission")
        .order_by("starts_at")
    ):
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    weeks = [
        [(day, by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            month.year, month.month
        )
    ]
    return render(
        request,
        "commissions/meeting_calendar.html",
        {
            "month": month,
            "weeks": weeks,
            "weekdays": [week_day for week_day, _meetings in weeks[0]],
            "previous": previous,
            "following": following,
            "today": timezone.localdate(),
            "count": sum(len(day) for day in by_day.values()),
        },
    )


def _meeting_for(request, pk: int):
    return get_for_user_or_404(Meeting.objects.select_related("commission"), request.user, pk=pk)


def _editable_meeting(request, pk: int):
    return get_editable_or_404(Meeting.objects.select_related("commission"), request.user, pk=pk)


def _agenda(user):
    """Agenda items with their presenters, whose names show only to those who may see them."""
    return AgendaItem.objects.select_related("presenter_organization", "presenter_person").annotate(
        person_visible=Exists(Person.objects.for_user(user).filter(pk=OuterRef("presenter_person")))
    )


def _agenda_with_documents(user):
    """The agenda and its documents' links, in one query."""
    documents = AgendaDocument.objects.filter(item=OuterRef("pk")).order_by("pk")
    return _agenda(user).annotate(
        document_links=ArraySubquery(documents.values(link=JSONObject(pk="pk", title="title")))
    )


@require_safe
def meeting_detail(request, pk: int):
    user = request.user
    moves = MeetingDateChange.objects.filter(meeting=OuterRef("pk")).order_by("-changed_at")
    meeting = get_for_user_or_404(
        Meeting.objects.with_attendance()
        .annotate(
            editable=_editable(Meeting.objects, user),
            former_starts=ArraySubquery(moves.values("previous_starts_at")),
            former_reasons=ArraySubquery(moves.values("reason")),
        )
        .select_related("commission__secretariat")
        .prefetch_related(Prefetch("agenda_items", queryset=_agenda_with_documents(user))),
        user,
        pk=pk,
    )
    invitations = (
        Invitation.objects.for_user(user)
        .filter(meeting=meeting)
        .annotate(answerable=_editable(Invitation.objects, user))
        .select_related("organization")
    )
    # One query for this meeting's decisions and the open ones it follows up.
    decisions = list(
        Decision.objects.for_user(user)
        .filter(Q(meeting=meeting) | Q(pk__in=Decision.objects.to_follow_up_at(meeting)))
        .select_related("meeting__commission")
        .prefetch_related("responsible")
    )
    # And one for its minutes and those it approved.
    minutes = list(
        Minutes.objects.for_user(user)
        .filter(Q(meeting=meeting) | Q(approved_by_meeting=meeting))
        .select_related("meeting__commission")
    )
    return render(
        request,
        "commissions/meeting_detail.html",
        {
            "meeting": meeting,
            "former_dates": list(zip(meeting.former_starts, meeting.former_reasons, strict=True)),
            "invitations": invitations,
            # Quorum means something once the secretariat has recorded who came.
            "quorum_reached": meeting.quorum_reached() if meeting.recorded_count else None,
            "follow_up": [d for d in decisions if d.meeting_id != meeting.pk],
            "decisions": [d for d in decisions if d.meeting_id == meeting.pk],
            "minutes": next((m for m in minutes if m.meeting_id == meeting.pk), None),
            "approvals": [m for m in minutes if m.meeting_id != meeting.pk],
            "can_edit": meeting.editable,
            "started": meeting.starts_at <= timezone.now(),
            "status_form": DecisionStatusForm() if meeting.editable else None,
        },
    )


@require_safe
def meeting_ics(request, pk: int):
    meeting = _meeting_for(request, pk)
    return calendar_response(
        Meeting.objects.filter(pk=meeting.pk),
        request.build_absolute_uri("/").rstrip("/"),
        meeting.number,
        f"{meeting.number}.ics",
    )


@require_safe
def meeting_convocation(request, pk: int):
    meeting = get_for_user_or_404(
        Meeting.objects.select_related("commission__secretariat").prefetch_related(
            Prefetch("agenda_items", queryset=_agenda(request.user))
        ),
        request.user,
        pk=pk,
    )
    return render(
        request,
        "commissions/meeting_convocation.html",
        {
            "meeting": meeting,
            "members": Membership.objects.for_user(request.user)
            .current()
            .filter(commission=meeting.commission)
            .select_related("organization")
            .order_by("role", "organization__name_fr"),
            "follow_up": Decision.objects.for_user(request.user)
            .to_follow_up_at(meeting)
            .select_related("meeting__commission"),
        },
    )


def meeting_edit(request, pk: int):
    meeting = _editable_meeting(request, pk)
    form = MeetingDetailsForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting)
    return render(
        request,
        "commissions/meeting_form.html",
        {"form": form, "meeting": meeting, "heading": _("Edit the details")},
    )


def meeting_postpone(request, pk: int):
    meeting = _editable_meeting(request, pk)
    form = PostponeForm(
        request.POST or None,
        initial={
            "starts_at": timezone.localtime(meeting.starts_at),
            "ends_at": timezone.localtime(meeting.ends_at),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_postpone(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was moved; its former date is kept."))
            return redirect(meeting)
    return render(
        request,
        "commissions/meeting_postpone.html",
        {"form": form, "meeting": meeting, "heading": _("Move to another date")},
    )


def _meeting_action(request, pk: int, action, done: str):
    meeting = _editable_meeting(request, pk)
    try:
        action(meeting=meeting)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect(meeting)


@require_POST
def meeting_convene(request, pk: int):
    return _meeting_action(
        request,
        pk,
        services.meeting_convene,
        _("The meeting is convened: every member organisation is invited."),
    )


@require_POST
def meeting_cancel(request, pk: int):
    return _meeting_action(request, pk, services.meeting_cancel, _("The meeting is cancelled."))


@require_POST
def meeting_mark_held(request, pk: int):
    return _meeting_action(
        request, pk, services.meeting_mark_held, _("The meeting is recorded as held.")
    )


# Agenda ----------------------------------------------------------------------------------


def agenda_item_create(request, pk: int):
    meeting = _editable_meeting(request, pk)
    form = AgendaItemForm(
        request.POST or None, request.FILES or None, meeting=meeting, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item was added to the agenda."))
            return redirect(meeting)
    return render(
        request,
        "commissions/agenda_item_form.html",
        {"form": form, "meeting": meeting, "heading": _("Add an agenda item")},
    )


@require_POST
def agenda_item_delete(request, pk: int):
    item = get_editable_or_404(AgendaItem.objects.select_related("meeting"), request.user, pk=pk)
    try:
        services.agenda_item_remove(item=item)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The item was removed from the agenda."))
    return redirect(item.meeting)


@require_POST
def agenda_item_move(request, pk: int):
    item = get_editable_or_404(AgendaItem.objects.select_related("meeting"), request.user, pk=pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose to move the item up or down."))
        return redirect(item.meeting)
    try:
        services.agenda_item_move(item=item, up=direction == "up")
    except ValidationError as error:
        _refused(request, error)
    return redirect(item.meeting.get_absolute_url() + "#agenda-heading")


@require_safe
def agenda_document_download(request, pk: int):
    document = get_for_user_or_404(AgendaDocument.objects, request.user, pk=pk)
    return _download(document.file, document.title)


def _download(file, title: str) -> FileResponse:
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    extension = PurePosixPath(file.name).suffix
    return FileResponse(handle, as_attachment=True, filename=f"{title}{extension}")


# Invitations and attendance --------------------------------------------------------------


def invitation_answer(request, pk: int):
    invitation = get_editable_or_404(
        Invitation.objects.select_related("meeting__commission", "organization"),
        request.user,
        pk=pk,
    )
    meeting = invitation.meeting
    initial = {"answer": invitation.answer, "delegate": invitation.delegate}
    form = InvitationAnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_answer(
                invitation=invitation, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer was recorded. Thank you."))
            return redirect(meeting)
    return render(
        request,
        "commissions/invitation_answer.html",
        {
            "form": form,
            "invitation": invitation,
            "meeting": meeting,
            "heading": _("Answer the invitation"),
        },
    )


def attendance(request, pk: int):
    meeting = get_editable_or_404(
        Meeting.objects.select_related("commission").prefetch_related("invitations"),
        request.user,
        pk=pk,
    )
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        present = {organization.pk for organization in form.cleaned_data["present"]}
        try:
            services.attendance_record(meeting=meeting, present=present)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attendance was recorded."))
            return redirect(meeting)
    return render(
        request,
        "commissions/attendance.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": _("Record attendance"),
            "invitations": meeting.invitations.select_related("organization").order_by(
                "organization__name_fr"
            ),
        },
    )


# Decisions -------------------------------------------------------------------------------


def decision_create(request, pk: int):
    meeting = _editable_meeting(request, pk)
    form = DecisionForm(request.POST or None, meeting=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Decision %(number)s was recorded.") % {"number": decision})
            return redirect(meeting)
    return render(
        request,
        "commissions/decision_form.html",
        {"form": form, "meeting": meeting, "heading": _("Record a decision")},
    )


@require_POST
def decision_status(request, pk: int):
    decision = get_editable_or_404(
        Decision.objects.select_related("meeting__commission"), request.user, pk=pk
    )
    form = DecisionStatusForm(request.POST)
    if form.is_valid():
        services.decision_set_status(decision=decision, status=form.cleaned_data["status"])
        messages.success(request, _("The status of %(number)s was saved.") % {"number": decision})
    else:
        messages.error(request, _("Choose one of the statuses offered."))
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        return HttpResponseRedirect(back)
    return redirect(decision)


# Minutes ---------------------------------------------------------------------------------


def minutes_edit(request, pk: int):
    meeting = _editable_meeting(request, pk)
    minutes = Minutes.objects.filter(meeting=meeting).prefetch_related("versions__saved_by").first()
    form = MinutesForm(
        request.POST or None,
        request.FILES or None,
        initial={"text": minutes.text if minutes else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft minutes were saved."))
            return redirect("commissions:minutes", pk=meeting.pk)
    return render(
        request,
        "commissions/minutes_form.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": _("Minutes"),
            "minutes": minutes,
            "approval_form": MinutesApprovalForm(meeting=meeting)
            if minutes and not minutes.is_approved
            else None,
        },
    )


@require_POST
def minutes_approve(request, pk: int):
    meeting = _editable_meeting(request, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    form = MinutesApprovalForm(request.POST, meeting=meeting)
    if minutes is None:
        messages.error(request, _("Write the minutes before approving them."))
    elif not form.is_valid():
        messages.error(request, _("Choose the later meeting that approved the minutes."))
    else:
        try:
            services.minutes_approve(minutes=minutes, at_meeting=form.cleaned_data["at_meeting"])
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The minutes are approved and now frozen."))
    return redirect("commissions:minutes", pk=meeting.pk)


@require_safe
def minutes_print(request, pk: int):
    meeting = _meeting_for(request, pk)
    minutes = get_for_user_or_404(
        Minutes.objects.select_related("approved_by_meeting__commission"),
        request.user,
        meeting=meeting,
    )
    return render(
        request,
        "commissions/minutes_print.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "invitations": Invitation.objects.for_user(request.user)
            .filter(meeting=meeting)
            .select_related("organization"),
            "decisions": Decision.objects.for_user(request.user)
            .filter(meeting=meeting)
            .select_related("meeting__commission")
            .prefetch_related("responsible"),
        },
    )


@require_safe
def minutes_file(request, pk: int):
    meeting = _meeting_for(request, pk)
    minutes = get_for_user_or_404(Minutes.objects, request.user, meeting=meeting)
    return _download(minutes.file, _("Minutes %(number)s") % {"number": meeting.number})


# Calendar feeds --------------------------------------------------------------------------


def calendar_feed(request):
    """The page where a user gets, renews or revokes their private subscription address."""
    token = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "renew":
            token = services.calendar_feed_renew(user=request.user)
            messages.success(
                request, _("Your new address is below. Any address given before stops working.")
            )
        elif action == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("Your subscription address no longer works."))
            return redirect("commissions:feed")
        else:
            messages.error(request, _("Choose to create a new address or to revoke it."))
    return render(
        request,
        "commissions/calendar_feed.html",
        {
            "feed": CalendarFeed.objects.filter(user=request.user).first(),
            "feed_url": request.build_absolute_uri(reverse("commissions:feed_ics", args=[token]))
            if token
            else None,
        },
    )


@login_not_required
@require_safe
def calendar_feed_ics(request, token: str):
    """A calendar application's request: the token stands in for the login."""
    feed = (
        CalendarFeed.objects.filter(
            token_digest=services.calendar_feed_digest(token), user__is_active=True
        )
        .select_related("user__organization")
        .first()
    )
    if feed is None:
        return HttpResponseNotFound(
            _("This calendar address is unknown or was revoked. Get a new one from the portal."),
            content_type="text/plain; charset=utf-8",
        )
    user = feed.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        return calendar_response(
            Meeting.objects.for_user(user).filter(starts_at__gte=timezone.now() - FEED_HISTORY),
            request.build_absolute_uri("/").rstrip("/"),
            _("Meetings · MRA Partnership Portal"),
            "meetings.ics",
        )
