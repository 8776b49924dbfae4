"""Sectoral action plans of the demo partners, with the life they have had by December 2026,
and bulk-grown plans for `manage.py seed_demo --scale N`."""

import datetime
import itertools
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from commissions.models import Decision
from contacts.models import Person, PersonKind
from partners.demo import demo_partners
from partners.models import Organization
from reminders.services import reminders_sync

from .models import (
    Action,
    ActionStatus,
    Axis,
    DueDateRevision,
    Indicator,
    IndicatorValue,
    Periodicity,
    Plan,
    PlanStatus,
    ProgressReport,
    ReportingRound,
    ReportState,
)
from .reminders import expected_for_round
from .services import (
    action_create,
    action_revise_due_date,
    action_set_status,
    axis_add,
    decision_create_action,
    indicator_add,
    plan_advance,
    plan_save,
    report_return,
    report_submit,
    report_validate,
    round_open,
)

CASABLANCA = ZoneInfo("Africa/Casablanca")


class Ind(NamedTuple):
    """An indicator: name, unit, baseline (value, year), target (value, date)."""

    name: str
    unit: str
    baseline: str
    baseline_year: int
    target: str
    target_date: str
    periodicity: str = Periodicity.QUARTERLY


class Step(NamedTuple):
    """One version of a progress report, and what the ministry made of it."""

    period: str
    progress: int
    narrative: str
    values: tuple = ()  # one per indicator of the action, None for none
    returned: str = ""  # the reviewer's comment when it was sent back
    awaiting: bool = False  # still waiting for the ministry


class Revision(NamedTuple):
    due: str
    reason: str
    on: str


class Act(NamedTuple):
    fr: str
    ar: str
    en: str
    description: str
    weight: int
    start: str
    due: str  # the due date agreed with the plan: its baseline
    co_owners: tuple = ()
    indicators: tuple = ()
    revised: Revision | None = None
    reports: tuple = ()
    status: str = ""  # set by hand at the end: delayed or cancelled


class Axe(NamedTuple):
    code: str
    fr: str
    ar: str
    en: str
    actions: tuple


class PlanSpec(NamedTuple):
    lead: str
    code: str
    years: tuple
    signed_on: str
    in_execution: bool
    fr: str
    ar: str
    en: str
    axes: tuple
    co_signers: tuple = ()


DELAYED, CANCELLED = ActionStatus.DELAYED, ActionStatus.CANCELLED

