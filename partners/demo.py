"""Demo partners and demo users, for `manage.py seed_demo`."""

from base64 import b32encode

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User

from .models import Organization, OrganizationKind, Sector

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented demo password, refused when DEBUG is off
# The demo administrator's and coordinator's authenticator key, documented like the password.
DEMO_TOTP_KEY = b"mra-portal-demo-2fa!"
DEMO_TOTP_SECRET = b32encode(DEMO_TOTP_KEY).decode()  # what an authenticator app is given

MINISTERIAL = OrganizationKind.MINISTERIAL_DEPARTMENT
PUBLIC = OrganizationKind.PUBLIC_INSTITUTION

# (kind, acronym, French, Arabic, English)
PARTNERS = [
    (MINISTERIAL, "MI", "Ministère de l'Intérieur", "وزارة الداخلية", "Ministry of the Interior"),
    (
        MINISTERIAL,
        "MAECAMRE",
        "Ministère des Affaires Étrangères, de la Coopération Africaine "
        "et des Marocains Résidant à l'Étranger",
        "وزارة الشؤون الخارجية والتعاون الإفريقي والمغاربة المقيمين بالخارج",
        "Ministry of Foreign Affairs, African Cooperation and Moroccan Expatriates",
    ),
    (
        MINISTERIAL,
        "MENPS",
        "Ministère de l'Éducation Nationale, du Préscolaire et des Sports",
        "وزارة التربية الوطنية والتعليم الأولي والرياضة",
        "Ministry of National Education, Preschool and Sports",
    ),
    (
        MINISTERIAL,
        "MESRSI",
        "Ministère de l'Enseignement Supérieur, de la Recherche Scientifique et de l'Innovation",
        "وزارة التعليم العالي والبحث العلمي والابتكار",
        "Ministry of Higher Education, Scientific Research and Innovation",
    ),
    (
        MINISTERIAL,
        "MSPS",
        "Ministère de la Santé et de la Protection Sociale",
        "وزارة الصحة والحماية الاجتماعية",
        "Ministry of Health and Social Protection",
    ),
    (
        MINISTERIAL,
        "MEF",
        "Ministère de l'Économie et des Finances",
        "وزارة الاقتصاد والمالية",
        "Ministry of Economy and Finance",
    ),
    (MINISTERIAL, "MJ", "Ministère de la Justice", "وزارة العدل", "Ministry of Justice"),
    (
        MINISTERIAL,
        "MHAI",
        "Ministère des Habous et des Affaires Islamiques",
        "وزارة الأوقاف والشؤون الإسلامية",
        "Ministry of Habous and Islamic Affairs",
    ),
    (
        MINISTERIAL,
        "",
        "Département de la Culture",
        "قطاع الثقافة",
        "Department of Culture",
    ),
    (
        MINISTERIAL,
        "",
        "Département de la Jeunesse",
        "قطاع الشباب",
        "Department of Youth",
    ),
    (
        MINISTERIAL,
        "MIEPEEC",
        "Ministère de l'Inclusion Économique, de la Petite Entreprise, "
        "de l'Emploi et des Compétences",
        "وزارة الإدماج الاقتصادي والمقاولة الصغرى والتشغيل والكفاءات",
        "Ministry of Economic Inclusion, Small Business, Employment and Skills",
    ),
    (
        MINISTERIAL,
        "MICEPP",
        "Ministère de l'Investissement, de la Convergence "
        "et de l'Évaluation des Politiques Publiques",
        "الوزارة المكلفة بالاستثمار والتقائية وتقييم السياسات العمومية",
        "Ministry of Investment, Convergence and Evaluation of Public Policies",
    ),
    (
        MINISTERIAL,
        "MTNRA",
        "Ministère de la Transition Numérique et de la Réforme de l'Administration",
        "وزارة الانتقال الرقمي وإصلاح الإدارة",
        "Ministry of Digital Transition and Administrative Reform",
    ),
    (
        MINISTERIAL,
        "MIC",
        "Ministère de l'Industrie et du Commerce",
        "وزارة الصناعة والتجارة",
        "Ministry of Industry and Trade",
    ),
    (
        MINISTERIAL,
        "MTAESS",
        "Ministère du Tourisme, de l'Artisanat et de l'Économie Sociale et Solidaire",
        "وزارة السياحة والصناعة التقليدية والاقتصاد الاجتماعي والتضامني",
        "Ministry of Tourism, Handicrafts and Social and Solidarity Economy",
    ),
    (
        MINISTERIAL,
        "MATNUHPV",
        "Ministère de l'Aménagement du Territoire National, de l'Urbanisme, "
        "de l'Habitat et de la Politique de la Ville",
        "وزارة إعداد التراب الوطني والتعمير والإسكان وسياسة المدينة",
        "Ministry of National Territory Planning, Urban Planning, Housing and City Policy",
    ),
    (
        MINISTERIAL,
        "MSISF",
        "Ministère de la Solidarité, de l'Insertion Sociale et de la Famille",
        "وزارة التضامن والإدماج الاجتماعي والأسرة",
        "Ministry of Solidarity, Social Integration and Family",
    ),
    (
        PUBLIC,
        "CNSS",
        "Caisse Nationale de Sécurité Sociale",
        "الصندوق الوطني للضمان الاجتماعي",
        "National Social Security Fund",
    ),
    (
        PUBLIC,
        "FH2MRE",
        "Fondation Hassan II pour les Marocains Résidant à l'Étranger",
        "مؤسسة الحسن الثاني للمغاربة المقيمين بالخارج",
        "Hassan II Foundation for Moroccans Residing Abroad",
    ),
    (
        PUBLIC,
        "CCME",
        "Conseil de la Communauté Marocaine à l'Étranger",
        "مجلس الجالية المغربية بالخارج",
        "Council of the Moroccan Community Abroad",
    ),
    (
        PUBLIC,
        "ANAPEC",
        "Agence Nationale de Promotion de l'Emploi et des Compétences",
        "الوكالة الوطنية لإنعاش التشغيل والكفاءات",
        "National Agency for the Promotion of Employment and Skills",
    ),
    (PUBLIC, "OC", "Office des Changes", "مكتب الصرف", "Foreign Exchange Office"),
    (PUBLIC, "BAM", "Bank Al-Maghrib", "بنك المغرب", "Bank Al-Maghrib"),
    (
        PUBLIC,
        "AMDIE",
        "Agence Marocaine de Développement des Investissements et des Exportations",
        "الوكالة المغربية لتنمية الاستثمارات والصادرات",
        "Moroccan Investment and Export Development Agency",
    ),
    (
        PUBLIC,
        "HCP",
        "Haut-Commissariat au Plan",
        "المندوبية السامية للتخطيط",
        "High Commission for Planning",
    ),
    (
        PUBLIC,
        "CNDH",
        "Conseil National des Droits de l'Homme",
        "المجلس الوطني لحقوق الإنسان",
        "National Human Rights Council",
    ),
    (
        OrganizationKind.INTERNATIONAL_ORGANISATION,
        "OIM",
        "Organisation Internationale pour les Migrations",
        "المنظمة الدولية للهجرة",
        "International Organization for Migration",
    ),
]

