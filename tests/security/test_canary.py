"""Partner 2's private records carry marker strings that nothing partner 1 fetches may contain.

The markers sit on partner 2's directory records (its organisation, a sector, its people) and on
the records of the commission only partner 2 sits on: its code (so every meeting number), name,
mandate and chair, its meetings' places and a postponement's reason, an agenda item and its
document, the decision, the minutes and partner 2's invitation delegate. The ministry's pages
show each marker, so one missing from partner 1's pages is hidden, not misspelt.
"""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from commissions import services as commissions
from commissions.models import Minutes
from reminders.services import reminders_dispatch
from tests.access import logged_in
from tests.factories import PersonFactory, SectorFactory

from .test_access_matrix import ROUTES, url_for

CANARY = "CANARY7Q"


def readable(response) -> str:
    """The text of a response, opening XLSX archives and unfolding iCalendar and vCard lines."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return unfolded(body.decode("utf-8", "replace"))


def unfolded(text: str) -> str:
    """A long iCalendar or vCard line goes on after a line break and a space (RFC 5545 3.1)."""
    return text.replace("\r\n ", "").replace("\r\n\t", "")


def mark_directory(records) -> None:
    organization, person = records["organization"], records["person"]
    organization.name_fr = f"{CANARY} organisation"
    organization.name_ar = f"{CANARY} هيئة"
    organization.acronym_fr = f"{CANARY}A"
    organization.address = f"{CANARY} rue"
    organization.email = "canary7q@example.org"
    organization.internal_notes = f"{CANARY} note"
    organization.save()
    organization.sectors.add(SectorFactory(name_fr=f"{CANARY} secteur"))
    person.first_name = f"{CANARY}first"
    person.position = f"{CANARY} position"
    person.emails = ["hidden.person@example.org"]
    person.save()
    PersonFactory(organization=organization, last_name=f"{CANARY}last")


def mark_commission(records, focal_point) -> None:
    commission = records["commission"]
    commission.code = CANARY
    commission.name_fr = f"{CANARY} commission"
    commission.name_ar = f"{CANARY} لجنة"
    commission.name_en = f"{CANARY} committee"
    commission.mandate = f"{CANARY} mandate"
    commission.chair_fr = f"{CANARY} chair"
    commission.chair_ar = f"{CANARY} رئيس"
    commission.save()
    for meeting in (records["meeting"], records["upcoming"]):
        meeting.place = f"{CANARY} room"
        meeting.save(update_fields=["place"])
    records["agenda_item"].title = f"{CANARY} agenda item"
    records["agenda_item"].save(update_fields=["title"])
    records["agenda_document"].title = f"{CANARY} document"
    records["agenda_document"].save(update_fields=["title"])
    records["decision"].text = f"{CANARY} decision"
    records["decision"].save(update_fields=["text"])
    Minutes.objects.filter(meeting=records["meeting"]).update(text=f"{CANARY} minutes")
    commissions.invitation_answer(
        invitation=records["invitation"],
        answer="attending",
        delegate=f"{CANARY} delegate",
        user=focal_point,
    )
    # Draft minutes circulated to its members by written procedure, and its objection.
    circulated = commissions.meeting_record_past(
        commission=commission,
        starts_at=datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC),
    )
    minutes = commissions.minutes_save(meeting=circulated, text=f"{CANARY} draft", user=focal_point)
    procedure = commissions.procedure_open(
        minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=10), user=focal_point
    )
    commissions.objection_make(
        procedure=procedure,
        invitation=circulated.invitations.get(),
        comment=f"{CANARY} objection",
        user=focal_point,
    )
    records["circulated"] = circulated


def convened_in_ten_days(commission, *, place: str = "", moved_because: str = ""):
    """A meeting ahead, convened: it is in the subscription feed and its invitation is sent."""
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    meeting = commissions.meeting_plan(
        commission=commission,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place=place,
    )
    commissions.meeting_convene(meeting=meeting)
    if moved_because:
        start += datetime.timedelta(days=1)
        commissions.meeting_postpone(
            meeting=meeting,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            reason=moved_because,
        )
    return meeting


def mark_plan(records) -> None:
    plan, action = records["plan"], records["action"]
    plan.code = f"{CANARY}P"
    plan.title_fr = f"{CANARY} plan"
    plan.save()
    records["axis"].title_fr = f"{CANARY} axis"
    records["axis"].save()
    action.code = f"{CANARY}-1.1"
    action.title_fr = f"{CANARY} action"
    action.description = f"{CANARY} description"
    action.save()
    records["indicator"].name = f"{CANARY} indicator"
    records["indicator"].save()
    records["report"].narrative = f"{CANARY} narrative"
    records["report"].save()
    records["evidence"].title = f"{CANARY} evidence.pdf"
    records["evidence"].save()
    records["round"].name = f"{CANARY}R"
    records["round"].save()


def mark_cooperation(records) -> None:
    """Partner 2's agreement, programme and all they carry, its framework and its country's
    profile (a partner sees a profile through its own agreements and programmes only)."""
    agreement, programme, framework = (
        records["agreement"],
        records["programme"],
        records["framework"],
    )
    agreement.reference = f"{CANARY}-ACC"
    agreement.title_fr = f"{CANARY} agreement"
    agreement.save()
    records["party"].signatory = f"{CANARY} signatory"
    records["party"].save()
    programme.code = f"{CANARY}-PRG"
    programme.title_fr = f"{CANARY} programme"
    programme.description_fr = f"{CANARY} description"
    programme.save()
    framework.acronym = f"{CANARY}F"
    framework.name_fr = f"{CANARY} framework"
    framework.save()
    framework.meetings.update(name=f"{CANARY} session")
    records["activity"].title = f"{CANARY} activity"
    records["activity"].save()
    records["result"].title = f"{CANARY} result"
    records["result"].save()
    records["result_indicator"].title = f"{CANARY} result indicator"
    records["result_indicator"].save()
    records["programme_document"].title = f"{CANARY} document"
    records["programme_document"].save()
    records["country"].mra_population_source = f"{CANARY} census"
    records["country"].save()


def mark_studies(records) -> None:
    """Partner 2's study and all it holds, its recommendation and its expert."""
    study = records["study"]
    study.reference = f"{CANARY}-ETU"
    study.title_fr = f"{CANARY} study"
    study.abstract_fr = f"{CANARY} abstract about retirees"
    study.commissioning_unit = f"{CANARY} unit"
    study.save()
    study.findings.update(text_fr=f"{CANARY} finding about retirees")
    study.milestones.update(title=f"{CANARY} milestone")
    study.documents.update(title=f"{CANARY} report", text=f"{CANARY} report text retirees")
    records["recommendation"].text_fr = f"{CANARY} recommendation about retirees"
    records["recommendation"].save()
    person = records["expert"].person
    person.last_name = f"{CANARY}expert"
    person.save()
    records["expert"].keywords = f"{CANARY} keywords"
    records["expert"].save()


