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
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_POST, require_safe

from accounts.scoping import get_editable_or_404, get_for_user_or_404
from mra_portal.lib import dates
from mra_portal.lib.exports import Column, table_response
from mra_portal.lib.files import download
from mra_portal.lib.forms import form_view, say_refused, submitted
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
    ObjectionForm,
    PastMeetingForm,
    PostponeForm,
    ProcedureForm,
    SignatureForm,
    presenter_label,
    presenters,
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
    MinutesVersion,
)
from .reminders import delivery_of, unreachable

# The meeting page shows this many; one click shows the rest (the register, or ?invitations=all).
FOLLOW_UP_SHOWN = 20
INVITATIONS_SHOWN = 40
MEMBERS_SHOWN = 40
REGISTER_COLUMNS = [
    Column(gettext_lazy("Number"), lambda decision: decision.number, text=True),
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
# A written procedure's deadline, unless the secretariat chooses another.
PROCEDURE_DEFAULT_LENGTH = datetime.timedelta(days=10)
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
            "upcoming": meetings.upcoming().select_related("commission"),
            "recent": meetings.past().select_related("commission")[:10],
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
def decision_register_csv(request, pk: int, extension: str = "csv"):
    commission = get_for_user_or_404(Commission.objects, request.user, pk=pk)
    rows = _decisions(request, commission)[1]
    stem = f"decisions-{commission.code.lower()}"
    return table_response(extension, stem, REGISTER_COLUMNS, rows)


@form_view
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


@form_view
def meeting_record(request, pk: int):
    """A meeting that has already taken place: recorded as held, nobody written to."""
    commission = get_editable_or_404(Commission.objects, request.user, pk=pk)
    form = PastMeetingForm(request.POST or None, commission=commission, user=request.user)
    if meeting := submitted(
        request,
        form,
        lambda: services.meeting_record_past(commission=commission, **form.cleaned_data),
    ):
        messages.success(
            request,
            _("Meeting %(number)s is recorded as held: add its decisions and minutes.")
            % {"number": meeting},
        )
        return redirect(meeting)
    return render(
        request,
        "commissions/meeting_form.html",
        {"form": form, "commission": commission, "heading": _("Record a past meeting")},
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


@form_view
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


@form_view
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


def _confirmed(request, pk: int, action, foreseen, *, heading, lead, button, done, then=None):
    """A step that cannot be undone: a GET says what it will do, or why it cannot; the POST
    does it and says so, or why not."""
    meeting = _editable_meeting(request, pk)
    if request.method != "POST":
        return render(
            request,
            "commissions/meeting_confirm.html",
            {
                "meeting": meeting,
                "heading": heading,
                "lead": lead,
                "button": button,
                "foreseen": foreseen(meeting),
            },
        )
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


@form_view
def meeting_convene(request, pk: int):
    return _confirmed(
        request,
        pk,
        services.meeting_convene,
        services.meeting_convene_foreseen,
        heading=_("Convene the meeting"),
        lead=_(
            "Every member organisation is invited: the invitation goes out at once, with the "
            "agenda and a calendar file, and reminders follow before the meeting."
        ),
        button=_("Convene and send the invitations"),
        done=_("The meeting is convened: every member organisation is invited."),
        then=_say_who_is_unreachable,
    )


@form_view
def meeting_cancel(request, pk: int):
    return _confirmed(
        request,
        pk,
        services.meeting_cancel,
        services.meeting_cancel_foreseen,
        heading=_("Cancel the meeting"),
        lead=_(
            "The meeting stays in the register as cancelled. Those already invited are told, "
            "with a file that takes it out of their calendars. This cannot be undone."
        ),
        button=_("Cancel the meeting"),
        done=_("The meeting is cancelled."),
    )


@form_view
def meeting_mark_held(request, pk: int):
    return _confirmed(
        request,
        pk,
        services.meeting_mark_held,
        services.meeting_mark_held_foreseen,
        heading=_("Record the meeting as held"),
        lead=_(
            "Answers to the invitation close and no more reminders go out. Attendance, "
            "decisions and minutes are recorded next."
        ),
        button=_("Record as held"),
        done=_("The meeting is recorded as held."),
    )


# Agenda ----------------------------------------------------------------------------------


@form_view
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


@form_view
def agenda_item_edit(request, pk: int):
    item = get_editable_or_404(
        AgendaItem.objects.select_related("meeting__commission"), request.user, pk=pk
    )
    meeting = item.meeting
    form = AgendaItemForm(
        request.POST or None,
        request.FILES or None,
        instance=item,
        meeting=meeting,
        user=request.user,
    )
    if submitted(
        request, form, lambda: services.agenda_item_update(item=item, **form.cleaned_data)
    ):
        messages.success(request, _("The agenda item was saved."))
        return redirect(meeting.get_absolute_url() + "#agenda-heading")
    return render(
        request,
        "commissions/agenda_item_form.html",
        {"form": form, "meeting": meeting, "item": item, "heading": _("Edit the agenda item")},
    )


@require_safe
def agenda_presenters(request, pk: int):
    """The people of the organisation chosen on the agenda form, as its list's options."""
    meeting = _editable_meeting(request, pk)
    chosen = request.GET.get("presenter_organization", "")
    people = presenters(meeting, request.user, int(chosen)) if chosen.isdigit() else []
    return render(
        request,
        "commissions/_presenter_options.html",
        {"options": [(person.pk, presenter_label(person)) for person in people]},
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


@form_view
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
@form_view
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


@form_view
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


@form_view
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


def _approval_form(name: str, meeting, data=None, files=None):
    """One of the minutes page's ways of approving, by its name in the page; its box to tick
    says what it will do. The meeting is read with its attendance counts."""
    invited = meeting.invited_count
    frozen = ngettext(
        "I confirm: the minutes are frozen and sent to the %(count)d organisation invited.",
        "I confirm: the minutes are frozen and sent to the %(count)d organisations invited.",
        invited,
    ) % {"count": invited}
    # Each form's ids start with its name: the page holds several boxes named "confirm".
    auto_id = name.removesuffix("_form") + "-%s"
    if name == "approval_form":
        return MinutesApprovalForm(data, meeting=meeting, consequence=frozen, auto_id=auto_id)
    if name == "signature_form":
        return SignatureForm(
            data,
            files,
            consequence=frozen,
            initial={"signed_by": meeting.commission.chair},
            auto_id=auto_id,
        )
    circulated = ngettext(
        "I confirm: the draft goes to the %(count)d organisation invited, and is approved at "
        "the deadline unless it objects.",
        "I confirm: the draft goes to the %(count)d organisations invited, and is approved at "
        "the deadline unless one of them objects.",
        invited,
    ) % {"count": invited}
    return ProcedureForm(
        data,
        consequence=circulated,
        auto_id=auto_id,
        initial={"deadline": timezone.localtime() + PROCEDURE_DEFAULT_LENGTH},
    )


def _minutes_meeting(request, pk: int):
    return get_editable_or_404(
        Meeting.objects.with_attendance().select_related("commission"), request.user, pk=pk
    )


def _minutes_page(request, meeting, **bound):
    """The minutes page: the draft (or the frozen text), where its approval stands, and the
    ways still open to approve it, each with its own form; `bound` holds a posted one."""
    versions = MinutesVersion.objects.select_related("saved_by")
    minutes = (
        Minutes.objects.filter(meeting=meeting)
        .select_related("approved_by_meeting__commission")
        .prefetch_related(Prefetch("versions", versions))
        .first()
    )
    procedure = minutes.procedures.first() if minutes else None
    context = {
        "meeting": meeting,
        # In context: "Minutes" alone is a time unit (celery-beat, mra_portal/admin_strings.py).
        "heading": pgettext("meeting record", "Minutes"),
        "minutes": minutes,
        "procedure": procedure,
        "objections": procedure.objections.select_related("organization", "made_by")
        if procedure
        else [],
    }
    # The posted form, with its errors and what was typed, whatever the state it met.
    context["posted"] = next(iter(bound.values()), None)
    if "form" in bound or minutes is None or minutes.is_changeable(procedure):
        context["form"] = bound.get("form") or MinutesForm(
            initial={"text": minutes.text if minutes else ""}
        )
    if minutes is not None and minutes.is_changeable(procedure):
        approval_form = bound.get("approval_form") or _approval_form("approval_form", meeting)
        # Whether a later meeting has taken place: the form offers the first one.
        later = approval_form.fields["at_meeting"].initial is not None
        ahead = Meeting.objects.later_than(meeting).upcoming().select_related("commission")
        context |= {
            "approval_form": approval_form if later else None,
            "next_meeting": None if later else ahead.first(),
            **{
                name: bound.get(name) or _approval_form(name, meeting)
                for name in ("procedure_form", "signature_form")
            },
        }
    return render(request, "commissions/minutes_form.html", context)


@form_view
def minutes_edit(request, pk: int):
    meeting = _minutes_meeting(request, pk)
    form = MinutesForm(request.POST or None, request.FILES or None)
    if submitted(
        request,
        form,
        lambda: services.minutes_save(meeting=meeting, user=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The draft minutes were saved."))
        return redirect("commissions:minutes", pk=meeting.pk)
    return _minutes_page(request, meeting, **({"form": form} if request.method == "POST" else {}))


def _approval_step(request, pk: int, name: str, write, done: str):
    """One way of approving the minutes, posted from their page: done, or the page again
    with this form's errors and what was typed."""
    meeting = _minutes_meeting(request, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        messages.error(request, _("Write the minutes before approving them."))
        return redirect("commissions:minutes", pk=meeting.pk)
    if not minutes.is_changeable(minutes.procedures.first()):
        messages.error(
            request, _("These minutes are approved or circulated: see where their approval stands.")
        )
        return redirect("commissions:minutes", pk=meeting.pk)
    form = _approval_form(name, meeting, request.POST, request.FILES or None)
    if submitted(request, form, lambda: write(minutes, form.cleaned_data)):
        messages.success(request, done)
        return redirect("commissions:minutes", pk=meeting.pk)
    return _minutes_page(request, meeting, **{name: form})


@require_POST
def minutes_approve(request, pk: int):
    return _approval_step(
        request,
        pk,
        "approval_form",
        lambda minutes, data: services.minutes_approve(
            minutes=minutes, at_meeting=data["at_meeting"]
        ),
        _("The minutes are approved and now frozen."),
    )


@require_POST
def minutes_circulate(request, pk: int):
    return _approval_step(
        request,
        pk,
        "procedure_form",
        lambda minutes, data: services.procedure_open(
            minutes=minutes, deadline=data["deadline"], user=request.user
        ),
        _("The draft minutes are circulated to the members until the deadline."),
    )


@require_POST
def minutes_sign(request, pk: int):
    return _approval_step(
        request,
        pk,
        "signature_form",
        lambda minutes, data: services.minutes_sign(
            minutes=minutes, signed_by=data["signed_by"], file=data["file"]
        ),
        _("The minutes are approved by the chair's signature and now frozen."),
    )


@form_view
def minutes_review(request, pk: int):
    """Minutes circulated by written procedure, as a member reads them: the draft, the
    deadline, and its objection (or, for the secretariat, everyone's)."""
    meeting = _meeting_for(request, pk)
    invitations = (
        Invitation.objects.editable_by(request.user)
        .filter(meeting=meeting)
        .select_related("organization")
        .order_by("organization__name_fr")
    )
    if not invitations.exists():
        raise PermissionDenied
    minutes = Minutes.objects.for_user(request.user).filter(meeting=meeting).first()
    procedure = minutes.procedures.first() if minutes else None
    form = None
    if procedure and procedure.takes_objections():
        form = ObjectionForm(request.POST or None, invitations=invitations)
        if submitted(
            request,
            form,
            lambda: services.objection_make(
                procedure=procedure, user=request.user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Your objection was recorded. The secretariat reads it."))
            return redirect("commissions:minutes_review", pk=meeting.pk)
    elif request.method == "POST":
        messages.error(request, _("No draft is open for objections on this meeting."))
    objections = (
        procedure.objections.filter(
            organization__in=invitations.values("organization")
        ).select_related("organization")
        if procedure
        else []
    )
    return render(
        request,
        "commissions/minutes_review.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "procedure": procedure,
            "objections": objections,
            "form": form,
            "heading": _("Minutes for approval"),
        },
    )


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


@form_view
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
    feed_url = (
        request.build_absolute_uri(reverse("commissions:feed_ics", args=[token])) if token else None
    )
    return render(
        request,
        "commissions/calendar_feed.html",
        {
            "feed": CalendarFeed.objects.filter(user=request.user).first(),
            "feed_url": feed_url,
            # The same address, opened by the calendar application rather than the browser.
            "webcal_url": feed_url and "webcal://" + feed_url.split("://", 1)[1],
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