GOV, INTL = OrganizationKind.FOREIGN_GOVERNMENT, OrganizationKind.INTERNATIONAL_ORGANISATION
# The foreign and international partners of cooperation programmes and agreements:
# (kind, acronym, French, Arabic, English, country)
FOREIGN_PARTNERS = [
    (
        GOV,
        "AFD",
        "Agence Française de Développement",
        "الوكالة الفرنسية للتنمية",
        "French Development Agency",
        "FR",
    ),
    (
        GOV,
        "AECID",
        "Agencia Española de Cooperación Internacional para el Desarrollo",
        "الوكالة الإسبانية للتعاون الدولي من أجل التنمية",
        "Spanish Agency for International Development Cooperation",
        "ES",
    ),
    (
        GOV,
        "MISSM",
        "Ministerio de Inclusión, Seguridad Social y Migraciones",
        "وزارة الإدماج والضمان الاجتماعي والهجرة",
        "Ministry of Inclusion, Social Security and Migration (Spain)",
        "ES",
    ),
    (
        GOV,
        "AICS",
        "Agenzia Italiana per la Cooperazione allo Sviluppo",
        "الوكالة الإيطالية للتعاون من أجل التنمية",
        "Italian Agency for Development Cooperation",
        "IT",
    ),
    (
        GOV,
        "Enabel",
        "Enabel, agence belge de développement",
        "إنابل، الوكالة البلجيكية للتنمية",
        "Enabel, Belgian development agency",
        "BE",
    ),
    (
        GOV,
        "RVO",
        "Rijksdienst voor Ondernemend Nederland",
        "الوكالة الهولندية للمقاولة",
        "Netherlands Enterprise Agency",
        "NL",
    ),
    (
        GOV,
        "GIZ",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "الوكالة الألمانية للتعاون الدولي",
        "German Agency for International Cooperation",
        "DE",
    ),
    (
        GOV,
        "MIAMAE-SN",
        "Ministère de l'Intégration africaine et des Affaires étrangères (Sénégal)",
        "وزارة الاندماج الإفريقي والشؤون الخارجية (السنغال)",
        "Ministry of African Integration and Foreign Affairs (Senegal)",
        "SN",
    ),
    (
        GOV,
        "MAE-CI",
        "Ministère des Affaires étrangères de Côte d'Ivoire",
        "وزارة الشؤون الخارجية لكوت ديفوار",
        "Ministry of Foreign Affairs of Côte d'Ivoire",
        "CI",
    ),
    (
        GOV,
        "MMEIA-ML",
        "Ministère des Maliens de l'Extérieur et de l'Intégration Africaine",
        "وزارة الماليين بالخارج والاندماج الإفريقي",
        "Ministry of Malians Abroad and African Integration",
        "ML",
    ),
    (
        INTL,
        "HCR",
        "Haut-Commissariat des Nations unies pour les réfugiés",
        "المفوضية السامية للأمم المتحدة لشؤون اللاجئين",
        "UN Refugee Agency (UNHCR)",
        "CH",
    ),
    (
        INTL,
        "OIT",
        "Organisation internationale du Travail",
        "منظمة العمل الدولية",
        "International Labour Organization",
        "CH",
    ),
    (INTL, "UE", "Union européenne", "الاتحاد الأوروبي", "European Union", "BE"),
    (INTL, "UA", "Union africaine", "الاتحاد الإفريقي", "African Union", "ET"),
    (
        INTL,
        "UpM",
        "Union pour la Méditerranée",
        "الاتحاد من أجل المتوسط",
        "Union for the Mediterranean",
        "ES",
    ),
    (
        INTL,
        "ICMPD",
        "Centre international pour le développement des politiques migratoires",
        "المركز الدولي لتطوير سياسات الهجرة",
        "International Centre for Migration Policy Development",
        "AT",
    ),
]

