"""The edges of the shared pieces that the pages rarely reach."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from accounts.backends import RoleBackend
from accounts.i18n import localized
from commissions.models import Commission
from contacts.services import focal_point_replace
from contacts.vcard import person_vcard
from partners.models import Organization
from tests.factories import OrganizationFactory, PersonFactory


def test_long_vcard_lines_fold_at_75_octets_without_splitting_a_letter(db):
    person = PersonFactory(position="مدير " * 30, organization=OrganizationFactory())
    card = person_vcard(person)
    lines = card.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    title = "".join(
        line[1:] if line.startswith(" ") else line
        for line in lines
        if "TITLE" in line or line.startswith(" ")
    )
    assert title.startswith("TITLE:") and "مدير" in title


def test_anonymous_visitors_and_deactivated_accounts_edit_nothing(partner_a, coordinator):
    assert not Organization.objects.editable_by(AnonymousUser()).exists()
    coordinator.is_active = False
    assert not Organization.objects.editable_by(coordinator).exists()


def test_records_that_no_officer_follows_are_edited_by_coordinators_only(
    ministry, officer, coordinator
):
    commission = Commission.objects.create(
        kind="technical", code="CT", name_fr="Commission technique", secretariat=ministry
    )
    assert not Commission.objects.editable_by(officer).exists()
    assert list(Commission.objects.editable_by(coordinator)) == [commission]


def test_permissions_are_those_of_an_active_users_role_and_never_per_object(coordinator):
    backend = RoleBackend()
    assert "partners.add_organization" in backend.get_all_permissions(coordinator)
    assert backend.get_all_permissions(coordinator, obj=object()) == set()
    coordinator.is_active = False
    assert backend.get_all_permissions(coordinator) == set()


def test_administrators_hold_every_permission(administrator):
    assert "auth.delete_group" in RoleBackend().get_all_permissions(administrator)


def test_a_record_with_no_text_in_any_language_shows_nothing(db):
    assert localized(Organization(name_fr="", name_ar="", name_en=""), "name") == ""


@pytest.mark.parametrize("after_leaving", [True, False])
def test_a_focal_point_who_left_or_the_same_person_cannot_be_replaced(db, after_leaving):
    organization = OrganizationFactory()
    predecessor = PersonFactory(organization=organization, end_date=datetime.date(2026, 1, 1))
    successor = PersonFactory(organization=organization) if after_leaving else predecessor
    with pytest.raises(ValidationError):
        focal_point_replace(
            predecessor=predecessor, successor=successor, on=datetime.date(2026, 6, 1)
        )
