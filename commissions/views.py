import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseNotFound, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.scoping import get_editable_or_404, get_for_user_or_404
from mra_portal.lib import dates
from mra_portal.lib.exports import Column, table_response
from mra_portal.lib.files import download
from mra_portal.lib.forms import say_refused, submitted
from mra_portal.lib.lists import filtered_rows, page_of

from . import services
from .filters import DecisionFilter, MeetingFilter
from .follow_up import templates as follow_up_templates
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
from .links import read_link
from .models import (
    AgendaDocument,
    AgendaItem,
    CalendarFeed,
    Commission,
    Decision,
    Invitation,
    InvitationAnswer,
    Meeting,
    Membership,
    Minutes,
)
from .reminders import delivery_of, unreachable

# The meeting page shows this many; one click shows the rest (the register, or ?invitations=all).
FOLLOW_UP_SHOWN = 20
INVITATIONS_SHOWN = 40
MEMBERS_SHOWN = 40
REGISTER_COLUMNS = [
    Column(gettext_lazy("Number"), lambda decision: decision.number),
    Column(
        gettext_lazy("Meeting date"),
        lambda decision: timezone.localtime(decision.meeting.starts_at).date().isoformat(),
    ),
    Column(gettext_lazy("Text"), lambda decision: decision.text),
    Column(
        gettext_lazy("Responsible"),
        lambda decision: ", ".join(
            str(organization) for organization in decision.responsible.all()
        ),
    ),
    Column(
        gettext_lazy("Due"),
        lambda decision: decision.due_date.isoformat() if decision.due_date else "",
    ),
    Column(gettext_lazy("Status"), lambda decision: decision.get_status_display()),
]
# The subscription feed carries this much of the past, and everything ahead.
FEED_HISTORY = datetime.timedelta(days=180)


# Commissions -----------------------------------------------------------------------------


@require_safe
def commission_list(request):
    commissions = Commission.objects.for_user(request.user).listed(request.user)
    return render(request, "commissions/commission_list.html", {"commissions": commissions})


@require_safe
def commission_detail(request, pk: int):
    user = request.user
    commission = get_for_user_or_404(Commission.objects.detailed(user), user, pk=pk)
    meetings = Meeting.objects.for_user(user).filter(commission=commission)
    return render(
        request,
        "commissions/commission_detail.html",
        {
            "commission": commission,
            "memberships": _members(request, commission),
            "children": Commission.objects.for_user(user).filter(parent=commission),
            "upcoming": meetings.upcoming().select_related("commission").order_by("starts_at"),
            "recent": meetings.past().select_related("commission").order_by("-starts_at")[:10],
        },
    )


def _members(request, commission):
    """The first seats in order, or all of them when asked."""
    rows = Membership.objects.for_user(request.user).roster(commission, request.user)
    return rows if request.GET.get("members") == "all" else rows[:MEMBERS_SHOWN]


def _decisions(request, commission):
    rows = Decision.objects.for_user(request.user).filter(meeting__commission=commission).listed()
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
            **page_of(request, rows),
            "today": timezone.localdate(),
        },
    )


@require_safe
def decision_register_csv(request, pk: int):
    commission = get_for_user_or_404(Commission.objects, request.user, pk=pk)
    rows = _decisions(request, commission)[1]
    stem = f"decisions-{commission.code.lower()}"
    return table_response("csv", stem, REGISTER_COLUMNS, rows)


def meeting_create(request, pk: int):
    commission = get_editable_or_404(Commission.objects, request.user, pk=pk)
    form = MeetingForm(request.POST or None)
    if meeting := submitted(
        request, form, lambda: services.meeting_plan(commission=commission, **form.cleaned_data)
    ):
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
    meetings = (
        Meeting.objects.for_user(request.user)
        .with_answers(request.user.organization_id)
        .select_related("commission")
        .order_by("-starts_at")
    )
    listing = MeetingFilter(request.GET or None, queryset=meetings, user=request.user)
    return render(
        request,
        "commissions/meeting_list.html",
        {
            "filter": listing,
            **page_of(request, filtered_rows(listing)),
            "answer_choices": InvitationAnswer.choices,
        },
    )