# A directorate inside a ministry: (acronym, French, Arabic, English, parent's acronym)
DIRECTORATES = [
    (
        "DMSF",
        "Direction de la Migration et de la Surveillance des Frontières",
        "مديرية الهجرة ومراقبة الحدود",
        "Directorate of Migration and Border Surveillance",
        "MI",
    ),
]

# (French, Arabic, English, the acronyms or French names of the partners working in it)
SECTORS = [
    ("Éducation et langues", "التربية واللغات", "Education and languages", ["MENPS", "MESRSI"]),
    ("Santé", "الصحة", "Health", ["MSPS"]),
    ("Protection sociale", "الحماية الاجتماعية", "Social protection", ["CNSS", "MSISF", "MSPS"]),
    ("Emploi et compétences", "التشغيل والكفاءات", "Employment and skills", ["MIEPEEC", "ANAPEC"]),
    ("Investissement", "الاستثمار", "Investment", ["MICEPP", "AMDIE", "MIC", "MEF"]),
    (
        "Transferts et finances",
        "التحويلات والمالية",
        "Remittances and finance",
        ["MEF", "OC", "BAM"],
    ),
    ("Affaires religieuses", "الشؤون الدينية", "Religious affairs", ["MHAI"]),
    (
        "Culture et jeunesse",
        "الثقافة والشباب",
        "Culture and youth",
        ["Département de la Culture", "Département de la Jeunesse", "CCME"],
    ),
    ("Droits et justice", "الحقوق والعدالة", "Rights and justice", ["MJ", "CNDH"]),
    (
        "Migration et mobilité",
        "الهجرة والتنقل",
        "Migration and mobility",
        ["MI", "OIM", "MAECAMRE"],
    ),
    ("Études et statistiques", "الدراسات والإحصاء", "Studies and statistics", ["HCP", "CCME"]),
]

# The partners the demo officer follows, by acronym.
FOLLOWED_BY_OFFICER = ["MI", "MSPS", "CNSS", "FH2MRE"]

# (user name, first name, last name, role, organisation's French name or None for the ministry)
USERS = [
    ("admin", "Nadia", "El Amrani", Role.ADMINISTRATOR, None),
    ("coordinator", "Youssef", "Benjelloun", Role.COORDINATOR, None),
    ("officer", "Salma", "Tazi", Role.OFFICER, None),
    ("viewer", "Hamza", "Alaoui", Role.VIEWER, None),
    ("partner1", "Karim", "Bennani", Role.FOCAL_POINT, "Ministère de l'Intérieur"),
    ("partner1-viewer", "Imane", "Chraibi", Role.PARTNER_VIEWER, "Ministère de l'Intérieur"),
    (
        "partner2",
        "Fatima Zahra",
        "Idrissi",
        Role.FOCAL_POINT,
        "Ministère de la Santé et de la Protection Sociale",
    ),
]


