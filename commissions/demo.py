"""The inter-ministerial commission (every partner department and institution) and the
Technical Commission that stems from it, for `manage.py seed_demo`."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import Role, User
from contacts.models import Person
from partners.demo import demo_partners
from partners.models import Organization, OrganizationKind

from .models import (
    AgendaItem,
    ApprovalWay,
    Commission,
    CommissionKind,
    Decision,
    DecisionStatus,
    Invitation,
    InvitationAnswer,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    Objection,
    ProcedureOutcome,
    WrittenProcedure,
)
from .services import (
    agenda_item_add,
    decision_record,
    invitation_answer,
    meeting_convene,
    meeting_plan,
    meeting_record_past,
    minutes_save,
    procedure_open,
)

CASABLANCA = ZoneInfo("Africa/Casablanca")
TECHNICAL_MEMBERS = ["MI", "MAECAMRE", "MENPS", "MSPS", "MEF", "CNSS", "FH2MRE", "CCME", "ANAPEC"]


def seed(*, log) -> None:
    ministry = Organization.objects.get(is_ministry=True)
    cim, _ = Commission.objects.update_or_create(
        code="CIM",
        defaults={
            "kind": CommissionKind.INTER_MINISTERIAL,
            "name_fr": "Commission interministérielle chargée des affaires des MRE "
            "et de la migration",
            "name_ar": "اللجنة الوزارية المكلفة بشؤون المغاربة المقيمين بالخارج وشؤون الهجرة",
            "name_en": "Inter-ministerial Commission for MRA and Migration Affairs",
            "chair_fr": "Le Chef du Gouvernement",
            "chair_ar": "رئيس الحكومة",
            "chair_en": "The Head of Government",
            "secretariat": ministry,
            "quorum": "0.50",
        },
    )
    technical, _ = Commission.objects.update_or_create(
        code="CT",
        defaults={
            "kind": CommissionKind.TECHNICAL,
            "name_fr": "Commission technique",
            "name_ar": "اللجنة التقنية",
            "name_en": "Technical Commission",
            "parent": cim,
            "chair_fr": "Le Secrétaire général du ministère",
            "chair_ar": "الكاتب العام للوزارة",
            "chair_en": "The Secretary General of the Ministry",
            "secretariat": ministry,
            "quorum": "0.50",
        },
    )
    departments = demo_partners().filter(
        kind__in=[OrganizationKind.MINISTERIAL_DEPARTMENT, OrganizationKind.PUBLIC_INSTITUTION],
        parent__isnull=True,
    )
    Membership.objects.get_or_create(commission=cim, organization=ministry, role="secretariat")
    Membership.objects.get_or_create(
        commission=technical, organization=ministry, role="secretariat"
    )
    for organization in departments:
        Membership.objects.get_or_create(commission=cim, organization=organization)
        if organization.acronym_fr in TECHNICAL_MEMBERS:
            Membership.objects.get_or_create(commission=technical, organization=organization)

    if not Meeting.objects.filter(commission=cim).exists():
        # The June meeting is on record as it took place: nobody is written to about it.
        members = Membership.objects.invited_to(cim).order_by("organization__name_fr")
        members = list(members)
        held = meeting_record_past(
            commission=cim,
            starts_at=datetime.datetime(2026, 6, 18, 10, tzinfo=CASABLANCA),
            ends_at=datetime.datetime(2026, 6, 18, 13, tzinfo=CASABLANCA),
            place="Rabat, siège du ministère",
            present=members[: len(members) * 3 // 4],
        )
        interior = Organization.objects.get(acronym_fr="MI")
        health = Organization.objects.get(acronym_fr="MSPS")
        decision_record(
            meeting=held,
            text="Mettre en place un guichet unique pour les démarches administratives des MRE.",
            responsible=[interior],
            due_date=datetime.date(2026, 12, 31),
        )
        decision_record(
            meeting=held,
            text="Étendre la couverture médicale aux familles des MRE lors des séjours au Maroc.",
            responsible=[health],
            due_date=datetime.date(2027, 3, 31),
        )
        coordinator = User.objects.filter(role=Role.COORDINATOR).first()
        minutes_save(
            meeting=held,
            text="La séance est ouverte à 10 h sous la présidence du Chef du Gouvernement.\n\n"
            "La commission a examiné l'état d'avancement des plans d'action sectoriels et "
            "adopté les deux décisions ci-après.",
            user=coordinator,
        )
        upcoming = meeting_plan(
            commission=cim,
            starts_at=datetime.datetime(2027, 1, 21, 10, tzinfo=CASABLANCA),
            ends_at=datetime.datetime(2027, 1, 21, 13, tzinfo=CASABLANCA),
            place="Rabat, siège du ministère",
        )
        for title, presenter, minutes in (
            ("Approbation du procès-verbal de la réunion CIM-2026-01", ministry, 10),
            ("Bilan des plans d'action sectoriels 2026", ministry, 45),
            ("Guichet unique des démarches des MRE : avancement", interior, 30),
        ):
            agenda_item_add(
                meeting=upcoming,
                title=title,
                presenter_organization=presenter,
                duration_minutes=minutes,
            )
        meeting_convene(meeting=upcoming)
        # A few partners have answered already; the Ministry of the Interior (partner1) has not.
        for invitation in Invitation.objects.filter(
            meeting=upcoming, organization__acronym_fr__in=["MSPS", "MEF", "CNSS"]
        ).select_related("organization"):
            invitation_answer(
                invitation=invitation,
                answer="attending",
                delegate=f"Directeur de la coopération, {invitation.organization.acronym_fr}",
                user=coordinator,
            )
    if not Meeting.objects.filter(commission=technical).exists():
        # The October meeting is on record; its next meeting is months away, so its draft
        # minutes go to the members by written procedure.
        october = meeting_record_past(
            commission=technical,
            starts_at=datetime.datetime(2026, 10, 15, 10, tzinfo=CASABLANCA),
            ends_at=datetime.datetime(2026, 10, 15, 12, tzinfo=CASABLANCA),
            place="Rabat, siège du ministère",
            present=Membership.objects.invited_to(technical),
        )
        coordinator = User.objects.filter(role=Role.COORDINATOR).first()
        minutes = minutes_save(
            meeting=october,
            text="La séance est ouverte à 10 h sous la présidence du Secrétaire général.\n\n"
            "La commission a fait le point sur le guichet unique et sur les indicateurs des "
            "plans d'action sectoriels.",
            user=coordinator,
        )
        procedure_open(
            minutes=minutes,
            deadline=(timezone.localtime() + datetime.timedelta(days=10)).replace(
                hour=18, minute=0, second=0, microsecond=0
            ),
            user=coordinator,
        )
        # During Ramadan 2027 Morocco is on UTC+0: the calendar files must say 10:00 UTC.
        meeting_plan(
            commission=technical,
            starts_at=datetime.datetime(2027, 2, 18, 10, tzinfo=CASABLANCA),
            ends_at=datetime.datetime(2027, 2, 18, 12, tzinfo=CASABLANCA),
            place="Rabat, siège du ministère",
        )
    log(
        f"{Commission.objects.count()} commissions, "
        f"{Membership.objects.filter(commission=cim).count()} members of the CIM, "
        f"{Decision.objects.count()} decisions"
    )


# `seed_demo --scale N`: N times this much more commission work, spread over ten years.
COMMISSIONS_PER_SCALE = 4
MEETINGS_PER_COMMISSION = 50
AGENDA_ITEMS, DECISIONS = 4, 4
RECIPIENTS_PER_MEETING = 33  # each gets an invitation and three reminders
GROWN_CODE = "GT"
PLACES = ["Rabat, siège du ministère", "Casablanca", "Visioconférence"]
DECISION_TEXT = "La commission charge les départements concernés de l'action %d."
REMINDERS_OWED = (
    ("meeting_invitation", None),
    ("meeting_reminder", 7),
    ("meeting_reminder", 3),
    ("meeting_reminder", 1),
)
FIRST_MEETING = datetime.datetime(2017, 1, 10, 10, tzinfo=CASABLANCA)
LAST_MEETING = datetime.datetime(2027, 6, 30, 10, tzinfo=CASABLANCA)


def grow(*, scale: int, rng, log) -> None:
    """Ten years of commissions' work in bulk: meetings with everything they carry."""
    from partners.demo import grown_organizations

    have = Commission.objects.filter(code__startswith=GROWN_CODE).count()
    target = COMMISSIONS_PER_SCALE * scale
    if have >= target:
        return
    ministry = Organization.objects.get(is_ministry=True)
    organizations = list(Organization.objects.partners().order_by("pk"))
    grown = set(grown_organizations().values_list("pk", flat=True))
    representatives = {
        person.organization_id: person
        for person in Person.objects.focal_points().current().order_by("kind", "pk")
    }
    commissions = Commission.objects.bulk_create(
        Commission(
            kind=rng.choice([CommissionKind.WORKING_GROUP, CommissionKind.JOINT]),
            code=f"{GROWN_CODE}{number:02d}",
            name_fr=f"Groupe de travail n° {number:02d}",
            name_ar=f"فريق العمل رقم {number:02d}",
            name_en=f"Working group no. {number:02d}",
            secretariat=ministry,
            quorum="0.50",
        )
        for number in range(have + 1, target + 1)
    )
    seats = {
        commission.pk: rng.sample(organizations, k=rng.randint(10, min(100, len(organizations))))
        for commission in commissions
    }
    Membership.objects.bulk_create(
        Membership(
            commission=commission,
            organization=organization,
            representative=representatives.get(organization.pk),
        )
        for commission in commissions
        for organization in [ministry, *seats[commission.pk]]
    )
    meetings = _grow_meetings(commissions, rng)
    members = {commission.pk: [ministry, *seats[commission.pk]] for commission in commissions}
    _grow_meeting_records(meetings, members, rng)
    _grow_reminders(meetings, members, grown, rng)
    log(
        f"{len(commissions)} more commissions with {len(meetings)} meetings over ten years, "
        f"{Invitation.objects.filter(meeting__in=meetings).count()} invitations"
    )


