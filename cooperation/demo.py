"""The demo's international cooperation: the North and South country profiles, the multilateral
frameworks with Morocco's roles, about fifteen agreements (two to act on within 90 days of the
day the demo is loaded), bilateral, South-South, triangular and multilateral programmes, and
the Morocco-Spain joint commission with a meeting and a decision.

The population figures are demonstration values in the order of the host countries' published
estimates, not official statistics.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from commissions import services as commissions
from commissions.models import Commission, CommissionKind, Membership
from partners.models import Organization

from . import services
from .models import (
    Activity,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Budget,
    CountryProfile,
    Framework,
    FrameworkKind,
    FrameworkMeeting,
    FrameworkRole,
    Grouping,
    IndicatorPeriod,
    Measure,
    MoroccoRole,
    Objective,
    Participation,
    PartnerRole,
    Programme,
    ProgrammeMode,
    ProgrammeStatus,
    RecipientCountry,
    Region,
    Result,
    ResultIndicator,
)
from .terms import add_months

CASABLANCA = ZoneInfo("Africa/Casablanca")
# `seed_demo --scale N` adds records whose codes start with this.
GROWN = "G-"
N, S = Grouping.NORTH, Grouping.SOUTH
EU, ARAB, AF, AM, AS = (
    Region.EUROPE,
    Region.ARAB_WORLD,
    Region.AFRICA,
    Region.AMERICAS,
    Region.ASIA_PACIFIC,
)

# (code, region, grouping, MRA population, source, year)
COUNTRIES = [
    ("FR", EU, N, 1_300_000, "INSEE", 2023),
    ("ES", EU, N, 880_000, "INE, Padrón continuo", 2024),
    ("IT", EU, N, 420_000, "ISTAT", 2023),
    ("BE", EU, N, 500_000, "Statbel", 2023),
    ("NL", EU, N, 420_000, "CBS", 2024),
    ("DE", EU, N, 200_000, "Destatis", 2023),
    ("GB", EU, N, 70_000, "ONS", 2021),
    ("CH", EU, N, 20_000, "OFS", 2023),
    ("CA", AM, N, 110_000, "Statistique Canada", 2021),
    ("US", AM, N, 150_000, "US Census Bureau, ACS", 2022),
    ("AE", ARAB, S, 150_000, "", None),
    ("SA", ARAB, S, 40_000, "", None),
    ("QA", ARAB, S, 20_000, "", None),
    ("TN", ARAB, S, 10_000, "", None),
    ("SN", AF, S, 10_000, "ANSD", 2023),
    ("CI", AF, S, 8_000, "", None),
    ("ML", AF, S, 3_000, "", None),
    ("GA", AF, S, 4_000, "", None),
    ("MR", AF, S, 15_000, "", None),
    ("JP", AS, N, 1_000, "", None),
]

ORG, REG, PROC, FORUM = (
    FrameworkKind.ORGANISATION,
    FrameworkKind.REGIONAL,
    FrameworkKind.PROCESS,
    FrameworkKind.FORUM,
)
# (acronym, French, Arabic, English, kind, permanent, secretariat, roles, meetings)
# roles: (role, from, until); meetings: (name, start, end, place, country)
FRAMEWORKS = [
    (
        "OIM",
        "Organisation internationale pour les migrations",
        "المنظمة الدولية للهجرة",
        "International Organization for Migration",
        ORG,
        True,
        "OIM",
        [(MoroccoRole.MEMBER, "1998-06-01", None)],
        [("Conseil de l'OIM, 115e session", "2024-11-26", "2024-11-29", "Genève", "CH")],
    ),
    (
        "HCR",
        "Haut-Commissariat des Nations unies pour les réfugiés",
        "المفوضية السامية للأمم المتحدة لشؤون اللاجئين",
        "UN Refugee Agency",
        ORG,
        True,
        "HCR",
        [(MoroccoRole.MEMBER, "1979-01-01", None)],
        [("Comité exécutif, 75e session", "2024-10-14", "2024-10-18", "Genève", "CH")],
    ),
    (
        "OIT",
        "Organisation internationale du Travail",
        "منظمة العمل الدولية",
        "International Labour Organization",
        ORG,
        True,
        "OIT",
        [(MoroccoRole.MEMBER, "1956-06-13", None)],
        [
            (
                "Conférence internationale du Travail, 112e session",
                "2024-06-03",
                "2024-06-14",
                "Genève",
                "CH",
            )
        ],
    ),
    (
        "FMMD",
        "Forum mondial sur la migration et le développement",
        "المنتدى العالمي للهجرة والتنمية",
        "Global Forum on Migration and Development",
        FORUM,
        True,
        "",
        [
            (MoroccoRole.CO_CHAIR, "2017-01-01", "2018-12-31"),
            (MoroccoRole.MEMBER, "2007-07-09", None),
        ],
        [("11e sommet du FMMD", "2018-12-05", "2018-12-07", "Marrakech", "MA")],
    ),
    (
        "Processus de Rabat",
        "Dialogue euro-africain sur la migration et le développement",
        "الحوار الأورو-إفريقي حول الهجرة والتنمية (مسار الرباط)",
        "Euro-African Dialogue on Migration and Development (Rabat Process)",
        PROC,
        True,
        "ICMPD",
        [(MoroccoRole.HOST, "2006-07-10", "2006-07-11"), (MoroccoRole.MEMBER, "2006-07-10", None)],
        [("Conférence ministérielle de Cadix", "2022-12-13", "2022-12-14", "Cadix", "ES")],
    ),
    (
        "PMM",
        "Pacte mondial pour des migrations sûres, ordonnées et régulières",
        "الميثاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية",
        "Global Compact for Safe, Orderly and Regular Migration",
        FORUM,
        False,
        "OIM",
        [(MoroccoRole.HOST, "2018-12-10", "2018-12-11"), (MoroccoRole.MEMBER, "2018-12-10", None)],
        [
            (
                "Conférence intergouvernementale d'adoption du Pacte",
                "2018-12-10",
                "2018-12-11",
                "Marrakech",
                "MA",
            ),
            (
                "Forum d'examen des migrations internationales",
                "2026-05-05",
                "2026-05-08",
                "New York",
                "US",
            ),
        ],
    ),
    (
        "UA",
        "Union africaine",
        "الاتحاد الإفريقي",
        "African Union",
        REG,
        True,
        "UA",
        [(MoroccoRole.MEMBER, "2017-01-30", None), (MoroccoRole.HOST, "2020-12-18", None)],
        [
            (
                "Sommet de l'UA, 38e session ordinaire",
                "2025-02-15",
                "2025-02-16",
                "Addis-Abeba",
                "ET",
            )
        ],
    ),
    (
        "UpM",
        "Union pour la Méditerranée",
        "الاتحاد من أجل المتوسط",
        "Union for the Mediterranean",
        REG,
        True,
        "UpM",
        [(MoroccoRole.MEMBER, "2008-07-13", None)],
        [("Forum régional de l'UpM", "2024-11-25", "2024-11-25", "Barcelone", "ES")],
    ),
]

LIVING, RIGHTS, DEV, ID, SOC, INV, RET = (
    Objective.LIVING_CONDITIONS,
    Objective.RIGHTS,
    Objective.DEVELOPMENT,
    Objective.IDENTITY,
    Objective.SOCIAL_PROTECTION,
    Objective.INVESTMENT,
    Objective.RETURN,
)
A = AgreementStatus

# (reference, French title, Arabic title, kind, mode, status, themes, parties, terms)
# parties: (organisation acronym or "", country, signatory);
# terms: (signed, in force, duration months, expires, tacit, renewal months, notice months),
# where a date may be ("act", days): signed so that the act-by date falls that many days ahead.
AGREEMENTS = [
    (
        "ACC-FR-2019-01",
        "Accord de coopération en matière de protection sociale des travailleurs migrants",
        "اتفاق التعاون في مجال الحماية الاجتماعية للعمال المهاجرين",
        "agreement",
        "bilateral",
        A.IN_FORCE,
        [SOC, LIVING],
        [("AFD", "FR", "Le ministre de l'Europe et des Affaires étrangères")],
        ("2019-03-15", "2019-06-01", 60, None, True, 36, 6),
    ),
    (
        "MOU-ES-2021-02",
        "Mémorandum d'entente sur la défense des droits des travailleurs saisonniers",
        "مذكرة تفاهم حول الدفاع عن حقوق العمال الموسميين",
        "mou",
        "bilateral",
        A.IN_FORCE,
        [RIGHTS, LIVING],
        [("MISSM", "ES", "La ministre de l'Inclusion")],
        (("act", 45), None, 36, None, True, None, 3),
    ),
    (
        "CONV-ES-2018-01",
        "Convention sur l'enseignement de la langue arabe et de la culture marocaine",
        "اتفاقية حول تدريس اللغة العربية والثقافة المغربية",
        "convention",
        "bilateral",
        A.IN_FORCE,
        [ID],
        [("AECID", "ES", "")],
        ("2018-09-20", "2019-01-01", None, None, False, None, 0),
    ),
    (
        "PROT-IT-2020-01",
        "Protocole sur l'accompagnement des investisseurs marocains d'Italie",
        "بروتوكول حول مواكبة المستثمرين المغاربة بإيطاليا",
        "protocol",
        "bilateral",
        A.IN_FORCE,
        [INV, DEV],
        [("AICS", "IT", "")],
        (("act", 80), None, 24, None, False, None, 0),
    ),
    (
        "MOU-BE-2022-01",
        "Mémorandum d'entente sur la jeunesse et l'identité culturelle",
        "مذكرة تفاهم حول الشباب والهوية الثقافية",
        "mou",
        "bilateral",
        A.SIGNED,
        [ID],
        [("Enabel", "BE", "")],
        ("2022-05-10", None, 48, None, True, 24, 3),
    ),
    (
        "DECL-NL-2023-01",
        "Déclaration conjointe sur la mobilité des compétences",
        "إعلان مشترك حول تنقل الكفاءات",
        "joint_declaration",
        "bilateral",
        A.IN_FORCE,
        [DEV, INV],
        [("RVO", "NL", "")],
        ("2023-02-14", "2023-02-14", None, "2028-02-13", False, None, 0),
    ),
    (
        "ACC-DE-2017-01",
        "Accord sur la réintégration des migrants de retour",
        "اتفاق حول إعادة إدماج المهاجرين العائدين",
        "agreement",
        "bilateral",
        A.EXPIRED,
        [RET],
        [("GIZ", "DE", "")],
        ("2017-04-03", "2017-04-03", None, "2022-04-02", False, None, 0),
    ),
    (
        "LET-DE-2024-01",
        "Échange de lettres sur la formation professionnelle des jeunes MRE",
        "تبادل رسائل حول التكوين المهني لشباب مغاربة العالم",
        "exchange_of_letters",
        "bilateral",
        A.NEGOTIATION,
        [DEV],
        [("GIZ", "DE", "")],
        (None, None, None, None, False, None, 0),
    ),
    (
        "ACC-SN-2019-01",
        "Accord de coopération Sud-Sud sur la gestion de la migration",
        "اتفاق التعاون جنوب-جنوب حول تدبير الهجرة",
        "agreement",
        "bilateral",
        A.IN_FORCE,
        [LIVING, RIGHTS],
        [("MIAMAE-SN", "SN", "")],
        ("2019-11-12", "2020-01-01", 60, None, True, 60, 6),
    ),
    (
        "MOU-CI-2021-01",
        "Mémorandum d'entente sur l'intégration des étudiants",
        "مذكرة تفاهم حول إدماج الطلبة",
        "mou",
        "bilateral",
        A.IN_FORCE,
        [ID, LIVING],
        [("MAE-CI", "CI", "")],
        ("2021-06-02", "2021-06-02", 72, None, False, None, 6),
    ),
    (
        "PROT-ML-2016-01",
        "Protocole sur la protection consulaire",
        "بروتوكول حول الحماية القنصلية",
        "protocol",
        "bilateral",
        A.TERMINATED,
        [RIGHTS],
        [("MMEIA-ML", "ML", "")],
        ("2016-03-01", "2016-03-01", 60, None, False, None, 3),
    ),
    (
        "ACC-OIM-2020-01",
        "Accord-cadre de coopération avec l'OIM",
        "الاتفاق الإطار للتعاون مع المنظمة الدولية للهجرة",
        "agreement",
        "multilateral",
        A.IN_FORCE,
        [LIVING, RET],
        [("OIM", "", "Le directeur général de l'OIM")],
        ("2020-10-01", "2020-10-01", 84, None, True, 36, 6),
    ),
    (
        "MOU-OIT-2022-01",
        "Mémorandum d'entente sur le travail décent des migrants",
        "مذكرة تفاهم حول العمل اللائق للمهاجرين",
        "mou",
        "multilateral",
        A.SIGNED,
        [RIGHTS, SOC],
        [("OIT", "", "")],
        ("2022-06-15", None, 48, None, False, None, 3),
    ),
    (
        "PROT-UE-2015-01",
        "Protocole relatif au partenariat pour la mobilité",
        "بروتوكول حول الشراكة من أجل التنقل",
        "protocol",
        "multilateral",
        A.EXPIRED,
        [DEV],
        [("UE", "", "")],
        ("2013-06-07", "2013-06-07", None, "2023-06-06", False, None, 0),
    ),
    (
        "AVN-FR-2023-01",
        "Avenant à l'accord de protection sociale (travailleurs détachés)",
        "ملحق اتفاق الحماية الاجتماعية (العمال المنتدبون)",
        "protocol",
        "bilateral",
        A.NEGOTIATION,
        [SOC],
        [("AFD", "FR", "")],
        (None, None, None, None, False, None, 0),
    ),
]
AMENDS = {"AVN-FR-2023-01": "ACC-FR-2019-01"}

BI, MULTI, SSC, TRI = (
    ProgrammeMode.BILATERAL,
    ProgrammeMode.MULTILATERAL,
    ProgrammeMode.SOUTH_SOUTH,
    ProgrammeMode.TRIANGULAR,
)
P = ProgrammeStatus
F, ACC, EXT, IMP, BEN = (
    PartnerRole.FUNDING,
    PartnerRole.ACCOUNTABLE,
    PartnerRole.EXTENDING,
    PartnerRole.IMPLEMENTING,
    PartnerRole.BENEFICIARY,
)
# (code, French title, Arabic title, English title, mode, framework, status, objectives,
#  partners [(acronym, role)], countries [(code, share)], budgets [(year, currency, amount)],
#  planned start, planned end, agreements)
PROGRAMMES = [
    (
        "PRG-FR-01",
        "Droits sociaux des retraités marocains de France",
        "الحقوق الاجتماعية للمتقاعدين المغاربة بفرنسا",
        "Social rights of Moroccan retirees in France",
        BI,
        None,
        P.IMPLEMENTATION,
        [SOC, RIGHTS],
        [("AFD", F), ("CNSS", IMP), ("MAECAMRE", ACC)],
        [("FR", None)],
        [(2025, "EUR", 400_000), (2026, "EUR", 450_000), (2026, "MAD", 1_200_000)],
        "2025-01-01",
        "2027-12-31",
        ["ACC-FR-2019-01"],
    ),
    (
        "PRG-FR-02",
        "Accueil et accompagnement des nouveaux arrivants",
        "استقبال ومواكبة الوافدين الجدد",
        "Reception and support of newcomers",
        BI,
        None,
        P.PIPELINE,
        [LIVING],
        [("AFD", F)],
        [("FR", None)],
        [(2027, "EUR", 300_000)],
        "2027-03-01",
        "2029-02-28",
        [],
    ),
    (
        "PRG-ES-01",
        "Défense des droits des travailleurs saisonniers marocains",
        "الدفاع عن حقوق العمال الموسميين المغاربة",
        "Defending the rights of Moroccan seasonal workers",
        BI,
        None,
        P.IMPLEMENTATION,
        [RIGHTS, LIVING],
        [("MISSM", F), ("ANAPEC", IMP), ("MIEPEEC", ACC)],
        [("ES", None)],
        [(2024, "EUR", 650_000), (2025, "EUR", 700_000), (2026, "EUR", 720_000)],
        "2024-01-01",
        "2026-12-31",
        ["MOU-ES-2021-02"],
    ),
    (
        "PRG-ES-02",
        "Assistance juridique aux MRE d'Andalousie",
        "المساعدة القانونية لمغاربة العالم بالأندلس",
        "Legal aid for MRA in Andalusia",
        BI,
        None,
        P.FINALISATION,
        [RIGHTS],
        [("AECID", F), ("CCME", IMP)],
        [("ES", None)],
        [(2023, "EUR", 180_000), (2024, "EUR", 200_000)],
        "2023-01-01",
        "2024-12-31",
        [],
    ),
    (
        "PRG-ES-03",
        "Langue arabe et culture marocaine dans les écoles espagnoles",
        "اللغة العربية والثقافة المغربية في المدارس الإسبانية",
        "Arabic language and Moroccan culture in Spanish schools",
        BI,
        None,
        P.IMPLEMENTATION,
        [ID],
        [("AECID", F), ("MENPS", IMP)],
        [("ES", None)],
        [(2025, "EUR", 250_000), (2026, "MAD", 3_000_000)],
        "2025-09-01",
        "2028-06-30",
        ["CONV-ES-2018-01"],
    ),
    (
        "PRG-IT-01",
        "Investir au Maroc : accompagnement des entrepreneurs MRE d'Italie",
        "الاستثمار في المغرب: مواكبة المقاولين من مغاربة إيطاليا",
        "Investing in Morocco: support to MRA entrepreneurs in Italy",
        BI,
        None,
        P.IMPLEMENTATION,
        [INV, DEV],
        [("AICS", F), ("AMDIE", IMP)],
        [("IT", None)],
        [(2025, "EUR", 500_000), (2026, "EUR", 500_000)],
        "2025-04-01",
        "2027-03-31",
        ["PROT-IT-2020-01"],
    ),
    (
        "PRG-BE-01",
        "Jeunes MRE de Belgique : identité et citoyenneté",
        "شباب مغاربة بلجيكا: الهوية والمواطنة",
        "Young MRA in Belgium: identity and citizenship",
        BI,
        None,
        P.IMPLEMENTATION,
        [ID],
        [("Enabel", F), ("CCME", IMP)],
        [("BE", None)],
        [(2026, "EUR", 210_000)],
        "2026-01-01",
        "2027-12-31",
        ["MOU-BE-2022-01"],
    ),
    (
        "PRG-NL-01",
        "Mobilité des compétences marocaines des Pays-Bas",
        "تنقل الكفاءات المغربية بهولندا",
        "Mobility of Moroccan skills from the Netherlands",
        BI,
        None,
        P.IMPLEMENTATION,
        [DEV, INV],
        [("RVO", F), ("MESRSI", IMP)],
        [("NL", None)],
        [(2024, "EUR", 320_000), (2025, "EUR", 330_000), (2026, "EUR", 340_000)],
        "2024-03-01",
        "2027-02-28",
        ["DECL-NL-2023-01"],
    ),
    (
        "PRG-DE-01",
        "Retour et réintégration durable",
        "العودة وإعادة الإدماج المستدام",
        "Return and sustainable reintegration",
        BI,
        None,
        P.CLOSED,
        [RET],
        [("GIZ", F), ("ANAPEC", IMP)],
        [("DE", None)],
        [(2018, "EUR", 900_000), (2019, "EUR", 900_000), (2020, "EUR", 600_000)],
        "2018-01-01",
        "2021-12-31",
        ["ACC-DE-2017-01"],
    ),
    (
        "PRG-SN-01",
        "Intégration des migrants sénégalais au Maroc et des Marocains au Sénégal",
        "إدماج المهاجرين السنغاليين بالمغرب والمغاربة بالسنغال",
        "Integration of Senegalese migrants in Morocco and Moroccans in Senegal",
        SSC,
        None,
        P.IMPLEMENTATION,
        [LIVING, SOC],
        [("MIAMAE-SN", IMP), ("MAECAMRE", ACC), ("MI", IMP)],
        [("SN", None)],
        [(2025, "MAD", 2_500_000), (2026, "MAD", 2_500_000), (2026, "XOF", 60_000_000)],
        "2025-01-01",
        "2027-12-31",
        ["ACC-SN-2019-01"],
    ),
    (
        "PRG-CI-01",
        "Bourses et accueil des étudiants ivoiriens",
        "منح واستقبال الطلبة الإيفواريين",
        "Scholarships and reception of Ivorian students",
        SSC,
        None,
        P.IMPLEMENTATION,
        [ID],
        [("MAE-CI", BEN), ("MESRSI", IMP)],
        [("CI", None)],
        [(2025, "MAD", 4_000_000), (2026, "MAD", 4_200_000)],
        "2025-09-01",
        "2028-07-31",
        ["MOU-CI-2021-01"],
    ),
    (
        "PRG-ML-01",
        "Protection consulaire des ressortissants au Mali",
        "الحماية القنصلية للرعايا بمالي",
        "Consular protection of nationals in Mali",
        SSC,
        None,
        P.SUSPENDED,
        [RIGHTS],
        [("MMEIA-ML", IMP)],
        [("ML", None)],
        [(2023, "MAD", 800_000)],
        "2023-01-01",
        "2025-12-31",
        [],
    ),
    (
        "PRG-SAHEL-01",
        "Compétences des diasporas pour le Sahel",
        "كفاءات الجاليات من أجل الساحل",
        "Diaspora skills for the Sahel",
        SSC,
        None,
        P.PIPELINE,
        [DEV],
        [("MAECAMRE", ACC), ("MMEIA-ML", IMP), ("MIAMAE-SN", IMP)],
        [("ML", Decimal(40)), ("SN", Decimal(35)), ("MR", Decimal(25))],
        [(2027, "MAD", 5_000_000)],
        "2027-01-01",
        "2029-12-31",
        [],
    ),
    (
        "PRG-TRI-01",
        "Coopération triangulaire Maroc-Allemagne-Sénégal sur la formation",
        "التعاون الثلاثي المغرب-ألمانيا-السنغال في مجال التكوين",
        "Morocco-Germany-Senegal triangular cooperation on training",
        TRI,
        None,
        P.IMPLEMENTATION,
        [DEV],
        [("GIZ", F), ("ANAPEC", IMP), ("MIAMAE-SN", BEN)],
        [("SN", None)],
        [(2025, "EUR", 350_000), (2026, "EUR", 350_000), (2026, "MAD", 1_000_000)],
        "2025-01-01",
        "2027-12-31",
        [],
    ),
    (
        "PRG-TRI-02",
        "Coopération triangulaire Maroc-Espagne-Côte d'Ivoire sur la migration de travail",
        "التعاون الثلاثي المغرب-إسبانيا-كوت ديفوار في مجال هجرة العمل",
        "Morocco-Spain-Côte d'Ivoire triangular cooperation on labour migration",
        TRI,
        None,
        P.PIPELINE,
        [RIGHTS, DEV],
        [("AECID", F), ("MAE-CI", BEN), ("ANAPEC", IMP)],
        [("CI", Decimal(60)), ("ES", Decimal(40))],
        [(2027, "EUR", 280_000)],
        "2027-01-01",
        "2028-12-31",
        [],
    ),
    (
        "PRG-OIM-01",
        "Réintégration des migrants de retour avec l'OIM",
        "إعادة إدماج المهاجرين العائدين مع المنظمة الدولية للهجرة",
        "Reintegration of returning migrants with IOM",
        MULTI,
        "OIM",
        P.IMPLEMENTATION,
        [RET, LIVING],
        [("UE", F), ("OIM", IMP), ("MAECAMRE", ACC)],
        [("MA", None)],
        [(2024, "EUR", 1_500_000), (2025, "EUR", 1_500_000), (2026, "USD", 800_000)],
        "2024-01-01",
        "2026-12-31",
        ["ACC-OIM-2020-01"],
    ),
    (
        "PRG-OIT-01",
        "Travail décent et protection sociale des travailleurs migrants",
        "العمل اللائق والحماية الاجتماعية للعمال المهاجرين",
        "Decent work and social protection of migrant workers",
        MULTI,
        "OIT",
        P.IMPLEMENTATION,
        [RIGHTS, SOC],
        [("OIT", IMP), ("MIEPEEC", ACC)],
        [("MA", None)],
        [(2025, "USD", 600_000), (2026, "USD", 650_000)],
        "2025-01-01",
        "2027-12-31",
        ["MOU-OIT-2022-01"],
    ),
    (
        "PRG-UPM-01",
        "Diasporas méditerranéennes et investissement",
        "الجاليات المتوسطية والاستثمار",
        "Mediterranean diasporas and investment",
        MULTI,
        "UpM",
        P.PIPELINE,
        [INV],
        [("UpM", EXT), ("AMDIE", IMP)],
        [("ES", Decimal(50)), ("IT", Decimal(30)), ("FR", Decimal(20))],
        [(2027, "EUR", 450_000)],
        "2027-01-01",
        "2028-12-31",
        [],
    ),
]
ACTIVITIES = [
    ("Atelier de lancement", 0, 1),
    ("Campagne d'information des bénéficiaires", 2, 8),
    ("Évaluation à mi-parcours", 12, 13),
]


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def _organizations() -> dict[str, Organization]:
    """The directory's organisations by acronym (the foreign partners are in partners' demo)."""
    ministry = Organization.objects.get(is_ministry=True)
    named = {o.acronym_fr: o for o in Organization.objects.exclude(acronym_fr="")}
    named.setdefault("MAECAMRE", ministry)
    return named


def _profiles(officer: User) -> None:
    for code, region, grouping, population, source, year in COUNTRIES:
        CountryProfile.objects.get_or_create(
            country=code,
            defaults={
                "region": region,
                "grouping": grouping,
                "mra_population": population,
                "mra_population_source": source,
                "mra_population_year": year,
                "desk_officer": officer if region in (EU, AF) else None,
            },
        )


def _frameworks(named) -> None:
    for acronym, fr, ar, en, kind, permanent, secretariat, roles, meetings in FRAMEWORKS:
        framework, created = Framework.objects.get_or_create(
            acronym=acronym,
            defaults={
                "name_fr": fr,
                "name_ar": ar,
                "name_en": en,
                "kind": kind,
                "permanent": permanent,
                "secretariat": named.get(secretariat),
            },
        )
        if not created:
            continue
        FrameworkRole.objects.bulk_create(
            FrameworkRole(framework=framework, role=role, started_on=_date(a), ended_on=_date(b))
            for role, a, b in roles
        )
        FrameworkMeeting.objects.bulk_create(
            FrameworkMeeting(
                framework=framework,
                name=name,
                starts_on=_date(a),
                ends_on=_date(b),
                place=place,
                country=country,
            )
            for name, a, b, place, country in meetings
        )


def _signed_for(days: int, notice: int, duration: int, today: datetime.date) -> datetime.date:
    """A signature date that puts the act-by date `days` ahead of today."""
    act_by = today + datetime.timedelta(days=days)
    end = add_months(act_by, notice)
    return add_months(end + datetime.timedelta(days=1), -duration)


def _agreements(named, today: datetime.date) -> None:
    for reference, title_fr, title_ar, kind, mode, status, themes, parties, terms in AGREEMENTS:
        if Agreement.objects.filter(reference=reference).exists():
            continue
        signed, in_force, duration, expires, tacit, renewal, notice = terms
        if isinstance(signed, tuple):
            signed = _signed_for(signed[1], notice, duration, today)
        else:
            signed = _date(signed)
        agreement = Agreement(
            reference=reference,
            title_fr=title_fr,
            title_ar=title_ar,
            kind=kind,
            mode=mode,
            status=status,
            themes=themes,
            signed_on=signed,
            in_force_on=_date(in_force),
            duration_months=duration,
            expires_on=_date(expires),
            tacit_renewal=tacit,
            renewal_months=renewal,
            notice_months=notice,
            amends=Agreement.objects.filter(reference=AMENDS.get(reference)).first(),
        )
        agreement.full_clean(exclude=["search_text"])
        agreement.save()
        AgreementParty.objects.bulk_create(
            AgreementParty(
                agreement=agreement,
                organization=named.get(acronym),
                country=country,
                signatory=signatory,
            )
            for acronym, country, signatory in parties
        )
        services.agreement_settle(agreement=agreement, today=today)


def _programmes(named) -> None:
    frameworks = {framework.acronym: framework for framework in Framework.objects.all()}
    for row in PROGRAMMES:
        (
            code,
            fr,
            ar,
            en,
            mode,
            framework,
            status,
            objectives,
            partners,
            countries,
            budgets,
            start,
            end,
            agreements,
        ) = row
        if Programme.objects.filter(code=code).exists():
            continue
        start, end = _date(start), _date(end)
        programme = Programme.objects.create(
            code=code,
            title_fr=fr,
            title_ar=ar,
            title_en=en,
            description_fr=f"{fr}. Programme de démonstration du portail.",
            mode=mode,
            framework=frameworks.get(framework),
            status=status,
            objectives=objectives,
            planned_start=start,
            planned_end=end,
            actual_start=start if status != P.PIPELINE else None,
            actual_end=end if status == P.CLOSED else None,
        )
        programme.agreements.set(Agreement.objects.filter(reference__in=agreements))
        Participation.objects.bulk_create(
            Participation(programme=programme, organization=named[acronym], role=role)
            for acronym, role in partners
        )
        RecipientCountry.objects.bulk_create(
            RecipientCountry(programme=programme, country=country, percentage=share)
            for country, share in countries
        )
        Budget.objects.bulk_create(
            Budget(programme=programme, year=year, currency=currency, amount=Decimal(amount))
            for year, currency, amount in budgets
        )
        _parts(programme, start)


def _parts(programme: Programme, start: datetime.date) -> None:
    Activity.objects.bulk_create(
        Activity(
            programme=programme,
            title=title,
            starts_on=add_months(start, first),
            ends_on=add_months(start, last),
            status=programme.status,
        )
        for title, first, last in ACTIVITIES
    )
    result = Result.objects.create(
        programme=programme, kind=2, title="Les bénéficiaires accèdent à leurs droits"
    )
    indicator = ResultIndicator.objects.create(
        result=result,
        title="Nombre de bénéficiaires accompagnés",
        measure=Measure.UNIT,
        baseline_year=start.year,
        baseline=Decimal(0),
    )
    IndicatorPeriod.objects.bulk_create(
        IndicatorPeriod(
            indicator=indicator,
            starts_on=datetime.date(start.year + offset, 1, 1),
            ends_on=datetime.date(start.year + offset, 12, 31),
            target=Decimal(500 * (offset + 1)),
            actual=Decimal(420 * (offset + 1)) if start.year + offset < 2026 else None,
        )
        for offset in range(2)
    )


def _joint_commission(named) -> None:
    """The Morocco-Spain joint commission: a meeting held, and its decision."""
    if Commission.objects.filter(code="CMX-ES").exists():
        return
    ministry = Organization.objects.get(is_ministry=True)
    commission = Commission.objects.create(
        kind=CommissionKind.JOINT,
        code="CMX-ES",
        name_fr="Commission mixte maroco-espagnole sur la migration",
        name_ar="اللجنة المختلطة المغربية الإسبانية حول الهجرة",
        name_en="Morocco-Spain joint commission on migration",
        country="ES",
        secretariat=ministry,
        chair_fr="Les ministres chargés de la migration des deux pays",
        chair_ar="الوزيران المكلفان بالهجرة في البلدين",
        chair_en="The ministers in charge of migration of both countries",
        mandate="Suivre la coopération bilatérale sur la migration et les droits des MRE.",
    )
    for acronym in ("MISSM", "MAECAMRE", "MIEPEEC"):
        if acronym in named and named[acronym] != ministry:
            Membership.objects.create(commission=commission, organization=named[acronym])
    starts = datetime.datetime(2026, 10, 20, 10, tzinfo=CASABLANCA)
    # A past meeting on record as held, as the commissions' own demo records its history.
    meeting = commissions.meeting_record_past(
        commission=commission,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        place="Madrid",
    )
    commissions.decision_record(
        meeting=meeting,
        text="Les deux parties renforcent l'assistance juridique aux travailleurs saisonniers.",
        responsible=[named[a] for a in ("MISSM", "MIEPEEC") if a in named],
        due_date=datetime.date(2027, 3, 31),
    )


def seed(*, log) -> None:
    officer = User.objects.get(username="officer")
    today = timezone.localdate()
    named = _organizations()
    _profiles(officer)
    _frameworks(named)
    _agreements(named, today)
    _programmes(named)
    _joint_commission(named)
    log(
        f"{CountryProfile.objects.filter(country__in=[c[0] for c in COUNTRIES]).count()} country "
        f"profiles, {Framework.objects.count()} frameworks, "
        f"{Agreement.objects.exclude(reference__startswith=GROWN).count()} agreements "
        f"({Agreement.objects.to_act_on(today).count()} to act on), "
        f"{Programme.objects.exclude(code__startswith=GROWN).count()} programmes"
    )


# `seed_demo --scale N`: N times this much more cooperation, in bulk.
AGREEMENTS_PER_SCALE = 30
PROGRAMMES_PER_SCALE = 100
PROFILES_PER_SCALE = 12
GROWN_STATUSES = [A.IN_FORCE] * 6 + [A.SIGNED, A.EXPIRED, A.NEGOTIATION, A.TERMINATED]
GROWN_MODES = [BI] * 5 + [SSC] * 3 + [TRI, MULTI]
GROWN_CURRENCIES = ["EUR", "MAD", "USD", "XOF"]


def grow(*, scale: int, rng, log) -> None:
    """Cooperation at scale: country profiles up to 12 per scale, 30 agreements and 100
    programmes per scale, each programme with its partners, countries, budgets over three
    years, three activities and a result with an indicator over two periods."""
    from django_countries import countries

    from partners.demo import grown_organizations

    today = timezone.localdate()
    existing = set(CountryProfile.objects.values_list("country", flat=True))
    wanted = PROFILES_PER_SCALE * scale - len(existing)
    free = [code for code, _name in countries if code not in existing and code != "MA"]
    CountryProfile.objects.bulk_create(
        CountryProfile(
            country=code,
            region=rng.choice(Region.values),
            grouping=rng.choice(Grouping.values),
            mra_population=rng.randint(500, 200_000),
            mra_population_source="Estimation (démo)",
            mra_population_year=rng.randint(2019, 2025),
        )
        for code in free[: max(wanted, 0)]
    )
    codes = list(CountryProfile.objects.order_by("country").values_list("country", flat=True))
    partners = list(grown_organizations().order_by("pk")) or list(
        Organization.objects.partners().order_by("pk")
    )
    frameworks = list(Framework.objects.order_by("pk"))
    agreements = _grow_agreements(scale, codes, partners, rng, today)
    programmes = _grow_programmes(scale, codes, partners, frameworks, agreements, rng)
    log(
        f"{len(agreements)} more agreements, {len(programmes)} more programmes, "
        f"{CountryProfile.objects.count()} country profiles"
    )


def _grow_agreements(scale, codes, partners, rng, today) -> list[Agreement]:
    have = Agreement.objects.filter(reference__startswith=GROWN).count()
    rows = []
    for number in range(have + 1, AGREEMENTS_PER_SCALE * scale + 1):
        signed = today - datetime.timedelta(days=rng.randint(30, 3650))
        agreement = Agreement(
            reference=f"{GROWN}ACC-{number:05d}",
            title_fr=f"Accord de coopération n° {number}",
            title_ar=f"اتفاق التعاون رقم {number}",
            kind=rng.choice(["agreement", "mou", "convention", "protocol"]),
            mode=rng.choice(["bilateral", "bilateral", "multilateral"]),
            status=rng.choice(GROWN_STATUSES),
            themes=rng.sample(Objective.values, k=2),
            signed_on=signed,
            in_force_on=signed,
            duration_months=rng.choice([24, 36, 60]),
            tacit_renewal=rng.random() < 0.6,
            notice_months=rng.choice([0, 3, 6]),
        )
        agreement.act_by = agreement.compute_act_by(today)
        rows.append(agreement)
    created = Agreement.objects.bulk_create(rows)
    AgreementParty.objects.bulk_create(
        AgreementParty(
            agreement=agreement, organization=rng.choice(partners), country=rng.choice(codes)
        )
        for agreement in created
    )
    return created


def _grow_programmes(scale, codes, partners, frameworks, agreements, rng) -> list[Programme]:
    have = Programme.objects.filter(code__startswith=GROWN).count()
    rows = []
    for number in range(have + 1, PROGRAMMES_PER_SCALE * scale + 1):
        start = datetime.date(rng.randint(2016, 2027), rng.choice([1, 4, 7, 10]), 1)
        mode = rng.choice(GROWN_MODES)
        rows.append(
            Programme(
                code=f"{GROWN}PRG-{number:05d}",
                title_fr=f"Programme de coopération n° {number}",
                title_ar=f"برنامج التعاون رقم {number}",
                title_en=f"Cooperation programme no. {number}",
                description_fr="Programme de démonstration, généré pour mesurer le portail.",
                mode=mode,
                framework=rng.choice(frameworks) if mode == MULTI and frameworks else None,
                objectives=rng.sample(Objective.values, k=rng.randint(1, 3)),
                status=rng.choice(ProgrammeStatus.values),
                planned_start=start,
                planned_end=add_months(start, 36) - datetime.timedelta(days=1),
            )
        )
    created = Programme.objects.bulk_create(rows)
    Participation.objects.bulk_create(
        Participation(programme=programme, organization=organization, role=role)
        for programme in created
        for organization, role in zip(
            rng.sample(partners, k=2), rng.sample([F, ACC, IMP, BEN], k=2), strict=True
        )
    )
    recipients, budgets, activities, results = [], [], [], []
    for programme in created:
        several = rng.sample(codes, k=2) if rng.random() < 0.2 else [rng.choice(codes)]
        shares = [Decimal(60), Decimal(40)] if len(several) == 2 else [None]
        recipients += [
            RecipientCountry(programme=programme, country=code, percentage=share)
            for code, share in zip(several, shares, strict=True)
        ]
        currency = rng.choice(GROWN_CURRENCIES)
        budgets += [
            Budget(
                programme=programme,
                year=programme.planned_start.year + offset,
                currency=currency,
                amount=Decimal(rng.randint(50, 2000) * 1000),
            )
            for offset in range(3)
        ]
        activities += [
            Activity(
                programme=programme,
                title=title,
                starts_on=add_months(programme.planned_start, first),
                ends_on=add_months(programme.planned_start, last),
                status=programme.status,
            )
            for title, first, last in ACTIVITIES
        ]
        results.append(Result(programme=programme, kind=2, title="Bénéficiaires accompagnés"))
    RecipientCountry.objects.bulk_create(recipients)
    Budget.objects.bulk_create(budgets)
    Activity.objects.bulk_create(activities)
    indicators = ResultIndicator.objects.bulk_create(
        ResultIndicator(
            result=result,
            title="Nombre de bénéficiaires",
            baseline_year=result.programme.planned_start.year,
            baseline=Decimal(0),
        )
        for result in Result.objects.bulk_create(results)
    )
    IndicatorPeriod.objects.bulk_create(
        IndicatorPeriod(
            indicator=indicator,
            starts_on=datetime.date(indicator.baseline_year + offset, 1, 1),
            ends_on=datetime.date(indicator.baseline_year + offset, 12, 31),
            target=Decimal(100 * (offset + 1)),
            actual=Decimal(80 * (offset + 1)),
        )
        for indicator in indicators
        for offset in range(2)
    )
    Programme.agreements.through.objects.bulk_create(
        Programme.agreements.through(programme=programme, agreement=rng.choice(agreements))
        for programme in created
        if agreements and rng.random() < 0.3
    )
    return created