def seed(*, log) -> None:
    for kind, acronym, name_fr, name_ar, name_en in PARTNERS:
        Organization.objects.update_or_create(
            name_fr=name_fr,
            defaults={
                "kind": kind,
                "acronym_fr": acronym,
                "name_ar": name_ar,
                "name_en": name_en,
            },
        )
    for acronym, name_fr, name_ar, name_en, parent in DIRECTORATES:
        Organization.objects.update_or_create(
            name_fr=name_fr,
            defaults={
                "kind": MINISTERIAL,
                "acronym_fr": acronym,
                "name_ar": name_ar,
                "name_en": name_en,
                "parent": Organization.objects.get(acronym_fr=parent),
            },
        )
    Organization.objects.filter(acronym_fr="OIM").update(country="CH")
    for kind, acronym, name_fr, name_ar, name_en, country in FOREIGN_PARTNERS:
        Organization.objects.update_or_create(
            name_fr=name_fr,
            defaults={
                "kind": kind,
                "acronym_fr": acronym,
                "name_ar": name_ar,
                "name_en": name_en,
                "country": country,
            },
        )
    log(f"{len(PARTNERS) + len(FOREIGN_PARTNERS) + len(DIRECTORATES)} partner organisations")

    for name_fr, name_ar, name_en, acronyms in SECTORS:
        sector, _ = Sector.objects.update_or_create(
            name_fr=name_fr, defaults={"name_ar": name_ar, "name_en": name_en}
        )
        sector.organizations.add(
            *Organization.objects.filter(Q(acronym_fr__in=acronyms) | Q(name_fr__in=acronyms))
        )
    log(f"{len(SECTORS)} sectors")

    ministry = Organization.objects.get(is_ministry=True)
    for username, first_name, last_name, role, organization_name in USERS:
        organization = (
            Organization.objects.get(name_fr=organization_name) if organization_name else ministry
        )
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
                "role": role,
                "organization": organization,
            },
        )
        # A password changed on a demo server is left alone on the next run.
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if user.needs_two_factor and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(
                user=user, name="demo authenticator", key=DEMO_TOTP_KEY.hex(), confirmed=True
            )
    Organization.objects.filter(acronym_fr__in=FOLLOWED_BY_OFFICER).update(
        followed_by=User.objects.get(username="officer")
    )
    log(f"{len(USERS)} demo users, password {DEMO_PASSWORD}, two-factor key {DEMO_TOTP_SECRET}")


# `seed_demo --scale N`: N times this many more organisations, with one focal-point account each.
GROWTH_PER_SCALE = 25
UNUSABLE_PASSWORD = make_password(None)
GROWN_NAME = "Organisme partenaire n° "
GROWN_KINDS = [choice for choice, _label in OrganizationKind.choices]
GROWN_COUNTRIES = ["MA", "MA", "MA", "FR", "ES", "BE", "NL", "IT", "DE", "SN", "CI", "TN"]


def grown_organizations():
    return Organization.objects.filter(name_fr__startswith=GROWN_NAME)


def demo_partners():
    """The demo's own partners, without those grown for measuring."""
    return Organization.objects.partners().exclude(name_fr__startswith=GROWN_NAME)


def grow(*, scale: int, rng, log) -> None:
    """Many more partners, for measuring pages at the size of ten years of work."""
    target = GROWTH_PER_SCALE * scale
    have = grown_organizations().count()
    if have >= target:
        return
    officers = list(User.objects.able_to_follow())
    created = Organization.objects.bulk_create(
        Organization(
            kind=rng.choice(GROWN_KINDS),
            name_fr=f"{GROWN_NAME}{number:04d}",
            name_ar=f"الهيئة الشريكة رقم {number:04d}",
            name_en=f"Partner body no. {number:04d}",
            acronym_fr=f"OP{number:04d}",
            country=rng.choice(GROWN_COUNTRIES),
            email=f"contact@op{number:04d}.example.ma",
            followed_by=rng.choice(officers) if rng.random() < 0.3 else None,
        )
        for number in range(have + 1, target + 1)
    )
    sectors = list(Sector.objects.all())
    Organization.sectors.through.objects.bulk_create(
        Organization.sectors.through(organization_id=organization.pk, sector_id=sector.pk)
        for organization in created
        for sector in rng.sample(sectors, k=min(2, len(sectors)))
    )
    User.objects.bulk_create(
        User(
            username=f"focal-op{organization.acronym_fr[2:]}",
            first_name="Point",
            last_name=f"focal {organization.acronym_fr}",
            email=f"focal@{organization.acronym_fr.lower()}.example.ma",
            role=Role.FOCAL_POINT,
            organization=organization,
            password=UNUSABLE_PASSWORD,  # these accounts exist for the reminders they receive
        )
        for organization in created
    )
    log(f"{len(created)} more partner organisations, each with a focal-point account")