@pytest.fixture
def marked(cast):
    """The cast, partner 2's records marked, and a meeting ahead for each partner."""
    users, objects = cast
    mark_directory(objects[2])
    mark_commission(objects[2], users["partner2"])
    mark_plan(objects[2])
    mark_cooperation(objects[2])
    mark_studies(objects[2])
    # Partner 2's decision is followed up by partner 2's action: the meeting pages list it.
    objects[2]["action"].decision = objects[2]["decision"]
    objects[2]["action"].save()
    # Partner 1's round also covers partner 2's plan: its page, template and tally must not
    # show partner 2's actions to partner 1.
    objects[1]["round"].plans.add(objects[2]["plan"])
    objects[1]["ahead"] = convened_in_ten_days(objects[1]["commission"], place="Rabat")
    objects[2]["ahead"] = convened_in_ten_days(
        objects[2]["commission"], place=f"{CANARY} room", moved_because=f"{CANARY} reason"
    )
    # An item added after each invitation: the agenda notices go out by tomorrow evening.
    commissions.agenda_item_add(meeting=objects[1]["ahead"], title="Point ajouté")
    commissions.agenda_item_add(meeting=objects[2]["ahead"], title=f"{CANARY} added item")
    # The invitations', the agenda notices' and the approved minutes' emails.
    reminders_dispatch(now=timezone.now() + datetime.timedelta(days=2))
    return users, objects


