"""Demo people for `manage.py seed_demo`: two to four per partner, in Latin and Arabic script."""

import datetime

from accounts.models import Role, User
from partners.demo import demo_partners

from .models import Person, PersonKind, Title

FIRST_NAMES = [
    ("Mohamed", "محمد", Title.MR),
    ("Khadija", "خديجة", Title.MRS),
    ("Youssef", "يوسف", Title.MR),
    ("Nadia", "نادية", Title.MRS),
    ("Rachid", "رشيد", Title.MR),
    ("Meryem", "مريم", Title.MRS),
    ("Hicham", "هشام", Title.MR),
    ("Zineb", "زينب", Title.MRS),
    ("Abdelaziz", "عبد العزيز", Title.MR),
    ("Laila", "ليلى", Title.MRS),
    ("Driss", "إدريس", Title.MR),
    ("Siham", "سهام", Title.MRS),
    ("Omar", "عمر", Title.MR),
    ("Ghizlane", "غزلان", Title.MRS),
    ("Mustapha", "مصطفى", Title.MR),
    ("Asmae", "أسماء", Title.MRS),
    ("Khalid", "خالد", Title.MR),
    ("Houda", "هدى", Title.MRS),
    ("Adil", "عادل", Title.MR),
    ("Loubna", "لبنى", Title.MRS),
    ("Said", "سعيد", Title.MR),
    ("Hind", "هند", Title.MRS),
    ("Anas", "أنس", Title.MR),
]
LAST_NAMES = [
    ("Alaoui", "العلوي"),
    ("Tazi", "التازي"),
    ("El Fassi", "الفاسي"),
    ("Berrada", "برادة"),
    ("Lahlou", "لحلو"),
    ("Ouazzani", "الوزاني"),
    ("Kettani", "الكتاني"),
    ("Amrani", "العمراني"),
    ("Cherkaoui", "الشرقاوي"),
    ("Mansouri", "المنصوري"),
    ("Naciri", "الناصري"),
    ("Bouzidi", "البوزيدي"),
    ("El Khatib", "الخطيب"),
    ("Filali", "الفيلالي"),
    ("Guessous", "كسوس"),
    ("Benabdallah", "بنعبد الله"),
    ("Ait Taleb", "آيت الطالب"),
    ("Amzil", "أمزيل"),
    ("Ouhammou", "أوحمو"),
    ("Boukhris", "بوخريص"),
    ("Sqalli", "السقالي"),
    ("Ziani", "الزياني"),
    ("Haddad", "الحداد"),
    ("Naji", "ناجي"),
    ("Rami", "الرامي"),
    ("Skalli", "السكالي"),
    ("Hajji", "الحجي"),
    ("Benkirane", "بنكيران"),
    ("Ennaji", "الناجي"),
]
POSITIONS = [
    "Directeur de la coopération",
    "Cheffe de la division des affaires des MRE",
    "Chef du service de la coordination",
    "Chargée de mission auprès du secrétaire général",
    "Chef de la division des partenariats",
]
# The Arabic script of the demo users' names (partners/demo.py).
ACCOUNT_NAMES_AR = {
    "Karim": "كريم",
    "Bennani": "بناني",
    "Fatima Zahra": "فاطمة الزهراء",
    "Idrissi": "الإدريسي",
}
ROLE_START = datetime.date(2025, 7, 1)
PREVIOUS_START = datetime.date(2022, 1, 10)


def _person(organization, index: int, kind, account: User | None = None, **extra) -> Person:
    first, first_ar, title = FIRST_NAMES[index % len(FIRST_NAMES)]
    last, last_ar = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
    if account:
        first, last = account.first_name, account.last_name
        first_ar, last_ar = ACCOUNT_NAMES_AR[first], ACCOUNT_NAMES_AR[last]
        extra["user"] = account
    domain = (organization.acronym_fr or f"org{organization.pk}").lower()
    defaults = {
        "title": title,
        "first_name_ar": first_ar,
        "last_name_ar": last_ar,
        "position": POSITIONS[index % len(POSITIONS)],
        "kind": kind,
        "emails": [f"{first}.{last}@{domain}.example.org".lower().replace(" ", "")],
        "phones": [f"+2125376{index:05d}"],
        "languages": ["ar", "fr"] if index % 2 else ["ar", "fr", "en"],
        "start_date": ROLE_START,
        **extra,
    }
    person, _ = Person.objects.update_or_create(
        organization=organization, first_name=first, last_name=last, defaults=defaults
    )
    return person


def seed(*, log) -> None:
    partners = demo_partners().order_by("pk")
    for number, organization in enumerate(partners):
        index = number * 3
        account = User.objects.filter(organization=organization, role=Role.FOCAL_POINT).first()
        _person(organization, index, PersonKind.FOCAL_POINT, account)
        _person(organization, index + 1, PersonKind.ALTERNATE)
        if number % 2 == 0:
            # An earlier focal point, so that the 360° page has a history to show.
            _person(
                organization,
                index + 2,
                PersonKind.FOCAL_POINT,
                start_date=PREVIOUS_START,
                end_date=ROLE_START,
            )
        if number % 5 == 0:
            _person(organization, index + 3, PersonKind.EXPERT, position="Expert en migration")
    log(f"{Person.objects.count()} people")


# `seed_demo --scale N`: ten people for each organisation grown by partners/demo.py.
PEOPLE_PER_ORGANIZATION = 10
GROWN_KINDS = [PersonKind.FOCAL_POINT, PersonKind.ALTERNATE, PersonKind.FOCAL_POINT]
OTHER_KINDS = [PersonKind.EXPERT, PersonKind.INTERNATIONAL_COUNTERPART]


def grow(*, scale: int, rng, log) -> None:
    from partners.demo import grown_organizations

    organizations = list(grown_organizations().exclude(people__isnull=False).order_by("pk"))
    people = []
    for organization in organizations:
        for index in range(PEOPLE_PER_ORGANIZATION):
            first, first_ar, title = rng.choice(FIRST_NAMES)
            last, last_ar = rng.choice(LAST_NAMES)
            # A focal point, an alternate, a former focal point, then experts and counterparts.
            kind = GROWN_KINDS[index] if index < len(GROWN_KINDS) else rng.choice(OTHER_KINDS)
            former = index == 2
            people.append(
                Person(
                    organization=organization,
                    title=title,
                    first_name=first,
                    last_name=last,
                    first_name_ar=first_ar,
                    last_name_ar=last_ar,
                    position=rng.choice(POSITIONS),
                    kind=kind,
                    emails=[f"p{index}@{organization.acronym_fr.lower()}.example.ma"],
                    phones=[f"+2125377{organization.pk % 100:02d}{index:03d}"],
                    languages=["ar", "fr"],
                    start_date=PREVIOUS_START if former else ROLE_START,
                    end_date=ROLE_START if former else None,
                )
            )
    Person.objects.bulk_create(people)
    if people:
        log(f"{len(people)} more people")
