import datetime

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.audit import tracked
from accounts.i18n import localized
from accounts.periods import DatedQuerySet
from accounts.scoping import ScopedQuerySet
from accounts.uploads import DocumentField
from contacts.models import Person
from mra_portal.lib.fields import WebsiteField
from mra_portal.lib.queries import count_of
from partners.models import Organization

from . import follow_up


class CommissionKind(models.TextChoices):
    INTER_MINISTERIAL = "inter_ministerial", _("Inter-ministerial commission")
    TECHNICAL = "technical", _("Technical commission")
    WORKING_GROUP = "working_group", _("Working group")
    JOINT = "joint", _("Bilateral joint commission")


class CommissionQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """The commissions the organisation is a current member of."""
        return self.filter(
            pk__in=Membership.objects.current()
            .filter(organization_id=organization_id)
            .values("commission")
        )

    def with_parent_visible(self, user):
        """A partner sees the commission a sub-commission stems from only if it sits on it too."""
        visible = Commission.objects.for_user(user).filter(pk=OuterRef("parent"))
        return self.select_related("parent", "secretariat").annotate(parent_visible=Exists(visible))

    def with_member_count(self):
        """The seats held today, counted per row."""
        return self.annotate(member_count=count_of(Membership.objects.current(), link="commission"))

    def listed(self, user):
        """The list's rows: the seats held now and the meetings ahead, counted per row."""
        return (
            self.with_parent_visible(user)
            .with_member_count()
            .annotate(upcoming_count=count_of(Meeting.objects.upcoming(), link="commission"))
        )

    def detailed(self, user):
        """The commission page's record: what the user may change, and its open decisions."""
        open_decisions = Decision.objects.for_user(user).still_open()
        return (
            self.with_parent_visible(user)
            .with_member_count()
            .with_editable(user)
            .annotate(open_decisions=count_of(open_decisions, link="meeting__commission"))
        )


@tracked()
class Commission(models.Model):
    """The inter-ministerial commission, the Technical Commission stemming from it, and the like."""

    kind = models.CharField(_("kind"), max_length=32, choices=CommissionKind.choices)
    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("The prefix of meeting numbers, e.g. CIM gives CIM-2026-03."),
    )
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent commission"),
    )
    chair_fr = models.CharField(
        _("chair (French)"), max_length=255, blank=True, help_text=_("e.g. the Head of Government.")
    )
    chair_ar = models.CharField(_("chair (Arabic)"), max_length=255, blank=True)
    chair_en = models.CharField(_("chair (English)"), max_length=255, blank=True)
    secretariat = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="secretariat_of",
        verbose_name=_("secretariat"),
    )
    country = CountryField(
        _("partner country"),
        blank=True,
        help_text=_("For a bilateral joint commission: the country it meets with."),
    )
    mandate = models.TextField(_("mandate"), blank=True)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    quorum = models.DecimalField(
        _("quorum"),
        max_digits=3,
        decimal_places=2,
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("The share of member organisations that must be present, from 0 to 1."),
    )

    reminder_days = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(90)]),
        verbose_name=_("reminders, days before a meeting"),
        default=list,
        blank=True,
        help_text=_("e.g. 7, 1. Empty keeps the portal's default: 7 and 1 days before."),
    )

    objects = CommissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("commissions:detail", args=[self.pk])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def chair(self) -> str:
        return localized(self, "chair")

    @property
    def quorum_percent(self) -> int:
        """The quorum as people say it: 50, for half the member organisations."""
        return round(self.quorum * 100)


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARIAT = "secretariat", _("Secretariat")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class ThroughCommissionQuerySet(ScopedQuerySet):
    """Rows a partner sees because it sits on their commission."""

    def for_organization(self, organization_id: int):
        return self.filter(commission__in=Commission.objects.for_organization(organization_id))


