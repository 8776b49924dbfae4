"""Each role holds exactly the model permissions written here, one line per model.

accounts/backends.py computes a role's permissions from ROLE_ACTIONS and ROLE_EXCLUDED; this
table says the same thing by hand, so one permission granted or withdrawn there fails a test
here, without the access matrix having to meet a view that checks it. A new model in a domain
app fails too, until its line is written.
"""

import pytest

from accounts.backends import role_permissions
from accounts.models import Role
from tests.factories import UserFactory

from .access_rules import CREATORS

ALL = "view add change delete"

# The actions each role holds on each model: coordinator, officer, viewer. Administrators hold
# every permission (they are superusers); focal points and partner viewers hold none, their
# reading is the for_user() scope, not a permission. An officer may not add or delete a partner.
# The *event models are the audit trail's (django-pghistory), one per tracked model: written
# by database triggers only, so every ministry role may read them and none may change them.
# fmt: off
GRANTS = {
    "partners.organization":                 (ALL, "view change",     "view"),
    "partners.organizationevent":            ("view", "view", "view"),
    "partners.sector":                       (ALL, "view add change", "view"),
    "partners.sectorevent":                  ("view", "view", "view"),
    "contacts.person":                       (ALL, "view add change", "view"),
    "contacts.personevent":                  ("view", "view", "view"),
    "contacts.ministrycontact":              (ALL, "view add change", "view"),
    "contacts.ministrycontactevent":         ("view", "view", "view"),
    "commissions.commission":                (ALL, "view add change", "view"),
    "commissions.commissionevent":           ("view", "view", "view"),
    "commissions.membership":                (ALL, "view add change", "view"),
    "commissions.membershipevent":           ("view", "view", "view"),
    "commissions.meeting":                   (ALL, "view add change", "view"),
    "commissions.meetingevent":              ("view", "view", "view"),
    "commissions.meetingdatechange":         (ALL, "view add change", "view"),
    "commissions.meetingdatechangeevent":    ("view", "view", "view"),
    "commissions.invitation":                (ALL, "view add change", "view"),
    "commissions.invitationevent":           ("view", "view", "view"),
    "commissions.agendaitem":                (ALL, "view add change", "view"),
    "commissions.agendaitemevent":           ("view", "view", "view"),
    "commissions.agendadocument":            (ALL, "view add change", "view"),
    "commissions.agendadocumentevent":       ("view", "view", "view"),
    "commissions.minutes":                   (ALL, "view add change", "view"),
    "commissions.minutesevent":              ("view", "view", "view"),
    "commissions.minutesversion":            (ALL, "view add change", "view"),
    "commissions.minutesversionevent":       ("view", "view", "view"),
    "commissions.writtenprocedure":          (ALL, "view add change", "view"),
    "commissions.writtenprocedureevent":     ("view", "view", "view"),
    "commissions.objection":                 (ALL, "view add change", "view"),
    "commissions.objectionevent":            ("view", "view", "view"),
    "commissions.decision":                  (ALL, "view add change", "view"),
    "commissions.decisionevent":             ("view", "view", "view"),
    "commissions.calendarfeed":              (ALL, "view add change", "view"),
    "commissions.calendarfeedevent":         ("view", "view", "view"),
    "actionplans.plan":                      (ALL, "view change",     "view"),
    "actionplans.planevent":                 ("view", "view", "view"),
    "actionplans.reportinground":            (ALL, "view change",     "view"),
    "actionplans.reportingroundevent":       ("view", "view", "view"),
    "actionplans.axis":                      (ALL, "view add change", "view"),
    "actionplans.axisevent":                 ("view", "view", "view"),
    "actionplans.action":                    (ALL, "view add change", "view"),
    "actionplans.actionevent":               ("view", "view", "view"),
    "actionplans.duedaterevision":           (ALL, "view add change", "view"),
    "actionplans.duedaterevisionevent":      ("view", "view", "view"),
    "actionplans.indicator":                 (ALL, "view add change", "view"),
    "actionplans.indicatorevent":            ("view", "view", "view"),
    "actionplans.progressreport":            (ALL, "view add change", "view"),
    "actionplans.progressreportevent":       ("view", "view", "view"),
    "actionplans.evidence":                  (ALL, "view add change", "view"),
    "actionplans.evidenceevent":             ("view", "view", "view"),
    "actionplans.indicatorvalue":            (ALL, "view add change", "view"),
    "actionplans.indicatorvalueevent":       ("view", "view", "view"),
    "cooperation.countryprofile":            (ALL, "view change",     "view"),
    "cooperation.countryprofileevent":       ("view", "view", "view"),
    "cooperation.framework":                 (ALL, "view change",     "view"),
    "cooperation.frameworkevent":            ("view", "view", "view"),
    "cooperation.frameworkrole":             (ALL, "view add change", "view"),
    "cooperation.frameworkroleevent":        ("view", "view", "view"),
    "cooperation.frameworkmeeting":          (ALL, "view add change", "view"),
    "cooperation.frameworkmeetingevent":     ("view", "view", "view"),
    "cooperation.agreement":                 (ALL, "view add change", "view"),
    "cooperation.agreementevent":            ("view", "view", "view"),
    "cooperation.agreementparty":            (ALL, "view add change", "view"),
    "cooperation.agreementpartyevent":       ("view", "view", "view"),
    "cooperation.programme":                 (ALL, "view add change", "view"),
    "cooperation.programmeevent":            ("view", "view", "view"),
    "cooperation.participation":             (ALL, "view add change", "view"),
    "cooperation.participationevent":        ("view", "view", "view"),
    "cooperation.recipientcountry":          (ALL, "view add change", "view"),
    "cooperation.recipientcountryevent":     ("view", "view", "view"),
    "cooperation.budget":                    (ALL, "view add change", "view"),
    "cooperation.budgetevent":               ("view", "view", "view"),
    "cooperation.activity":                  (ALL, "view add change", "view"),
    "cooperation.activityevent":             ("view", "view", "view"),
    "cooperation.result":                    (ALL, "view add change", "view"),
    "cooperation.resultevent":               ("view", "view", "view"),
    "cooperation.resultindicator":           (ALL, "view add change", "view"),
    "cooperation.resultindicatorevent":      ("view", "view", "view"),
    "cooperation.indicatorperiod":           (ALL, "view add change", "view"),
    "cooperation.indicatorperiodevent":      ("view", "view", "view"),
    "cooperation.programmedocument":         (ALL, "view add change", "view"),
    "cooperation.programmedocumentevent":    ("view", "view", "view"),
    "studies.study":                         (ALL, "view add change", "view"),
    "studies.studyevent":                    ("view", "view", "view"),
    "studies.studytransition":               (ALL, "view add change", "view"),
    "studies.studytransitionevent":          ("view", "view", "view"),
    "studies.milestone":                     (ALL, "view add change", "view"),
    "studies.milestoneevent":                ("view", "view", "view"),
    "studies.studydocument":                 (ALL, "view add change", "view"),
    "studies.studydocumentevent":            ("view", "view", "view"),
    "studies.finding":                       (ALL, "view add change", "view"),
    "studies.findingevent":                  ("view", "view", "view"),
    "studies.recommendation":                (ALL, "view add change", "view"),
    "studies.recommendationevent":           ("view", "view", "view"),
    "studies.expert":                        (ALL, "view add change", "view"),
    "studies.expertevent":                   ("view", "view", "view"),
    "studies.mobilisation":                  (ALL, "view add change", "view"),
    "studies.mobilisationevent":             ("view", "view", "view"),
}
# fmt: on
COLUMNS = (Role.COORDINATOR, Role.OFFICER, Role.VIEWER)