def month_of(meeting) -> str:
    return f"{timezone.localtime(meeting.starts_at):%Y-%m}"


def feed_of(user) -> str:
    return f"/meetings/subscription/{commissions.calendar_feed_renew(user=user)}.ics"


def email_text(message) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    for attachment in message.attachments:
        content = attachment[1] if isinstance(attachment, tuple) else attachment.get_payload()
        parts.append(content.decode() if isinstance(content, bytes) else str(content))
    return unfolded("\n".join(parts))


def shown_to_the_ministry(users, objects) -> list[tuple[str, str]]:
    """Where the ministry finds each of partner 2's markers: (URL, marker)."""
    theirs = objects[2]
    commission, held, upcoming, ahead = (
        theirs["commission"],
        theirs["meeting"],
        theirs["upcoming"],
        theirs["ahead"],
    )
    return [
        ("/partners/?q=organisation", f"{CANARY} organisation"),
        ("/people/export.xlsx?q=position", f"{CANARY} position"),
        ("/commissions/", f"{CANARY} commission"),
        (f"/commissions/{commission.pk}/", f"{CANARY} mandate"),
        (f"/commissions/{commission.pk}/", f"{CANARY} chair"),
        ("/meetings/", f"{CANARY}-2026-01"),
        (f"/meetings/calendar/?month={month_of(held)}", f"{CANARY}-2026-01"),
        (f"/meetings/calendar/?month={month_of(ahead)}", f"{CANARY}-"),
        (f"/meetings/{held.pk}/", f"{CANARY} room"),
        (f"/meetings/{held.pk}/", f"{CANARY} decision"),
        (f"/meetings/{upcoming.pk}/", f"{CANARY} agenda item"),
        (f"/meetings/{upcoming.pk}/", f"{CANARY} document"),
        (f"/meetings/{upcoming.pk}/", f"{CANARY} delegate"),
        (f"/meetings/{ahead.pk}/", f"{CANARY} reason"),
        (f"/meetings/{held.pk}/minutes/print/", f"{CANARY} minutes"),
        (f"/meetings/{theirs['circulated'].pk}/minutes/", f"{CANARY} objection"),
        (f"/meetings/{theirs['circulated'].pk}/minutes/review/", f"{CANARY} draft"),
        (f"/commissions/{commission.pk}/decisions/", f"{CANARY} decision"),
        (f"/commissions/{commission.pk}/decisions/export.csv", f"{CANARY} decision"),
        (f"/meetings/{ahead.pk}/meeting.ics", f"{CANARY} room"),
        (feed_of(users["coordinator"]), f"{CANARY} room"),
        ("/plans/?q=plan", f"{CANARY} plan"),
        ("/plans/export.xlsx", f"{CANARY} plan"),
        (f"/plans/{theirs['plan'].pk}/", f"{CANARY} axis"),
        ("/actions/?q=action", f"{CANARY} action"),
        ("/actions/export.csv", f"{CANARY} action"),
        (f"/actions/{theirs['action'].pk}/", f"{CANARY} description"),
        (f"/actions/{theirs['action'].pk}/", f"{CANARY} indicator"),
        (f"/actions/{theirs['action'].pk}/", f"{CANARY} narrative"),
        (f"/actions/{theirs['action'].pk}/", f"{CANARY} evidence"),
        (f"/meetings/{held.pk}/", f"{CANARY}-1.1"),
        (f"/partners/{theirs['organization'].pk}/", f"{CANARY} action"),
        ("/rounds/", f"{CANARY}R"),
        (f"/rounds/{objects[1]['round'].pk}/", f"{CANARY}-1.1"),
        (f"/rounds/{objects[1]['round'].pk}/offline/template.xlsx", f"{CANARY}-1.1"),
        (f"/plans/{theirs['plan'].pk}/import/template.xlsx", f"{CANARY}A"),
        ("/programmes/?q=programme", f"{CANARY} programme"),
        ("/programmes/export.xlsx", f"{CANARY}-PRG"),
        ("/programmes/iati.xml", f"{CANARY} description"),
        ("/programmes/iati.xml", f"{CANARY} result indicator"),
        (f"/programmes/{theirs['programme'].pk}/", f"{CANARY} activity"),
        (f"/programmes/{theirs['programme'].pk}/", f"{CANARY} result"),
        (f"/programmes/{theirs['programme'].pk}/", f"{CANARY} document"),
        (f"/programmes/{theirs['programme'].pk}/", f"{CANARY} agreement"),
        ("/agreements/?q=agreement", f"{CANARY}-ACC"),
        ("/agreements/export.csv", f"{CANARY} organisation"),
        ("/agreements/to-act-on/", f"{CANARY}-ACC"),
        (f"/agreements/{theirs['agreement'].pk}/", f"{CANARY} signatory"),
        ("/frameworks/", f"{CANARY} framework"),
        (f"/frameworks/{theirs['framework'].pk}/", f"{CANARY} session"),
        (f"/countries/{theirs['country'].pk}/", f"{CANARY} census"),
        (f"/countries/{theirs['country'].pk}/", f"{CANARY} programme"),
        (f"/countries/{theirs['country'].pk}/", f"{CANARY}-ACC"),
        (f"/countries/{theirs['country'].pk}/", f"{CANARY} framework"),
        (f"/countries/{theirs['country'].pk}/", f"{CANARY} commission"),
        (f"/countries/{theirs['country'].pk}/", f"{CANARY} decision"),
        (f"/partners/{theirs['organization'].pk}/", f"{CANARY} programme"),
        # The snippet of the matching finding, its word marked.
        ("/studies/?q=finding", f'{CANARY} <mark class="hit">finding</mark>'),
        ("/studies/?q=retirees", f"{CANARY} study"),
        ("/studies/export.xlsx", f"{CANARY}-ETU"),
        (f"/studies/{theirs['study'].pk}/", f"{CANARY} milestone"),
        (f"/studies/{theirs['study'].pk}/", f"{CANARY} report"),
        (f"/studies/{theirs['study'].pk}/", f"{CANARY} recommendation"),
        (f"/studies/{theirs['study'].pk}/", f"{CANARY}expert"),
        ("/recommendations/", f"{CANARY} recommendation"),
        ("/recommendations/export.csv", f"{CANARY} study"),
        (f"/recommendations/{theirs['recommendation'].pk}/", f"{CANARY} decision"),
        (f"/actions/{theirs['action'].pk}/", f"{CANARY}-ETU"),
        (f"/meetings/{theirs['meeting'].pk}/", f"{CANARY}-ETU"),
        ("/experts/?q=keywords", f"{CANARY}expert"),
        (f"/experts/{theirs['expert'].pk}/", f"{CANARY} keywords"),
        (f"/partners/{theirs['organization'].pk}/", f"{CANARY} study"),
        (f"/countries/{theirs['country'].pk}/", f"{CANARY} study"),
    ]