def _grow_meetings(commissions, rng) -> list[Meeting]:
    span = (LAST_MEETING - FIRST_MEETING) / MEETINGS_PER_COMMISSION
    now = timezone.now()
    rows, numbers = [], {}
    for commission in commissions:
        for index in range(MEETINGS_PER_COMMISSION):
            starts = FIRST_MEETING + span * index + datetime.timedelta(days=rng.randint(0, 20))
            starts = starts.replace(hour=rng.choice([9, 10, 14, 15]), minute=0)
            year = timezone.localtime(starts).year
            numbers[(commission.pk, year)] = numbers.get((commission.pk, year), 0) + 1
            status = MeetingStatus.MINUTES_APPROVED if starts < now else MeetingStatus.CONVENED
            rows.append(
                Meeting(
                    commission=commission,
                    year=year,
                    sequence=numbers[(commission.pk, year)],
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    place=rng.choice(PLACES),
                    status=status,
                    convened_at=starts - datetime.timedelta(days=21),
                )
            )
    meetings = Meeting.objects.bulk_create(rows)
    # The latest meeting held of each commission still waits for its minutes' approval.
    by_commission: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        by_commission.setdefault(meeting.commission_id, []).append(meeting)
    last_held = [
        [m for m in series if m.status == MeetingStatus.MINUTES_APPROVED][-1]
        for series in by_commission.values()
    ]
    Meeting.objects.filter(pk__in=[m.pk for m in last_held]).update(status=MeetingStatus.HELD)
    for meeting in last_held:
        meeting.status = MeetingStatus.HELD
    return meetings


