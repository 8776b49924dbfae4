import datetime

import factory
from factory.django import DjangoModelFactory, Password

from accounts.models import Role, User
from contacts.models import Person, PersonKind
from partners.models import Organization, OrganizationKind, Sector

TEST_PASSWORD = "a-long-test-password-2026"


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.MINISTERIAL_DEPARTMENT
    name_fr = factory.Sequence(lambda n: f"Organisme {n}")
    name_ar = factory.Sequence(lambda n: f"هيئة {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    acronym_fr = factory.Sequence(lambda n: f"ORG{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Amina"
    last_name = "Berrada"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.FOCAL_POINT
    password = Password(TEST_PASSWORD)


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector

    name_fr = factory.Sequence(lambda n: f"Secteur {n}")
    name_ar = factory.Sequence(lambda n: f"قطاع {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    organization = factory.SubFactory(OrganizationFactory)
    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    first_name_ar = "يوسف"
    last_name_ar = "العلوي"
    kind = PersonKind.FOCAL_POINT
    emails = factory.Sequence(lambda n: [f"person{n}@example.org"])
    phones = ["+212537776564"]
    start_date = datetime.date(2024, 1, 1)
