"""A partner's studies and expertise, built through the services: a study shared with it, with a
milestone, a document in two versions, a finding and a recommendation addressed to it, taken up
by its commission decision and its plan action; and one of its people as an expert, with a CV
and a mobilisation on the study."""

import datetime

from django.core.files.base import ContentFile

from contacts.models import PersonKind
from studies import services
from studies.demo import report_pdf
from studies.models import (
    Expert,
    Finding,
    Milestone,
    Mobilisation,
    Recommendation,
    Study,
    StudyDocument,
)
from tests.factories import PersonFactory

PDF = b"%PDF-1.4\n%%EOF\n"


def studies_world(
    code: str,
    organization,
    *,
    country="FR",
    decision=None,
    action=None,
    followed_by=None,
    user=None,
) -> dict:
    study = services.study_save(
        study=Study(
            reference=f"ETU-{code}",
            title_fr=f"Étude {code} sur les retraités",
            abstract_fr=f"Résumé {code}",
            themes=["social_protection"],
            countries=[country],
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2027, 12, 31),
            visibility="shared",
            followed_by=followed_by,
        ),
        shared_with=[organization],
        user=user,
    )
    services.study_advance(study=study, to_status="commissioned", user=user)
    milestone = services.milestone_save(
        milestone=Milestone(study=study, title=f"Jalon {code}", due_on=datetime.date(2027, 6, 1))
    )
    for version in (1, 2):
        document = services.document_add(
            document=StudyDocument(
                study=study,
                kind="final_report",
                title=f"Rapport {code}",
                file=ContentFile(report_pdf([f"Rapport {code} version {version}"]), name="r.pdf"),
            ),
            user=user,
        )
    services.finding_add(finding=Finding(study=study, text_fr=f"Constat {code}"))
    recommendation = services.recommendation_save(
        recommendation=Recommendation(study=study, text_fr=f"Recommandation {code}"),
        addressees=[organization],
    )
    if decision or action:
        services.recommendation_take_up(
            recommendation=recommendation,
            decisions=[decision] if decision else [],
            actions=[action] if action else [],
        )
    person = PersonFactory(organization=organization, kind=PersonKind.EXPERT)
    expert = services.expert_save(
        expert=Expert(
            person=person,
            areas=["law"],
            countries=["FR"],
            cv=ContentFile(PDF, name="cv.pdf"),
        )
    )
    services.mobilisation_add(
        mobilisation=Mobilisation(
            expert=expert, role="researcher", study=study, starts_on=datetime.date(2026, 2, 1)
        )
    )
    return {
        "study": study,
        "milestone": milestone,
        "study_document": document,
        "recommendation": recommendation,
        "expert": expert,
    }
