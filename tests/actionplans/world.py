"""A partner's action plan with everything it carries, built through the services."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from actionplans import services
from actionplans.models import Plan
from tests.factories import PersonFactory

PDF = b"%PDF-1.4\n%%EOF\n"


def pdf(name: str = "preuve.pdf") -> ContentFile:
    return ContentFile(PDF, name=name)


def plan_world(code: str, organization, *, reporter, signed: bool = True) -> dict:
    """An agreed plan led by the organisation: an axis, an action with an indicator, its
    responsible focal point, a reporting round over the plan, and a report in it with
    evidence, awaiting validation, by `reporter`."""
    plan = services.plan_save(
        plan=Plan(
            lead=organization,
            code=code,
            title_fr=f"Plan {code}",
            title_ar=f"مخطط {code}",
            title_en=f"Plan {code}",
            first_year=2026,
            last_year=2028,
            signed_on=datetime.date(2026, 2, 1) if signed else None,
            signed_document=pdf("plan.pdf") if signed else "",
        )
    )
    axis = services.axis_add(plan=plan, code=f"{code}-1", title_fr="Axe un")
    person = PersonFactory(organization=organization)
    action = services.action_create(
        plan=plan,
        axis=axis,
        code=f"{code}-1.1",
        title_fr=f"Action {code}",
        lead=organization,
        responsible=person,
        start_date=datetime.date(2026, 1, 15),
        due_date=datetime.date(2027, 6, 30),
        weight=2,
    )
    indicator = services.indicator_add(
        action=action,
        name=f"Indicateur {code}",
        unit="guichets",
        baseline_value=Decimal(0),
        baseline_year=2025,
        target_value=Decimal(12),
        target_date=datetime.date(2027, 6, 30),
    )
    plan = services.plan_advance(plan=plan)
    reporting_round = services.round_open(
        name=f"{code}-Q3",
        plans=[plan],
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        user=reporter,
    )
    report = services.report_submit(
        action=action,
        user=reporter,
        reporting_round=reporting_round,
        period="",
        progress=40,
        narrative=f"Avancement {code}",
        values={indicator: Decimal(5)},
        evidence=[pdf()],
    )
    return {
        "plan": plan,
        "axis": axis,
        "action": action,
        "indicator": indicator,
        "report": report,
        "evidence": report.evidence.get(),
        "responsible": person,
        "round": reporting_round,
    }
