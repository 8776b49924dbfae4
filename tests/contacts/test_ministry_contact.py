import datetime
from zoneinfo import ZoneInfo

from django.test import Client

from contacts.models import MinistryContact

UTC = datetime.UTC


def at_utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def test_the_contact_page_is_public_and_shows_every_number_as_a_link(db):
    page = Client().get("/contact/").content.decode()
    for uri in ("tel:+212-5-37-77-65-64", "tel:+212-5-37-77-65-88", "tel:+212-6-61-07-60-60"):
        assert f'href="{uri}"' in page
    assert "+212 5 37 77 00 06" in page  # the fax is shown, not dialled
    assert "Angle Rue Al Mariniyine et Rue Kssar Essouk, Hassan, Rabat" in page


def test_the_contact_details_are_the_ministrys_published_ones(db):
    contact = MinistryContact.objects.get()
    assert contact.switchboard_1 == "+212537776564"
    assert contact.switchboard_2 == "+212537776588"
    assert contact.standing_service_phone == "+212661076060"
    assert contact.fax == "+212537770006"
    assert (contact.standing_service_opens, contact.standing_service_closes) == (
        datetime.time(16, 30),
        datetime.time(18, 30),
    )


def test_the_standing_service_is_open_from_half_past_four_to_half_past_six(db):
    contact = MinistryContact.objects.get()
    # Monday 6 April 2026: Casablanca is on UTC+1.
    assert not contact.standing_service_is_open(at_utc(2026, 4, 6, 15, 29))
    assert contact.standing_service_is_open(at_utc(2026, 4, 6, 15, 30))
    assert contact.standing_service_is_open(at_utc(2026, 4, 6, 17, 29))
    assert not contact.standing_service_is_open(at_utc(2026, 4, 6, 17, 30))


def test_the_standing_service_follows_the_casablanca_clock_during_ramadan(db):
    contact = MinistryContact.objects.get()
    # Monday 2 March 2026: Morocco is back on UTC+0 for Ramadan, so 17:45 UTC is 17:45 local.
    assert datetime.datetime(
        2026, 3, 2, 17, 45, tzinfo=ZoneInfo("Africa/Casablanca")
    ).utcoffset() == datetime.timedelta(0)
    assert contact.standing_service_is_open(at_utc(2026, 3, 2, 17, 45))
    # The same UTC instant after Ramadan is 18:45 local: closed.
    assert not contact.standing_service_is_open(at_utc(2026, 4, 6, 17, 45))
    # Ramadan 2027 (Monday 15 February 2027) likewise.
    assert contact.standing_service_is_open(at_utc(2027, 2, 15, 18, 0))


def test_the_standing_service_is_closed_at_weekends_unless_configured(db):
    contact = MinistryContact.objects.get()
    saturday_evening = at_utc(2026, 4, 11, 16, 0)
    assert not contact.standing_service_is_open(saturday_evening)
    contact.standing_service_weekdays_only = False
    assert contact.standing_service_is_open(saturday_evening)


def test_the_page_says_whether_the_standing_service_is_open_now(db):
    contact = MinistryContact.objects.get()
    contact.standing_service_weekdays_only = False
    contact.standing_service_opens = datetime.time(0, 0)
    contact.standing_service_closes = datetime.time(23, 59, 59, 999999)
    contact.save()
    assert 'data-open="true"' in Client().get("/contact/").content.decode()
    contact.standing_service_closes = datetime.time(0, 0, 0, 1)
    contact.save()
    assert 'data-open="false"' in Client().get("/contact/").content.decode()


def test_the_admin_edits_the_contact_details_and_normalises_numbers(client_as, administrator):
    contact = MinistryContact.objects.get()
    client = client_as(administrator)
    url = f"/admin/contacts/ministrycontact/{contact.pk}/change/"
    assert client.get(url).status_code == 200
    data = {
        "address_fr": "Nouvelle adresse, Rabat",
        "address_ar": "",
        "address_en": "",
        "switchboard_1": "05 37 77 65 65",
        "switchboard_2": "",
        "standing_service_phone": "",
        "standing_service_opens": "16:30",
        "standing_service_closes": "18:30",
        "standing_service_weekdays_only": "on",
        "fax": "",
        "email": "",
    }
    assert client.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert contact.switchboard_1 == "+212537776565"
    assert contact.address_fr == "Nouvelle adresse, Rabat"


def test_the_admin_refuses_a_bad_number_and_keeps_what_was_typed(client_as, administrator):
    contact = MinistryContact.objects.get()
    client = client_as(administrator)
    url = f"/admin/contacts/ministrycontact/{contact.pk}/change/"
    response = client.post(
        url,
        {
            "address_fr": "Adresse tapée",
            "switchboard_1": "12",
            "standing_service_opens": "18:30",
            "standing_service_closes": "16:30",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "switchboard_1" in form.errors
    assert "Adresse tapée" in response.content.decode()
    contact.refresh_from_db()
    assert contact.switchboard_1 == "+212537776564"


def test_there_is_only_ever_one_set_of_contact_details(client_as, administrator):
    client = client_as(administrator)
    assert client.get("/admin/contacts/ministrycontact/add/").status_code == 403
