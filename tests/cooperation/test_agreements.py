"""An agreement's act-by date follows its terms, the "to act on" list shows those within 90
days, and their reminders wait in the outbox for the desk officer and the coordinators."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cooperation import services
from cooperation.models import Agreement, AgreementParty, CountryProfile
from cooperation.reminders import ACT_BY, ACT_BY_TODAY
from cooperation.terms import add_months
from reminders.models import Reminder, State
from reminders.services import reminders_dispatch, reminders_reconcile
from tests.factories import UserFactory

DAY = datetime.timedelta(days=1)


def agreement_acting_in(days: int, *, country: str = "ES", reference: str = "ACC-1", **terms):
    """An agreement in force, tacitly renewed each year with three months' notice, whose
    act-by date falls `days` from today."""
    today = timezone.localdate()
    ends = add_months(today + days * DAY, 3)
    agreement = services.agreement_save(
        agreement=Agreement(
            reference=reference,
            title_fr=f"Accord {reference}",
            kind="agreement",
            **{
                "mode": "bilateral",
                "status": "in_force",
                "signed_on": add_months(ends + DAY, -12),
                "duration_months": 12,
                "tacit_renewal": True,
                "notice_months": 3,
                **terms,
            },
        )
    )
    AgreementParty.objects.create(agreement=agreement, country=country)
    services.agreement_settle(agreement=agreement)
    return agreement


def owed(agreement, kind=None):
    rows = Reminder.objects.filter(target_id=agreement.pk).exclude(state=State.CANCELLED)
    return rows.filter(kind=kind) if kind else rows


@pytest.fixture
def desk(officer):
    CountryProfile.objects.create(
        country="ES", region="europe", grouping="north", desk_officer=officer
    )
    return officer


def test_the_act_by_date_is_the_last_day_of_notice(desk):
    agreement = agreement_acting_in(40)
    assert agreement.act_by == timezone.localdate() + 40 * DAY
    assert list(Agreement.objects.to_act_on()) == [agreement]


def test_agreements_beyond_90_days_or_not_binding_are_not_to_act_on(desk):
    agreement_acting_in(120, reference="FAR")
    agreement_acting_in(30, reference="DRAFT", status="negotiation")
    assert not Agreement.objects.to_act_on().exists()
    assert Agreement.objects.get(reference="DRAFT").act_by is None


def test_its_reminders_go_to_the_desk_officer_and_the_coordinators(desk, coordinator):
    agreement = agreement_acting_in(100)
    UserFactory(organization=coordinator.organization, role="coordinator", is_active=False)
    recipients = {row.recipient_id for row in owed(agreement)}
    assert recipients == {desk.pk, coordinator.pk}
    assert {row.lead_days for row in owed(agreement, ACT_BY)} == {90, 30}
    on_the_day = owed(agreement, ACT_BY_TODAY).first()
    assert timezone.localtime(on_the_day.due_at).date() == agreement.act_by


def test_the_reminder_says_the_last_day_in_the_recipients_language(desk):
    desk.language = "en"
    desk.save()
    agreement = agreement_acting_in(31)
    reminders_dispatch(now=timezone.now() + 2 * DAY)
    (message,) = [m for m in mail.outbox if desk.email in m.to]
    assert message.subject == "Agreement ACC-1: act within 30 days"
    assert f"{agreement.act_by:%Y}" in message.body and "ACC-1" in message.body


def test_a_lead_already_past_when_the_agreement_is_written_is_not_sent_late(desk):
    agreement = agreement_acting_in(10)
    assert not owed(agreement, ACT_BY).exists()
    assert owed(agreement, ACT_BY_TODAY).count() == 1


def test_terminating_an_agreement_cancels_its_reminders(desk, client_as, coordinator):
    agreement = agreement_acting_in(45)
    agreement.status = "terminated"
    services.agreement_save(agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.act_by is None
    assert not owed(agreement).exists()


def test_a_passed_act_by_date_moves_to_the_next_term_every_day(desk):
    agreement = agreement_acting_in(5)
    first = agreement.act_by
    moved = services.agreements_refresh_act_by(today=first + DAY)
    agreement.refresh_from_db()
    assert moved == 1
    assert agreement.act_by == add_months(first, 12)
    assert services.agreements_refresh_act_by(today=first + DAY) == 0


def test_the_hourly_reconcile_owes_the_same_reminders(desk):
    agreement = agreement_acting_in(60)
    before = sorted(owed(agreement).values_list("kind", "lead_days", "recipient_id"))
    Reminder.objects.filter(target_id=agreement.pk).delete()
    reminders_reconcile()
    assert sorted(owed(agreement).values_list("kind", "lead_days", "recipient_id")) == before


def test_the_admin_draws_the_act_by_date_from_the_terms(desk, client_as, administrator):
    agreement = agreement_acting_in(60)
    client = client_as(administrator)
    page = client.get(f"/admin/cooperation/agreement/{agreement.pk}/change/")
    assert page.status_code == 200
    data = {
        "reference": agreement.reference,
        "title_fr": "Accord modifié",
        "kind": "agreement",
        "mode": "bilateral",
        "status": "in_force",
        "signed_on": agreement.signed_on.isoformat(),
        "duration_months": "12",
        "tacit_renewal": "on",
        "notice_months": "1",
        "parties-TOTAL_FORMS": "0",
        "parties-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/cooperation/agreement/{agreement.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement.refresh_from_db()
    ends = add_months(timezone.localdate() + 60 * DAY, 3)
    assert agreement.act_by == add_months(ends, -1)
    assert {row.due_at.date() for row in owed(agreement, ACT_BY_TODAY)} == {agreement.act_by}


def test_the_to_act_on_page_lists_them_soonest_first(desk, client_as, coordinator):
    agreement_acting_in(70, reference="LATER")
    agreement_acting_in(20, reference="SOONER")
    agreement_acting_in(200, reference="FAR")
    page = client_as(coordinator).get("/agreements/to-act-on/").content.decode()
    assert page.index("SOONER") < page.index("LATER")
    assert "FAR" not in page