@require_safe
def meeting_calendar(request):
    month = dates.month_of(request.GET.get("month"))
    if month is None:
        if "month" in request.GET:
            messages.error(request, _("Give the month as YYYY-MM, e.g. 2027-01."))
        month = timezone.localdate().replace(day=1)
    meetings = Meeting.objects.for_user(request.user).between(*dates.month_span(month))
    by_day = defaultdict(list)
    for meeting in meetings.select_related("commission").order_by("starts_at"):
        by_day[timezone.localtime(meeting.starts_at).date()].append(meeting)
    weeks = [[(day, by_day.get(day, [])) for day in week] for week in dates.weeks_of(month)]
    weekdays = [day for day, _meetings in weeks[0]]
    return render(
        request,
        "commissions/meeting_calendar.html",
        {
            "month": month,
            "weeks": weeks,
            "weekdays": weekdays,
            "previous": dates.previous_month(month),
            "following": dates.next_month(month),
            "today": timezone.localdate(),
            "count": sum(len(day) for day in by_day.values()),
        },
    )


def _meeting_for(request, pk: int):
    return get_for_user_or_404(Meeting.objects.select_related("commission"), request.user, pk=pk)


def _editable_meeting(request, pk: int):
    return get_editable_or_404(Meeting.objects.select_related("commission"), request.user, pk=pk)


@require_safe
def meeting_detail(request, pk: int):
    user = request.user
    agenda = AgendaItem.objects.presented(user).with_document_links()
    meeting = get_for_user_or_404(
        Meeting.objects.detailed(user).prefetch_related(Prefetch("agenda_items", agenda)),
        user,
        pk=pk,
    )
    decisions = list(
        Decision.objects.for_user(user).at_meeting(meeting).listed().with_follow_up(user)
    )
    follow_up = [d for d in decisions if d.meeting_id != meeting.pk]
    minutes = list(Minutes.objects.for_user(user).at_meeting(meeting))
    invitations = list(_invitations(request, meeting))
    return render(
        request,
        "commissions/meeting_detail.html",
        {
            "meeting": meeting,
            "former_dates": list(zip(meeting.former_starts, meeting.former_reasons, strict=True)),
            "invitations": invitations,
            "invitations_more": meeting.invited_count - len(invitations),
            # A partner sees its own invitation only, with its answer.
            "own_invitation": None if user.is_ministry else next(iter(invitations), None),
            "follow_up": follow_up[:FOLLOW_UP_SHOWN],
            "follow_up_more": len(follow_up) - FOLLOW_UP_SHOWN,
            "decisions": [d for d in decisions if d.meeting_id == meeting.pk],
            "minutes": next((m for m in minutes if m.meeting_id == meeting.pk), None),
            "approvals": [m for m in minutes if m.meeting_id != meeting.pk],
            "started": meeting.starts_at <= timezone.now(),
            "status_form": DecisionStatusForm() if meeting.editable else None,
            "follow_up_templates": follow_up_templates(),
        },
    )


def _invitations(request, meeting):
    """The first invitations by organisation name, or all of them when asked."""
    rows = (
        Invitation.objects.for_user(request.user)
        .filter(meeting=meeting)
        .with_editable(request.user)
        .select_related("organization", "answered_by", "answered_by_person")
        .order_by("organization__name_fr")
    )
    return rows if request.GET.get("invitations") == "all" else rows[:INVITATIONS_SHOWN]


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
    user = request.user
    meeting = get_for_user_or_404(
        Meeting.objects.select_related("commission__secretariat").prefetch_related(
            Prefetch("agenda_items", AgendaItem.objects.presented(user))
        ),
        user,
        pk=pk,
    )
    return render(
        request,
        "commissions/meeting_convocation.html",
        {
            "meeting": meeting,
            "members": Membership.objects.for_user(user).roster(meeting.commission, user),
            # With what other apps follow them up by (their actions' status and progress).
            "follow_up": Decision.objects.for_user(user)
            .to_follow_up_at(meeting)
            .listed()
            .with_follow_up(user),
            "follow_up_templates": follow_up_templates(),
        },
    )