def written(role: str) -> set[str]:
    """The permissions the table gives a role: app.action_model."""
    if role not in COLUMNS:
        return set()
    column = COLUMNS.index(role)
    return {
        f"{model.split('.')[0]}.{action}_{model.split('.')[1]}"
        for model, actions in GRANTS.items()
        for action in actions[column].split()
    }


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_holds_exactly_the_permissions_written_for_it(role):
    granted, expected = set(role_permissions(role)), written(role)
    assert not granted - expected, f"{role} is granted, unwritten: {sorted(granted - expected)}"
    assert not expected - granted, f"{role} is not granted: {sorted(expected - granted)}"


def test_administrators_hold_every_permission_and_partners_none(ministry, partner_a_org):
    every = written(Role.COORDINATOR)
    administrator = UserFactory(organization=ministry, role=Role.ADMINISTRATOR)
    focal_point = UserFactory(organization=partner_a_org, role=Role.FOCAL_POINT)
    partner_viewer = UserFactory(organization=partner_a_org, role=Role.PARTNER_VIEWER)
    assert all(administrator.has_perm(permission) for permission in every)
    assert not any(focal_point.has_perm(permission) for permission in every)
    assert not any(partner_viewer.has_perm(permission) for permission in every)


def test_the_matrix_creators_are_the_roles_this_table_gives_the_permission():
    holders = {
        permission: {"administrator"}
        | {str(role) for role in COLUMNS if permission in written(role)}
        for permission in CREATORS
    }
    assert holders == {permission: set(roles) for permission, roles in CREATORS.items()}
