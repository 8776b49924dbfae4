"""A name, an acronym or an email address names one record, and the database says so too:
whatever writes the row (a form, the admin, a script), a second owner is refused."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from contacts.models import Person
from contacts.services import person_save
from partners.models import Organization
from partners.services import organization_save
from tests.factories import OrganizationFactory, PersonFactory


@pytest.fixture(autouse=True)
def in_english(settings):
    settings.LANGUAGE_CODE = "en"


def test_a_name_in_one_language_cannot_be_another_organisations_name_in_another(db):
    OrganizationFactory(name_fr="Agence de l'Oriental", name_en="Oriental Agency")
    with pytest.raises(IntegrityError, match="organization_unique_names"), transaction.atomic():
        Organization.objects.create(kind="public_institution", name_fr="ORIENTAL AGENCY")


def test_an_acronym_cannot_belong_to_two_organisations_whatever_its_language(db):
    OrganizationFactory(acronym_fr="ADO", acronym_en="")
    with pytest.raises(IntegrityError, match="organization_unique_acronyms"), transaction.atomic():
        OrganizationFactory(acronym_fr="", acronym_en="ado")


def test_empty_names_and_acronyms_are_not_shared_values(db):
    OrganizationFactory(name_ar="", name_en="", acronym_fr="")
    OrganizationFactory(name_ar="", name_en="", acronym_fr="")
    assert Organization.objects.filter(acronym_fr="").count() == 2


def test_an_organisation_keeps_its_own_names_when_saved_again(db):
    organization = OrganizationFactory(name_fr="Same", name_en="same")
    organization.address = "Rabat"
    organization_save(organization=organization, sectors=[])
    assert Organization.objects.get(pk=organization.pk).address == "Rabat"


def test_the_service_turns_a_taken_name_into_a_message_and_saves_nothing(db):
    OrganizationFactory(name_fr="Fondation Hassan II", name_en="Hassan II Foundation")
    taken = Organization(kind="public_institution", name_fr="hassan ii foundation")
    with pytest.raises(ValidationError, match="already used by another organisation"):
        organization_save(organization=taken, sectors=[])
    acronym = Organization(kind="public_institution", name_fr="Autre", acronym_ar="ORG-X")
    OrganizationFactory(acronym_fr="org-x")
    with pytest.raises(ValidationError, match="acronym is already used"):
        organization_save(organization=acronym, sectors=[])
    assert not Organization.objects.filter(name_fr__in=["hassan ii foundation", "Autre"]).exists()


def test_an_email_address_reaches_one_person_only(db):
    PersonFactory(emails=["k.bennani@interieur.gov.ma"])
    with pytest.raises(IntegrityError, match="person_unique_emails"), transaction.atomic():
        PersonFactory(emails=["other@example.org", "k.bennani@interieur.gov.ma"])
    newcomer = PersonFactory.build(
        organization=OrganizationFactory(), emails=[" K.Bennani@Interieur.gov.ma "]
    )
    with pytest.raises(ValidationError, match="already the address of another person"):
        person_save(person=newcomer)
    assert Person.objects.filter(emails__contains=["k.bennani@interieur.gov.ma"]).count() == 1


def test_people_without_an_email_do_not_collide(db):
    PersonFactory(emails=[])
    PersonFactory(emails=[])
    assert Person.objects.filter(emails=[]).count() == 2


def test_the_service_stores_addresses_in_lower_case_once(db):
    person = PersonFactory.build(
        organization=OrganizationFactory(), emails=["A@Example.org", "a@example.org "]
    )
    assert person_save(person=person).emails == ["a@example.org"]


def test_other_integrity_errors_are_not_taken_for_a_taken_name_or_address(ministry):
    second_ministry = Organization(kind="ministerial_department", name_fr="Bis", is_ministry=True)
    with pytest.raises(IntegrityError, match="organization_single_ministry"):
        organization_save(organization=second_ministry, sectors=[])
    backwards = PersonFactory.build(
        organization=ministry,
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 1, 1),
    )
    with pytest.raises(IntegrityError, match="person_ends_after_it_starts"):
        person_save(person=backwards)


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_cannot_both_take_the_same_address():
    """Each check runs under an advisory lock: the second writer waits, then sees the first."""
    organization = OrganizationFactory()
    started, outcomes = threading.Barrier(2), []

    def write(name: str) -> None:
        try:
            started.wait()
            with transaction.atomic():
                PersonFactory(organization=organization, last_name=name, emails=["race@x.ma"])
            outcomes.append("saved")
        except IntegrityError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert Person.objects.filter(emails__contains=["race@x.ma"]).count() == 1