def meeting_edit(request, pk: int):
    meeting = _editable_meeting(request, pk)
    form = MeetingDetailsForm(request.POST or None, instance=meeting)
    if submitted(
        request, form, lambda: services.meeting_update(meeting=meeting, **form.cleaned_data)
    ):
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
    if submitted(
        request, form, lambda: services.meeting_postpone(meeting=meeting, **form.cleaned_data)
    ):
        messages.success(request, _("The meeting was moved; its former date is kept."))
        return redirect(meeting)
    return render(
        request,
        "commissions/meeting_postpone.html",
        {"form": form, "meeting": meeting, "heading": _("Move to another date")},
    )


def _meeting_action(request, pk: int, action, done: str, then=None):
    meeting = _editable_meeting(request, pk)
    try:
        action(meeting=meeting)
    except ValidationError as error:
        say_refused(request, error)
    else:
        messages.success(request, done)
        if then:
            then(request, meeting)
    return redirect(meeting)


def _say_who_is_unreachable(request, meeting) -> None:
    names = [organization.name for organization in unreachable(meeting)]
    if names:
        messages.warning(
            request,
            _(
                "Nobody at %(organizations)s has an address the portal can write to: invite "
                "them another way, or add an address in the directory."
            )
            % {"organizations": ", ".join(names)},
        )


@require_POST
def meeting_convene(request, pk: int):
    return _meeting_action(
        request,
        pk,
        services.meeting_convene,
        _("The meeting is convened: every member organisation is invited."),
        then=_say_who_is_unreachable,
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
    if submitted(
        request, form, lambda: services.agenda_item_add(meeting=meeting, **form.cleaned_data)
    ):
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
        say_refused(request, error)
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
        say_refused(request, error)
    return redirect(item.meeting.get_absolute_url() + "#agenda-heading")


@require_safe
def agenda_document_download(request, pk: int):
    document = get_for_user_or_404(AgendaDocument.objects, request.user, pk=pk)
    return download(document.file, document.title)


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
    if submitted(
        request,
        form,
        lambda: services.invitation_answer(
            invitation=invitation, user=request.user, **form.cleaned_data
        ),
    ):
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


@login_not_required
def answer_from_email(request, token: str):
    """The invitation email's personal link: answer without an account, for this meeting only."""
    link = read_link(token)
    if link.invitation is None or link.expired:
        status = 404 if link.invitation is None else 410
        return render(
            request, "commissions/answer_link_refused.html", {"link": link}, status=status
        )
    invitation = link.invitation
    form = InvitationAnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"answer": invitation.answer, "delegate": invitation.delegate or link.person.name},
    )
    if submitted(
        request,
        form,
        lambda: services.invitation_answer(
            invitation=invitation, person=link.person, **form.cleaned_data
        ),
    ):
        messages.success(request, _("Your answer was recorded. Thank you."))
        return redirect(request.path)
    return render(
        request,
        "commissions/answer_from_email.html",
        {
            "form": form,
            "invitation": invitation,
            "meeting": invitation.meeting,
            "agenda": invitation.meeting.agenda_items.order_by("position"),
            "person": link.person,
        },
    )


@require_safe
def meeting_delivery(request, pk: int):
    """The secretariat's view of the invitation emails: who was written to, and what came of it."""
    meeting = get_for_user_or_404(Meeting.objects.select_related("commission"), request.user, pk=pk)
    if not request.user.sees_delivery:
        raise PermissionDenied
    return render(
        request,
        "commissions/meeting_delivery.html",
        {"meeting": meeting, "delivery": delivery_of(meeting)},
    )


def attendance(request, pk: int):
    meeting = get_editable_or_404(
        Meeting.objects.select_related("commission").prefetch_related("invitations"),
        request.user,
        pk=pk,
    )
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if submitted(
        request, form, lambda: services.attendance_record(meeting=meeting, **form.cleaned_data)
    ):
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
    if decision := submitted(
        request, form, lambda: services.decision_record(meeting=meeting, **form.cleaned_data)
    ):
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
    if submitted(
        request,
        form,
        lambda: services.minutes_save(meeting=meeting, user=request.user, **form.cleaned_data),
    ):
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
            say_refused(request, error)
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
            "decisions": Decision.objects.for_user(request.user).filter(meeting=meeting).listed(),
        },
    )


@require_safe
def minutes_file(request, pk: int):
    meeting = _meeting_for(request, pk)
    minutes = get_for_user_or_404(Minutes.objects, request.user, meeting=meeting)
    return download(minutes.file, _("Minutes %(number)s") % {"number": meeting.number})


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
