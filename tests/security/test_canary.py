"""Partner 2's private records carry marker strings that nothing partner 1 fetches may contain."""

import io
import zipfile

from django.core import mail
from django.test import Client

from tests.access import logged_in
from tests.factories import PersonFactory, SectorFactory

from .test_access_matrix import ROUTES, url_for

CANARY = "CANARY7Q"


def readable(response) -> str:
    """The text of a response, opening XLSX archives."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode("utf-8", "replace")


def test_nothing_partner_1_can_fetch_holds_partner_2s_markers(cast):
    users, objects = cast
    organization, person = objects[2]["organization"], objects[2]["person"]
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

    # The markers are findable: the ministry's searches and exports show them.
    ministry = logged_in(users["coordinator"])
    assert CANARY in readable(ministry.get("/partners/?q=organisation"))
    assert CANARY in readable(ministry.get("/people/export.xlsx?q=position"))

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
            "/people/?q=hidden.person@example.org",
            "/partners/export.csv?q=organisation",
            "/people/export.xlsx?q=position",
            f"/people/?organization={organization.pk}",
        ]
        for url in sorted(set(urls)):
            response = client.get(url)
            fetched += 1
            assert response.status_code < 500, url
            text = readable(response).lower()
            assert CANARY.lower() not in text, f"{url} as {role}"

    Client().post("/accounts/password/reset/", {"email": users["partner1"].email})
    assert mail.outbox and all(CANARY not in message.body for message in mail.outbox)
    assert fetched > 50
