"""The inter-ministerial commission (every partner department and institution) and the
Technical Commission that stems from it, for `manage.py seed_demo`."""

import datetime
from zoneinfo import ZoneInfo

from partners.models import Organization, OrganizationKind

from .models import Commission, CommissionKind, Decision, Meeting, Membership
from .services import decision_record, meeting_convene, meeting_plan

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
        Meeting.objects.filter(pk=held.pk).update(status="held")
        upcoming = meeting_plan(
            commission=cim,
            starts_at=datetime.datetime(2027, 1, 21, 10, tzinfo=CASABLANCA),
            ends_at=datetime.datetime(2027, 1, 21, 13, tzinfo=CASABLANCA),
            place="Rabat, siège du ministère",
        )
        meeting_convene(meeting=upcoming)
    log(
        f"{Commission.objects.count()} commissions, "
        f"{Membership.objects.filter(commission=cim).count()} members of the CIM, "
        f"{Decision.objects.count()} decisions"
    )
