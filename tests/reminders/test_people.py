"""Directory people hear of meetings too, with or without an account, each once and in their
language."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from commissions.models import Membership
from reminders.models import Reminder, State
from reminders.services import reminders_dispatch, reminders_reconcile
from tests.commissions.conftest import commission_with
from tests.commissions.world import convened, plan
from tests.factories import OrganizationFactory, PersonFactory

INVITATION = "meeting_invitation"
ENGLISH = {"accept-language": "en"}  # accounts without a language follow the browser


def invitations(meeting):
    return Reminder.objects.for_target(meeting).filter(kind=INVITATION)


def test_convening_writes_to_someone_at_every_invited_organisation(world, partner_a, coordinator):
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    accounts = set(invitations(meeting).exclude(recipient=None).values_list("recipient", flat=True))
    assert accounts == {partner_a.pk, coordinator.pk}  # the secretariat always hears
    written = {row.person_id: row for row in invitations(meeting).filter(recipient=None)}
    assert set(written) == {
        people[name].pk for name in ("representative", "alternate", "focal point", "silent")
    }
    assert written[people["representative"].pk].language == "ar"  # the person's own choice
    assert written[people["focal point"].pk].language == "en"  # their organisation's
    assert written[people["alternate"].pk].language == "fr"  # neither: the portal's
    assert written[people["focal point"].pk].address == people["focal point"].emails[0]


def test_each_email_goes_to_its_person_in_their_language(world, mailoutbox, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, people = world
    convened(plan(commission, 10, year=2027))
    reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
    by_address = {message.to[0]: message for message in mailoutbox}
    representative = by_address[people["representative"].emails[0]]
    # Greeted, in Arabic, by the Arabic name the directory holds.
    assert representative.body.startswith(f"السيد(ة) {people['representative'].name_ar} ")
    assert by_address[people["focal point"].emails[0]].body.startswith("Hello ")
    assert by_address[people["alternate"].emails[0]].body.startswith("Bonjour ")
    # They have no account: no link to preferences they could not open.
    assert "/reminders/preferences/" not in representative.body


def test_a_person_without_an_address_is_a_dead_letter_not_a_silence(world):
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
    row = invitations(meeting).get(person_id=people["silent"].pk)
    assert row.state == State.DEAD and "no email address" in row.last_error


def test_a_person_with_an_account_gets_one_message_through_it(world, partner_a, partner_a_org):
    commission, _people = world
    own = PersonFactory(organization=partner_a_org, user=partner_a)
    Membership.objects.filter(commission=commission, organization=partner_a_org).update(
        representative=own
    )
    meeting = convened(plan(commission, 10, year=2027))
    assert invitations(meeting).filter(recipient=partner_a).count() == 1
    assert not invitations(meeting).filter(person_id=own.pk).exists()


def test_a_person_who_left_their_post_is_not_written_to(world):
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    assert not Reminder.objects.for_target(meeting).filter(person_id=people["former"].pk).exists()


def test_a_new_address_reaches_the_waiting_reminders_and_nothing_is_added(world):
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    owed = Reminder.objects.for_target(meeting).count()
    person = people["focal point"]
    person.emails = ["nouvelle.adresse@example.org"]
    person.save()
    totals = reminders_reconcile()
    assert totals["added"] == 0 and totals["cancelled"] == 0
    assert Reminder.objects.for_target(meeting).count() == owed
    waiting = Reminder.objects.for_target(meeting).filter(person_id=person.pk)
    assert set(waiting.values_list("address", flat=True)) == {"nouvelle.adresse@example.org"}


def test_people_are_reminded_before_the_meeting_with_the_commissions_days(world):
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    reminders = Reminder.objects.for_target(meeting).filter(
        kind="meeting_reminder", person_id=people["representative"].pk
    )
    assert sorted(reminders.values_list("lead_days", flat=True)) == [1, 7]
    assert set(reminders.values_list("channel", flat=True)) == {"email"}


def test_the_admin_queue_names_people_without_accounts(world, client_as, administrator):
    commission, people = world
    convened(plan(commission, 10, year=2027))
    call_command("reminders_status")  # the counts still add up with people in the queue
    html = client_as(administrator).get("/admin/reminders/reminder/").content.decode()
    assert people["alternate"].name in html


def test_a_persons_page_says_in_which_language_the_portal_writes_to_them(client_as, coordinator):
    person = PersonFactory(organization=OrganizationFactory(language="ar"))
    page = client_as(coordinator).get(person.get_absolute_url()).content.decode()
    assert "Langue de correspondance" in page and "Arabe" in page
    person.language = "en"
    person.save()
    page = client_as(coordinator).get(person.get_absolute_url()).content.decode()
    assert "Anglais" in page


def sent_now():
    return reminders_dispatch(now=timezone.now() + datetime.timedelta(minutes=1))


def test_a_cancelled_meeting_sends_a_file_that_takes_it_out_of_calendars(
    world, mailoutbox, settings
):
    from icalendar import Calendar

    from commissions.services import meeting_cancel

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    sent_now()
    told = {message.to[0] for message in mailoutbox}  # the invitations
    mailoutbox.clear()
    meeting_cancel(meeting=meeting)
    sent_now()
    cancellations = list(mailoutbox)
    # Everyone who had the invitation, and nobody else; each once.
    assert sorted(message.to[0] for message in cancellations) == sorted(told)
    notice = next(m for m in cancellations if m.to[0] == people["focal point"].emails[0])
    assert notice.subject.startswith("Cancelled: ")  # in their organisation's English
    _name, content, _mimetype = notice.attachments[0]
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == f"meeting-{meeting.pk}@mra-portal.gov.ma"
    assert event["SEQUENCE"] == 1  # above the invitation's 0, so calendars apply it
    sent_now()
    assert len(mailoutbox) == len(cancellations)  # nothing twice


def test_cancelling_before_the_invitation_went_sends_nobody_a_notice(world):
    from commissions.services import meeting_cancel

    commission, _people = world
    meeting = convened(plan(commission, 10, year=2027))
    meeting_cancel(meeting=meeting)
    assert not Reminder.objects.for_target(meeting).filter(state=State.PENDING).exists()


def test_a_moved_meeting_says_from_when_to_when(world, mailoutbox, settings):
    from django.utils import translation

    from commissions.services import meeting_postpone
    from mra_portal.lib.dates import for_people
    from tests.commissions.world import at

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    sent_now()
    mailoutbox.clear()
    meeting_postpone(meeting=meeting, starts_at=at(2027, 3, 17, 10), ends_at=at(2027, 3, 17, 12))
    sent_now()
    notice = next(m for m in mailoutbox if m.to[0] == people["focal point"].emails[0])
    assert notice.subject.startswith("New date: ")
    with translation.override("en"):  # the organisation's language
        before, after = for_people(at(2027, 3, 10, 10)), for_people(at(2027, 3, 17, 10))
    assert f"has moved from {before} to {after}" in notice.body


def test_every_email_says_a_machine_sent_it(world, mailoutbox, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, _people = world
    convened(plan(commission, 10, year=2027))
    sent_now()
    headers = [message.message() for message in mailoutbox]
    assert headers and all(h["Auto-Submitted"] == "auto-generated" for h in headers)
    assert all(h["X-Auto-Response-Suppress"] == "OOF, AutoReply" for h in headers)


def test_the_admin_queue_names_the_meeting_and_the_kind_in_the_readers_language(
    world, client_as, administrator, django_assert_max_num_queries
):
    commission, _people = world
    meeting = convened(plan(commission, 10, year=2027))
    convened(plan(commission, 17, year=2027))
    client = client_as(administrator)
    with django_assert_max_num_queries(14):
        html = client.get("/admin/reminders/reminder/").content.decode()
    assert meeting.number in html
    assert "Invitations aux réunions" in html  # the kind's label, in French
    assert ">meeting_invitation<" not in html  # not its code, in the list or the filter


# Answering from the email -----------------------------------------------------------------


def answer_link_of(mailoutbox, address: str) -> str:
    body = next(m for m in mailoutbox if m.to[0] == address).body
    return re.search(r"http://[^/\s]+(/answer/[^\s]+/)", body).group(1)


def unescaped(html: str) -> str:
    import html as markup

    return markup.unescape(html)


def test_a_focal_point_without_an_account_answers_from_the_email(
    world, mailoutbox, settings, client, client_as, coordinator
):
    from commissions.models import Invitation

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    sent_now()
    person = people["focal point"]
    link = answer_link_of(mailoutbox, person.emails[0])
    page = client.get(link)  # no login
    assert page.status_code == 200
    html = page.content.decode()
    assert meeting.number in html and commission.name in html
    response = client.post(link, {"answer": "attending", "delegate": "M. Délégué, directeur"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(meeting=meeting, organization=person.organization)
    assert invitation.answer == "attending" and invitation.answered_by_person == person
    assert invitation.answered_by is None
    # The secretariat sees it at once, and how it was given.
    seen = client_as(coordinator).get(f"/meetings/{meeting.pk}/", headers=ENGLISH)
    seen = seen.content.decode()
    assert "M. Délégué, directeur" in seen
    assert f"From the email, by <bdi>{person.name}</bdi>" in unescaped(seen)
    # Opening the link again keeps the answer; changing it is a choice.
    client.get(link)
    invitation.refresh_from_db()
    assert invitation.answer == "attending"
    client.post(link, {"answer": "declined"})
    invitation.refresh_from_db()
    assert invitation.answer == "declined"


def test_an_account_holder_is_sent_to_the_portal_not_a_link(world, mailoutbox, settings, partner_a):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, _people = world
    convened(plan(commission, 10, year=2027))
    sent_now()
    body = next(m for m in mailoutbox if m.to[0] == partner_a.email).body
    assert "/answer/" not in body


@pytest.mark.parametrize("alteration", ["tampered", "truncated", "garbage", "other salt"])
def test_an_altered_link_gets_a_clear_page_and_reveals_nothing(
    world, mailoutbox, settings, client, alteration
):
    from django.core import signing

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    sent_now()
    link = answer_link_of(mailoutbox, people["focal point"].emails[0])
    token = link.removeprefix("/answer/").removesuffix("/")
    altered = {
        "tampered": token[:-3] + ("abc" if not token.endswith("abc") else "xyz"),
        "truncated": token[: len(token) // 2],
        "garbage": "%00" + "x" * 300,
        "other salt": signing.dumps({"m": meeting.pk, "p": people["focal point"].pk}),
    }[alteration]
    for method in (client.get, client.post):
        response = method(f"/answer/{altered}/", {"answer": "declined"})
        assert response.status_code == 404
        html = response.content.decode()
        assert "pas valide" in html and meeting.number not in html


def test_a_link_for_a_meeting_their_organisation_is_not_invited_to_opens_nothing(
    world, ministry, client
):
    from commissions.links import answer_path

    _commission, people = world
    other = commission_with("SECRET", ministry)  # partner C does not sit on it
    secret = convened(plan(other, 12, year=2027))
    response = client.get(answer_path(secret.pk, people["focal point"].pk))
    assert response.status_code == 404 and secret.number not in response.content.decode()


def test_a_link_expires_with_its_meeting_and_with_the_persons_post(world, client):
    from commissions.links import answer_path
    from commissions.models import Meeting

    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    person = people["focal point"]
    path = answer_path(meeting.pk, person.pk)
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    response = client.get(path)
    assert response.status_code == 410 and "a expiré" in response.content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(status="convened")
    person.end_date = datetime.date(2026, 1, 1)
    person.save()
    assert client.get(path).status_code == 404


def test_a_bad_answer_from_the_link_keeps_the_page_and_says_why(world, client):
    from commissions.links import answer_path

    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    path = answer_path(meeting.pk, people["focal point"].pk)
    for data in (
        {"answer": "attending", "delegate": ""},
        {"answer": "maybe"},
        {"delegate": "x" * 300},
    ):
        response = client.post(path, data)
        assert response.status_code == 200 and response.context["form"].errors


# What the secretariat sees of the delivery ------------------------------------------------


def test_the_secretariat_sees_who_was_written_to_and_what_came_of_it(
    world, client_as, coordinator, partner_a
):
    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    sent_now()
    response = client_as(coordinator).get(f"/meetings/{meeting.pk}/delivery/")
    assert response.status_code == 200
    rows = {
        (invitation.organization.acronym_fr if invitation else "secretariat"): [
            r.reader_name for r in written
        ]
        for invitation, written in response.context["delivery"]
    }
    assert set(rows["PB"]) == {people["representative"].name_ar, people["alternate"].name}
    assert rows["PC"] == [people["focal point"].name]
    assert rows["PD"] == [people["silent"].name]  # written to, and dead: no address
    # The secretariat convenes and is not invited; its coordinator hears as the secretariat.
    assert rows["secretariat"] == [coordinator.get_full_name() or coordinator.username]
    html = response.content.decode()
    assert "Lettre morte" in html or "Dead letter" in html
    link = f"/meetings/{meeting.pk}/delivery/"
    assert link in client_as(coordinator).get(f"/meetings/{meeting.pk}/").content.decode()
    # A partner sees its invitation, not the secretariat's mailing.
    assert client_as(partner_a).get(link).status_code == 403
    assert link not in client_as(partner_a).get(f"/meetings/{meeting.pk}/").content.decode()


def test_the_delivery_page_costs_the_same_queries_at_two_sizes(
    world, client_as, coordinator, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    commission, _people = world
    meeting = convened(plan(commission, 10, year=2027))
    client = client_as(coordinator)
    client.get(f"/meetings/{meeting.pk}/delivery/")
    with CaptureQueriesContext(connection) as small:
        client.get(f"/meetings/{meeting.pk}/delivery/")
    for number in range(12):
        PersonFactory(organization=OrganizationFactory(name_fr=f"Autre {number}"))
    crowded = commission_with("CX", commission.secretariat, *OrganizationFactory.create_batch(12))
    big = convened(plan(crowded, 11, year=2027))
    with CaptureQueriesContext(connection) as large:
        client.get(f"/meetings/{big.pk}/delivery/")
    assert len(small) == len(large) <= 10


def test_the_answer_page_costs_the_same_queries_with_a_longer_agenda(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commissions.links import answer_path
    from commissions.services import agenda_item_add

    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    path = answer_path(meeting.pk, people["focal point"].pk)
    agenda_item_add(meeting=meeting, title="Premier point")
    client.get(path)
    with CaptureQueriesContext(connection) as short:
        client.get(path)
    for number in range(8):
        agenda_item_add(meeting=meeting, title=f"Point {number}")
    with CaptureQueriesContext(connection) as long:
        client.get(path)
    assert len(short) == len(long) <= 10


def test_a_refused_address_is_flagged_on_the_persons_page_until_corrected(
    world, sink, client_as, coordinator
):
    from contacts.services import person_save

    commission, people = world
    person = people["focal point"]
    person.emails = ["bounce.focal@example.org"]
    person_save(person=person)
    convened(plan(commission, 10, year=2027))
    sent_now()
    page = client_as(coordinator).get(person.get_absolute_url(), headers=ENGLISH)
    assert "bounce.focal@example.org</bdi> was refused" in page.content.decode()
    person.emails = ["focal@example.org"]
    person_save(person=person)
    page = client_as(coordinator).get(person.get_absolute_url(), headers=ENGLISH)
    assert "was refused" not in page.content.decode()


def test_convening_names_the_organisations_nobody_can_be_written_to_at(
    world, client_as, coordinator
):
    commission, people = world
    meeting = plan(commission, 10, year=2027)
    response = client_as(coordinator).post(
        f"/meetings/{meeting.pk}/convene/", follow=True, headers=ENGLISH
    )
    said = [str(message) for message in response.context["messages"]]
    silent, reached = (people[name].organization.name_en for name in ("silent", "focal point"))
    assert any(f"Nobody at {silent} has an address" in message for message in said)
    assert not any(reached in message for message in said)  # its focal point has one


def test_arabic_emails_greet_by_the_arabic_name_with_the_weekday_in_the_date(
    world, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, people = world
    representative = people["representative"]  # written to in Arabic
    representative.first_name_ar, representative.last_name_ar = "سعاد", "العلوي"
    representative.save()
    convened(plan(commission, 10, year=2027))
    sent_now()
    email = next(m for m in mailoutbox if m.to[0] == representative.emails[0])
    assert "السيد(ة) سعاد العلوي المحترم(ة)،" in email.body
    assert "الأربعاء 10 مارس 2027، 10:00" in email.subject
    english = next(m for m in mailoutbox if m.to[0] == people["focal point"].emails[0])
    assert "Wednesday 10 March 2027, 10:00" in english.subject


def test_a_successor_on_the_seat_gets_the_emails_still_to_be_sent(world):
    from contacts.models import Person
    from contacts.services import focal_point_replace

    commission, people = world
    meeting = convened(plan(commission, 10, year=2027))
    leaving = people["representative"]
    waiting = Reminder.objects.for_target(meeting).filter(state=State.PENDING)
    assert waiting.filter(person_id=leaving.pk).exists()
    successor, moved = focal_point_replace(
        predecessor=leaving,
        newcomer={"first_name": "Nadia", "last_name": "Alami", "email": "n.alami@example.org"},
        on=timezone.localdate(),
    )
    assert moved["commission_seats"] == 1 and moved["meeting_emails"] == 1
    assert not waiting.filter(person_id=leaving.pk).exists()
    assert waiting.filter(person_id=successor.pk, address="n.alami@example.org").exists()
    assert Person.objects.get(pk=leaving.pk).end_date == timezone.localdate()


def test_a_line_break_in_an_address_or_a_name_stops_nobody_else(world, sink):
    from contacts.models import Person

    commission, people = world
    # Written past the forms' validation, as an import or the admin's raw edit could.
    Person.objects.filter(pk=people["focal point"].pk).update(
        emails=["focal@example.org\r\nBcc: everyone@example.org"]
    )
    Person.objects.filter(pk=people["alternate"].pk).update(first_name="Line\r\nBcc: x@y.org")
    meeting = convened(plan(commission, 10, year=2027))
    counts = sent_now()
    row = invitations(meeting).get(person_id=people["focal point"].pk)
    assert row.state == State.DEAD and row.last_error.startswith("malformed message")
    assert invitations(meeting).get(person_id=people["alternate"].pk).state == State.SENT
    assert counts["sent"] == invitations(meeting).filter(state=State.SENT).count() >= 4
    assert not any("everyone@example.org" in str(m["To"]) + str(m["Bcc"]) for m in sink.messages)


def test_an_account_of_a_directory_person_may_also_answer_without_logging_in(
    world, mailoutbox, settings, client, partner_a, partner_a_org
):
    from commissions.models import Invitation

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission, _people = world
    person = PersonFactory(organization=partner_a_org, user=partner_a)
    meeting = convened(plan(commission, 10, year=2027))
    sent_now()
    body = next(m for m in mailoutbox if m.to[0] == partner_a.email).body
    assert f"/meetings/{meeting.pk}/" in body  # the button still opens the portal
    link = re.search(r"http://[^/\s]+(/answer/[^\s]+/)", body).group(1)
    client.post(link, {"answer": "declined"})
    invitation = Invitation.objects.get(meeting=meeting, organization=partner_a_org)
    assert invitation.answer == "declined" and invitation.answered_by_person == person
