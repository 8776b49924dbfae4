"""What this app plugs in: the panels of a country profile (its own records and the joint
commission's), a panel on the partner's 360° page, and the act-by reminders."""

import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, OuterRef, Q, Window
from django.db.models.functions import JSONObject
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from commissions.follow_up import annotations as follow_up_annotations
from commissions.follow_up import templates as follow_up_templates
from commissions.models import Commission, Decision, Meeting
from mra_portal.lib.panels import PANEL_ROWS, Panel, first_rows
from partners.models import Organization
from partners.panels import register as register_partner_panel

from . import reminders
from .models import (
    Agreement,
    AgreementParty,
    Framework,
    FrameworkMeeting,
    Objective,
    Participation,
    Programme,
)
from .panels import board

MEETINGS_SHOWN = 5


def country_agreements(profile, user) -> dict:
    agreements = Agreement.objects.for_user(user).of_country(profile.country.code)
    return {"profile": profile, **first_rows(agreements.order_by("act_by", "-signed_on", "pk"))}


def country_programmes(profile, user) -> dict:
    """Its programmes, and how many serve each objective (each a link to the filtered list),
    counted over all its programmes in the rows' own query."""
    programmes = Programme.objects.for_user(user).of_country(profile.country.code)
    served = {
        f"served_{value}": Window(Count("pk", filter=Q(objectives__contains=[value])))
        for value in Objective.values
    }
    first = first_rows(
        programmes.listed().annotate(**served).order_by("status", "-planned_start", "pk")
    )
    counts = first["rows"][0] if first["rows"] else None
    return {
        "profile": profile,
        "objectives": [
            (value, label, getattr(counts, f"served_{value}"))
            for value, label in Objective.choices
            if counts and getattr(counts, f"served_{value}")
        ],
        **first,
    }


def country_frameworks(profile, user) -> dict:
    """The frameworks of the country's programmes, and those that met there."""
    code = profile.country.code
    programmes = Programme.objects.of_country(code).for_user(user)
    frameworks = (
        Framework.objects.for_user(user)
        .filter(
            Q(pk__in=programmes.values("framework"))
            | Q(pk__in=FrameworkMeeting.objects.filter(country=code).values("framework"))
        )
        .with_roles()
    )
    return {"profile": profile, **first_rows(frameworks.order_by("acronym", "pk"))}


def joint_commissions(profile, user) -> dict:
    """The joint commissions with the country, their last meetings, and their decisions still
    open with what follows them up, all in the commissions' own query."""
    commissions = Commission.objects.for_user(user).filter(country=profile.country.code)
    recent = (
        Meeting.objects.for_user(user)
        .filter(commission=OuterRef("pk"))
        .order_by("-starts_at")
        .values(
            json=JSONObject(
                id="pk", year="year", sequence="sequence", starts_at="starts_at", status="status"
            )
        )[:MEETINGS_SHOWN]
    )
    follow_up_names = list(follow_up_annotations(user))
    decisions = (
        Decision.objects.for_user(user)
        .filter(meeting__commission=OuterRef("pk"))
        .still_open()
        .with_follow_up(user)
        .order_by("due_date", "pk")
        .values(
            json=JSONObject(
                id="pk",
                sequence="sequence",
                text="text",
                due_date="due_date",
                status="status",
                meeting_id="meeting_id",
                year="meeting__year",
                meeting_sequence="meeting__sequence",
                **{name: name for name in follow_up_names},
            )
        )[:PANEL_ROWS]
    )
    shown = list(
        commissions.annotate(recent=ArraySubquery(recent), open_decisions=ArraySubquery(decisions))
    )
    open_decisions = []
    for commission in shown:
        commission.recent_meetings = [
            Meeting(commission=commission, **{**row, "starts_at": parse_datetime(row["starts_at"])})
            for row in commission.recent
        ]
        for row in commission.open_decisions:
            meeting = Meeting(
                pk=row.pop("meeting_id"),
                commission=commission,
                year=row.pop("year"),
                sequence=row.pop("meeting_sequence"),
            )
            extra = {name: row.pop(name) for name in follow_up_names}
            decision = Decision(
                meeting=meeting, **{**row, "due_date": parse_date(row["due_date"] or "")}
            )
            for name, value in extra.items():
                setattr(decision, name, value)
            open_decisions.append(decision)
    open_decisions.sort(key=lambda d: (d.due_date is None, d.due_date or datetime.date.min, d.pk))
    return {
        "commissions": shown,
        "decisions": open_decisions[:PANEL_ROWS],
        "follow_up_templates": follow_up_templates(),
    }


def partner_cooperation(organization, user) -> dict:
    """The agreements it is a party to and the programmes it takes part in, as the user sees
    them, in one query: the 360° page has many panels."""
    agreements = (
        Agreement.objects.for_user(user)
        .filter(
            pk__in=AgreementParty.objects.filter(organization=OuterRef(OuterRef("pk"))).values(
                "agreement"
            )
        )
        .order_by("-signed_on", "pk")
        .values(json=JSONObject(**fields_of("reference")))[:PANEL_ROWS]
    )
    programmes = (
        Programme.objects.for_user(user)
        .filter(
            Exists(
                Participation.objects.filter(
                    programme=OuterRef("pk"), organization=OuterRef(OuterRef("pk"))
                )
            )
        )
        .order_by("-planned_start", "pk")
        .values(json=JSONObject(**fields_of("code")))[:PANEL_ROWS]
    )
    rows = Organization.objects.filter(pk=organization.pk).annotate(
        agreement_rows=ArraySubquery(agreements), programme_rows=ArraySubquery(programmes)
    )
    found = rows.values("agreement_rows", "programme_rows").get()
    return {
        "agreements": [as_record(Agreement, row) for row in found["agreement_rows"]],
        "programmes": [as_record(Programme, row) for row in found["programme_rows"]],
    }


def fields_of(*names) -> dict:
    """What a panel row shows of a record: its pk, titles and status, and `names`."""
    return {name: name for name in ("id", "title_fr", "title_ar", "title_en", "status", *names)}


def as_record(model, row: dict):
    """An unsaved instance holding a JSON row, so that the template asks it as a record."""
    return model(**row)


def register_all() -> None:
    reminders.register_all()
    for panel in (
        Panel(
            "agreements",
            _("Agreements"),
            "cooperation/_country_agreements.html",
            country_agreements,
            10,
        ),
        Panel(
            "programmes",
            _("Cooperation programmes"),
            "cooperation/_country_programmes.html",
            country_programmes,
            20,
        ),
        Panel(
            "frameworks",
            _("Multilateral frameworks"),
            "cooperation/_country_frameworks.html",
            country_frameworks,
            30,
        ),
        Panel(
            "joint_commissions",
            _("Joint commissions"),
            "cooperation/_country_commissions.html",
            joint_commissions,
            40,
        ),
    ):
        board.register(panel)
    register_partner_panel(
        Panel(
            "cooperation",
            _("International cooperation"),
            "cooperation/_partner_panel.html",
            partner_cooperation,
            50,
        )
    )
