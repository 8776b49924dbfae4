"""The inter-ministerial commission (every partner department and institution) and the
Technical Commission that stems from it, for `manage.py seed_demo`."""

import datetime
from zoneinfo import ZoneInfo

from accounts.models import Role, User
from partners.models import Organization, OrganizationKind

from .models import Commission, CommissionKind, Decision, Invitation, Meeting, Membership
from .services import (
    agenda_item_add,
    attendance_record,
    decision_record,
    invitation_answer,
    meeting_convene,
    meeting_mark_held,
    meeting_plan,
    minutes_save,
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
            "chair": "Le Chef du Gouvernement",
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
            "chair": "Le Secrétaire général du ministère",
            "secretariat": ministry,
            "quorum": "0.50",
        },
    )
    departments = Organization.objects.partners().filter(
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
        held = meeting_plan(
            commission=cim,
            starts_at=datetime.datetime(2026, 6, 18, 10, tzinfo=CASABLANCA),
            ends_at=datetime.datetime(2026, 6, 18, 13, tzinfo=CASABLANCA),
            place="Rabat, siège du ministère",
        )
        meeting_convene(meeting=held)
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
        meeting_mark_held(meeting=held)
        members = list(held.invitations.order_by("organization__name_fr"))
        attendance_record(
            meeting=held,
            present={invitation.organization_id for invitation in members[: len(members) * 3 // 4]},
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
