from base64 import b32encode
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from contacts.models import Person, PersonKind
from partners.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from partners.models import Organization
from tests.access import log_in_with_password

DEMO_USERS = {
    "admin": Role.ADMINISTRATOR,
    "coordinator": Role.COORDINATOR,
    "officer": Role.OFFICER,
    "viewer": Role.VIEWER,
    "partner1": Role.FOCAL_POINT,
    "partner1-viewer": Role.PARTNER_VIEWER,
    "partner2": Role.FOCAL_POINT,
}


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_demo_refuses_demo_users_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-demo-users"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_runs_with_debug_off_when_explicitly_allowed(db, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--allow-demo-users", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.filter(username="partner1").exists()


def test_seed_demo_creates_at_least_22_real_partners_named_in_french_and_arabic(seeded):
    partners = Organization.objects.partners()
    assert partners.count() >= 22
    assert not partners.filter(name_ar="").exists()
    assert not partners.filter(name_en="").exists()
    for name in ("CNSS", "CCME", "ANAPEC", "BAM", "FH2MRE"):
        assert partners.filter(acronym_fr=name).exists()
    assert partners.filter(name_ar="وزارة الداخلية").exists()


def test_seed_demo_is_idempotent(seeded):
    counts = (Organization.objects.count(), User.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Organization.objects.count(), User.objects.count()) == counts


def test_the_demo_users_log_in_with_the_demo_password(seeded):
    for username, role in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert user.role == role
        user.full_clean()
        response = log_in_with_password(Client(), username, DEMO_PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/"


def test_partner1_and_partner2_belong_to_different_departments(seeded):
    partner1 = User.objects.get(username="partner1")
    assert User.objects.get(username="partner1-viewer").organization == partner1.organization
    assert User.objects.get(username="partner2").organization != partner1.organization


def test_partner1_gets_404_on_partner2s_organisation_page(seeded):
    client = Client()
    log_in_with_password(client, "partner1", DEMO_PASSWORD)
    partner2 = User.objects.get(username="partner2")
    assert client.get(f"/partners/{partner2.organization_id}/").status_code == 404
    partner1 = User.objects.get(username="partner1")
    assert client.get(f"/partners/{partner1.organization_id}/").status_code == 200


def test_a_password_changed_on_a_demo_server_survives_a_new_seed(seeded):
    user = User.objects.get(username="officer")
    user.set_password("changed-on-the-demo-server")
    user.save()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user.refresh_from_db()
    assert user.check_password("changed-on-the-demo-server")


def test_every_partner_has_two_to_four_people_and_departments_a_focal_point(seeded):
    counts = Organization.objects.partners().annotate(people_count=Count("people"))
    assert all(2 <= organization.people_count <= 4 for organization in counts)
    departments = Organization.objects.partners().filter(kind="ministerial_department")
    for department in departments:
        current = Person.objects.for_organization(department.pk).current()
        assert current.filter(kind=PersonKind.FOCAL_POINT).count() == 1, department
    for person in Person.objects.all():
        person.full_clean()
        assert person.first_name_ar and person.last_name_ar


def test_the_demo_focal_points_are_the_demo_partner_accounts(seeded):
    person = Person.objects.get(user__username="partner1")
    assert person.kind == "focal_point"
    assert person.name == "Karim Bennani"
    assert person.name_ar == "كريم بناني"


def test_the_demo_administrator_and_coordinator_have_the_documented_authenticator(seeded):
    for username in ("admin", "coordinator"):
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert b32encode(device.bin_key).decode() == DEMO_TOTP_SECRET
    source = (Path(__file__).parents[1] / "scripts" / "dev.py").read_text()
    assert f'DEMO_TOTP_SECRET = "{DEMO_TOTP_SECRET}"' in source


def test_convening_the_demo_technical_commission_writes_to_every_invited_organisation(seeded):
    from collections import Counter

    from commissions.models import Meeting
    from commissions.services import meeting_convene
    from reminders.models import Reminder

    meeting = Meeting.objects.get(commission__code="CT", year=2027)
    meeting_convene(meeting=meeting)
    invited = set(meeting.invitations.values_list("organization", flat=True))
    written = Reminder.objects.for_target(meeting).filter(kind="meeting_invitation")
    people = Person.objects.in_bulk(
        written.exclude(person_id=None).values_list("person_id", flat=True)
    )
    reached = Counter(
        [row.recipient.organization_id for row in written.exclude(recipient=None)]
        + [people[row.person_id].organization_id for row in written.filter(recipient=None)]
    )
    assert len(invited) == 9  # the members but the ministry, which holds the secretariat
    assert all(reached[organization] >= 1 for organization in invited), reached
    assert all(row.email for row in written), "everyone written to has an address"
