"""A partner's international cooperation with everything it carries, built through the
services: its country's profile, a framework, an agreement it is a party to and a programme
it takes part in, with budgets, an activity, a result and a document."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from cooperation import services
from cooperation.models import (
    Activity,
    Agreement,
    AgreementParty,
    Budget,
    CountryProfile,
    Framework,
    FrameworkMeeting,
    FrameworkRole,
    IndicatorPeriod,
    Participation,
    Programme,
    ProgrammeDocument,
    RecipientCountry,
    Result,
    ResultIndicator,
)

PDF = b"%PDF-1.4\n%%EOF\n"


def cooperation_world(code: str, organization, *, country: str, desk_officer=None) -> dict:
    """The organisation's cooperation with `country`: an agreement in force whose act-by date
    is ahead, and a programme under a framework, with every part the pages show."""
    profile = CountryProfile.objects.filter(
        country=country
    ).first() or services.country_profile_save(
        profile=CountryProfile(
            country=country,
            region="africa",
            grouping="south",
            mra_population=12000,
            mra_population_source="Institut national",
            mra_population_year=2024,
            desk_officer=desk_officer,
        )
    )
    framework = services.framework_save(
        framework=Framework(name_fr=f"Cadre {code}", acronym=f"F{code}", kind="process")
    )
    FrameworkRole.objects.create(framework=framework, role="member")
    FrameworkMeeting.objects.create(
        framework=framework,
        name=f"Session {code}",
        starts_on=datetime.date(2026, 5, 4),
        country=country,
    )
    agreement = services.agreement_save(
        agreement=Agreement(
            reference=f"ACC-{code}",
            title_fr=f"Accord {code}",
            kind="agreement",
            mode="bilateral",
            status="in_force",
            themes=["rights"],
            signed_on=datetime.date(2024, 3, 1),
            duration_months=36,
            tacit_renewal=True,
            notice_months=3,
            signed_document=ContentFile(PDF, name="accord.pdf"),
        )
    )
    party = AgreementParty.objects.create(
        agreement=agreement, organization=organization, country=country, signatory="Le ministre"
    )
    services.agreement_settle(agreement=agreement)
    programme = Programme.objects.create(
        code=f"PRG-{code}",
        title_fr=f"Programme {code}",
        description_fr=f"Description {code}",
        mode="south_south",
        framework=framework,
        objectives=["rights", "living_conditions"],
        status=2,
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
    )
    programme.agreements.add(agreement)
    Participation.objects.create(programme=programme, organization=organization, role=4)
    RecipientCountry.objects.create(programme=programme, country=country)
    Budget.objects.create(programme=programme, year=2026, currency="EUR", amount=Decimal(1000))
    Budget.objects.create(programme=programme, year=2026, currency="MAD", amount=Decimal(5000))
    activity = Activity.objects.create(
        programme=programme, title=f"Atelier {code}", starts_on=datetime.date(2026, 3, 1)
    )
    result = Result.objects.create(programme=programme, title=f"Résultat {code}")
    indicator = ResultIndicator.objects.create(
        result=result, title=f"Indicateur {code}", baseline_year=2025, baseline=Decimal(0)
    )
    IndicatorPeriod.objects.create(
        indicator=indicator,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        target=Decimal(100),
        actual=Decimal(40),
    )
    document = ProgrammeDocument.objects.create(
        programme=programme, title=f"Document {code}", file=ContentFile(PDF, name="note.pdf")
    )
    return {
        "country": profile,
        "framework": framework,
        "agreement": agreement,
        "party": party,
        "programme": programme,
        "activity": activity,
        "result": result,
        "result_indicator": indicator,
        "programme_document": document,
    }