def test_the_ministry_sees_every_marker_so_each_is_findable(marked):
    users, objects = marked
    shown = shown_to_the_ministry(users, objects)
    ministry = logged_in(users["coordinator"])
    missing = [(url, mark) for url, mark in shown if mark not in readable(ministry.get(url))]
    assert missing == [], missing
    # Partner 2 itself hears of its meeting: the bell and the invitation's email.
    assert CANARY in readable(logged_in(users["partner2"]).get("/notifications/"))
    to_partner_2 = [m for m in mail.outbox if users["partner2"].email in m.to]
    assert to_partner_2 and all(CANARY in email_text(message) for message in to_partner_2)


def test_nothing_partner_1_can_fetch_holds_partner_2s_markers(marked):
    users, objects = marked
    organization, ours = objects[2]["organization"], objects[1]
    fetched = 0
    for role in ("partner1", "partner1_viewer"):
        client = logged_in(users[role])
        urls = [
            url_for(route, pattern, target, objects, users)
            for route, pattern in ROUTES.items()
            if not route.startswith("admin/")
            for target in (1, 2)
        ]
        # Searches that would find partner 2's records, with words that are not the marker.
        urls += [
            "/partners/?q=organisation",
            "/partners/?q=rue",
            "/people/?q=position",
            "/partners/suggest/?organization=organisation",
            "/people/?organization=organisation",
            "/people/?q=hidden.person@example.org",
            "/partners/export.csv?q=organisation",
            "/people/export.xlsx?q=position",
            f"/people/?organization={organization.pk}",
        ]
        # The meeting list, the calendar's months, the register, the feeds and the bell.
        urls += [
            "/meetings/?period=upcoming",
            "/meetings/?period=past",
            "/meetings/?year=2026",
            f"/meetings/?commission={objects[2]['commission'].pk}",
            f"/meetings/calendar/?month={month_of(ours['meeting'])}",
            f"/meetings/calendar/?month={month_of(ours['ahead'])}",
            f"/commissions/{ours['commission'].pk}/decisions/?q=decision",
            f"/commissions/{ours['commission'].pk}/decisions/export.csv?q=decision",
            f"/meetings/{ours['ahead'].pk}/",
            f"/meetings/{ours['ahead'].pk}/meeting.ics",
            f"/meetings/{objects[2]['ahead'].pk}/meeting.ics",
            "/notifications/",
            "/notifications/count/",
        ]
        # The plans and actions, searched, filtered and exported, every list of them.
        urls += [
            f"/{path}{query}"
            for path in (
                "plans/",
                "plans/export.csv",
                "actions/",
                "actions/mine/",
                "actions/overdue/",
                "actions/export.xlsx",
                "actions/overdue/export.csv",
            )
            for query in ("", "?q=plan", "?q=action", f"?lead={organization.pk}", "?status=agreed")
        ]
        urls += [
            f"/actions/?decision={objects[2]['decision'].pk}",
            f"/actions/?plan={objects[2]['plan'].pk}",
            f"/plans/{ours['plan'].pk}/",
            f"/actions/{ours['action'].pk}/",
            f"/actions/{ours['action'].pk}/report/",
            f"/plans/{ours['plan'].pk}/actions/new/",
        ]
        # International cooperation, searched, filtered, exported, summed up.
        urls += [
            f"/{path}{query}"
            for path in (
                "programmes/",
                "programmes/export.csv",
                "programmes/iati.xml",
                "agreements/",
                "agreements/export.xlsx",
                "agreements/to-act-on/",
                "frameworks/",
                "countries/",
                "cooperation/",
            )
            for query in (
                "",
                "?q=programme",
                "?q=agreement",
                "?country=CI",
                "?objective=rights",
                "?region=africa",
                f"?partner={organization.pk}",
                f"?framework={objects[2]['framework'].pk}",
            )
        ]
        # Studies, searched in the three languages, filtered, tracked, exported.
        urls += [
            f"/{path}{query}"
            for path in (
                "studies/",
                "studies/export.csv",
                "recommendations/",
                "recommendations/export.xlsx",
                "experts/",
            )
            for query in (
                "",
                "?q=retirees",
                "?q=report",
                "?q=finding",
                "?country=FR",
                "?theme=social_protection",
                f"?partner={organization.pk}",
                f"?addressee={organization.pk}",
                "?study=ETU-S1",
                "?state=taken_up",
                "?area=law",
            )
        ]
        for url in sorted(set(urls)):
            response = client.get(url)
            fetched += 1
            assert response.status_code < 500, url
            assert CANARY.lower() not in readable(response).lower(), f"{url} as {role}"

    feed = Client().get(feed_of(users["partner1"]))
    assert feed.status_code == 200
    assert ours["ahead"].number in readable(feed)
    assert CANARY.lower() not in readable(feed).lower()

    Client().post("/accounts/password/reset/", {"email": users["partner1"].email})
    to_partner_1 = [m for m in mail.outbox if users["partner1"].email in m.to]
    # The invitation, the agenda notice, the approved minutes and the password reset.
    assert len(to_partner_1) >= 4
    assert all(CANARY.lower() not in email_text(m).lower() for m in to_partner_1)
    assert fetched > 50