class MembershipQuerySet(DatedQuerySet, ThroughCommissionQuerySet):
    def seated_on(self, commission):
        """The commission's members today."""
        return self.current().filter(commission=commission)

    def invited_to(self, commission):
        """The organisations its meetings invite: every seat but the secretariat's own (it
        convenes them, and hears of them as the secretariat)."""
        seats = self.seated_on(commission).exclude(role=MembershipRole.SECRETARIAT)
        return seats.values_list("organization", flat=True)

    def roster(self, commission, user):
        """The current seats in order, each saying whether the user may see its people."""
        people = Person.objects.for_user(user)
        return (
            self.seated_on(commission)
            .select_related("organization", "representative", "alternate")
            .annotate(
                representative_visible=Exists(people.filter(pk=OuterRef("representative"))),
                alternate_visible=Exists(people.filter(pk=OuterRef("alternate"))),
            )
            .order_by("role", "organization__name_fr")
        )


@tracked()
class Membership(models.Model):
    """An organisation's seat on a commission, with its representative and alternate."""

    commission = models.ForeignKey(
        Commission,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("commission"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    representative = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("representative"),
    )
    alternate = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alternate"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["commission", "organization__name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "organization"],
                condition=Q(end_date__isnull=True),
                name="membership_one_current_seat_per_organisation",
                violation_error_message=_("This organisation already sits on this commission."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.commission.code}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONVENED = "convened", _("Convened")
    HELD = "held", _("Held")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# Convened (or moved since): invitations are out and answers come in.
OPEN_MEETING = (MeetingStatus.CONVENED, MeetingStatus.POSTPONED)
# Held, approved or cancelled: no more invitations, answers or moves.
MEETING_OVER = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED)
# Taking place or held, until approved minutes close it: attendance and decisions are recorded.
RECORDING = (*OPEN_MEETING, MeetingStatus.HELD)
# Held: minutes are written, then approved and frozen.
WITH_MINUTES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
# Seen on a calendar next to the number: the meeting is not where it was said to be.
DISRUPTED = (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED)


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")


class MeetingQuerySet(ThroughCommissionQuerySet):
    def for_reminders(self):
        """What the reminder outbox needs to write about a meeting: its commission, and its
        date changes (newest first) for a notice that says it moved."""
        return self.select_related("commission").prefetch_related(
            Prefetch("date_changes", queryset=MeetingDateChange.objects.order_by("-changed_at"))
        )

    def upcoming(self):
        """Not cancelled and still ahead, soonest first."""
        return (
            self.filter(starts_at__gte=timezone.now())
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("starts_at")
        )

    def past(self):
        """Started already, latest first."""
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")

    def between(self, start: datetime.datetime, end: datetime.datetime):
        """The meetings that start in [start, end): a calendar month, a feed's window."""
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def with_attendance(self):
        """How many organisations were invited and how many were present, for the quorum."""
        return self.annotate(
            invited_count=models.Count("invitations", distinct=True),
            present_count=models.Count(
                "invitations", filter=Q(invitations__present=True), distinct=True
            ),
            recorded_count=models.Count(
                "invitations", filter=Q(invitations__present__isnull=False), distinct=True
            ),
        )

    def with_answers(self, organization_id: int):
        """Invitations sent and answered, and the organisation's own answer, counted per row."""
        invitations = Invitation.objects.all()
        own = invitations.filter(meeting=OuterRef("pk"), organization=organization_id)
        return self.annotate(
            invited=count_of(invitations, link="meeting"),
            answered=count_of(invitations.exclude(answer=InvitationAnswer.PENDING), link="meeting"),
            my_answer=Subquery(own.values("answer")[:1]),
        )

    def detailed(self, user):
        """The meeting page's record: attendance, what the user may change, its former dates."""
        moves = MeetingDateChange.objects.filter(meeting=OuterRef("pk")).order_by("-changed_at")
        return (
            self.with_attendance()
            .with_editable(user)
            .annotate(
                former_starts=ArraySubquery(moves.values("previous_starts_at")),
                former_reasons=ArraySubquery(moves.values("reason")),
            )
            .select_related("commission__secretariat")
        )

    def later_than(self, meeting: "Meeting"):
        """Meetings of the same commission after this one: those that may approve its minutes."""
        return self.filter(
            commission=meeting.commission_id, starts_at__gt=meeting.starts_at
        ).exclude(status=MeetingStatus.CANCELLED)