PLANS = [
    PlanSpec(
        lead="MI",
        code="MI-2026",
        years=(2026, 2028),
        signed_on="2026-02-12",
        in_execution=True,
        fr="Plan d'action en faveur des MRE : simplification des démarches administratives "
        "et accueil",
        ar="خطة العمل لفائدة المغاربة المقيمين بالخارج: تبسيط المساطر الإدارية والاستقبال",
        en="Action plan for Moroccans residing abroad: simpler administrative procedures "
        "and reception",
        axes=(
            Axe(
                "ADM-1",
                "Simplification et dématérialisation des démarches administratives",
                "تبسيط المساطر الإدارية ورقمنتها",
                "Simplification and digitisation of administrative procedures",
                (
                    Act(
                        "Dématérialiser la demande de copie intégrale d'acte de naissance",
                        "رقمنة طلب النسخة الكاملة من رسم الولادة",
                        "Put requests for full copies of birth certificates online",
                        "Permettre aux MRE de demander et de recevoir en ligne les copies "
                        "de leurs actes d'état civil sans se déplacer au Maroc.",
                        2,
                        "2026-01-15",
                        "2026-09-30",
                        reports=(
                            Step(
                                "2026-Q1",
                                30,
                                "Cahier des charges validé et prestataire retenu pour la "
                                "plateforme de demande en ligne.",
                            ),
                            Step(
                                "2026-Q2",
                                70,
                                "Plateforme en recette dans douze communes pilotes ; "
                                "raccordement au registre national de l'état civil en cours.",
                            ),
                            Step(
                                "2026-Q4",
                                100,
                                "Service ouvert à tous les MRE depuis le 2 novembre : "
                                "18 400 demandes traitées le premier mois.",
                                awaiting=True,
                            ),
                        ),
                    ),
                    Act(
                        "Mettre en place un guichet unique des démarches des MRE dans chaque "
                        "préfecture et province",
                        "إحداث شباك موحد للمساطر الإدارية الخاصة بالمغاربة المقيمين بالخارج "
                        "بكل عمالة وإقليم",
                        "Set up a single window for MRA administrative procedures in every "
                        "prefecture and province",
                        "Regrouper en un seul point d'accueil les démarches d'état civil, "
                        "d'urbanisme et de certification les plus demandées par les MRE.",
                        3,
                        "2026-02-01",
                        "2027-06-30",
                        co_owners=("MTNRA",),
                        indicators=(
                            Ind(
                                "Préfectures et provinces dotées d'un guichet unique",
                                "guichets",
                                "0",
                                2025,
                                "75",
                                "2027-06-30",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                15,
                                "Modèle d'organisation du guichet arrêté avec la Direction "
                                "générale des collectivités territoriales ; quatre guichets "
                                "pilotes ouverts.",
                                values=("4",),
                            ),
                            Step(
                                "2026-Q3",
                                35,
                                "Onze guichets ouverts, dont ceux de Nador, Oujda et "
                                "Béni Mellal ; formation des agents d'accueil achevée.",
                                values=("11",),
                            ),
                        ),
                    ),
                    Act(
                        "Permettre le renouvellement de la carte nationale d'identité "
                        "électronique auprès des consulats",
                        "تمكين المغاربة المقيمين بالخارج من تجديد البطاقة الوطنية للتعريف "
                        "الإلكترونية لدى القنصليات",
                        "Allow the electronic national identity card to be renewed at consulates",
                        "Équiper les consulats de stations d'enrôlement biométrique reliées "
                        "à la Direction générale de la sûreté nationale.",
                        3,
                        "2026-03-01",
                        "2026-10-31",
                        co_owners=("MAECAMRE",),
                        revised=Revision(
                            "2027-03-31",
                            "Retard de livraison des stations d'enrôlement biométrique "
                            "destinées aux consulats.",
                            "2026-09-21",
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                25,
                                "Marché des stations d'enrôlement attribué ; sites des "
                                "vingt premiers consulats reconnus.",
                            ),
                            Step(
                                "2026-Q3",
                                40,
                                "Premières stations installées dans les consulats de "
                                "Paris, Bruxelles et Madrid.",
                                returned="Le taux de 40 % n'est pas étayé : joindre le "
                                "procès-verbal de réception des stations installées.",
                            ),
                            Step(
                                "2026-Q3",
                                35,
                                "Procès-verbal de réception joint : 14 stations installées "
                                "sur 40, les autres livrées au premier trimestre 2027.",
                            ),
                        ),
                    ),
                    Act(
                        "Réduire les délais de légalisation de signature et de certification "
                        "conforme pour les MRE en séjour",
                        "تقليص آجال تصحيح الإمضاء والإشهاد على مطابقة النسخ لأصولها لفائدة "
                        "المغاربة المقيمين بالخارج خلال مقامهم بالمغرب",
                        "Shorten signature legalisation and certified copies for MRA visiting "
                        "Morocco",
                        "Ouvrir des guichets prioritaires en été et fixer un délai maximal "
                        "de traitement d'une journée.",
                        1,
                        "2026-01-15",
                        "2026-08-31",
                        reports=(
                            Step(
                                "2026-Q2",
                                40,
                                "Circulaire aux bureaux communaux publiée ; guichets "
                                "prioritaires ouverts dans 60 communes.",
                            ),
                            Step(
                                "2026-Q3",
                                60,
                                "Délai moyen ramené à deux jours ; l'objectif d'une journée "
                                "n'est pas atteint dans les grandes villes.",
                            ),
                        ),
                    ),
                ),
            ),
            Axe(
                "ACC-2",
                "Accueil et accompagnement des MRE lors de l'opération Marhaba",
                "استقبال ومواكبة المغاربة المقيمين بالخارج خلال عملية مرحبا",
                "Reception and support of MRA during Operation Marhaba",
                (
                    Act(
                        "Renforcer les effectifs d'accueil aux points de passage frontaliers "
                        "pendant l'été",
                        "تعزيز الموارد البشرية المكلفة بالاستقبال بالمراكز الحدودية خلال فصل الصيف",
                        "Reinforce reception staff at border crossing points in the summer",
                        "Affecter des agents supplémentaires aux ports et aux aéroports du "
                        "15 juin au 15 septembre.",
                        2,
                        "2026-04-01",
                        "2026-09-15",
                        indicators=(
                            Ind(
                                "Agents d'accueil mobilisés aux points de passage",
                                "agents",
                                "1200",
                                2025,
                                "1500",
                                "2026-09-15",
                                Periodicity.YEARLY,
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                50,
                                "Affectations arrêtées ; 1 350 agents en poste au 15 juin.",
                                values=("1350",),
                            ),
                            Step(
                                "2026-Q3",
                                100,
                                "Opération achevée le 15 septembre avec 1 540 agents "
                                "mobilisés ; bilan remis à la Fondation Mohammed V.",
                                values=("1540",),
                            ),
                        ),
                    ),
                    Act(
                        "Informer en temps réel sur l'attente aux ports de Tanger Med et Nador",
                        "الإخبار الآني بمدة الانتظار بميناءي طنجة المتوسط والناظور",
                        "Give real-time waiting-time information at the ports of Tanger Med "
                        "and Nador",
                        "Afficher les temps d'attente sur les panneaux et l'application "
                        "Marhaba à partir des données des portiques.",
                        2,
                        "2026-03-01",
                        "2027-05-31",
                        indicators=(
                            Ind(
                                "Temps d'attente moyen au débarquement",
                                "minutes",
                                "95",
                                2025,
                                "45",
                                "2027-08-31",
                                Periodicity.YEARLY,
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q3",
                                20,
                                "Capteurs installés à Tanger Med ; l'affichage sera testé "
                                "à Nador pendant l'été 2027.",
                                values=("80",),
                            ),
                        ),
                    ),
                    Act(
                        "Aménager des aires de repos et d'assistance sur les axes de transit",
                        "تهيئة فضاءات للاستراحة والمساعدة على محاور العبور",
                        "Build rest and assistance areas along the transit routes",
                        "Aménager avec les autoroutes du Maroc six aires dotées de "
                        "permanences d'assistance pendant l'été.",
                        1,
                        "2026-05-01",
                        "2027-06-15",
                    ),
                ),
            ),
            Axe(
                "FON-3",
                "Accompagnement des MRE dans les litiges fonciers et immobiliers",
                "مواكبة المغاربة المقيمين بالخارج في النزاعات العقارية",
                "Support for MRA in land and property disputes",
                (
                    Act(
                        "Créer des cellules d'écoute des plaintes foncières des MRE dans "
                        "les wilayas",
                        "إحداث خلايا للإنصات لشكايات المغاربة المقيمين بالخارج المتعلقة "
                        "بالعقار بالولايات",
                        "Set up units in the wilayas to hear MRA land complaints",
                        "Désigner dans chaque wilaya une cellule chargée d'instruire les "
                        "plaintes et d'orienter les plaignants.",
                        2,
                        "2026-02-15",
                        "2026-09-30",
                        revised=Revision(
                            "2026-11-30",
                            "Désignation tardive des membres des cellules dans quatre wilayas.",
                            "2026-09-15",
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                20,
                                "Cellules constituées dans huit wilayas sur douze.",
                            ),
                        ),
                        status=DELAYED,
                    ),
                    Act(
                        "Publier un guide des procédures contre la spoliation foncière",
                        "نشر دليل المساطر المتعلقة بمحاربة الاستيلاء على عقارات الغير",
                        "Publish a guide to procedures against property spoliation",
                        "Expliquer en trois langues les recours ouverts aux MRE victimes "
                        "de spoliation de leurs biens.",
                        1,
                        "2026-06-01",
                        "2027-02-28",
                        co_owners=("MJ",),
                    ),
                    Act(
                        "Mettre en ligne le suivi des plaintes déposées par les MRE",
                        "إتاحة تتبع الشكايات المودعة من طرف المغاربة المقيمين بالخارج عبر الإنترنت",
                        "Let MRA follow their complaints online",
                        "Donner à chaque plaignant un numéro de suivi consultable depuis "
                        "l'étranger.",
                        2,
                        "2026-09-01",
                        "2027-12-31",
                    ),
                ),
            ),
        ),
    ),
    PlanSpec(
        lead="MSPS",
        code="MSPS-2026",
        years=(2026, 2028),
        signed_on="2026-03-05",
        in_execution=True,
        co_signers=("CNSS",),
        fr="Plan d'action santé et protection sociale des MRE et de leurs familles",
        ar="خطة العمل في مجال الصحة والحماية الاجتماعية لفائدة المغاربة المقيمين بالخارج وأسرهم",
        en="Action plan for the health and social protection of MRA and their families",
        axes=(
            Axe(
                "SAN-1",
                "Couverture médicale des MRE et de leurs familles",
                "التغطية الصحية للمغاربة المقيمين بالخارج وأسرهم",
                "Health coverage of MRA and their families",
                (
                    Act(
                        "Étendre l'assurance maladie obligatoire aux ayants droit des MRE "
                        "résidant au Maroc",
                        "تعميم التأمين الإجباري الأساسي عن المرض على ذوي حقوق المغاربة "
                        "المقيمين بالخارج القاطنين بالمغرب",
                        "Extend compulsory health insurance to the dependants of MRA living "
                        "in Morocco",
                        "Immatriculer à l'AMO les parents et enfants à charge des MRE qui "
                        "vivent au Maroc.",
                        3,
                        "2026-01-15",
                        "2027-12-31",
                        co_owners=("CNSS",),
                        indicators=(
                            Ind(
                                "Ayants droit de MRE immatriculés à l'AMO",
                                "personnes",
                                "12000",
                                2025,
                                "60000",
                                "2027-12-31",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q1",
                                10,
                                "Décret d'application publié ; campagne d'information "
                                "lancée dans les consulats.",
                                values=("15000",),
                            ),
                            Step(
                                "2026-Q2",
                                20,
                                "Guichets d'immatriculation ouverts dans les agences de "
                                "la CNSS des douze régions.",
                                values=("21000",),
                            ),
                            Step(
                                "2026-Q3",
                                35,
                                "Forte hausse des immatriculations pendant l'été.",
                                values=("31000",),
                                returned="Les chiffres d'immatriculation ne concordent pas "
                                "avec ceux de la CNSS : merci de les rapprocher avant "
                                "validation.",
                            ),
                            Step(
                                "2026-Q3",
                                30,
                                "Chiffres rapprochés avec la CNSS : 26 500 ayants droit "
                                "immatriculés au 30 septembre.",
                                values=("26500",),
                            ),
                        ),
                    ),
                    Act(
                        "Créer une offre d'assurance santé pour les MRE en séjour au Maroc",
                        "إحداث عرض للتأمين الصحي لفائدة المغاربة المقيمين بالخارج خلال "
                        "مقامهم بالمغرب",
                        "Create a health insurance offer for MRA staying in Morocco",
                        "Proposer avec les assureurs une couverture des soins urgents "
                        "pendant les séjours de courte durée.",
                        2,
                        "2026-02-01",
                        "2026-09-30",
                        revised=Revision(
                            "2026-12-31",
                            "Consultation des assureurs prolongée d'un trimestre.",
                            "2026-09-10",
                        ),
                        reports=(
                            Step(
                                "2026-Q3",
                                40,
                                "Cahier des charges soumis à la Fédération marocaine de "
                                "l'assurance ; trois offres reçues.",
                            ),
                            Step(
                                "2026-Q4",
                                60,
                                "Offre retenue ; tarification en cours de validation par l'ACAPS.",
                                awaiting=True,
                            ),
                        ),
                    ),
                    Act(
                        "Simplifier la prise en charge des soins des retraités MRE revenus "
                        "au Maroc",
                        "تبسيط التكفل بعلاجات المتقاعدين المغاربة العائدين من الخارج",
                        "Simplify the coverage of care for MRA pensioners back in Morocco",
                        "Reconnaître directement les droits ouverts dans le pays d'accueil "
                        "sans nouvelle immatriculation.",
                        2,
                        "2026-03-01",
                        "2026-10-31",
                        reports=(
                            Step(
                                "2026-Q2",
                                30,
                                "Échanges engagés avec les caisses françaises et belges "
                                "sur le formulaire de droits.",
                            ),
                        ),
                    ),
                ),
            ),
            Axe(
                "SAN-2",
                "Accès aux soins pendant l'opération Marhaba",
                "الولوج إلى العلاجات خلال عملية مرحبا",
                "Access to care during Operation Marhaba",
                (
                    Act(
                        "Déployer des postes médicaux avancés aux ports et aux aéroports en été",
                        "نشر مراكز طبية متقدمة بالموانئ والمطارات خلال فصل الصيف",
                        "Deploy advanced medical posts at ports and airports in summer",
                        "Assurer une présence médicale permanente aux points de passage "
                        "pendant l'opération Marhaba.",
                        2,
                        "2026-04-15",
                        "2026-09-15",
                        indicators=(
                            Ind(
                                "Consultations assurées aux points de passage",
                                "consultations",
                                "18000",
                                2025,
                                "25000",
                                "2026-09-15",
                                Periodicity.YEARLY,
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                60,
                                "Quatorze postes installés et équipés au 15 juin.",
                                values=("9000",),
                            ),
                            Step(
                                "2026-Q3",
                                100,
                                "Opération close : 26 500 consultations et 310 évacuations "
                                "sanitaires.",
                                values=("26500",),
                            ),
                        ),
                    ),
                    Act(
                        "Mettre en place une ligne d'orientation médicale multilingue",
                        "إحداث خط هاتفي متعدد اللغات للتوجيه الطبي",
                        "Set up a multilingual medical guidance line",
                        "Orienter les MRE vers l'établissement de soins le plus proche en "
                        "arabe, en amazighe, en français, en espagnol et en néerlandais.",
                        1,
                        "2026-05-01",
                        "2027-06-30",
                        reports=(
                            Step(
                                "2026-Q3",
                                15,
                                "Prestataire du centre d'appel sélectionné.",
                            ),
                            Step(
                                "2026-Q4",
                                25,
                                "Recrutement des téléconseillers en cours.",
                                returned="Précisez les langues déjà couvertes et la date "
                                "d'ouverture de la ligne.",
                            ),
                        ),
                    ),
                    Act(
                        "Équiper les aires de repos autoroutières en défibrillateurs",
                        "تجهيز باحات الاستراحة بالطرق السيارة بأجهزة إزالة الرجفان",
                        "Equip motorway rest areas with defibrillators",
                        "Installer des défibrillateurs et des trousses d'urgence dans les "
                        "aires de repos des axes de transit.",
                        1,
                        "2026-04-01",
                        "2026-07-15",
                        status=CANCELLED,
                    ),
                ),
            ),
            Axe(
                "SAN-3",
                "Santé mentale et accompagnement psychosocial",
                "الصحة النفسية والمواكبة النفسية والاجتماعية",
                "Mental health and psychosocial support",
                (
                    Act(
                        "Former les professionnels de santé à l'accueil des MRE vulnérables",
                        "تكوين مهنيي الصحة في مجال استقبال المغاربة المقيمين بالخارج في "
                        "وضعية هشاشة",
                        "Train health professionals to receive vulnerable MRA",
                        "Former médecins et infirmiers des urgences à l'accueil des "
                        "personnes âgées, des mineurs et des victimes de violence.",
                        2,
                        "2026-06-01",
                        "2027-09-30",
                        indicators=(
                            Ind(
                                "Professionnels de santé formés",
                                "personnes",
                                "0",
                                2025,
                                "400",
                                "2027-09-30",
                            ),
                        ),
                    ),
                    Act(
                        "Réaliser une étude sur la santé mentale des jeunes MRE de retour",
                        "إنجاز دراسة حول الصحة النفسية للشباب المغاربة العائدين من الخارج",
                        "Study the mental health of young MRA returning to Morocco",
                        "Mesurer les besoins d'accompagnement des jeunes revenus au Maroc "
                        "et proposer un dispositif adapté.",
                        1,
                        "2026-09-01",
                        "2028-03-31",
                    ),
                ),
            ),
        ),
    ),
    PlanSpec(
        lead="MENPS",
        code="MENPS-2026",
        years=(2026, 2028),
        signed_on="2026-01-28",
        in_execution=True,
        co_signers=("FH2MRE",),
        fr="Plan d'action pour l'enseignement de la langue arabe et de la culture marocaine "
        "aux enfants des MRE",
        ar="خطة العمل لتعليم اللغة العربية والثقافة المغربية لأبناء المغاربة المقيمين بالخارج",
        en="Action plan for teaching Arabic and Moroccan culture to the children of MRA",
        axes=(
            Axe(
                "ELCO-1",
                "Enseignement de la langue arabe dans les pays d'accueil",
                "تدريس اللغة العربية في بلدان الإقامة",
                "Arabic teaching in the host countries",
                (
                    Act(
                        "Recruter et déployer 150 enseignants de langue arabe en Europe",
                        "توظيف 150 أستاذا للغة العربية وتعيينهم بأوروبا",
                        "Recruit and deploy 150 Arabic teachers in Europe",
                        "Renforcer le corps enseignant détaché auprès des communautés "
                        "marocaines de France, d'Espagne, de Belgique et d'Italie.",
                        3,
                        "2026-01-15",
                        "2026-09-30",
                        indicators=(
                            Ind(
                                "Enseignants déployés",
                                "enseignants",
                                "0",
                                2025,
                                "150",
                                "2026-09-30",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q1",
                                30,
                                "Concours organisé ; 162 candidats admis.",
                                values=("45",),
                            ),
                            Step(
                                "2026-Q2",
                                60,
                                "Formation initiale achevée et premières affectations.",
                                values=("98",),
                            ),
                            Step(
                                "2026-Q3",
                                85,
                                "128 enseignants en poste à la rentrée ; les visas des 22 "
                                "autres sont en attente.",
                                values=("128",),
                            ),
                        ),
                    ),
                    Act(
                        "Actualiser les programmes et manuels d'arabe pour les enfants MRE",
                        "تحيين البرامج والكتب المدرسية للغة العربية الموجهة لأبناء المغاربة "
                        "المقيمين بالخارج",
                        "Update the Arabic curricula and textbooks for MRA children",
                        "Adapter les contenus au cadre européen commun de référence pour "
                        "les langues.",
                        2,
                        "2026-02-01",
                        "2027-06-30",
                        reports=(
                            Step("2026-Q2", 20, "Référentiel de compétences adopté."),
                            Step(
                                "2026-Q3",
                                35,
                                "Manuels des deux premiers niveaux en cours d'édition.",
                            ),
                        ),
                    ),
                    Act(
                        "Lancer une plateforme numérique d'apprentissage de l'arabe et de "
                        "l'amazighe",
                        "إطلاق منصة رقمية لتعلم اللغتين العربية والأمازيغية",
                        "Launch a digital platform for learning Arabic and Amazigh",
                        "Offrir aux enfants éloignés des cours un apprentissage à distance "
                        "suivi par des enseignants.",
                        2,
                        "2026-03-01",
                        "2027-03-31",
                        indicators=(
                            Ind(
                                "Élèves inscrits sur la plateforme",
                                "élèves",
                                "0",
                                2025,
                                "20000",
                                "2027-03-31",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q3",
                                25,
                                "Version bêta ouverte à la rentrée dans trois pays.",
                                values=("4200",),
                            ),
                        ),
                    ),
                    Act(
                        "Négocier l'intégration de l'arabe dans les cursus de trois pays d'accueil",
                        "التفاوض بشأن إدماج اللغة العربية في المناهج الدراسية لثلاثة بلدان إقامة",
                        "Negotiate Arabic in the school curricula of three host countries",
                        "Faire reconnaître l'arabe comme langue vivante optionnelle dans "
                        "l'enseignement public des pays d'accueil.",
                        2,
                        "2026-01-15",
                        "2028-06-30",
                        co_owners=("MAECAMRE",),
                    ),
                ),
            ),
            Axe(
                "EDU-2",
                "Scolarisation des enfants des MRE de retour",
                "تمدرس أبناء المغاربة المقيمين بالخارج العائدين",
                "Schooling of the children of returning MRA",
                (
                    Act(
                        "Ouvrir des classes passerelles pour les élèves MRE de retour",
                        "فتح أقسام للإدماج المدرسي لفائدة التلاميذ العائدين من الخارج",
                        "Open bridging classes for MRA pupils returning to Morocco",
                        "Accueillir pendant un an les élèves qui maîtrisent mal l'arabe "
                        "avant leur entrée en classe ordinaire.",
                        2,
                        "2026-02-01",
                        "2026-09-01",
                        reports=(
                            Step("2026-Q2", 50, "Quarante classes ouvertes dans six régions."),
                            Step(
                                "2026-Q3",
                                75,
                                "Soixante classes fonctionnent depuis la rentrée.",
                            ),
                            Step(
                                "2026-Q4",
                                90,
                                "Dernières classes ouvertes à Tanger et Agadir.",
                                awaiting=True,
                            ),
                        ),
                    ),
                    Act(
                        "Simplifier l'équivalence des niveaux scolaires obtenus à l'étranger",
                        "تبسيط معادلة المستويات الدراسية المحصل عليها بالخارج",
                        "Simplify the equivalence of school levels obtained abroad",
                        "Permettre l'inscription immédiate des élèves sur la base d'une "
                        "grille d'équivalence publiée.",
                        2,
                        "2026-03-01",
                        "2026-12-31",
                        revised=Revision(
                            "2027-06-30",
                            "Attente du décret fixant les nouvelles grilles d'équivalence.",
                            "2026-10-20",
                        ),
                        reports=(
                            Step(
                                "2026-Q3",
                                30,
                                "Grilles établies pour la France, l'Espagne et la Belgique.",
                            ),
                        ),
                    ),
                    Act(
                        "Organiser des universités d'été pour les jeunes MRE",
                        "تنظيم جامعات صيفية لفائدة الشباب المغاربة المقيمين بالخارج",
                        "Hold summer schools for young MRA",
                        "Faire découvrir aux jeunes de 14 à 18 ans le patrimoine et les "
                        "institutions du Maroc.",
                        1,
                        "2026-10-01",
                        "2027-08-31",
                        co_owners=("FH2MRE",),
                    ),
                    Act(
                        "Former les enseignants à l'accueil des élèves bilingues",
                        "تكوين الأساتذة في مجال استقبال التلاميذ مزدوجي اللغة",
                        "Train teachers to receive bilingual pupils",
                        "Intégrer un module sur le bilinguisme à la formation continue "
                        "des enseignants du primaire.",
                        1,
                        "2026-09-01",
                        "2027-12-31",
                    ),
                ),
            ),
        ),
    ),
    PlanSpec(
        lead="MAECAMRE",
        code="MAECAMRE-2026",
        years=(2026, 2028),
        signed_on="2026-02-20",
        in_execution=True,
        fr="Plan d'action pour la modernisation des services consulaires et la protection des MRE",
        ar="خطة العمل لتحديث الخدمات القنصلية وحماية المغاربة المقيمين بالخارج",
        en="Action plan for modern consular services and the protection of MRA",
        axes=(
            Axe(
                "CONS-1",
                "Modernisation des services consulaires",
                "تحديث الخدمات القنصلية",
                "Modernisation of consular services",
                (
                    Act(
                        "Généraliser la prise de rendez-vous en ligne dans tous les consulats",
                        "تعميم أخذ المواعيد عبر الإنترنت بجميع القنصليات",
                        "Offer online appointments at every consulate",
                        "Supprimer les files d'attente en imposant le rendez-vous en ligne "
                        "pour les passeports et l'état civil.",
                        3,
                        "2026-01-10",
                        "2026-06-30",
                        indicators=(
                            Ind(
                                "Consulats proposant le rendez-vous en ligne",
                                "consulats",
                                "38",
                                2025,
                                "60",
                                "2026-06-30",
                            ),
                        ),
                        revised=Revision(
                            "2026-11-15",
                            "Raccordement des consulats d'Afrique subsaharienne au système "
                            "de rendez-vous retardé.",
                            "2026-06-25",
                        ),
                        reports=(
                            Step(
                                "2026-Q1",
                                40,
                                "Système étendu aux consulats d'Espagne et d'Italie.",
                                values=("44",),
                            ),
                            Step(
                                "2026-Q2",
                                70,
                                "Consulats d'Allemagne et des Pays-Bas raccordés.",
                                values=("52",),
                            ),
                            Step(
                                "2026-Q3",
                                85,
                                "Restent huit consulats d'Afrique et du Moyen-Orient.",
                                values=("57",),
                            ),
                        ),
                    ),
                    Act(
                        "Multiplier les consulats mobiles dans les régions à forte présence "
                        "marocaine",
                        "تكثيف القنصليات المتنقلة بالمناطق التي تعرف حضورا مغربيا كثيفا",
                        "Run more mobile consulates where Moroccan communities are large",
                        "Rapprocher les services consulaires des MRE éloignés des "
                        "chefs-lieux de circonscription.",
                        2,
                        "2026-02-01",
                        "2027-12-31",
                        indicators=(
                            Ind(
                                "Consulats mobiles organisés",
                                "missions",
                                "120",
                                2025,
                                "300",
                                "2027-12-31",
                                Periodicity.HALF_YEARLY,
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                30,
                                "Calendrier annuel publié ; 40 missions réalisées.",
                                values=("160",),
                            ),
                            Step(
                                "2026-Q3",
                                45,
                                "Missions d'été renforcées en Espagne et en Italie.",
                                values=("205",),
                            ),
                        ),
                    ),
                    Act(
                        "Délivrer les actes d'état civil consulaires en format électronique",
                        "إصدار وثائق الحالة المدنية بالقنصليات في صيغة إلكترونية",
                        "Issue consular civil-status documents electronically",
                        "Relier les registres consulaires au registre national de l'état "
                        "civil électronique.",
                        2,
                        "2026-04-01",
                        "2027-09-30",
                        co_owners=("MI",),
                    ),
                    Act(
                        "Créer un centre d'appel consulaire unique",
                        "إحداث مركز اتصال قنصلي موحد",
                        "Create a single consular call centre",
                        "Répondre en un seul numéro aux questions des MRE sur les "
                        "démarches consulaires.",
                        1,
                        "2026-03-01",
                        "2026-11-30",
                        reports=(
                            Step(
                                "2026-Q2",
                                15,
                                "Appel d'offres infructueux, relancé en septembre.",
                            ),
                        ),
                        status=DELAYED,
                    ),
                ),
            ),
            Axe(
                "PROT-2",
                "Protection et assistance des MRE en situation de vulnérabilité",
                "حماية ومساعدة المغاربة المقيمين بالخارج في وضعية هشاشة",
                "Protection and assistance of vulnerable MRA",
                (
                    Act(
                        "Offrir une assistance juridique gratuite dans les consulats",
                        "توفير المساعدة القانونية المجانية بالقنصليات",
                        "Provide free legal assistance at consulates",
                        "Conventionner des avocats dans les pays d'accueil pour conseiller "
                        "gratuitement les MRE.",
                        3,
                        "2026-01-15",
                        "2027-06-30",
                        co_owners=("MJ",),
                        indicators=(
                            Ind(
                                "Consultations juridiques gratuites",
                                "consultations",
                                "2500",
                                2025,
                                "8000",
                                "2027-06-30",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                20,
                                "Conventions signées avec 45 avocats en Europe.",
                                values=("3100",),
                            ),
                            Step(
                                "2026-Q3",
                                40,
                                "Nouvelles permanences ouvertes en Belgique et en Italie.",
                                values=("3900",),
                                returned="La valeur couvre aussi les permanences des "
                                "associations : ne retenir que les consultations des avocats "
                                "conventionnés.",
                            ),
                            Step(
                                "2026-Q3",
                                35,
                                "Valeur corrigée : consultations des seuls avocats conventionnés.",
                                values=("3350",),
                            ),
                        ),
                    ),
                    Act(
                        "Renforcer la prise en charge du rapatriement des dépouilles des MRE "
                        "démunis",
                        "تعزيز التكفل بنقل جثامين المغاربة المقيمين بالخارج المعوزين",
                        "Strengthen the repatriation of the remains of needy MRA",
                        "Simplifier le dossier et réduire à 72 heures le délai de "
                        "rapatriement pris en charge.",
                        2,
                        "2026-01-15",
                        "2026-12-31",
                        reports=(
                            Step(
                                "2026-Q3",
                                60,
                                "Procédure simplifiée appliquée dans tous les consulats.",
                            ),
                        ),
                    ),
                    Act(
                        "Accompagner les mineurs marocains non accompagnés dans les pays d'accueil",
                        "مواكبة القاصرين المغاربة غير المرفوقين في بلدان الإقامة",
                        "Support unaccompanied Moroccan minors in host countries",
                        "Identifier les mineurs avec les autorités des pays d'accueil et "
                        "organiser leur suivi.",
                        2,
                        "2026-05-01",
                        "2028-06-30",
                    ),
                ),
            ),
            Axe(
                "MOB-3",
                "Mobilisation des compétences marocaines du monde",
                "تعبئة الكفاءات المغربية المقيمة بالخارج",
                "Mobilising Moroccan skills worldwide",
                (
                    Act(
                        "Constituer un répertoire des compétences marocaines à l'étranger",
                        "إحداث سجل للكفاءات المغربية بالخارج",
                        "Build a directory of Moroccan skills abroad",
                        "Recenser les experts MRE disposés à contribuer aux politiques publiques.",
                        2,
                        "2026-03-01",
                        "2027-03-31",
                        indicators=(
                            Ind(
                                "Compétences inscrites au répertoire",
                                "personnes",
                                "0",
                                2025,
                                "5000",
                                "2027-03-31",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q3",
                                20,
                                "Plateforme d'inscription ouverte en juillet.",
                                values=("1100",),
                                awaiting=True,
                            ),
                        ),
                    ),
                    Act(
                        "Organiser le forum annuel des compétences marocaines du monde",
                        "تنظيم المنتدى السنوي للكفاءات المغربية عبر العالم",
                        "Hold the annual forum of Moroccan skills worldwide",
                        "Réunir à Rabat les réseaux de compétences et les administrations "
                        "autour de projets concrets.",
                        1,
                        "2026-02-01",
                        "2026-10-15",
                        revised=Revision(
                            "2027-04-30",
                            "Forum reporté au printemps 2027 à la demande des réseaux de "
                            "compétences.",
                            "2026-07-08",
                        ),
                    ),
                ),
            ),
        ),
    ),
    PlanSpec(
        lead="CNSS",
        code="CNSS-2026",
        years=(2026, 2028),
        signed_on="2026-04-02",
        in_execution=True,
        fr="Plan d'action pour la protection sociale des MRE et la portabilité de leurs droits",
        ar="خطة العمل للحماية الاجتماعية للمغاربة المقيمين بالخارج وقابلية تحويل حقوقهم",
        en="Action plan for the social protection of MRA and the portability of their rights",
        axes=(
            Axe(
                "CSS-1",
                "Conventions bilatérales de sécurité sociale",
                "الاتفاقيات الثنائية للضمان الاجتماعي",
                "Bilateral social security agreements",
                (
                    Act(
                        "Actualiser la convention de sécurité sociale avec l'Italie",
                        "تحيين اتفاقية الضمان الاجتماعي مع إيطاليا",
                        "Update the social security agreement with Italy",
                        "Étendre la convention aux prestations familiales et aux "
                        "travailleurs saisonniers.",
                        3,
                        "2026-04-15",
                        "2027-12-31",
                        co_owners=("MAECAMRE",),
                        reports=(
                            Step(
                                "2026-Q3",
                                15,
                                "Premier cycle de négociation tenu à Rome en septembre.",
                            ),
                        ),
                    ),
                    Act(
                        "Échanger les données par voie électronique avec les caisses "
                        "françaises et belges",
                        "تفعيل التبادل الإلكتروني للمعطيات مع صناديق الضمان الاجتماعي "
                        "الفرنسية والبلجيكية",
                        "Exchange data electronically with French and Belgian funds",
                        "Supprimer les formulaires papier pour les périodes d'assurance et "
                        "les certificats de vie.",
                        2,
                        "2026-05-01",
                        "2026-09-30",
                        revised=Revision(
                            "2026-11-30",
                            "Mise à niveau du protocole d'échange exigée par la partie belge.",
                            "2026-09-24",
                        ),
                        reports=(
                            Step(
                                "2026-Q3",
                                50,
                                "Échange opérationnel avec la France ; tests en cours avec "
                                "la Belgique.",
                            ),
                        ),
                    ),
                    Act(
                        "Négocier une entente de sécurité sociale avec le Québec",
                        "التفاوض بشأن اتفاق للضمان الاجتماعي مع كيبيك",
                        "Negotiate a social security agreement with Quebec",
                        "Garantir aux MRE établis au Québec le maintien de leurs droits "
                        "à la retraite.",
                        2,
                        "2026-06-01",
                        "2028-06-30",
                        co_owners=("MAECAMRE",),
                    ),
                ),
            ),
            Axe(
                "RET-2",
                "Retraites et prestations des MRE",
                "معاشات وتعويضات المغاربة المقيمين بالخارج",
                "Pensions and benefits of MRA",
                (
                    Act(
                        "Totaliser les périodes d'assurance accomplies à l'étranger pour "
                        "la retraite",
                        "احتساب فترات التأمين المنجزة بالخارج في تصفية المعاش",
                        "Count insurance periods completed abroad towards pensions",
                        "Liquider les pensions en totalisant les périodes cotisées au Maroc "
                        "et dans les pays conventionnés.",
                        3,
                        "2026-04-15",
                        "2027-06-30",
                        indicators=(
                            Ind(
                                "Dossiers de totalisation liquidés",
                                "dossiers",
                                "800",
                                2025,
                                "3000",
                                "2027-06-30",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                20,
                                "Circuit de traitement dédié mis en place.",
                                values=("1150",),
                            ),
                            Step(
                                "2026-Q3",
                                35,
                                "Stock des dossiers anciens réduit de moitié.",
                                values=("1420",),
                            ),
                        ),
                    ),
                    Act(
                        "Ouvrir une plateforme en ligne de suivi des dossiers de pension",
                        "إطلاق منصة إلكترونية لتتبع ملفات المعاشات",
                        "Open an online platform to follow pension files",
                        "Permettre aux MRE de déposer et suivre leur demande de pension "
                        "depuis l'étranger.",
                        2,
                        "2026-05-01",
                        "2027-03-31",
                        indicators=(
                            Ind(
                                "Demandes de pension déposées en ligne",
                                "%",
                                "0",
                                2025,
                                "70",
                                "2027-03-31",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q3",
                                30,
                                "Espace assuré ouvert ; dépôt en ligne en phase pilote.",
                                values=("12",),
                            ),
                        ),
                    ),
                    Act(
                        "Dématérialiser le certificat de vie des retraités MRE",
                        "رقمنة شهادة الحياة الخاصة بالمتقاعدين المغاربة المقيمين بالخارج",
                        "Digitise the life certificate of MRA pensioners",
                        "Remplacer l'envoi annuel du certificat papier par une vérification "
                        "en ligne ou au consulat.",
                        2,
                        "2026-07-01",
                        "2027-06-30",
                        reports=(
                            Step(
                                "2026-Q3",
                                25,
                                "Convention d'échange signée avec la Caisse nationale "
                                "d'assurance vieillesse française.",
                            ),
                        ),
                    ),
                    Act(
                        "Ouvrir l'affiliation volontaire des MRE à l'AMO et à la retraite",
                        "فتح باب الانخراط الاختياري للمغاربة المقيمين بالخارج في التأمين "
                        "الإجباري عن المرض ونظام التقاعد",
                        "Open voluntary affiliation of MRA to health insurance and pensions",
                        "Permettre aux MRE non couverts dans leur pays de résidence de "
                        "cotiser volontairement au Maroc.",
                        3,
                        "2026-06-01",
                        "2027-12-31",
                        co_owners=("MSPS",),
                    ),
                    Act(
                        "Informer les MRE sur leurs droits sociaux pendant l'opération Marhaba",
                        "تحسيس المغاربة المقيمين بالخارج بحقوقهم الاجتماعية خلال عملية مرحبا",
                        "Inform MRA about their social rights during Operation Marhaba",
                        "Tenir des stands d'information aux ports et dans les agences "
                        "pendant l'été.",
                        1,
                        "2026-06-15",
                        "2026-09-15",
                        reports=(
                            Step(
                                "2026-Q3",
                                90,
                                "Stands tenus à Tanger Med, Nador et Casablanca ; bilan "
                                "chiffré en préparation.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    PlanSpec(
        lead="MJ",
        code="MJ-2025",
        years=(2025, 2027),
        signed_on="2025-11-20",
        in_execution=True,
        fr="Plan d'action pour l'accès des MRE à la justice et leur sécurité juridique",
        ar="خطة العمل لتيسير ولوج المغاربة المقيمين بالخارج إلى العدالة وتعزيز أمنهم القانوني",
        en="Action plan for MRA access to justice and legal certainty",
        axes=(
            Axe(
                "JUS-1",
                "Accès à la justice",
                "الولوج إلى العدالة",
                "Access to justice",
                (
                    Act(
                        "Créer des guichets dédiés aux MRE dans les tribunaux de première instance",
                        "إحداث شبابيك خاصة بالمغاربة المقيمين بالخارج بالمحاكم الابتدائية",
                        "Open MRA desks at first-instance courts",
                        "Accueillir et orienter les justiciables MRE, en priorité pendant "
                        "la période estivale.",
                        2,
                        "2026-01-15",
                        "2026-12-31",
                        indicators=(
                            Ind(
                                "Tribunaux dotés d'un guichet MRE",
                                "tribunaux",
                                "12",
                                2025,
                                "40",
                                "2026-12-31",
                            ),
                        ),
                        reports=(
                            Step(
                                "2026-Q2",
                                25,
                                "Guichets ouverts dans les ressorts des cours d'appel de "
                                "Tanger et Oujda.",
                                values=("18",),
                            ),
                            Step(
                                "2026-Q3",
                                40,
                                "Cinq guichets supplémentaires ouverts pendant l'été.",
                                values=("23",),
                            ),
                        ),
                    ),
                    Act(
                        "Permettre le dépôt et le suivi des requêtes en ligne depuis l'étranger",
                        "تمكين المغاربة المقيمين بالخارج من إيداع الطلبات وتتبعها عبر الإنترنت",
                        "Let MRA file and follow court applications online from abroad",
                        "Étendre aux MRE le portail de dépôt électronique des requêtes et "
                        "de suivi des affaires.",
                        3,
                        "2026-02-01",
                        "2027-06-30",
                        reports=(
                            Step(
                                "2026-Q3",
                                20,
                                "Authentification des MRE par l'identité numérique validée.",
                            ),
                        ),
                    ),
                    Act(
                        "Tenir des audiences par visioconférence pour les justiciables MRE",
                        "عقد جلسات عن بعد لفائدة المتقاضين المغاربة المقيمين بالخارج",
                        "Hold video hearings for MRA litigants",
                        "Éviter aux MRE un déplacement au Maroc pour les audiences de procédure.",
                        2,
                        "2026-03-01",
                        "2026-10-31",
                        reports=(
                            Step(
                                "2026-Q2",
                                10,
                                "Cadre réglementaire en cours d'examen au Secrétariat "
                                "général du Gouvernement.",
                            ),
                        ),
                        status=DELAYED,
                    ),
                    Act(
                        "Renforcer l'assistance judiciaire au profit des MRE démunis",
                        "تعزيز المساعدة القضائية لفائدة المغاربة المقيمين بالخارج المعوزين",
                        "Strengthen legal aid for needy MRA",
                        "Ouvrir l'assistance judiciaire aux MRE sur simple attestation "
                        "consulaire de ressources.",
                        2,
                        "2026-03-15",
                        "2027-09-30",
                    ),
                ),
            ),
            Axe(
                "FAM-2",
                "Droit de la famille et statut personnel",
                "قانون الأسرة والأحوال الشخصية",
                "Family law and personal status",
                (
                    Act(
                        "Faciliter l'exequatur des jugements de divorce prononcés à l'étranger",
                        "تيسير تذييل أحكام الطلاق الصادرة بالخارج بالصيغة التنفيذية",
                        "Make the exequatur of foreign divorce judgments easier",
                        "Réduire les pièces exigées et les délais de traitement des "
                        "demandes d'exequatur.",
                        2,
                        "2026-02-15",
                        "2027-02-28",
                    ),
                    Act(
                        "Publier un guide trilingue du Code de la famille pour les MRE",
                        "إصدار دليل بثلاث لغات حول مدونة الأسرة لفائدة المغاربة المقيمين بالخارج",
                        "Publish a trilingual guide to the Family Code for MRA",
                        "Expliquer le mariage, le divorce, la garde et la succession en "
                        "arabe, en français et en espagnol.",
                        1,
                        "2026-01-15",
                        "2026-06-30",
                        revised=Revision(
                            "2027-01-31",
                            "Intégration des dispositions issues de la réforme du Code de "
                            "la famille.",
                            "2026-06-18",
                        ),
                        reports=(
                            Step("2026-Q2", 50, "Première version rédigée."),
                            Step(
                                "2026-Q3",
                                70,
                                "Texte révisé selon la réforme ; traduction en cours.",
                            ),
                        ),
                    ),
                    Act(
                        "Former les juges de la famille aux conventions d'entraide judiciaire",
                        "تكوين قضاة الأسرة في مجال اتفاقيات التعاون القضائي",
                        "Train family judges in judicial cooperation agreements",
                        "Mieux appliquer les conventions bilatérales dans les affaires "
                        "familiales transfrontalières.",
                        2,
                        "2026-04-01",
                        "2027-12-31",
                        co_owners=("MAECAMRE",),
                        indicators=(Ind("Juges formés", "juges", "0", 2025, "250", "2027-12-31"),),
                        reports=(
                            Step(
                                "2026-Q4",
                                10,
                                "Premier cycle de formation tenu à l'Institut supérieur "
                                "de la magistrature.",
                                values=("20",),
                                awaiting=True,
                            ),
                        ),
                    ),
                    Act(
                        "Créer un service de médiation familiale pour les couples binationaux",
                        "إحداث خدمة للوساطة الأسرية لفائدة الأزواج مختلطي الجنسية",
                        "Create a family mediation service for binational couples",
                        "Proposer une médiation avant toute procédure de divorce ou de "
                        "garde transfrontalière.",
                        1,
                        "2026-05-01",
                        "2027-06-30",
                        status=CANCELLED,
                    ),
                ),
            ),
        ),
    ),
    PlanSpec(
        lead="ANAPEC",
        code="ANAPEC-2026",
        years=(2026, 2028),
        signed_on="2026-10-15",
        in_execution=False,
        fr="Plan d'action pour l'insertion professionnelle et l'investissement des MRE de retour",
        ar="خطة العمل للإدماج المهني للمغاربة العائدين من الخارج ومواكبة استثماراتهم",
        en="Action plan for the professional integration and investment of returning MRA",
        axes=(
            Axe(
                "EMP-1",
                "Réinsertion professionnelle des MRE de retour",
                "الإدماج المهني للمغاربة العائدين من الخارج",
                "Professional reintegration of returning MRA",
                (
                    Act(
                        "Ouvrir un guichet des MRE de retour dans les agences régionales",
                        "فتح شباك لاستقبال المغاربة العائدين من الخارج بالوكالات الجهوية",
                        "Open a desk for returning MRA in the regional agencies",
                        "Accueillir, orienter et inscrire les MRE de retour qui cherchent "
                        "un emploi.",
                        2,
                        "2026-11-02",
                        "2027-06-30",
                        reports=(
                            Step(
                                "2026-Q4",
                                10,
                                "Guichets ouverts à Casablanca, Rabat et Tanger.",
                                awaiting=True,
                            ),
                        ),
                    ),
                    Act(
                        "Reconnaître les compétences et les diplômes acquis à l'étranger",
                        "الاعتراف بالكفاءات والشهادات المحصل عليها بالخارج",
                        "Recognise skills and diplomas acquired abroad",
                        "Valider les acquis de l'expérience et accélérer l'équivalence des "
                        "diplômes professionnels.",
                        3,
                        "2026-12-01",
                        "2028-06-30",
                        co_owners=("MESRSI",),
                        indicators=(
                            Ind(
                                "Diplômes et compétences reconnus",
                                "attestations",
                                "0",
                                2026,
                                "3000",
                                "2028-06-30",
                                Periodicity.HALF_YEARLY,
                            ),
                        ),
                    ),
                    Act(
                        "Mettre en relation les jeunes diplômés MRE avec les entreprises "
                        "marocaines",
                        "ربط الشباب المغاربة المقيمين بالخارج حاملي الشهادات بالمقاولات المغربية",
                        "Match young MRA graduates with Moroccan companies",
                        "Organiser des salons de recrutement en ligne avec les fédérations "
                        "professionnelles.",
                        2,
                        "2026-11-15",
                        "2027-12-31",
                        indicators=(
                            Ind(
                                "Jeunes MRE recrutés",
                                "personnes",
                                "0",
                                2026,
                                "1500",
                                "2027-12-31",
                            ),
                        ),
                    ),
                    Act(
                        "Accompagner la mobilité des compétences dans la migration circulaire",
                        "مواكبة تنقل الكفاءات في إطار برامج الهجرة الدائرية",
                        "Support skills mobility under circular migration programmes",
                        "Préparer le retour des travailleurs saisonniers et valoriser les "
                        "compétences acquises.",
                        1,
                        "2026-12-01",
                        "2028-12-31",
                        co_owners=("MIEPEEC",),
                    ),
                ),
            ),
            Axe(
                "INV-2",
                "Appui à l'entrepreneuriat et à l'investissement des MRE",
                "دعم المقاولة والاستثمار لدى المغاربة المقيمين بالخارج",
                "Support for MRA entrepreneurship and investment",
                (
                    Act(
                        "Accompagner les porteurs de projets MRE de la création au démarrage",
                        "مواكبة حاملي المشاريع من المغاربة المقيمين بالخارج من الإحداث إلى "
                        "الانطلاق",
                        "Support MRA project holders from creation to launch",
                        "Offrir un parcours d'accompagnement et un accès facilité aux "
                        "financements garantis.",
                        3,
                        "2026-11-15",
                        "2028-06-30",
                        co_owners=("AMDIE",),
                        indicators=(
                            Ind(
                                "Projets MRE accompagnés",
                                "projets",
                                "0",
                                2026,
                                "600",
                                "2028-06-30",
                            ),
                        ),
                    ),
                    Act(
                        "Organiser des caravanes de l'investissement dans cinq pays d'accueil",
                        "تنظيم قوافل للاستثمار في خمسة بلدان إقامة",
                        "Hold investment caravans in five host countries",
                        "Présenter aux MRE les dispositifs de soutien et les opportunités "
                        "régionales.",
                        2,
                        "2026-12-01",
                        "2027-11-30",
                    ),
                    Act(
                        "Créer un portail des opportunités d'investissement régionales",
                        "إحداث بوابة لفرص الاستثمار الجهوية",
                        "Create a portal of regional investment opportunities",
                        "Publier les offres foncières, les zones d'activités et les aides "
                        "de chaque région.",
                        1,
                        "2026-12-01",
                        "2027-09-30",
                    ),
                    Act(
                        "Former les conseillers à l'accompagnement de l'entrepreneuriat MRE",
                        "تكوين المستشارين في مواكبة مقاولات المغاربة المقيمين بالخارج",
                        "Train advisers to support MRA entrepreneurship",
                        "Doter chaque agence régionale d'un conseiller spécialisé dans les "
                        "projets des MRE.",
                        1,
                        "2026-11-02",
                        "2027-04-30",
                    ),
                ),
            ),
        ),
    ),
]

# The follow-up actions of the CIM's decisions, by the acronym of the responsible department.
FOLLOW_UPS = {
    "MI": (
        (
            "Ouvrir un guichet unique pilote des démarches des MRE à la wilaya de "
            "Rabat-Salé-Kénitra",
            "فتح شباك موحد نموذجي للمساطر الخاصة بالمغاربة المقيمين بالخارج بولاية جهة "
            "الرباط سلا القنيطرة",
            "Open a pilot single window for MRA procedures at the Rabat-Salé-Kénitra wilaya",
            "2026-12-31",
            Step(
                "2026-Q4",
                40,
                "Locaux aménagés et agents désignés ; ouverture au public prévue fin décembre.",
            ),
        ),
        (
            "Présenter à la CIM le bilan du guichet pilote et le calendrier de sa généralisation",
            "تقديم حصيلة الشباك النموذجي وجدولة تعميمه أمام اللجنة الوزارية",
            "Present the pilot's results and its roll-out timetable to the CIM",
            "2027-06-30",
            None,
        ),
    ),
    "MSPS": (
        (
            "Conclure une convention avec les assureurs pour couvrir les familles des MRE "
            "en séjour",
            "إبرام اتفاقية مع شركات التأمين لتغطية أسر المغاربة المقيمين بالخارج خلال "
            "مقامهم بالمغرب",
            "Sign an agreement with insurers to cover MRA families during their stays",
            "2027-03-31",
            None,
        ),
    ),
}

# When a quarter's report reaches the ministry (month, day), before any correction.
REPORTED_ON = {"Q1": (4, 8), "Q2": (7, 8), "Q3": (10, 8), "Q4": (12, 3)}
CORRECTION_DAYS = 12
REVIEW_DAYS = 6


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _at(day: datetime.date, now: datetime.datetime | None = None) -> datetime.datetime:
    """Ten o'clock in Rabat that day, or now if that is still to come."""
    ten = datetime.datetime.combine(day, datetime.time(10), CASABLANCA)
    return min(ten, now or timezone.now())


def _reported_on(period: str, repeat: int) -> datetime.date:
    year, quarter = period.split("-")
    month, day = REPORTED_ON[quarter]
    return datetime.date(int(year), month, day) + datetime.timedelta(days=CORRECTION_DAYS * repeat)


def _focal_point(organization: Organization) -> Person | None:
    return (
        Person.objects.current()
        .filter(organization=organization, kind=PersonKind.FOCAL_POINT)
        .order_by("pk")
        .first()
    )


def _reporter(organization: Organization, coordinator: User) -> User:
    """The partner's focal-point account reports; the coordinator does for those without one."""
    account = (
        User.objects.filter(organization=organization, role=Role.FOCAL_POINT, is_active=True)
        .order_by("pk")
        .first()
    )
    return account or coordinator


def _report(action, steps, author, coordinator, officer) -> None:
    """Each version through the services, dated as the quarter it reports on."""
    indicators = list(action.indicators.order_by("pk"))
    seen: dict[str, int] = {}
    for version, step in enumerate(steps, start=1):
        repeat = seen.get(step.period, 0)
        seen[step.period] = repeat + 1
        values = {
            indicator: Decimal(value)
            for indicator, value in zip(indicators, step.values, strict=False)
            if value is not None
        }
        report = report_submit(
            action=action,
            user=author,
            period=step.period,
            progress=step.progress,
            narrative=step.narrative,
            values=values,
        )
        day = _reported_on(step.period, repeat)
        submitted_at = _at(day)
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=submitted_at)
        if step.awaiting:
            continue
        # Never its author; a partner's reports go to its officer or, in turn, the coordinator.
        reviewer = officer if author == coordinator or version % 2 else coordinator
        if step.returned:
            report_return(report=report, user=reviewer, comment=step.returned)
        else:
            report_validate(report=report, user=reviewer)
        reviewed_at = _at(day + datetime.timedelta(days=REVIEW_DAYS))
        ProgressReport.objects.filter(pk=report.pk).update(reviewed_at=reviewed_at)


def _seed_plan(spec: PlanSpec, organizations, coordinator: User, officer: User) -> None:
    lead = organizations[spec.lead]
    plan = plan_save(
        plan=Plan(
            lead=lead,
            code=spec.code,
            title_fr=spec.fr,
            title_ar=spec.ar,
            title_en=spec.en,
            first_year=spec.years[0],
            last_year=spec.years[1],
            signed_on=_date(spec.signed_on),
        ),
        co_signers=[organizations[acronym] for acronym in spec.co_signers],
    )
    responsible = _focal_point(lead)
    created = []
    for axe in spec.axes:
        axis = axis_add(plan=plan, code=axe.code, title_fr=axe.fr, title_ar=axe.ar, title_en=axe.en)
        for number, act in enumerate(axe.actions, start=1):
            action = action_create(
                plan=plan,
                axis=axis,
                code=f"{axe.code}.{number}",
                title_fr=act.fr,
                title_ar=act.ar,
                title_en=act.en,
                description=act.description,
                lead=lead,
                responsible=responsible,
                followed_by=lead.followed_by,
                start_date=_date(act.start),
                due_date=_date(act.due),
                weight=act.weight,
                co_owners=[organizations[acronym] for acronym in act.co_owners],
            )
            for indicator in act.indicators:
                indicator_add(
                    action=action,
                    name=indicator.name,
                    unit=indicator.unit,
                    baseline_value=Decimal(indicator.baseline),
                    baseline_year=indicator.baseline_year,
                    target_value=Decimal(indicator.target),
                    target_date=_date(indicator.target_date),
                    periodicity=indicator.periodicity,
                )
            created.append((action, act))
    plan_advance(plan=plan)  # agreed: the baselines are frozen
    Plan.objects.filter(pk=plan.pk).update(agreed_at=_at(_date(spec.signed_on)))
    if spec.in_execution:
        plan_advance(plan=plan)

    author = _reporter(lead, coordinator)
    follower = officer if lead.followed_by_id == officer.pk else coordinator
    for action, act in created:
        if act.revised:
            revision = action_revise_due_date(
                action=action,
                due_date=_date(act.revised.due),
                reason=act.revised.reason,
                user=follower,
            )
            DueDateRevision.objects.filter(pk=revision.pk).update(
                changed_at=_at(_date(act.revised.on))
            )
        if act.reports:
            _report(action, act.reports, author, coordinator, officer)
        if act.status:
            action_set_status(action=Action.objects.get(pk=action.pk), status=act.status)


def _seed_follow_ups(organizations, coordinator: User, officer: User) -> None:
    today = timezone.localdate()
    for acronym, follow_ups in FOLLOW_UPS.items():
        lead = organizations[acronym]
        decision = (
            Decision.objects.filter(meeting__commission__code="CIM", responsible=lead)
            .select_related("meeting__commission")
            .order_by("meeting__starts_at", "sequence")
            .first()
        )
        if decision is None or Action.objects.filter(decision=decision).exists():
            continue
        author = _reporter(lead, coordinator)
        for title_fr, title_ar, title_en, due, step in follow_ups:
            action = decision_create_action(
                decision=decision,
                lead=lead,
                title_fr=title_fr,
                title_ar=title_ar,
                title_en=title_en,
                # Created today: never due before it.
                due_date=max(_date(due), today),
                responsible=_focal_point(lead),
            )
            if step:
                report = report_submit(
                    action=action,
                    user=author,
                    period=step.period,
                    progress=step.progress,
                    narrative=step.narrative,
                )
                report_validate(report=report, user=officer if author != officer else coordinator)


def seed(*, log) -> None:
    coordinator = User.objects.get(username="coordinator")
    officer = User.objects.get(username="officer")
    organizations = {
        organization.acronym_fr: organization
        for organization in demo_partners().exclude(acronym_fr="")
    }
    for spec in PLANS:
        if not Plan.objects.filter(code=spec.code).exists():
            _seed_plan(spec, organizations, coordinator, officer)
    _seed_follow_ups(organizations, coordinator, officer)
    _seed_rounds(coordinator)
    demo = ~Q(plan__code__startswith=GROWN_CODE)
    log(
        f"{Plan.objects.exclude(code__startswith=GROWN_CODE).count()} action plans, "
        f"{Action.objects.filter(demo).count()} actions, "
        f"{ProgressReport.objects.filter(~Q(action__plan__code__startswith=GROWN_CODE)).count()}"
        " progress reports"
    )


def _seed_rounds(coordinator: User) -> None:
    """The third quarter's round, closed, and the fourth's, open: each holds the reports
    on its period."""
    if ReportingRound.objects.filter(name__in=["2026-Q3", "2026-Q4"]).exists():
        return
    plans = list(
        Plan.objects.exclude(code__startswith=GROWN_CODE).filter(status=PlanStatus.IN_EXECUTION)
    )
    past = ReportingRound.objects.create(
        name="2026-Q3",
        deadline=datetime.date(2026, 10, 15),
        opened_by=coordinator,
        opened_at=_at(datetime.date(2026, 9, 15)),
    )
    past.plans.set(plans)
    current = round_open(
        name="2026-Q4",
        plans=plans,
        deadline=max(datetime.date(2027, 1, 15), timezone.localdate() + datetime.timedelta(40)),
        user=coordinator,
    )
    for reporting_round in (past, current):
        ProgressReport.objects.filter(period=reporting_round.name, action__plan__in=plans).update(
            round=reporting_round
        )
    reminders_sync(target=current, expected=expected_for_round(current))


# `seed_demo --scale N`: N times this many more plans, spread over ten years of work.
PLANS_PER_SCALE = 20
ROUNDS_PER_SCALE = 4
ROUND_PLANS = 5  # the grown plans each grown round covers
GROWN_ROUND = "R"
AXES_PER_PLAN = 4
ACTIONS_PER_PLAN = 100
REPORTS_PER_ACTION = 3  # on average over all the actions; those not started have none
INDICATORS_PER_ACTION = 1
VALUES_PER_INDICATOR = 2  # on as many of its action's last reports
GROWN_CODE = "GP-"
FIRST_YEARS = range(2017, 2028)  # three-year plans, the last one still to come
SLIPPED_SHARE = 0.25
RETURNED_SHARE = 0.1
AWAITING_SHARE = 0.15
CO_OWNED_SHARE = 0.1
BATCH = 5000

GROWN_AXES = [
    (
        "Services administratifs et consulaires",
        "الخدمات الإدارية والقنصلية",
        "Administrative and consular services",
    ),
    ("Protection sociale et santé", "الحماية الاجتماعية والصحة", "Social protection and health"),
    (
        "Éducation, langues et culture",
        "التربية واللغات والثقافة",
        "Education, languages and culture",
    ),
    ("Investissement et entrepreneuriat", "الاستثمار والمقاولة", "Investment and entrepreneurship"),
    ("Droits et assistance juridique", "الحقوق والمساعدة القانونية", "Rights and legal assistance"),
    ("Retour et réinsertion", "العودة وإعادة الإدماج", "Return and reintegration"),
]
GROWN_ACTIONS = [
    (
        "Dématérialiser une démarche administrative des MRE",
        "رقمنة مسطرة إدارية خاصة بالمغاربة المقيمين بالخارج",
        "Put an MRA administrative procedure online",
    ),
    (
        "Ouvrir un guichet d'accueil dédié aux MRE",
        "فتح شباك لاستقبال المغاربة المقيمين بالخارج",
        "Open a reception desk for MRA",
    ),
    (
        "Organiser une campagne d'information dans les pays d'accueil",
        "تنظيم حملة تواصلية في بلدان الإقامة",
        "Run an information campaign in the host countries",
    ),
    (
        "Former les agents à l'accueil des MRE",
        "تكوين الموظفين في مجال استقبال المغاربة المقيمين بالخارج",
        "Train staff to receive MRA",
    ),
    (
        "Conclure une convention de partenariat avec une collectivité d'accueil",
        "إبرام اتفاقية شراكة مع جماعة ترابية في بلد الإقامة",
        "Sign a partnership agreement with a host local authority",
    ),
    (
        "Accompagner les porteurs de projets MRE",
        "مواكبة حاملي المشاريع من المغاربة المقيمين بالخارج",
        "Support MRA project holders",
    ),
    (
        "Réaliser une enquête de satisfaction auprès des MRE",
        "إنجاز بحث حول رضا المغاربة المقيمين بالخارج",
        "Survey the satisfaction of MRA",
    ),
    (
        "Renforcer l'accueil pendant l'opération Marhaba",
        "تعزيز الاستقبال خلال عملية مرحبا",
        "Strengthen reception during Operation Marhaba",
    ),
]
GROWN_DESCRIPTION = "Action du plan sectoriel, suivie dans le cadre du dispositif de pilotage."
# (name, unit, highest baseline, highest gain)
GROWN_INDICATORS = [
    ("MRE bénéficiaires", "personnes", 5000, 20000),
    ("Dossiers traités", "dossiers", 2000, 8000),
    ("Guichets ouverts", "guichets", 10, 40),
    ("Sessions de formation tenues", "sessions", 5, 30),
    ("Taux de satisfaction des usagers", "%", 60, 30),
]
NARRATIVES = [
    "Travaux engagés conformément au calendrier convenu.",
    "Avancement conforme ; les pièces justificatives sont jointes au dossier.",
    "Retard dû aux délais de passation des marchés ; mesures de rattrapage prises.",
    "Étape réalisée ; la suivante est programmée pour le trimestre prochain.",
]
COMMENTS = [
    "Merci de joindre les pièces justificatives.",
    "La valeur de l'indicateur ne correspond pas au taux d'avancement déclaré.",
    "Précisez les étapes réalisées pendant la période.",
]
ORDINARY, LATE = (
    (
        ActionStatus.IN_PROGRESS,
        ActionStatus.DELAYED,
        ActionStatus.COMPLETED,
        ActionStatus.NOT_STARTED,
    ),
    (ActionStatus.COMPLETED, ActionStatus.DELAYED, ActionStatus.IN_PROGRESS),
)


def _days(rng, low: datetime.date, high: datetime.date) -> datetime.date:
    return low + datetime.timedelta(days=rng.randint(0, max(0, (high - low).days)))


def _clamp(day: datetime.date, low: datetime.date, high: datetime.date) -> datetime.date:
    return max(low, min(day, high))


def _quarter(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


class _Story(NamedTuple):
    """What a grown action went through, for its reports: when they end and how far."""

    action: Action
    end: datetime.date
    final: int


def _grown_plan_status(first_year: int, last_year: int, today, rng) -> str:
    if last_year < today.year:
        return PlanStatus.CLOSED
    if first_year > today.year:
        return PlanStatus.DRAFT if rng.random() < 1 / 3 else PlanStatus.AGREED
    return PlanStatus.IN_EXECUTION


def _grown_action_status(plan_status, start, due, today, rng) -> str:
    if plan_status in (PlanStatus.DRAFT, PlanStatus.AGREED) or start > today:
        return ActionStatus.NOT_STARTED
    if plan_status == PlanStatus.CLOSED:
        return ActionStatus.CANCELLED if rng.random() < 0.12 else ActionStatus.COMPLETED
    if rng.random() < 0.05:
        return ActionStatus.CANCELLED
    if due < today:
        return rng.choices(LATE, weights=[6, 2, 2])[0]
    return rng.choices(ORDINARY, weights=[70, 10, 12, 8])[0]


def grow(*, scale: int, rng, log) -> None:
    """Ten years of sectoral plans in bulk, their actions, reports and indicators."""
    from partners.demo import grown_organizations

    have = Plan.objects.filter(code__startswith=GROWN_CODE).count()
    target = PLANS_PER_SCALE * scale
    if have >= target:
        return
    leads = list(grown_organizations().order_by("pk")) or list(demo_partners().order_by("pk"))
    lead_ids = [organization.pk for organization in leads]
    responsible = {}
    for person in (
        Person.objects.current()
        .filter(organization__in=lead_ids, kind=PersonKind.FOCAL_POINT)
        .order_by("-pk")
    ):
        responsible[person.organization_id] = person.pk  # the first in post wins
    accounts = dict(
        User.objects.filter(organization__in=lead_ids, role=Role.FOCAL_POINT, is_active=True)
        .order_by("-pk")
        .values_list("organization", "pk")
    )
    coordinator = User.objects.get(username="coordinator")
    officer = User.objects.get(username="officer")
    today, now = timezone.localdate(), timezone.now()
    with connection.cursor() as cursor:
        # PostgreSQL slows each insert down as the deferred foreign-key checks pile up in the
        # transaction (the apps grown before queued theirs): check them now, and ours as we go.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    plans = []
    for number in range(have + 1, target + 1):
        first_year = rng.choice(FIRST_YEARS)
        status = _grown_plan_status(first_year, first_year + 2, today, rng)
        signed = None
        if status != PlanStatus.DRAFT:
            signed = min(
                _days(rng, datetime.date(first_year - 1, 11, 1), datetime.date(first_year, 2, 28)),
                today,
            )
        lead = leads[(number - 1) % len(leads)]
        plans.append(
            Plan(
                lead=lead,
                code=f"{GROWN_CODE}{number:04d}",
                title_fr=f"Plan d'action sectoriel {first_year}\u2013{first_year + 2} "
                f"({lead.acronym_fr or lead.pk})",
                title_ar=f"خطة العمل القطاعية {first_year}\u2013{first_year + 2}",
                title_en=f"Sectoral action plan {first_year}\u2013{first_year + 2}",
                first_year=first_year,
                last_year=first_year + 2,
                status=status,
                signed_on=signed,
                agreed_at=_at(signed, now) if signed else None,
            )
        )
    plans = Plan.objects.bulk_create(plans, batch_size=BATCH)
    Plan.co_signers.through.objects.bulk_create(
        Plan.co_signers.through(plan_id=plan.pk, organization_id=other.pk)
        for plan in plans
        if rng.random() < 0.15 and len(leads) > 1
        for other in [rng.choice([o for o in leads if o.pk != plan.lead_id])]
    )
    axes = Axis.objects.bulk_create(
        (
            Axis(
                plan=plan,
                position=position,
                code=f"AX-{position}",
                title_fr=GROWN_AXES[(plan.pk + position) % len(GROWN_AXES)][0],
                title_ar=GROWN_AXES[(plan.pk + position) % len(GROWN_AXES)][1],
                title_en=GROWN_AXES[(plan.pk + position) % len(GROWN_AXES)][2],
            )
            for plan in plans
            for position in range(1, AXES_PER_PLAN + 1)
        ),
        batch_size=BATCH,
    )
    axes_of: dict[int, list[Axis]] = {}
    for axis in axes:
        axes_of.setdefault(axis.plan_id, []).append(axis)

    stories, revisions, co_owners = [], [], []
    for plan in plans:
        period_start = datetime.date(plan.first_year, 1, 1)
        period_end = datetime.date(plan.last_year, 12, 31)
        latest_start = period_start + (period_end - period_start) * 7 / 10
        frozen = plan.status != PlanStatus.DRAFT
        numbers: dict[int, int] = {}
        for index in range(ACTIONS_PER_PLAN):
            axis = axes_of[plan.pk][index % AXES_PER_PLAN]
            numbers[axis.pk] = numbers.get(axis.pk, 0) + 1
            start = _days(rng, period_start, latest_start)
            baseline = min(start + datetime.timedelta(days=rng.randint(60, 540)), period_end)
            due = baseline
            if frozen and rng.random() < SLIPPED_SHARE:
                due = baseline + datetime.timedelta(days=rng.randint(15, 270))
            status = _grown_action_status(plan.status, start, due, today, rng)
            completed_on, end, final = None, start, 0
            if status == ActionStatus.COMPLETED:
                if plan.status == PlanStatus.CLOSED or due < today:
                    guess = due + datetime.timedelta(days=rng.randint(-90, 30))
                else:
                    guess = today - datetime.timedelta(days=rng.randint(0, 150))
                completed_on = end = _clamp(guess, start, today)
                final = 100
            elif status == ActionStatus.CANCELLED:
                end = _clamp(start + datetime.timedelta(days=rng.randint(30, 300)), start, today)
                final = rng.randint(0, 60)
            elif status != ActionStatus.NOT_STARTED:
                end = _clamp(today - datetime.timedelta(days=rng.randint(0, 45)), start, today)
                final = rng.randint(5, 70 if status == ActionStatus.DELAYED else 95)
            lead = plan.lead
            template = GROWN_ACTIONS[rng.randrange(len(GROWN_ACTIONS))]
            action = Action(
                plan=plan,
                axis=axis,
                code=f"{axis.code}.{numbers[axis.pk]}",
                title_fr=template[0],
                title_ar=template[1],
                title_en=template[2],
                description=GROWN_DESCRIPTION,
                lead_id=lead.pk,
                responsible_id=responsible.get(lead.pk),
                followed_by_id=lead.followed_by_id,
                start_date=start,
                baseline_due_date=baseline if frozen else None,
                due_date=due,
                completed_on=completed_on,
                status=status,
                weight=rng.randint(1, 3),
            )
            stories.append(_Story(action, end, final))
            if due != baseline:
                revisions.append(
                    DueDateRevision(
                        action=action,
                        previous_due_date=baseline,
                        due_date=due,
                        reason="Report demandé par le département partenaire.",
                        changed_by=coordinator,
                        changed_at=_at(_clamp(baseline, start, today), now),
                    )
                )
            if len(leads) > 1 and rng.random() < CO_OWNED_SHARE:
                other = leads[rng.randrange(len(leads))]
                if other.pk != lead.pk:
                    co_owners.append((action, other.pk))

    reports, values, indicators = _grown_reports(stories, accounts, coordinator, officer, now, rng)
    Action.objects.bulk_create([story.action for story in stories], batch_size=BATCH)
    Action.co_owners.through.objects.bulk_create(
        (
            Action.co_owners.through(action_id=action.pk, organization_id=organization)
            for action, organization in co_owners
        ),
        batch_size=BATCH,
    )
    DueDateRevision.objects.bulk_create(revisions, batch_size=BATCH)
    ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
    Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
    rounds = _grown_rounds(plans, scale, coordinator, rng)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django declares them
    log(
        f"{len(plans)} more action plans with {len(stories)} actions, {len(reports)} progress "
        f"reports and {len(values)} indicator values; {rounds} reporting rounds"
    )


def _grown_rounds(plans, scale: int, coordinator: User, rng) -> int:
    """Past quarterly rounds over some of the grown plans, holding the reports on their
    quarter; all of them past, so that they owe no reminder."""
    have = ReportingRound.objects.filter(name__startswith=GROWN_ROUND).count()
    wanted = ROUNDS_PER_SCALE * scale - have
    if wanted <= 0 or not plans:
        return 0
    quarters = [f"{year}-Q{quarter}" for year in range(2018, 2026) for quarter in (1, 2, 3, 4)]
    rounds = []
    for number in range(have + 1, have + wanted + 1):
        quarter = quarters[number % len(quarters)]
        year, q = int(quarter[:4]), int(quarter[-1])
        deadline = datetime.date(year + (q == 4), (3 * q) % 12 + 1, 15)
        rounds.append(
            ReportingRound(
                name=f"{GROWN_ROUND}{number:03d} {quarter}",
                deadline=deadline,
                opened_by=coordinator,
                opened_at=_at(deadline - datetime.timedelta(days=30)),
            )
        )
    ReportingRound.objects.bulk_create(rounds)
    links = []
    for reporting_round in rounds:
        covered = rng.sample(plans, k=min(ROUND_PLANS, len(plans)))
        links += [
            ReportingRound.plans.through(reportinground_id=reporting_round.pk, plan_id=plan.pk)
            for plan in covered
        ]
        ProgressReport.objects.filter(
            action__plan__in=covered, period=reporting_round.name.split()[-1], round=None
        ).update(round=reporting_round)
    ReportingRound.plans.through.objects.bulk_create(links, batch_size=BATCH)
    return len(rounds)


def _grown_reports(stories, accounts, coordinator, officer, now, rng):
    """Each reported action's versions, its progress from the latest validated one, and its
    indicators with values on its last reports."""
    reported = [story for story in stories if story.action.status != ActionStatus.NOT_STARTED]
    total = REPORTS_PER_ACTION * len(stories)
    base, extra = divmod(total, len(reported)) if reported else (0, 0)
    counts = [min(base + (index < extra), 2 * REPORTS_PER_ACTION) for index in range(len(reported))]
    rng.shuffle(counts)
    count_of = {id(story.action): count for story, count in zip(reported, counts, strict=True)}
    reviewers = [officer, coordinator]
    reports, values, indicators, measured = [], [], [], []
    for story in stories:
        action = story.action
        count = count_of.get(id(action), 0)
        if action.status == ActionStatus.COMPLETED:
            count = max(count, 1)
        states = [ReportState.VALIDATED] * count
        for version in range(count - 1):
            if rng.random() < RETURNED_SHARE:
                states[version] = ReportState.RETURNED
        open_action = action.status in (ActionStatus.IN_PROGRESS, ActionStatus.DELAYED)
        if count and open_action and rng.random() < AWAITING_SHARE:
            states[-1] = ReportState.SUBMITTED
        ceiling = 95 if action.status == ActionStatus.COMPLETED else story.final
        progress = sorted(rng.randint(0, ceiling) for _ in range(max(0, count - 1)))
        progress.append(story.final)
        first = min(action.start_date + datetime.timedelta(days=30), story.end)
        author_id = accounts.get(action.lead_id, coordinator.pk)
        versions = []
        for version in range(1, count + 1):
            day = first + (story.end - first) * version / count
            submitted_at = _at(day, now)
            state = states[version - 1]
            reviewer = None
            if state != ReportState.SUBMITTED:
                choices = [user for user in reviewers if user.pk != author_id]
                reviewer = rng.choice(choices)
            review_day = day + datetime.timedelta(days=rng.randint(1, 15))
            versions.append(
                ProgressReport(
                    action=action,
                    version=version,
                    period=_quarter(day),
                    progress=progress[version - 1],
                    narrative=rng.choice(NARRATIVES),
                    state=state,
                    submitted_by_id=author_id,
                    submitted_at=submitted_at,
                    reviewed_by=reviewer,
                    reviewed_at=_at(review_day, now) if reviewer else None,
                    review_comment=rng.choice(COMMENTS) if state == ReportState.RETURNED else "",
                )
            )
        for report, following in itertools.pairwise(versions):
            # Reviewed before its next version was written, which a returned one asked for.
            if report.reviewed_at and report.reviewed_at > following.submitted_at:
                report.reviewed_at = following.submitted_at
        validated = [report for report in versions if report.state == ReportState.VALIDATED]
        action.progress = validated[-1].progress if validated else 0
        if action.status == ActionStatus.COMPLETED:
            action.completed_on = timezone.localdate(versions[-1].submitted_at)
        reports += versions
        for number in range(INDICATORS_PER_ACTION):
            name, unit, highest, gain = GROWN_INDICATORS[
                (number + rng.randrange(len(GROWN_INDICATORS))) % len(GROWN_INDICATORS)
            ]
            baseline = Decimal(rng.randint(0, highest))
            goal = baseline + Decimal(rng.randint(1, gain))
            indicator = Indicator(
                action=action,
                name=name,
                unit=unit,
                baseline_value=baseline,
                baseline_year=action.start_date.year,
                target_value=goal,
                target_date=action.baseline_due_date or action.due_date,
                periodicity=rng.choice(Periodicity.values),
            )
            indicators.append(indicator)
            if versions:
                measured.append((indicator, versions))
    # The values those not started cannot give go to the others' earlier reports.
    total = VALUES_PER_INDICATOR * len(indicators)
    base, extra = divmod(total, len(measured)) if measured else (0, 0)
    for index, (indicator, versions) in enumerate(measured):
        given = min(base + (index < extra), len(versions))
        for report in versions[len(versions) - given :]:
            spread = indicator.target_value - indicator.baseline_value
            reached = indicator.baseline_value + spread * report.progress / 100
            values.append(
                IndicatorValue(
                    indicator=indicator, report=report, value=reached.quantize(Decimal("0.01"))
                )
            )
    return reports, values, indicators