def test_nothing_a_link_for_partner_1s_person_opens_holds_partner_2s_markers(marked):
    from commissions.links import answer_path
    from commissions.models import Meeting
    from tests.factories import PersonFactory

    _users, objects = marked
    person = PersonFactory(organization=objects[1]["organization"])
    anonymous = Client()
    opened = 0
    # A link for every meeting there is, partner 2's included, as if forged with a valid key.
    for meeting in Meeting.objects.all():
        path = answer_path(meeting.pk, person.pk)
        for response in (anonymous.get(path), anonymous.post(path, {"answer": "declined"})):
            assert response.status_code < 500
            assert CANARY.lower() not in readable(response).lower(), meeting.number
            opened += response.status_code == 200
    assert opened  # partner 1's own meeting ahead opens


def test_the_stop_links_of_partner_1s_people_hold_none_of_partner_2s_markers(marked):
    from contacts.models import Person
    from reminders.links import stop_path
    from reminders.models import Reminder

    _users, objects = marked
    people = Person.objects.filter(organization=objects[1]["organization"]).values("pk")
    written = Reminder.objects.filter(person_id__in=people).values_list(
        "person_type_id", "person_id"
    )
    assert written  # partner 1's people without an account were written to
    for person_type_id, person_id in set(written):
        path = stop_path(person_type_id, person_id)
        for response in (Client().get(path), Client().post(path)):
            assert response.status_code == 200
            assert CANARY.lower() not in readable(response).lower()