@tracked()
class Meeting(models.Model):
    commission = models.ForeignKey(
        Commission,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("commission"),
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveSmallIntegerField(_("number in the year"), editable=False)
    kind = models.CharField(
        _("kind"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.ORDINARY
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = WebsiteField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            # Deferred: renumbering by date swaps numbers within one transaction.
            models.UniqueConstraint(
                fields=["commission", "year", "sequence"],
                name="meeting_unique_number",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("A meeting must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("commissions:meeting", args=[self.pk])

    @property
    def number(self) -> str:
        return f"{self.commission.code}-{self.year}-{self.sequence:02d}"

    @property
    def is_over(self) -> bool:
        return self.status in MEETING_OVER

    @property
    def is_planned(self) -> bool:
        """Not convened yet: no organisation has been invited."""
        return self.status == MeetingStatus.PLANNED

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def is_disrupted(self) -> bool:
        return self.status in DISRUPTED

    @property
    def takes_answers(self) -> bool:
        return self.status in OPEN_MEETING

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    # What the meeting allows in its state: the services enforce these, the pages ask them.

    def can_change(self) -> bool:
        """Its details, dates and agenda change, and it can be cancelled, until it is over."""
        return not self.is_over

    def can_convene(self) -> bool:
        """Invitations go out for a meeting ahead, never for one already under way."""
        return not self.is_over and not self.has_started

    def can_mark_held(self) -> bool:
        return self.takes_answers and self.has_started

    def can_record_attendance(self) -> bool:
        return self.status in RECORDING

    def can_record_decisions(self) -> bool:
        return self.status in RECORDING

    def has_minutes_stage(self) -> bool:
        """Held: its minutes can be written, read and approved."""
        return self.status in WITH_MINUTES

    @property
    def attendance_recorded(self) -> bool:
        """Quorum means something once the secretariat has recorded who came."""
        return bool(self.recorded_count)

    def quorum_reached(self) -> bool:
        """Whether the share of invited organisations marked present meets the rule.

        Uses the counts of MeetingQuerySet.with_attendance() when the meeting was read with them.
        """
        if hasattr(self, "invited_count"):
            invited, present = self.invited_count, self.present_count
        else:
            counted = Meeting.objects.with_attendance().filter(pk=self.pk)
            invited, present = counted.values_list("invited_count", "present_count").get()
        return bool(invited) and present / invited >= float(self.commission.quorum)


@tracked()
class MeetingDateChange(models.Model):
    """The history of a postponed meeting's dates."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="date_changes",
        verbose_name=_("meeting"),
    )
    previous_starts_at = models.DateTimeField(_("previous start"))
    previous_ends_at = models.DateTimeField(_("previous end"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting date change")
        verbose_name_plural = _("meeting date changes")
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.previous_starts_at:%Y-%m-%d}"


class InvitationAnswer(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ATTENDING = "attending", _("Attending")
    REPRESENTED = "represented", _("Represented by the alternate")
    DECLINED = "declined", _("Declined")


class InvitationQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """Its own invitations, while it still sits on the commission."""
        return self.filter(
            organization_id=organization_id,
            meeting__in=Meeting.objects.for_organization(organization_id),
        )

    def editable_by(self, user):
        """Who may answer: coordinators for anyone, a focal point for its own organisation."""
        if user.is_authenticated and user.is_active and user.answers_for_organization:
            return self.for_organization(user.organization_id)
        return super().editable_by(user)


@tracked()
class Invitation(models.Model):
    """One member organisation invited to one meeting; its answer and its attendance."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("meeting"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    answer = models.CharField(
        _("answer"),
        max_length=16,
        choices=InvitationAnswer.choices,
        default=InvitationAnswer.PENDING,
    )
    delegate = models.CharField(_("delegate"), max_length=255, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    # An answer from the email's personal link: the person who gave it, without an account.
    answered_by_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered from the email by"),
    )
    present = models.BooleanField(_("present"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "organization__name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization"], name="invitation_one_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.organization}"

    @property
    def is_unanswered(self) -> bool:
        return self.answer == InvitationAnswer.PENDING

    @property
    def answer_label(self) -> str:
        """The answer; for an organisation that never answered, whether it came, once known."""
        if self.is_unanswered and self.present is not None:
            return _("Present") if self.present else _("Absent")
        return self.get_answer_display()


class ThroughMeetingQuerySet(ScopedQuerySet):
    """Rows a partner sees because it sits on their meeting's commission."""

    def for_organization(self, organization_id: int):
        return self.filter(meeting__in=Meeting.objects.for_organization(organization_id))


class AgendaItemQuerySet(ThroughMeetingQuerySet):
    def presented(self, user):
        """With presenters, whose names show only to those who may see them."""
        people = Person.objects.for_user(user)
        return self.select_related("presenter_organization", "presenter_person").annotate(
            person_visible=Exists(people.filter(pk=OuterRef("presenter_person")))
        )

    def with_document_links(self):
        """Each item's documents as (pk, title) pairs, in the same query."""
        documents = AgendaDocument.objects.filter(item=OuterRef("pk")).order_by("pk")
        return self.annotate(
            document_links=ArraySubquery(documents.values(link=JSONObject(pk="pk", title="title")))
        )


@tracked()
class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=255)
    presenter_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by (organisation)"),
    )
    presenter_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by (person)"),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    # Empty for items older than the field: only later additions make an "agenda changed" notice.
    added_at = models.DateTimeField(_("added at"), null=True, default=timezone.now, editable=False)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class AgendaDocumentQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(item__meeting__in=Meeting.objects.for_organization(organization_id))


@tracked()
class AgendaDocument(models.Model):
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("title"), max_length=255)
    file = DocumentField(_("file"))

    objects = AgendaDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda document")
        verbose_name_plural = _("agenda documents")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.title


def _open_procedure():
    """The open written procedure of the outer query's minutes, as a subquery."""
    return WrittenProcedure.objects.still_open().filter(minutes=OuterRef("pk"))


class MinutesQuerySet(ThroughMeetingQuerySet):
    def for_organization(self, organization_id: int):
        """Partners read minutes once approved, and a draft while it is circulated to them
        for approval by written procedure; never a draft otherwise."""
        return (
            super()
            .for_organization(organization_id)
            .filter(Q(approved_at__isnull=False) | Exists(_open_procedure()))
        )

    def for_reminders(self):
        """What the outbox writes about approved minutes: their meeting and its commission."""
        return self.select_related("meeting__commission")

    def at_meeting(self, meeting: "Meeting"):
        """The meeting's own minutes and those it approved, in one query, each with the
        deadline of its open written procedure, if one is open."""
        return (
            self.filter(Q(meeting=meeting) | Q(approved_by_meeting=meeting))
            .select_related("meeting__commission")
            .annotate(circulated_until=Subquery(_open_procedure().values("deadline")[:1]))
        )


class ApprovalWay(models.TextChoices):
    MEETING = "meeting", _("At a later meeting")
    WRITTEN = "written", _("By written procedure")
    CHAIR = "chair", _("Signed by the chair")


@tracked()
class Minutes(models.Model):
    """A meeting's minutes: a draft until approved (at a later meeting, by written procedure
    or by the chair's signature), then frozen."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    text = models.TextField(_("text"))
    file = DocumentField(_("signed copy"), blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes",
        editable=False,
        verbose_name=_("approved by the meeting"),
    )
    approved_how = models.CharField(
        _("way of approval"), max_length=8, choices=ApprovalWay.choices, blank=True, editable=False
    )
    signed_by = models.CharField(_("signed by"), max_length=255, blank=True, editable=False)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def is_changeable(self, latest_procedure=None) -> bool:
        """A draft not circulated: its text changes, and it can be approved one way or
        another. `latest_procedure` is the latest written procedure, read by the caller."""
        return not self.is_approved and not (latest_procedure and latest_procedure.is_open)


class ProcedureOutcome(models.TextChoices):
    OPEN = "open", _("Open for objections")
    APPROVED = "approved", _("Approved without objection")
    OBJECTED = "objected", _("Not approved: members objected")


class WrittenProcedureQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(minutes__meeting__in=Meeting.objects.for_organization(organization_id))

    def still_open(self):
        return self.filter(outcome=ProcedureOutcome.OPEN)

    def due(self):
        """Open, with the deadline passed: to be closed now."""
        return self.still_open().filter(deadline__lte=timezone.now())

    def for_reminders(self):
        """What the outbox writes about a procedure: the minutes, their meeting, its commission."""
        return self.select_related("minutes__meeting__commission")


@tracked()
class WrittenProcedure(models.Model):
    """Draft minutes circulated to the members with a deadline: approved then, unless a
    member objected."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="procedures", verbose_name=_("minutes")
    )
    deadline = models.DateTimeField(_("objections until"))
    opened_at = models.DateTimeField(_("circulated on"), default=timezone.now, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("circulated by"),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=8,
        choices=ProcedureOutcome.choices,
        default=ProcedureOutcome.OPEN,
        editable=False,
    )
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True, editable=False)

    objects = WrittenProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("written procedure")
        verbose_name_plural = _("written procedures")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes"],
                condition=Q(outcome=ProcedureOutcome.OPEN),
                name="written_procedure_one_open_per_minutes",
            )
        ]

    def __str__(self) -> str:
        return f"{self.minutes} · {self.deadline:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.outcome == ProcedureOutcome.OPEN

    def takes_objections(self) -> bool:
        return self.is_open and self.deadline > timezone.now()


