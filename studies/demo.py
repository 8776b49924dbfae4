"""The demo's studies and expertise: twelve studies across every status of the pipeline, twenty
experts with their mobilisations, documents in several versions, findings, and recommendations
followed through: some taken up by the demo's commission decisions and the actions that carry
them out, some rejected, some still waiting.

The studies, their figures and findings are demonstration content, not the ministry's results.
"""

import datetime
import io
import zipfile
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from accounts.uploads import random_name
from actionplans.models import Action
from commissions.models import Commission, Decision
from contacts.demo import FIRST_NAMES, LAST_NAMES
from contacts.models import Person, PersonKind
from mra_portal.lib.dates import at_local
from partners.demo import GROWN_NAME
from partners.models import Organization

from . import services
from .models import (
    Availability,
    DocumentKind,
    Expert,
    ExpertiseArea,
    Finding,
    Methodology,
    Milestone,
    Mobilisation,
    MobilisationRole,
    Priority,
    Recommendation,
    Segment,
    Study,
    StudyDocument,
    StudyStatus,
    StudyTransition,
    Visibility,
)

S = StudyStatus


def report_pdf(lines: list[str]) -> bytes:
    """A one-page PDF holding `lines` in a standard font: what a report's text looks like to
    the search (Latin script only; WinAnsi encoding)."""

    def literal(text: str) -> bytes:
        raw = text.encode("cp1252", errors="replace")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    content = (
        b"BT /F1 11 Tf 14 TL 50 780 Td "
        + b" ".join(literal(line) + b" ' " for line in lines)
        + b"ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def report_docx(paragraphs: list[str]) -> bytes:
    """A minimal Word document holding `paragraphs`, any script."""
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


# (reference, status, visibility, shared with, conducted by, titles fr/ar/en, abstract fr,
#  themes, segments, countries, methodology, sample, start, end, budget MAD)
STUDIES = [
    (
        "ETU-2024-01",
        S.PUBLISHED,
        Visibility.PARTNERS,
        [],
        "HCP",
        "La situation des retraités MRE en Europe",
        "وضعية المتقاعدين المغاربة المقيمين بأوروبا",
        "The situation of MRA retirees in Europe",
        "Enquête auprès des retraités marocains résidant en France, en Espagne, en Belgique, aux "
        "Pays-Bas et en Italie : revenus, couverture médicale, transfert des pensions et projets "
        "de retour.",
        ["social_protection", "living_conditions"],
        [Segment.RETIREES],
        ["FR", "ES", "BE", "NL", "IT"],
        Methodology.SURVEY,
        2400,
        "2024-02-01",
        "2025-03-31",
        1_800_000,
    ),
    (
        "ETU-2025-02",
        S.VALIDATION,
        Visibility.SHARED,
        ["MI", "MIEPEEC"],
        "CCME",
        "Les jeunes MRE et l'entrepreneuriat au Maroc",
        "الشباب المغاربة المقيمون بالخارج وريادة الأعمال بالمغرب",
        "Young MRA and entrepreneurship in Morocco",
        "Entretiens avec de jeunes créateurs d'entreprise MRE : démarches administratives, accès "
        "au financement et accompagnement par les centres régionaux d'investissement.",
        ["investment", "development"],
        [Segment.YOUTH, Segment.ENTREPRENEURS],
        ["FR", "BE", "DE", "CA"],
        Methodology.INTERVIEWS,
        120,
        "2025-01-15",
        "2026-12-31",
        950_000,
    ),
    (
        "ETU-2025-03",
        S.ANALYSIS,
        Visibility.INTERNAL,
        [],
        "CCME",
        "La mobilisation des compétences des MRE",
        "تعبئة كفاءات مغاربة العالم",
        "Mobilising the skills of MRA",
        "Cartographie des compétences marocaines à l'étranger dans la santé, l'ingénierie et le "
        "numérique, et des dispositifs de mobilisation au profit du développement du Maroc.",
        ["development"],
        [Segment.SKILLED],
        ["FR", "DE", "CA", "US", "GB"],
        Methodology.MIXED,
        1500,
        "2025-06-01",
        "2027-06-30",
        2_200_000,
    ),
    (
        "ETU-2023-04",
        S.PUBLISHED,
        Visibility.PARTNERS,
        [],
        "MENPS",
        "L'enseignement de la langue arabe et de la culture marocaine aux enfants MRE",
        "تعليم اللغة العربية والثقافة المغربية لأبناء مغاربة العالم",
        "Teaching Arabic and Moroccan culture to MRA children",
        "Évaluation du programme d'enseignement de la langue arabe et de la culture marocaine : "
        "effectifs, enseignants, supports pédagogiques et attentes des familles.",
        ["identity"],
        [Segment.GENERATIONS, Segment.STUDENTS],
        ["FR", "BE", "ES", "IT", "NL", "DE"],
        Methodology.MIXED,
        3200,
        "2023-01-10",
        "2024-06-30",
        1_200_000,
    ),
    (
        "ETU-2026-05",
        S.FIELDWORK,
        Visibility.INTERNAL,
        [],
        "HCP",
        "Les femmes MRE et l'accès aux droits sociaux",
        "النساء المغربيات المقيمات بالخارج والولوج إلى الحقوق الاجتماعية",
        "MRA women and access to social rights",
        "Enquête par focus groups sur l'accès des femmes MRE aux droits sociaux dans les pays "
        "d'accueil et lors du retour.",
        ["rights", "social_protection"],
        [Segment.WOMEN],
        ["ES", "IT", "FR"],
        Methodology.FOCUS_GROUPS,
        180,
        "2026-03-01",
        "2027-02-28",
        700_000,
    ),
    (
        "ETU-2026-06",
        S.COMMISSIONED,
        Visibility.INTERNAL,
        [],
        "OIM",
        "Le retour et la réinsertion des MRE",
        "عودة مغاربة العالم وإعادة إدماجهم",
        "The return and reintegration of MRA",
        "Parcours de retour et de réinsertion professionnelle et sociale des MRE rentrés depuis "
        "moins de cinq ans.",
        ["return"],
        [Segment.RETURNEES],
        ["MA"],
        Methodology.SURVEY,
        1000,
        "2026-09-01",
        "2027-08-31",
        1_500_000,
    ),
    (
        "ETU-2026-07",
        S.PROPOSED,
        Visibility.INTERNAL,
        [],
        None,
        "Transferts de fonds et investissement productif",
        "التحويلات المالية والاستثمار المنتج",
        "Remittances and productive investment",
        "Proposition d'étude sur l'orientation des transferts des MRE vers l'investissement "
        "productif dans les régions d'origine.",
        ["investment"],
        [Segment.ENTREPRENEURS],
        [],
        Methodology.DESK_REVIEW,
        None,
        "2027-01-01",
        "2027-12-31",
        None,
    ),
    (
        "ETU-2022-08",
        S.ARCHIVED,
        Visibility.INTERNAL,
        [],
        "MESRSI",
        "Les étudiants marocains à l'étranger",
        "الطلبة المغاربة بالخارج",
        "Moroccan students abroad",
        "Étude abandonnée au profit de l'enquête nationale sur la mobilité étudiante.",
        ["identity", "development"],
        [Segment.STUDENTS],
        ["FR", "ES", "RU", "UA"],
        Methodology.SURVEY,
        None,
        "2022-03-01",
        "2022-12-31",
        400_000,
    ),
    (
        "ETU-2024-09",
        S.PUBLISHED,
        Visibility.INTERNAL,
        [],
        "HCP",
        "La perception des services consulaires par les MRE",
        "تصور مغاربة العالم للخدمات القنصلية",
        "How MRA perceive consular services",
        "Enquête de satisfaction sur les services consulaires : délais, accueil, démarches en "
        "ligne et rendez-vous.",
        ["living_conditions"],
        [],
        ["FR", "ES", "IT", "BE"],
        Methodology.SURVEY,
        5000,
        "2024-04-01",
        "2024-12-15",
        600_000,
    ),
    (
        "ETU-2026-10",
        S.FIELDWORK,
        Visibility.SHARED,
        ["MAECAMRE"],
        "CCME",
        "Les Marocains résidant en Afrique de l'Ouest",
        "المغاربة المقيمون بغرب إفريقيا",
        "Moroccans residing in West Africa",
        "Première étude sur les communautés marocaines du Sénégal, de Côte d'Ivoire et du Mali : "
        "activités économiques, scolarisation et liens avec le Maroc.",
        ["living_conditions", "development"],
        [Segment.ENTREPRENEURS],
        ["SN", "CI", "ML"],
        Methodology.MIXED,
        600,
        "2026-01-15",
        "2027-01-15",
        850_000,
    ),
    (
        "ETU-2025-11",
        S.ANALYSIS,
        Visibility.SHARED,
        ["MSPS"],
        "MSPS",
        "La santé mentale des jeunes MRE de retour",
        "الصحة النفسية للشباب العائدين من مغاربة العالم",
        "The mental health of young returning MRA",
        "Étude qualitative sur la santé mentale des jeunes MRE rentrés au Maroc et sur leur "
        "accès aux soins.",
        ["social_protection", "return"],
        [Segment.YOUTH, Segment.RETURNEES],
        ["MA"],
        Methodology.INTERVIEWS,
        90,
        "2025-09-01",
        "2026-12-31",
        500_000,
    ),
    (
        "ETU-2026-12",
        S.VALIDATION,
        Visibility.PARTNERS,
        [],
        "AMDIE",
        "Les compétences MRE dans le numérique",
        "كفاءات مغاربة العالم في المجال الرقمي",
        "MRA skills in the digital economy",
        "Recensement des ingénieurs et entrepreneurs MRE du numérique et de leurs attentes pour "
        "investir ou travailler au Maroc.",
        ["investment", "development"],
        [Segment.SKILLED, Segment.ENTREPRENEURS],
        ["FR", "CA", "DE", "NL"],
        Methodology.SURVEY,
        850,
        "2026-01-05",
        "2026-12-20",
        650_000,
    ),
]

FINDINGS = {
    "ETU-2024-01": [
        "Six retraités sur dix passent plus de quatre mois par an au Maroc, sans couverture "
        "médicale pour leur conjoint pendant ces séjours.",
        "Le transfert des pensions coûte en moyenne 2 % de leur montant ; les frais pèsent "
        "surtout sur les petites pensions.",
        "Les démarches de retour définitif sont jugées longues et dispersées entre plusieurs "
        "administrations.",
    ],
    "ETU-2025-02": [
        "Les jeunes entrepreneurs MRE citent la multiplicité des guichets comme premier frein "
        "à la création d'entreprise au Maroc.",
        "Moins d'un sur cinq connaît les programmes d'accompagnement destinés aux MRE.",
    ],
    "ETU-2023-04": [
        "Les effectifs d'élèves ont progressé de 12 % en cinq ans, mais le nombre "
        "d'enseignants est resté stable.",
        "Les familles demandent des supports numériques et des horaires compatibles avec "
        "l'école du pays d'accueil.",
    ],
    "ETU-2024-09": [
        "Les délais de rendez-vous sont la principale source d'insatisfaction, loin devant "
        "l'accueil.",
    ],
}

# (study, text fr, text ar, priority, addressees, themes, fate): fate is ("decision", acronym)
# for one taken up by the demo commission decision that acronym is responsible for (and its
# follow-up actions), ("rejected", reason), or None for one still waiting.
RECOMMENDATIONS = [
    (
        "ETU-2024-01",
        "Étendre la couverture médicale aux conjoints des retraités MRE pendant leurs séjours "
        "au Maroc.",
        "توسيع التغطية الصحية لتشمل أزواج المتقاعدين المغاربة المقيمين بالخارج خلال إقامتهم "
        "بالمغرب.",
        Priority.HIGH,
        ["MSPS", "CNSS"],
        ["social_protection"],
        ("decision", "MSPS"),
    ),
    (
        "ETU-2024-01",
        "Négocier avec les banques un plafonnement des frais de transfert des pensions.",
        "التفاوض مع الأبناك بشأن تسقيف رسوم تحويل المعاشات.",
        Priority.MEDIUM,
        ["MEF", "BAM"],
        ["living_conditions"],
        None,
    ),
    (
        "ETU-2024-01",
        "Créer une allocation de retour pour chaque retraité rentrant définitivement.",
        "إحداث منحة عودة لكل متقاعد يعود بشكل نهائي.",
        Priority.LOW,
        ["MEF"],
        ["return"],
        (
            "rejected",
            "Coût budgétaire hors de portée ; la commission privilégie l'accompagnement des "
            "démarches de retour.",
        ),
    ),
    (
        "ETU-2025-02",
        "Mettre en place un guichet unique pour les démarches administratives des MRE.",
        "إحداث شباك وحيد للإجراءات الإدارية لمغاربة العالم.",
        Priority.HIGH,
        ["MI"],
        ["investment", "living_conditions"],
        ("decision", "MI"),
    ),
    (
        "ETU-2025-02",
        "Faire connaître les programmes d'accompagnement aux jeunes MRE par les consulats.",
        "التعريف ببرامج المواكبة لدى الشباب المغاربة المقيمين بالخارج عبر القنصليات.",
        Priority.MEDIUM,
        ["MAECAMRE", "MIEPEEC"],
        ["investment"],
        None,
    ),
    (
        "ETU-2023-04",
        "Recruter des enseignants supplémentaires et développer des supports numériques.",
        "توظيف أساتذة إضافيين وتطوير دعامات رقمية.",
        Priority.HIGH,
        ["MENPS"],
        ["identity"],
        None,
    ),
    (
        "ETU-2024-09",
        "Généraliser la prise de rendez-vous en ligne dans tous les consulats.",
        "تعميم أخذ المواعيد عبر الإنترنت في جميع القنصليات.",
        Priority.HIGH,
        ["MAECAMRE"],
        ["living_conditions"],
        None,
    ),
]

# (study, kind, title, versions of the report's text)
DOCUMENTS = [
    ("ETU-2024-01", DocumentKind.TERMS_OF_REFERENCE, "Termes de référence", 1),
    ("ETU-2024-01", DocumentKind.FINAL_REPORT, "Rapport final", 2),
    ("ETU-2025-02", DocumentKind.INTERIM_REPORT, "Rapport intermédiaire", 2),
    ("ETU-2023-04", DocumentKind.FINAL_REPORT, "Rapport final", 1),
    ("ETU-2026-05", DocumentKind.QUESTIONNAIRE, "Guide des focus groups", 1),
    ("ETU-2024-09", DocumentKind.DATASET, "Résultats de l'enquête", 1),
]

# (study, milestone, days from today, done)
MILESTONES = [
    ("ETU-2026-05", "Fin des focus groups en Espagne", -20, True),
    ("ETU-2026-05", "Fin des focus groups en Italie", 6, False),
    ("ETU-2026-05", "Rapport intermédiaire", 60, False),
    ("ETU-2026-10", "Fin de l'enquête au Sénégal", -5, False),
    ("ETU-2026-10", "Atelier de restitution à Dakar", 30, False),
    ("ETU-2025-03", "Premier jet de l'analyse", 14, False),
    ("ETU-2026-06", "Réunion de lancement", 10, False),
    ("ETU-2025-02", "Atelier de validation", 3, False),
    ("ETU-2026-12", "Validation du rapport", 12, False),
]

EXPERT_PROFILES = [
    ("HCP", [ExpertiseArea.MIGRATION_DATA, ExpertiseArea.SURVEYS], ["FR", "ES"]),
    ("CCME", [ExpertiseArea.YOUTH, ExpertiseArea.EDUCATION], ["FR", "BE"]),
    ("CNDH", [ExpertiseArea.LAW, ExpertiseArea.GENDER], ["ES", "IT"]),
    ("MSPS", [ExpertiseArea.SOCIAL], ["FR", "BE"]),
    ("MI", [ExpertiseArea.MIGRATION_DATA, ExpertiseArea.LAW], ["ES"]),
    ("MAECAMRE", [ExpertiseArea.DIPLOMACY], ["SN", "CI", "ML"]),
    ("AMDIE", [ExpertiseArea.ECONOMY], ["FR", "DE", "NL"]),
    ("BAM", [ExpertiseArea.ECONOMY], ["FR", "ES", "IT"]),
    ("MESRSI", [ExpertiseArea.EDUCATION], ["FR", "RU"]),
    ("MENPS", [ExpertiseArea.EDUCATION], ["BE", "FR", "ES"]),
    ("OIM", [ExpertiseArea.RETURN, ExpertiseArea.MIGRATION_DATA], ["SN", "ML"]),
    ("OIT", [ExpertiseArea.SOCIAL, ExpertiseArea.GENDER], ["IT", "ES"]),
    ("FH2MRE", [ExpertiseArea.EDUCATION, ExpertiseArea.RELIGION], ["FR", "IT"]),
    ("MEF", [ExpertiseArea.ECONOMY], ["FR"]),
    ("MJ", [ExpertiseArea.LAW], ["FR", "BE"]),
    ("MTAESS", [ExpertiseArea.SOCIAL], ["ES", "IT"]),
    ("ANAPEC", [ExpertiseArea.ECONOMY, ExpertiseArea.YOUTH], ["DE", "FR"]),
    ("CNSS", [ExpertiseArea.SOCIAL], ["FR", "BE", "NL"]),
    ("MIEPEEC", [ExpertiseArea.ECONOMY], ["CA", "FR"]),
    ("HCR", [ExpertiseArea.LAW, ExpertiseArea.RETURN], ["SN", "CI"]),
]
AVAILABILITIES = [Availability.AVAILABLE] * 3 + [Availability.LIMITED, Availability.UNAVAILABLE]
LANGUAGES = [["ar", "fr"], ["ar", "fr", "en"], ["ar", "fr", "es"], ["ar", "ber", "fr", "nl"]]


def _date(text: str | None):
    return datetime.date.fromisoformat(text) if text else None


def _report_text(study: Study, version: int) -> list[str]:
    lines = [study.title_fr, f"Version {version}", study.abstract_fr]
    lines += FINDINGS.get(study.reference, [])
    return lines


def _walk(study: Study, status: str, user) -> None:
    """Along the pipeline to `status`, one dated step at a time, as the page does it."""
    if status == S.ARCHIVED:
        services.study_advance(study=study, to_status=S.COMMISSIONED, user=user)
        services.study_advance(study=study, to_status=S.ARCHIVED, user=user)
        return
    while study.status != status:
        study = services.study_advance(study=study, to_status=study.next_status, user=user)


def _date_steps(study: Study) -> None:
    """The demo walks each pipeline at once: its steps spread over the study's dates instead,
    none after today, as a real study's would be."""
    steps = list(study.transitions.order_by("pk"))
    start = study.starts_on or timezone.localdate()
    end = min(study.ends_on or start, timezone.localdate())
    span = max((end - start).days, 0)
    for index, step in enumerate(steps):
        day = start + datetime.timedelta(days=span * index // max(len(steps) - 1, 1))
        step.at = at_local(min(day, timezone.localdate()), datetime.time(10))
    StudyTransition.objects.bulk_update(steps, ["at"])


def _studies(named, coordinator, officer) -> dict[str, Study]:
    studies = {}
    for (
        reference,
        status,
        visibility,
        shared,
        conductor,
        title_fr,
        title_ar,
        title_en,
        abstract_fr,
        themes,
        segments,
        countries,
        methodology,
        sample,
        start,
        end,
        budget,
    ) in STUDIES:
        existing = Study.objects.filter(reference=reference).first()
        if existing:
            studies[reference] = existing
            continue
        study = services.study_save(
            study=Study(
                reference=reference,
                title_fr=title_fr,
                title_ar=title_ar,
                title_en=title_en,
                abstract_fr=abstract_fr,
                themes=themes,
                segments=segments,
                countries=countries,
                fieldwork_countries=countries[:2],
                methodology=methodology,
                sample_size=sample,
                commissioning_unit="Direction des études et de la coopération",
                conducted_by=named.get(conductor),
                followed_by=officer if len(studies) % 2 else coordinator,
                budget=Decimal(budget) if budget else None,
                currency="MAD",
                starts_on=_date(start),
                ends_on=_date(end),
                visibility=visibility,
            ),
            shared_with=[named[acronym] for acronym in shared if acronym in named],
            user=coordinator,
        )
        _walk(study, status, coordinator)
        _date_steps(study)
        studies[reference] = Study.objects.get(pk=study.pk)
    return studies


def _parts(studies, coordinator) -> None:
    today = timezone.localdate()
    for reference, texts in FINDINGS.items():
        study = studies[reference]
        if not study.findings.exists():
            for text in texts:
                services.finding_add(finding=Finding(study=study, text_fr=text))
    for reference, kind, title, versions in DOCUMENTS:
        study = studies[reference]
        for version in range(1, versions + 1):
            if StudyDocument.objects.filter(study=study, kind=kind, version=version).exists():
                continue
            lines = _report_text(study, version)
            name, content = (
                ("rapport.docx", report_docx(lines))
                if kind == DocumentKind.INTERIM_REPORT
                else ("rapport.pdf", report_pdf(lines))
            )
            services.document_add(
                document=StudyDocument(
                    study=study, kind=kind, title=title, file=ContentFile(content, name=name)
                ),
                user=coordinator,
            )
    for reference, title, days, done in MILESTONES:
        study = studies[reference]
        if Milestone.objects.filter(study=study, title=title).exists():
            continue
        due = today + datetime.timedelta(days=days)
        if (study.starts_on and due < study.starts_on) or (study.ends_on and due > study.ends_on):
            due = study.ends_on or due  # keep within the study's dates
        milestone = services.milestone_save(
            milestone=Milestone(study=study, title=title, due_on=due)
        )
        if done:
            services.milestone_mark_done(milestone=milestone, on=due)


def _recommendations(studies, named) -> None:
    for reference, text_fr, text_ar, priority, addressees, themes, fate in RECOMMENDATIONS:
        study = studies[reference]
        if Recommendation.objects.filter(study=study, text_fr=text_fr).exists():
            continue
        recommendation = services.recommendation_save(
            recommendation=Recommendation(
                study=study, text_fr=text_fr, text_ar=text_ar, priority=priority, themes=themes
            ),
            addressees=[named[acronym] for acronym in addressees if acronym in named],
        )
        # Made when its study reported, so that the tracker shows how long it has waited.
        reported = min(study.ends_on or timezone.localdate(), timezone.localdate())
        Recommendation.objects.filter(pk=recommendation.pk).update(
            created_at=at_local(reported, datetime.time(10))
        )
        if fate is None:
            continue
        if fate[0] == "rejected":
            services.recommendation_reject(recommendation=recommendation, reason=fate[1])
            continue
        decision = (
            Decision.objects.filter(
                meeting__commission__code="CIM", responsible__acronym_fr=fate[1]
            )
            .order_by("meeting__starts_at", "sequence")
            .first()
        )
        if decision is None:
            continue
        services.recommendation_take_up(
            recommendation=recommendation,
            decisions=[decision],
            actions=Action.objects.filter(decision=decision),
        )


# The directory keeps two to four people per partner: an expert is one of them when it is full.
MOST_PEOPLE = 4


def _expert_person(organization, index: int, acronym: str) -> Person | None:
    """The organisation's expert in the directory, added unless its directory is full."""
    existing = organization.people.filter(kind=PersonKind.EXPERT).first()
    if existing or organization.people.count() >= MOST_PEOPLE:
        return existing
    first, first_ar, title = FIRST_NAMES[(index * 3 + 1) % len(FIRST_NAMES)]
    last, last_ar = LAST_NAMES[(index * 5 + 2) % len(LAST_NAMES)]
    return Person.objects.create(
        organization=organization,
        first_name=first,
        last_name=last,
        title=title,
        first_name_ar=first_ar,
        last_name_ar=last_ar,
        kind=PersonKind.EXPERT,
        position="Expert",
        emails=[f"expert{index}@{acronym.lower()}.example.org"],
        languages=LANGUAGES[index % len(LANGUAGES)],
    )


def _experts(named, studies) -> None:
    if Expert.objects.exists():
        return
    commissions = list(Commission.objects.order_by("pk")[:3])
    study_list = list(studies.values())
    today = timezone.localdate()
    for index, (acronym, areas, countries) in enumerate(EXPERT_PROFILES):
        organization = named.get(acronym)
        if organization is None:
            continue
        person = _expert_person(organization, index, acronym)
        if person is None or hasattr(person, "expert"):
            continue
        expert = services.expert_save(
            expert=Expert(
                person=person,
                areas=areas,
                countries=countries,
                availability=AVAILABILITIES[index % len(AVAILABILITIES)],
                available_from=today + datetime.timedelta(days=30) if index % 5 == 3 else None,
                keywords="enquêtes ménages" if ExpertiseArea.SURVEYS in areas else "",
            )
        )
        study = study_list[index % len(study_list)]
        services.mobilisation_add(
            mobilisation=Mobilisation(
                expert=expert,
                role=[
                    MobilisationRole.LEAD,
                    MobilisationRole.RESEARCHER,
                    MobilisationRole.REVIEWER,
                ][index % 3],
                study=study,
                starts_on=study.starts_on or today,
                ends_on=study.ends_on,
            )
        )
        if index % 4 == 0 and commissions:
            services.mobilisation_add(
                mobilisation=Mobilisation(
                    expert=expert,
                    role=MobilisationRole.ADVISER,
                    commission=commissions[index % len(commissions)],
                    starts_on=datetime.date(2025, 1, 1),
                )
            )


def seed(*, log) -> None:
    coordinator = User.objects.get(username="coordinator")
    officer = User.objects.get(username="officer")
    named = {
        organization.acronym_fr: organization
        for organization in Organization.objects.exclude(acronym_fr="")
    }
    studies = _studies(named, coordinator, officer)
    _parts(studies, coordinator)
    _recommendations(studies, named)
    _experts(named, studies)
    log(
        f"{Study.objects.exclude(reference__startswith=GROWN_REFERENCE).count()} studies, "
        f"{Recommendation.objects.count()} recommendations, {Expert.objects.count()} experts"
    )


# `seed_demo --scale N`: N times this much more research, in bulk.
STUDIES_PER_SCALE = 50
RECOMMENDATIONS_PER_STUDY = 6
DOCUMENTS_PER_STUDY = 3
EXPERTS_PER_SCALE = 40
GROWN_REFERENCE = "G-ETU-"
GROWN_TOPICS = [
    ("les retraités", "المتقاعدين", Segment.RETIREES, "social_protection"),
    ("les jeunes", "الشباب", Segment.YOUTH, "identity"),
    ("les femmes", "النساء", Segment.WOMEN, "rights"),
    ("les entrepreneurs", "المقاولين", Segment.ENTREPRENEURS, "investment"),
    ("les étudiants", "الطلبة", Segment.STUDENTS, "identity"),
    ("les compétences", "الكفاءات", Segment.SKILLED, "development"),
    ("le retour", "العائدين", Segment.RETURNEES, "return"),
]
GROWN_COUNTRIES = ["FR", "ES", "IT", "BE", "NL", "DE", "CA", "US", "SN", "CI"]


def grow(*, scale: int, rng, log) -> None:
    """Research at scale: 50 studies per scale across the pipeline, each with two findings,
    two milestones, three documents (a report in two versions and a dataset) and six
    recommendations (taken up by grown decisions and actions, rejected, or waiting), and 40
    experts per scale among the grown directory's people, each mobilised on a study."""
    from partners.demo import grown_organizations

    have = Study.objects.filter(reference__startswith=GROWN_REFERENCE).count()
    wanted = STUDIES_PER_SCALE * scale
    if have >= wanted:
        return
    coordinator = User.objects.get(username="coordinator")
    organizations = list(grown_organizations().order_by("pk")) or list(
        Organization.objects.partners().order_by("pk")
    )
    today = timezone.localdate()
    studies = Study.objects.bulk_create(
        _grown_study(number, organizations, rng, today) for number in range(have + 1, wanted + 1)
    )
    StudyTransition.objects.bulk_create(
        StudyTransition(study=study, to_status=study.status, by=coordinator) for study in studies
    )
    Study.shared_with.through.objects.bulk_create(
        Study.shared_with.through(study=study, organization=rng.choice(organizations))
        for study in studies
        if study.visibility == Visibility.SHARED
    )
    _grow_parts(studies, rng, coordinator)
    recommendations = _grow_recommendations(studies, organizations, rng, today)
    experts = _grow_experts(scale, studies, rng)
    log(
        f"{len(studies)} more studies, {len(recommendations)} more recommendations, "
        f"{experts} more experts"
    )


def _grown_study(number: int, organizations, rng, today) -> Study:
    topic_fr, topic_ar, segment, theme = rng.choice(GROWN_TOPICS)
    start = today - datetime.timedelta(days=rng.randint(-180, 2500))
    countries = rng.sample(GROWN_COUNTRIES, k=rng.randint(1, 3))
    return Study(
        reference=f"{GROWN_REFERENCE}{number:05d}",
        title_fr=f"Étude n° {number} sur {topic_fr} MRE",
        title_ar=f"الدراسة رقم {number} حول {topic_ar} من مغاربة العالم",
        title_en=f"Study no. {number}",
        abstract_fr=f"Étude de démonstration sur {topic_fr}, générée pour mesurer le portail.",
        themes=[theme],
        segments=[segment],
        countries=countries,
        fieldwork_countries=countries[:1],
        methodology=rng.choice(Methodology.values),
        sample_size=rng.randint(50, 3000),
        status=rng.choice(list(StudyStatus.values)),
        conducted_by=rng.choice(organizations),
        budget=Decimal(rng.randint(100, 3000) * 1000),
        currency="MAD",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=rng.randint(180, 720)),
        visibility=rng.choice(list(Visibility.values)),
    )


def _grow_parts(studies, rng, coordinator) -> None:
    findings, milestones, documents = [], [], []
    stored = {
        "pdf": ContentFile(report_pdf(["Rapport de démonstration"]), name="report.pdf"),
        "csv": ContentFile(b"pays,effectif\nFR,1200\nES,800\n", name="data.csv"),
    }
    # One stored file each that every grown document points to: the bench reads rows, not disks.
    storage = StudyDocument._meta.get_field("file").storage
    names = {
        extension: storage.save(random_name(StudyDocument(), file.name), file)
        for extension, file in stored.items()
    }
    for study in studies:
        findings += [
            Finding(
                study=study,
                position=position,
                text_fr=f"Constat {position} : {study.title_fr.lower()} révèle des besoins "
                "d'accompagnement dans les démarches administratives.",
            )
            for position in (1, 2)
        ]
        milestones += [
            Milestone(study=study, title=title, due_on=study.starts_on + datetime.timedelta(days=d))
            for title, d in (("Rapport intermédiaire", 90), ("Atelier de validation", 170))
        ]
        documents += [
            StudyDocument(
                study=study,
                kind=kind,
                version=version,
                title=title,
                file=names[extension],
                text=f"{study.title_fr}. {study.abstract_fr}" if extension == "pdf" else "",
                uploaded_by=coordinator,
            )
            for kind, version, title, extension in (
                (DocumentKind.FINAL_REPORT, 1, "Rapport final", "pdf"),
                (DocumentKind.FINAL_REPORT, 2, "Rapport final", "pdf"),
                (DocumentKind.DATASET, 1, "Données", "csv"),
            )
        ][:DOCUMENTS_PER_STUDY]
    Finding.objects.bulk_create(findings)
    Milestone.objects.bulk_create(milestones)
    StudyDocument.objects.bulk_create(documents)


def _grow_recommendations(studies, organizations, rng, today) -> list[Recommendation]:
    decisions = list(Decision.objects.order_by("-pk").values_list("pk", flat=True)[:500])
    actions = list(Action.objects.order_by("-pk").values_list("pk", flat=True)[:2000])
    rows = []
    for study in studies:
        for number in range(1, RECOMMENDATIONS_PER_STUDY + 1):
            fate = rng.choices(["taken_up", "rejected", "pending"], weights=[4, 2, 4])[0]
            if fate == "taken_up" and not (decisions and actions):
                fate = "pending"
            rows.append(
                Recommendation(
                    study=study,
                    number=number,
                    text_fr=f"Recommandation {number} : simplifier les démarches des MRE "
                    f"({study.reference}).",
                    priority=rng.choice(Priority.values),
                    themes=study.themes,
                    uptake=fate,
                    uptake_on=today - datetime.timedelta(days=rng.randint(0, 400))
                    if fate != "pending"
                    else None,
                    rejection_reason="Hors du champ des priorités actuelles."
                    if fate == "rejected"
                    else "",
                )
            )
    created = Recommendation.objects.bulk_create(rows)
    Recommendation.addressees.through.objects.bulk_create(
        Recommendation.addressees.through(recommendation=row, organization=organization)
        for row in created
        for organization in rng.sample(organizations, k=min(2, len(organizations)))
    )
    taken = [row for row in created if row.uptake == "taken_up"]
    Recommendation.decisions.through.objects.bulk_create(
        Recommendation.decisions.through(recommendation=row, decision_id=rng.choice(decisions))
        for row in taken
    )
    Recommendation.actions.through.objects.bulk_create(
        Recommendation.actions.through(recommendation=row, action_id=rng.choice(actions))
        for row in taken
    )
    return created


def _grow_experts(scale: int, studies, rng) -> int:
    have = Expert.objects.filter(person__organization__name_fr__startswith=GROWN_NAME).count()
    wanted = EXPERTS_PER_SCALE * scale - have
    if wanted <= 0:
        return 0
    people = list(
        Person.objects.filter(
            organization__name_fr__startswith=GROWN_NAME, expert__isnull=True
        ).order_by("pk")[:wanted]
    )
    experts = Expert.objects.bulk_create(
        Expert(
            person=person,
            areas=rng.sample(ExpertiseArea.values, k=2),
            countries=rng.sample(GROWN_COUNTRIES, k=2),
            availability=rng.choice(AVAILABILITIES),
        )
        for person in people
    )
    Mobilisation.objects.bulk_create(
        Mobilisation(
            expert=expert,
            role=rng.choice(MobilisationRole.values),
            study=study,
            starts_on=study.starts_on,
            ends_on=study.ends_on,
        )
        for expert in experts
        for study in [rng.choice(studies)]
    )
    return len(experts)
