"""`seed_demo --scale N` grows every app's share in bulk, the same way each time, once.

The sizes are shrunk here (the module constants that say how much each scale adds), so that
the test runs in seconds; `make bench` loads the real scale 10.
"""

import io

import pytest
from django.core.management import call_command

from actionplans import demo as actionplans_demo
from actionplans.models import Action, IndicatorValue, Plan, ProgressReport, ReportingRound
from commissions import demo as commissions_demo
from commissions.models import (
    Commission,
    Decision,
    Invitation,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
)
from contacts import demo as contacts_demo
from contacts.models import Person
from cooperation import demo as cooperation_demo
from cooperation.models import Agreement, CountryProfile, IndicatorPeriod, Programme
from partners import demo as partners_demo
from partners.models import Organization
from reminders.models import Reminder, State, Unsubscription
from studies import demo as studies_demo
from studies.models import Expert, Recommendation, Study, StudyDocument
from tests.access import assert_ok, logged_in

SCALE = 3


@pytest.fixture
def small_growth(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(partners_demo, "GROWTH_PER_SCALE", 2)
    monkeypatch.setattr(contacts_demo, "PEOPLE_PER_ORGANIZATION", 4)
    monkeypatch.setattr(commissions_demo, "COMMISSIONS_PER_SCALE", 1)
    monkeypatch.setattr(commissions_demo, "MEETINGS_PER_COMMISSION", 6)
    monkeypatch.setattr(actionplans_demo, "PLANS_PER_SCALE", 1)
    monkeypatch.setattr(actionplans_demo, "ACTIONS_PER_PLAN", 5)
    monkeypatch.setattr(cooperation_demo, "AGREEMENTS_PER_SCALE", 2)
    monkeypatch.setattr(cooperation_demo, "PROGRAMMES_PER_SCALE", 3)
    monkeypatch.setattr(cooperation_demo, "PROFILES_PER_SCALE", 10)
    monkeypatch.setattr(studies_demo, "STUDIES_PER_SCALE", 2)
    monkeypatch.setattr(studies_demo, "EXPERTS_PER_SCALE", 2)


def grow() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--scale", str(SCALE), stdout=out)
    return out.getvalue()


def test_each_scale_adds_its_share_of_every_app_and_says_so(small_growth):
    output = grow()
    grown = partners_demo.grown_organizations()
    assert grown.count() == 2 * SCALE
    assert Person.objects.filter(organization__in=grown).count() == 4 * 2 * SCALE
    assert Commission.objects.filter(code__startswith="GT").count() == SCALE
    meetings = Meeting.objects.filter(commission__code__startswith="GT")
    assert meetings.count() == 6 * SCALE
    assert Invitation.objects.filter(meeting__in=meetings).count() >= 6 * SCALE * 11
    over = meetings.exclude(status=MeetingStatus.CONVENED)
    assert Decision.objects.filter(meeting__in=over).count() == 4 * over.count()
    assert Minutes.objects.filter(meeting__in=over).count() == over.count()
    assert Reminder.objects.filter(state=State.SENT).exists()
    assert Unsubscription.objects.count() == len(range(0, 4 * 2 * SCALE, 50))
    grown_plans = Plan.objects.filter(code__startswith="GP-")
    assert grown_plans.count() == SCALE
    assert Action.objects.filter(plan__in=grown_plans).count() == 5 * SCALE
    assert ProgressReport.objects.filter(action__plan__in=grown_plans).exists()
    assert IndicatorValue.objects.filter(report__action__plan__in=grown_plans).exists()
    assert ReportingRound.objects.filter(name__startswith="R").count() == 4 * SCALE
    assert Agreement.objects.filter(reference__startswith="G-").count() == 2 * SCALE
    grown_programmes = Programme.objects.filter(code__startswith="G-")
    assert grown_programmes.count() == 3 * SCALE
    assert IndicatorPeriod.objects.filter(
        indicator__result__programme__in=grown_programmes
    ).count() == (2 * 3 * SCALE)
    assert CountryProfile.objects.count() == max(10 * SCALE, len(cooperation_demo.COUNTRIES))
    grown_studies = Study.objects.filter(reference__startswith=studies_demo.GROWN_REFERENCE)
    assert grown_studies.count() == 2 * SCALE
    assert Recommendation.objects.filter(study__in=grown_studies).count() == 6 * 2 * SCALE
    assert StudyDocument.objects.filter(study__in=grown_studies).count() == 3 * 2 * SCALE
    assert Expert.objects.filter(person__organization__in=grown).count() == 2 * SCALE
    assert "Scale 3 is in place" in output and "reminders.Reminder" in output


def test_growing_twice_adds_nothing(small_growth):
    grow()

    def snapshot():
        return (
            list(Meeting.objects.order_by("pk").values_list("starts_at", "status")),
            Membership.objects.count(),
            Person.objects.count(),
            Reminder.objects.count(),
            Action.objects.count(),
            ProgressReport.objects.count(),
            ReportingRound.objects.count(),
            Programme.objects.count(),
            Agreement.objects.count(),
            CountryProfile.objects.count(),
            Study.objects.count(),
            Recommendation.objects.count(),
            Expert.objects.count(),
        )

    first = snapshot()
    grow()
    assert snapshot() == first


def test_the_demo_partners_stay_those_of_scale_1(small_growth):
    grow()
    cim = Commission.objects.get(code="CIM")
    assert not cim.memberships.filter(organization__in=partners_demo.grown_organizations())
    assert Organization.objects.filter(acronym_fr="MI").exists()


def test_the_grown_pages_answer_as_the_demo_does(small_growth):
    grow()
    from accounts.models import User

    client = logged_in(User.objects.get(username="coordinator"))
    meeting = Meeting.objects.filter(commission__code__startswith="GT").first()
    plan = Plan.objects.filter(code__startswith="GP-").first()
    reporting_round = ReportingRound.objects.filter(name__startswith="R").first()
    for url in (
        "/meetings/",
        f"/meetings/{meeting.pk}/",
        f"/commissions/{meeting.commission_id}/",
        "/plans/",
        f"/plans/{plan.pk}/",
        f"/actions/{plan.actions.first().pk}/",
        "/actions/overdue/",
        f"/rounds/{reporting_round.pk}/",
        "/programmes/",
        f"/programmes/{Programme.objects.filter(code__startswith='G-').first().pk}/",
        "/programmes/iati.xml",
        "/agreements/to-act-on/",
        "/countries/",
        "/cooperation/",
        "/studies/",
        "/studies/?q=retraites",
        f"/studies/{Study.objects.filter(reference__startswith='G-ETU-').first().pk}/",
        "/recommendations/",
        "/experts/",
    ):
        assert_ok(client, url)