def _grow_meeting_records(meetings, members, rng) -> None:
    now = timezone.now()
    invitations, items, decisions, minutes = [], [], [], []
    following = {}
    previous = None
    for meeting in meetings:
        if previous is not None and previous.commission_id == meeting.commission_id:
            following[previous.pk] = meeting
        previous = meeting
    for meeting in meetings:
        over = meeting.starts_at < now
        seated = members[meeting.commission_id]
        for organization in seated:
            answer = rng.choice(
                [InvitationAnswer.ATTENDING, InvitationAnswer.ATTENDING, InvitationAnswer.DECLINED]
                if over
                else [InvitationAnswer.PENDING, InvitationAnswer.ATTENDING]
            )
            invitations.append(
                Invitation(
                    meeting=meeting,
                    organization=organization,
                    answer=answer,
                    present=(answer == InvitationAnswer.ATTENDING) if over else None,
                )
            )
        for position in range(1, AGENDA_ITEMS + 1):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    title=f"Point {position} : suivi des engagements sectoriels",
                    presenter_organization=rng.choice(seated),
                    duration_minutes=rng.choice([15, 20, 30]),
                )
            )
        if over:
            for sequence in range(1, DECISIONS + 1):
                old = meeting.starts_at.year < now.year - 1
                decisions.append(
                    Decision(
                        meeting=meeting,
                        sequence=sequence,
                        text=DECISION_TEXT % sequence,
                        due_date=(meeting.starts_at + datetime.timedelta(days=90)).date(),
                        status=DecisionStatus.CLOSED
                        if old or rng.random() < 0.6
                        else rng.choice([DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS]),
                    )
                )
            approver = following.get(meeting.pk)
            approved = meeting.status == MeetingStatus.MINUTES_APPROVED and approver is not None
            # One set in five was approved by written procedure rather than at the next meeting.
            written = approved and meeting.sequence % 5 == 0
            minutes.append(
                Minutes(
                    meeting=meeting,
                    text="Procès-verbal de la réunion : présences, débats et décisions.",
                    approved_at=approver.starts_at if approved else None,
                    approved_by_meeting=approver if approved and not written else None,
                    approved_how=(ApprovalWay.WRITTEN if written else ApprovalWay.MEETING)
                    if approved
                    else "",
                )
            )
    Invitation.objects.bulk_create(invitations, batch_size=5000)
    AgendaItem.objects.bulk_create(items, batch_size=5000)
    Minutes.objects.bulk_create(minutes, batch_size=5000)
    _grow_procedures(minutes, members, rng)
    created = Decision.objects.bulk_create(decisions, batch_size=5000)
    seated_by_meeting = {meeting.pk: members[meeting.commission_id] for meeting in meetings}
    Decision.responsible.through.objects.bulk_create(
        (
            Decision.responsible.through(decision_id=decision.pk, organization_id=organization.pk)
            for decision in created
            for organization in rng.sample(seated_by_meeting[decision.meeting_id][1:], k=2)
        ),
        batch_size=5000,
    )