@tracked()
class Objection(models.Model):
    """A member organisation's objection to circulated minutes, with what should change."""

    procedure = models.ForeignKey(
        WrittenProcedure,
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("written procedure"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    comment = models.TextField(_("comment"))
    made_at = models.DateTimeField(_("made on"), default=timezone.now, editable=False)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("made by"),
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["made_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "organization"], name="objection_one_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure} · {self.organization}"


@tracked()
class MinutesVersion(models.Model):
    """Every earlier text of a set of minutes, kept when the draft changes."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="versions", verbose_name=_("minutes")
    )
    text = models.TextField(_("text"))
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        ordering = ["-saved_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.minutes} · {self.saved_at:%Y-%m-%d %H:%M}"


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class DecisionQuerySet(ThroughMeetingQuerySet):
    def still_open(self):
        return self.exclude(status=DecisionStatus.CLOSED)

    def overdue(self):
        return self.still_open().filter(due_date__lt=timezone.localdate())

    def listed(self):
        """What every list of decisions shows: number, meeting and responsible organisations."""
        return self.select_related("meeting__commission").prefetch_related("responsible")

    def with_follow_up(self, user):
        """What other apps registered to follow decisions up (their actions), as the user may
        see it, in the decisions' own query: for the pages that show it."""
        return self.annotate(**follow_up.annotations(user))

    def at_meeting(self, meeting: "Meeting"):
        """The meeting's own decisions and the open ones it follows up, in one query."""
        return self.filter(Q(meeting=meeting) | Q(pk__in=Decision.objects.to_follow_up_at(meeting)))

    def to_follow_up_at(self, meeting: "Meeting"):
        """Open decisions of earlier meetings: the agenda carries them until they close."""
        return (
            self.still_open()
            .filter(
                meeting__commission=meeting.commission_id, meeting__starts_at__lt=meeting.starts_at
            )
            .order_by("meeting__starts_at", "sequence")
        )


@tracked()
class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    sequence = models.PositiveSmallIntegerField(_("number"), editable=False)
    text = models.TextField(_("text"))
    responsible = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="decisions",
        verbose_name=_("responsible organisations"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting__starts_at", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "sequence"], name="decision_unique_number")
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("commissions:meeting", args=[self.meeting_id]) + f"#decision-{self.pk}"

    @property
    def number(self) -> str:
        return f"{self.meeting.number}/D{self.sequence}"

    @property
    def is_open(self) -> bool:
        """As DecisionQuerySet.still_open() has it: the agendas carry it until it closes."""
        return self.status != DecisionStatus.CLOSED


@tracked()
class CalendarFeed(models.Model):
    """A user's private calendar subscription: only a digest of its secret token is kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token_digest = models.CharField(_("token digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
