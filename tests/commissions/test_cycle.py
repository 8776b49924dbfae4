"""The whole cycle through the pages, as the secretariat and partner 1 live it."""

from commissions.models import Decision, Invitation, Meeting, Minutes
from tests.access import assert_not_found, assert_ok

from .world import at


def follow_up_section(html: str) -> str:
    return html[html.index('id="follow-up"') : html.index('id="decisions-heading"')]


def test_from_convocation_to_minutes_approved_at_the_next_meeting(
    cim, client_as, coordinator, partner_a, partner_a_org, time_machine
):
    secretariat, focal_point = client_as(coordinator), client_as(partner_a)
    time_machine.move_to(at(2026, 8, 3, 9), tick=False)

    # In August, the coordinator plans and convenes a meeting for September.
    response = secretariat.post(
        f"/commissions/{cim.pk}/meetings/new/",
        {
            "kind": "ordinary",
            "starts_at": "2026-09-10T10:00",
            "ends_at": "2026-09-10T13:00",
            "place": "Rabat",
        },
    )
    first = Meeting.objects.get(commission=cim)
    assert response["Location"] == f"/meetings/{first.pk}/"
    assert first.number == "CIM-2026-01" and first.starts_at == at(2026, 9, 10, 10)
    secretariat.post(f"/meetings/{first.pk}/convene/")
    # The ministry holds the secretariat: it convenes, it is not invited.
    assert set(first.invitations.values_list("organization", flat=True)) == {partner_a_org.pk}

    # partner1 answers for its organisation.
    invitation = Invitation.objects.get(meeting=first, organization=partner_a_org)
    page = assert_ok(focal_point, f"/meetings/{first.pk}/").content.decode()
    assert f"/invitations/{invitation.pk}/answer/" in page
    response = focal_point.post(
        f"/invitations/{invitation.pk}/answer/",
        {"answer": "attending", "delegate": "Karim Alaoui, directeur"},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == "attending" and invitation.answered_by == partner_a

    # On the day, the secretariat marks it held, records attendance and a decision.
    time_machine.move_to(at(2026, 9, 10, 13, 30), tick=False)
    secretariat.post(f"/meetings/{first.pk}/held/")
    secretariat.post(f"/meetings/{first.pk}/attendance/", {"present": [partner_a_org.pk]})
    first.refresh_from_db()
    assert first.status == "held" and first.quorum_reached()
    secretariat.post(
        f"/meetings/{first.pk}/decisions/new/",
        {
            "text": "Créer un guichet unique",
            "responsible": [partner_a_org.pk],
            "due_date": "2027-03-31",
        },
    )
    decision = Decision.objects.get(meeting=first)
    assert decision.number == "CIM-2026-01/D1"

    # Minutes are drafted; partner1 cannot read the draft.
    secretariat.post(f"/meetings/{first.pk}/minutes/", {"text": "Première version"})
    secretariat.post(f"/meetings/{first.pk}/minutes/", {"text": "Version relue"})
    minutes = Minutes.objects.get(meeting=first)
    assert [version.text for version in minutes.versions.all()] == ["Première version"]
    assert_not_found(focal_point, f"/meetings/{first.pk}/minutes/print/")

    # The next meeting carries the open decision by itself.
    secretariat.post(
        f"/commissions/{cim.pk}/meetings/new/",
        {"kind": "ordinary", "starts_at": "2026-10-14T10:00", "ends_at": "2026-10-14T12:00"},
    )
    second = Meeting.objects.get(commission=cim, sequence=2)
    html = assert_ok(focal_point, f"/meetings/{second.pk}/").content.decode()
    assert "CIM-2026-01/D1" in follow_up_section(html)

    # The minutes are approved at that meeting, once it sits, and frozen; partner1 reads them.
    secretariat.post(f"/meetings/{second.pk}/convene/")
    time_machine.move_to(at(2026, 10, 14, 11), tick=False)
    response = secretariat.post(
        f"/meetings/{first.pk}/minutes/approve/", {"at_meeting": second.pk, "confirm": "on"}
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.approved_by_meeting == second
    response = secretariat.post(f"/meetings/{first.pk}/minutes/", {"text": "Réécriture"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    minutes.refresh_from_db()
    assert minutes.text == "Version relue"
    printed = assert_ok(focal_point, f"/meetings/{first.pk}/minutes/print/").content.decode()
    assert "Version relue" in printed and "CIM-2026-02" in printed

    # Closing the decision takes it off the next agendas.
    secretariat.post(f"/decisions/{decision.pk}/status/", {"status": "closed"})
    html = assert_ok(focal_point, f"/meetings/{second.pk}/").content.decode()
    assert "CIM-2026-01/D1" not in follow_up_section(html)