def _grow_procedures(minutes, members, rng) -> None:
    """The written procedures behind the minutes approved that way, and before some of them
    one that members objected to."""
    procedures, objected = [], []
    for record in minutes:
        if record.approved_how != ApprovalWay.WRITTEN:
            continue
        deadline = record.approved_at
        if rng.random() < 0.3:
            objected.append(
                WrittenProcedure(
                    minutes=record,
                    deadline=deadline - datetime.timedelta(days=20),
                    opened_at=deadline - datetime.timedelta(days=30),
                    outcome=ProcedureOutcome.OBJECTED,
                    closed_at=deadline - datetime.timedelta(days=20),
                )
            )
        procedures.append(
            WrittenProcedure(
                minutes=record,
                deadline=deadline,
                opened_at=deadline - datetime.timedelta(days=10),
                outcome=ProcedureOutcome.APPROVED,
                closed_at=deadline,
            )
        )
    WrittenProcedure.objects.bulk_create([*objected, *procedures], batch_size=5000)
    Objection.objects.bulk_create(
        (
            Objection(
                procedure=procedure,
                organization=rng.choice(members[procedure.minutes.meeting.commission_id][1:]),
                comment="Le point 2 ne reprend pas notre intervention : merci de la compléter.",
                made_at=procedure.deadline - datetime.timedelta(days=3),
            )
            for procedure in objected
        ),
        batch_size=5000,
    )


def _grow_reminders(meetings, members, grown: set[int], rng) -> None:
    from django.contrib.contenttypes.models import ContentType

    from reminders.models import Channel, Reminder, State, Unsubscription

    accounts = dict(
        User.objects.receiving_invitations().order_by("pk").values_list("organization", "pk")
    )
    meeting_type = ContentType.objects.get_for_model(Meeting)
    now = timezone.now()
    rows = []
    for meeting in meetings:
        recipients = [
            accounts[organization.pk]
            for organization in members[meeting.commission_id]
            if organization.pk in accounts
        ][:RECIPIENTS_PER_MEETING]
        for recipient in recipients:
            for kind, lead in REMINDERS_OWED:
                due = meeting.starts_at - datetime.timedelta(days=lead or 0)
                if lead is None:
                    due = meeting.convened_at
                sent = due < now
                rows.append(
                    Reminder(
                        target_type=meeting_type,
                        target_id=meeting.pk,
                        recipient_id=recipient,
                        kind=kind,
                        lead_days=lead,
                        channel=Channel.BOTH,
                        due_at=due,
                        event_at=meeting.starts_at,
                        state=State.SENT if sent else State.PENDING,
                        attempts=1 if sent else 0,
                        next_attempt_at=due,
                        sent_at=due if sent else None,
                        read_at=due if sent and rng.random() < 0.7 else None,
                    )
                )
    Reminder.objects.bulk_create(rows, batch_size=5000)
    # One person in fifty of the grown organisations stopped the reminders from an email.
    person_type = ContentType.objects.get_for_model(Person)
    people = list(
        Person.objects.filter(organization__in=grown).order_by("pk").values_list("pk", flat=True)
    )
    Unsubscription.objects.bulk_create(
        (Unsubscription(person_type=person_type, person_id=pk) for pk in people[::50]),
        ignore_conflicts=True,
    )
