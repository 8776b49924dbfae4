import datetime

import pytest

from contacts import turnover
from contacts.models import Person, PersonKind
from tests.access import assert_not_found, assert_ok, assert_redirects_to_login
from tests.factories import PersonFactory


@pytest.fixture
def focal_point(partner_a_org):
    return PersonFactory(
        organization=partner_a_org, first_name="Sortant", start_date=datetime.date(2023, 1, 1)
    )


@pytest.fixture
def alternate(partner_a_org):
    return PersonFactory(
        organization=partner_a_org, first_name="Entrant", kind=PersonKind.ALTERNATE
    )


class OpenWork:
    """Stands for a later app's records (actions, invitations, reminders) held by a person."""

    def __init__(self, key="open_work", fail=False):
        self.key = key
        self.holders: dict[str, int] = {"Dossier 1": 0, "Dossier 2": 0}
        self.fail = fail

    def pending(self, person):
        return [name for name, holder in self.holders.items() if holder == person.pk]

    def move(self, person, successor):
        if self.fail:
            raise RuntimeError("the source failed halfway")
        moved = self.pending(person)
        for name in moved:
            self.holders[name] = successor.pk
        return len(moved)


@pytest.fixture
def open_work(focal_point):
    work = OpenWork()
    work.holders = dict.fromkeys(work.holders, focal_point.pk)
    turnover.register(turnover.TurnoverSource(work.key, "Open work", work.pending, work.move))
    yield work
    turnover.unregister(work.key)


def replace_urls(person):
    return [f"/people/{person.pk}/replace/", f"/people/{person.pk}/replace/confirm/"]


def test_the_turnover_pages_ask_anonymous_visitors_to_log_in(focal_point):
    for url in replace_urls(focal_point):
        assert_redirects_to_login(url)


def test_another_partners_focal_point_answers_404(client_as, partner_b, focal_point, alternate):
    client = client_as(partner_b)
    assert_not_found(client, f"/people/{focal_point.pk}/replace/")
    data = {"successor": alternate.pk, "on": "2026-12-01"}
    assert client.post(f"/people/{focal_point.pk}/replace/confirm/", data).status_code == 404


def test_partners_and_viewers_may_not_replace_a_focal_point(
    client_as, partner_a, viewer, focal_point
):
    for user in (partner_a, viewer):
        assert client_as(user).get(f"/people/{focal_point.pk}/replace/").status_code == 403


def test_the_confirmation_lists_what_will_move_before_anything_moves(
    client_as, coordinator, focal_point, alternate, open_work
):
    client = client_as(coordinator)
    page = assert_ok(client, f"/people/{focal_point.pk}/replace/").content.decode()
    assert "Open work" in page and "Dossier 1" in page and "Dossier 2" in page
    response = client.post(
        f"/people/{focal_point.pk}/replace/", {"successor": alternate.pk, "on": "2026-12-01"}
    )
    assert response.context["confirming"]
    assert "Dossier 1" in response.content.decode()
    focal_point.refresh_from_db()
    assert focal_point.end_date is None
    assert set(open_work.holders.values()) == {focal_point.pk}