# Elements whose text is not laid out in the page's flow, or isolated by what they are.
_NOT_IN_FLOW = {"title", "script", "style", "option", "textarea", "template"}


def unisolated(html: str, marker: str) -> list[str]:
    """The marker's occurrences that no element isolates from the Arabic text around them:
    each needs an ancestor inside <body> that is a <bdi> or carries a dir attribute (an SVG
    text, a direction)."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    found = []
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        for text, parent in ((node.text, node), (node.tail, node.getparent())):
            if not text or marker not in text or parent is None:
                continue
            chain = [parent, *parent.iterancestors()]
            if any(element.tag in _NOT_IN_FLOW for element in chain):
                continue
            inside_body = [element for element in chain if element.tag not in ("body", "html")]
            if not any(e.tag == "bdi" or e.get("dir") or e.get("direction") for e in inside_body):
                found.append(f"<{parent.tag}>{text.strip()[:60]}")
    return found


def test_on_arabic_pages_every_marker_is_isolated_from_the_text_around_it(marked):
    """French typed into a record keeps its punctuation on its own side of an Arabic page."""
    users, objects = marked
    coordinator = users["coordinator"]
    coordinator.language = "ar"
    coordinator.save(update_fields=["language"])
    ministry = logged_in(coordinator)
    pages = sorted({url for url, _mark in shown_to_the_ministry(users, objects)})
    found = {}
    for url in pages:
        response = ministry.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        assert response.status_code == 200, url
        if bare := unisolated(response.content.decode(), CANARY):
            found[url] = bare
    assert found == {}, "\n".join(f"{url}: {bare}" for url, bare in found.items())