def test_confirming_moves_the_role_and_the_work_in_one_go(
    client_as, coordinator, focal_point, alternate, open_work
):
    response = client_as(coordinator).post(
        f"/people/{focal_point.pk}/replace/confirm/",
        {"successor": alternate.pk, "on": "2026-12-01"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/partners/{focal_point.organization_id}/"
    focal_point.refresh_from_db()
    alternate.refresh_from_db()
    assert focal_point.end_date == datetime.date(2026, 12, 1)
    assert alternate.kind == PersonKind.FOCAL_POINT
    assert alternate.start_date == datetime.date(2026, 12, 1)
    assert set(open_work.holders.values()) == {alternate.pk}


def test_the_history_keeps_who_was_focal_point_and_when(
    client_as, coordinator, focal_point, alternate
):
    client = client_as(coordinator)
    client.post(
        f"/people/{focal_point.pk}/replace/confirm/",
        {"successor": alternate.pk, "on": "2026-03-01"},
    )
    page = client.get(f"/partners/{focal_point.organization_id}/").content.decode()
    history = page[page.index('id="panel-focal_point_history"') :]
    assert history.index("Entrant") < history.index("Sortant")


def test_a_failing_source_leaves_everything_as_it_was(
    client_as, coordinator, focal_point, alternate, open_work
):
    broken = OpenWork(key="broken", fail=True)
    turnover.register(turnover.TurnoverSource("broken", "Broken", broken.pending, broken.move, 999))
    try:
        with pytest.raises(RuntimeError):
            client_as(coordinator).post(
                f"/people/{focal_point.pk}/replace/confirm/",
                {"successor": alternate.pk, "on": "2026-12-01"},
            )
    finally:
        turnover.unregister("broken")
    focal_point.refresh_from_db()
    alternate.refresh_from_db()
    assert focal_point.end_date is None
    assert alternate.kind == PersonKind.ALTERNATE


def test_a_successor_from_another_organisation_is_refused(
    client_as, coordinator, focal_point, partner_b_org
):
    outsider = PersonFactory(organization=partner_b_org)
    response = client_as(coordinator).post(
        f"/people/{focal_point.pk}/replace/confirm/", {"successor": outsider.pk, "on": "2026-12-01"}
    )
    assert response.status_code == 200
    assert "successor" in response.context["form"].errors
    focal_point.refresh_from_db()
    assert focal_point.end_date is None


@pytest.mark.parametrize("on", ["2022-12-31", "31/31/2026", ""])
def test_a_bad_handover_date_gets_a_message(client_as, coordinator, focal_point, alternate, on):
    response = client_as(coordinator).post(
        f"/people/{focal_point.pk}/replace/", {"successor": alternate.pk, "on": on}
    )
    assert response.status_code == 200
    assert "on" in response.context["form"].errors
    assert not response.context.get("confirming")


def test_the_confirm_step_is_post_only(client_as, coordinator, focal_point):
    assert (
        client_as(coordinator).get(f"/people/{focal_point.pk}/replace/confirm/").status_code == 405
    )


def test_an_officer_replaces_focal_points_of_the_partners_they_follow(
    client_as, officer, focal_point, alternate
):
    focal_point.organization.followed_by = officer
    focal_point.organization.save()
    response = client_as(officer).post(
        f"/people/{focal_point.pk}/replace/confirm/",
        {"successor": alternate.pk, "on": "2026-12-01"},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=focal_point.pk).end_date == datetime.date(2026, 12, 1)


def confirm(client, person, **data):
    return client.post(f"/people/{person.pk}/replace/confirm/", {"on": "2026-12-01", **data})


def test_a_successor_new_to_the_directory_is_added_on_the_way(
    client_as, coordinator, focal_point, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(
            client_as(coordinator),
            focal_point,
            successor="",
            first_name="Nadia",
            last_name="Benjelloun",
            email="Nadia.B@example.org",
            open_account="on",
        )
    assert response.status_code == 302
    newcomer = Person.objects.get(last_name="Benjelloun")
    assert newcomer.organization_id == focal_point.organization_id
    assert newcomer.kind == focal_point.kind and newcomer.start_date == datetime.date(2026, 12, 1)
    assert newcomer.emails == ["nadia.b@example.org"]
    # And an account, whose owner is asked by email to choose a password.
    assert newcomer.user.email == "nadia.b@example.org"
    assert [email.to for email in mailoutbox] == [["nadia.b@example.org"]]


def test_a_successor_is_chosen_or_named(client_as, coordinator, focal_point):
    response = client_as(coordinator).post(
        f"/people/{focal_point.pk}/replace/", {"successor": "", "on": "2026-12-01"}
    )
    assert not response.context.get("confirming")
    assert response.context["form"].errors.keys() == {"first_name", "last_name"}
    focal_point.refresh_from_db()
    assert focal_point.end_date is None


def test_an_account_for_the_successor_needs_an_address(client_as, coordinator, focal_point):
    response = client_as(coordinator).post(
        f"/people/{focal_point.pk}/replace/",
        {
            "successor": "",
            "first_name": "A",
            "last_name": "B",
            "on": "2026-12-01",
            "open_account": "on",
        },
    )
    assert "open_account" in response.context["form"].errors


def test_the_predecessors_account_may_be_deactivated(
    client_as, coordinator, focal_point, alternate, partner_a
):
    focal_point.user = partner_a
    focal_point.save()
    confirm(client_as(coordinator), focal_point, successor=alternate.pk, deactivate_account="on")
    partner_a.refresh_from_db()
    assert not partner_a.is_active


def test_the_confirmation_warns_when_the_organisation_would_have_two_focal_points(
    client_as, coordinator, focal_point, alternate, partner_a_org
):
    PersonFactory(organization=partner_a_org, first_name="Autre", kind=PersonKind.FOCAL_POINT)
    response = client_as(coordinator).post(
        f"/people/{focal_point.pk}/replace/",
        {"successor": alternate.pk, "on": "2026-12-01"},
        headers={"accept-language": "en"},
    )
    assert response.context["confirming"]
    assert "has another focal point in post" in response.content.decode()


def test_replacing_someone_who_is_not_a_focal_point_warns_of_nothing(partner_a_org):
    from contacts.services import other_focal_points

    PersonFactory(organization=partner_a_org, kind=PersonKind.FOCAL_POINT)
    expert = PersonFactory(organization=partner_a_org, kind=PersonKind.EXPERT)
    assert other_focal_points(predecessor=expert, successor=None) == []
