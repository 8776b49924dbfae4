"""Who may use each URL pattern, written down. A pattern missing here fails the access matrix.

Each entry of RULES matches one route exactly (the admin site, whose pages all follow one rule,
is matched by its prefix). When you add a URL, add its rule here, in the same commit.

The tables after RULES say, for each kind of rule, which role of the cast
(tests/security/conftest.py) may use it and on whose objects. They are written by hand, on
purpose: the matrix never asks the implementation (has_perm, the user's role properties) what a
role should get, so a wrong grant in accounts/backends.py fails it instead of passing it.
"""

import re
from dataclasses import dataclass
from enum import Enum


class Access(Enum):
    PUBLIC = "anyone, signed in or not"
    SIGNED_IN = "any active user"
    CREATE = "active users holding the rule's permission"
    READ = "the ministry, and the partner the object belongs to"
    ANSWER = "coordinators, and the focal point of the invited organisation"
    REPORT = "coordinators, and the focal point of an organisation that owns the action"
    EDIT = "coordinators, and officers following the object's partner"
    HISTORY = "ministry users, on objects they can see"
    ADMIN = "administrators, in the Django admin"
    ADMIN_PUBLIC = "anyone: the admin's own login and logout"


@dataclass(frozen=True)
class Rule:
    access: Access
    permission: str = ""
    post_only: bool = False
    form: bool = False  # a POST is a form submission: an empty one answers with its errors
    action: bool = False  # a POST-only action: it redirects back with a message, done or refused
    confirmed: bool = False  # a GET asks for confirmation (200); the POST acts and redirects
    safe_only: bool = False  # a download: a POST answers 405 to whoever may use it


RULES: list[tuple[str, Rule]] = [
    (r"", Rule(Access.SIGNED_IN)),
    (r"healthz", Rule(Access.PUBLIC)),
    (r"favicon.ico", Rule(Access.PUBLIC)),
    (r"accounts/login/", Rule(Access.PUBLIC)),
    (r"accounts/logout/", Rule(Access.SIGNED_IN, post_only=True)),
    (r"accounts/two-factor/setup/", Rule(Access.SIGNED_IN, form=True)),
    (r"accounts/two-factor/verify/", Rule(Access.SIGNED_IN, form=True)),
    (r"accounts/language/", Rule(Access.PUBLIC, post_only=True)),
    (r"accounts/for-person/<int:pk>/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"accounts/password/", Rule(Access.SIGNED_IN, form=True)),
    (r"accounts/password/done/", Rule(Access.SIGNED_IN)),
    (r"accounts/password/reset/", Rule(Access.PUBLIC)),
    (r"accounts/password/reset/sent/", Rule(Access.PUBLIC)),
    (r"accounts/password/reset/<uidb64>/<token>/", Rule(Access.PUBLIC)),
    (r"accounts/password/reset/complete/", Rule(Access.PUBLIC)),
    (r"partners/", Rule(Access.SIGNED_IN)),
    (r"partners/export.csv", Rule(Access.SIGNED_IN)),
    (r"partners/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"partners/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"partners/new/", Rule(Access.CREATE, "partners.add_organization")),
    (r"partners/suggest/", Rule(Access.SIGNED_IN)),
    (r"partners/<int:pk>/", Rule(Access.READ)),
    (r"partners/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"partners/<int:pk>/history/", Rule(Access.HISTORY)),
    (r"contact/", Rule(Access.PUBLIC)),
    (r"people/", Rule(Access.SIGNED_IN)),
    (r"people/export.csv", Rule(Access.SIGNED_IN)),
    (r"people/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"people/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"people/new/", Rule(Access.CREATE, "contacts.add_person")),
    (r"people/<int:pk>/", Rule(Access.READ)),
    (r"people/<int:pk>/vcard.vcf", Rule(Access.READ)),
    (r"people/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"people/<int:pk>/history/", Rule(Access.HISTORY)),
    (r"people/<int:pk>/replace/", Rule(Access.EDIT)),
    (r"people/<int:pk>/replace/confirm/", Rule(Access.EDIT, post_only=True)),
    (r"commissions/", Rule(Access.SIGNED_IN)),
    (r"commissions/<int:pk>/", Rule(Access.READ)),
    (r"commissions/<int:pk>/decisions/", Rule(Access.READ)),
    (r"commissions/<int:pk>/decisions/export.csv", Rule(Access.READ)),
    (r"commissions/<int:pk>/decisions/export-excel.csv", Rule(Access.READ)),
    (r"commissions/<int:pk>/meetings/new/", Rule(Access.EDIT)),
    (r"commissions/<int:pk>/meetings/record/", Rule(Access.EDIT)),
    (r"meetings/", Rule(Access.SIGNED_IN)),
    (r"meetings/calendar/", Rule(Access.SIGNED_IN)),
    (r"meetings/subscription/", Rule(Access.SIGNED_IN, form=True)),
    (r"meetings/subscription/<str:token>.ics", Rule(Access.PUBLIC)),
    # An invitation email's personal link: the signed token stands in for the login.
    (r"answer/<str:token>/", Rule(Access.PUBLIC)),
    (r"meetings/<int:pk>/", Rule(Access.READ)),
    (r"meetings/<int:pk>/meeting.ics", Rule(Access.READ)),
    (r"meetings/<int:pk>/convocation/", Rule(Access.READ)),
    (r"meetings/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/postpone/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/convene/", Rule(Access.EDIT, confirmed=True)),
    (r"meetings/<int:pk>/cancel/", Rule(Access.EDIT, confirmed=True)),
    (r"meetings/<int:pk>/held/", Rule(Access.EDIT, confirmed=True)),
    (r"meetings/<int:pk>/agenda/new/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/attendance/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/delivery/", Rule(Access.HISTORY)),
    (r"meetings/<int:pk>/decisions/new/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/minutes/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/minutes/approve/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"meetings/<int:pk>/minutes/circulate/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"meetings/<int:pk>/minutes/sign/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"meetings/<int:pk>/minutes/review/", Rule(Access.ANSWER)),
    (r"meetings/<int:pk>/minutes/print/", Rule(Access.READ)),
    (r"meetings/<int:pk>/minutes/file/", Rule(Access.READ)),
    (r"meetings/<int:pk>/presenters/", Rule(Access.EDIT, safe_only=True)),
    (r"agenda-items/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"agenda-items/<int:pk>/move/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"agenda-items/<int:pk>/delete/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"agenda-documents/<int:pk>/", Rule(Access.READ)),
    (r"invitations/<int:pk>/answer/", Rule(Access.ANSWER)),
    (r"decisions/<int:pk>/status/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"plans/", Rule(Access.SIGNED_IN)),
    (r"plans/export.csv", Rule(Access.SIGNED_IN)),
    (r"plans/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"plans/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"plans/new/", Rule(Access.CREATE, "actionplans.add_plan")),
    (r"plans/<int:pk>/", Rule(Access.READ)),
    (r"plans/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"plans/<int:pk>/advance/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"plans/<int:pk>/history/", Rule(Access.HISTORY)),
    (r"plans/<int:pk>/document/", Rule(Access.READ)),
    (r"plans/<int:pk>/axes/new/", Rule(Access.EDIT)),
    (r"plans/<int:pk>/import/", Rule(Access.EDIT)),
    (r"plans/<int:pk>/import/template.xlsx", Rule(Access.EDIT, safe_only=True)),
    (r"plans/<int:pk>/import/confirm/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"plans/<int:pk>/actions/new/", Rule(Access.EDIT)),
    (r"actions/", Rule(Access.SIGNED_IN)),
    (r"actions/mine/", Rule(Access.SIGNED_IN)),
    (r"actions/overdue/", Rule(Access.SIGNED_IN)),
    (r"actions/export.csv", Rule(Access.SIGNED_IN)),
    (r"actions/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"actions/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"actions/mine/export.csv", Rule(Access.SIGNED_IN)),
    (r"actions/mine/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"actions/mine/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"actions/overdue/export.csv", Rule(Access.SIGNED_IN)),
    (r"actions/overdue/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"actions/overdue/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"actions/<int:pk>/", Rule(Access.READ)),
    (r"actions/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"actions/<int:pk>/due-date/", Rule(Access.EDIT)),
    (r"actions/<int:pk>/status/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"actions/<int:pk>/history/", Rule(Access.HISTORY)),
    (r"actions/<int:pk>/indicators/new/", Rule(Access.EDIT)),
    (r"actions/<int:pk>/report/", Rule(Access.REPORT)),
    (r"reports/<int:pk>/validate/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"reports/<int:pk>/return/", Rule(Access.EDIT)),
    (r"evidence/<int:pk>/", Rule(Access.READ)),
    (r"rounds/", Rule(Access.SIGNED_IN)),
    (r"rounds/new/", Rule(Access.CREATE, "actionplans.add_reportinground")),
    (r"rounds/<int:pk>/", Rule(Access.READ)),
    (r"rounds/<int:pk>/remind/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"rounds/<int:pk>/offline/", Rule(Access.REPORT)),
    (r"rounds/<int:pk>/offline/template.xlsx", Rule(Access.REPORT, safe_only=True)),
    (r"rounds/<int:pk>/offline/confirm/", Rule(Access.REPORT, post_only=True, action=True)),
    (r"decisions/<int:pk>/actions/new/", Rule(Access.EDIT)),
    (r"programmes/", Rule(Access.SIGNED_IN)),
    (r"programmes/export.csv", Rule(Access.SIGNED_IN)),
    (r"programmes/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"programmes/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"programmes/iati.xml", Rule(Access.SIGNED_IN)),
    (r"programmes/new/", Rule(Access.CREATE, "cooperation.add_programme")),
    (r"programmes/<int:pk>/", Rule(Access.READ)),
    (r"programmes/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"programmes/<int:pk>/history/", Rule(Access.HISTORY)),
    (r"programmes/<int:pk>/activities/new/", Rule(Access.EDIT)),
    (r"programmes/<int:pk>/results/new/", Rule(Access.EDIT)),
    (r"programmes/<int:pk>/documents/new/", Rule(Access.EDIT)),
    (r"results/<int:pk>/indicators/new/", Rule(Access.EDIT)),
    (r"result-indicators/<int:pk>/periods/new/", Rule(Access.EDIT)),
    (r"programme-documents/<int:pk>/", Rule(Access.READ)),
    (r"agreements/", Rule(Access.SIGNED_IN)),
    (r"agreements/export.csv", Rule(Access.SIGNED_IN)),
    (r"agreements/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"agreements/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"agreements/to-act-on/", Rule(Access.SIGNED_IN)),
    (r"agreements/to-act-on/export.csv", Rule(Access.SIGNED_IN)),
    (r"agreements/to-act-on/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"agreements/to-act-on/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"agreements/new/", Rule(Access.CREATE, "cooperation.add_agreement")),
    (r"agreements/<int:pk>/", Rule(Access.READ)),
    (r"agreements/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"agreements/<int:pk>/history/", Rule(Access.HISTORY)),
    (r"agreements/<int:pk>/document/", Rule(Access.READ)),
    (r"frameworks/", Rule(Access.SIGNED_IN)),
    (r"frameworks/new/", Rule(Access.CREATE, "cooperation.add_framework")),
    (r"frameworks/<int:pk>/", Rule(Access.READ)),
    (r"frameworks/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"countries/", Rule(Access.SIGNED_IN)),
    (r"countries/new/", Rule(Access.CREATE, "cooperation.add_countryprofile")),
    (r"countries/<int:pk>/", Rule(Access.READ)),
    (r"countries/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"cooperation/", Rule(Access.SIGNED_IN)),
    (r"studies/", Rule(Access.SIGNED_IN)),
    (r"studies/export.csv", Rule(Access.SIGNED_IN)),
    (r"studies/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"studies/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"studies/new/", Rule(Access.CREATE, "studies.add_study")),
    (r"studies/<int:pk>/", Rule(Access.READ)),
    (r"studies/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"studies/<int:pk>/history/", Rule(Access.HISTORY)),
    (r"studies/<int:pk>/advance/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"studies/<int:pk>/milestones/new/", Rule(Access.EDIT)),
    (r"studies/<int:pk>/documents/new/", Rule(Access.EDIT)),
    (r"studies/<int:pk>/findings/new/", Rule(Access.EDIT)),
    (r"studies/<int:pk>/recommendations/new/", Rule(Access.EDIT)),
    (r"milestones/<int:pk>/done/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"study-documents/<int:pk>/", Rule(Access.READ)),
    (r"recommendations/", Rule(Access.SIGNED_IN)),
    (r"recommendations/export.csv", Rule(Access.SIGNED_IN)),
    (r"recommendations/export-excel.csv", Rule(Access.SIGNED_IN)),
    (r"recommendations/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"recommendations/<int:pk>/", Rule(Access.READ)),
    (r"recommendations/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"recommendations/<int:pk>/take-up/", Rule(Access.EDIT)),
    (r"recommendations/<int:pk>/reject/", Rule(Access.EDIT)),
    (r"experts/", Rule(Access.SIGNED_IN)),
    (r"experts/new/", Rule(Access.CREATE, "studies.add_expert")),
    (r"experts/<int:pk>/", Rule(Access.READ)),
    (r"experts/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"experts/<int:pk>/cv/", Rule(Access.READ)),
    (r"experts/<int:pk>/mobilisations/new/", Rule(Access.EDIT)),
    (r"notifications/", Rule(Access.SIGNED_IN)),
    (r"notifications/count/", Rule(Access.SIGNED_IN)),
    (r"notifications/read/", Rule(Access.SIGNED_IN, post_only=True)),
    (r"notifications/preferences/", Rule(Access.SIGNED_IN, form=True)),
    (r"notifications/stop/<str:token>/", Rule(Access.PUBLIC)),
    (r"admin/login/", Rule(Access.ADMIN_PUBLIC)),
    (r"admin/logout/", Rule(Access.ADMIN_PUBLIC)),
    (r"admin/.*", Rule(Access.ADMIN)),
]


def rule_for(route: str) -> Rule | None:
    for pattern, rule in RULES:
        if re.fullmatch(pattern if pattern.endswith(".*") else re.escape(pattern), route):
            return rule
    return None


# The cast ------------------------------------------------------------------------------------
# Users not signed in: a visitor, and a user whose account was deactivated.
SIGNED_OUT = ("anonymous", "deactivated")
MINISTRY = ("administrator", "coordinator", "officer", "viewer")
PARTNERS = {"partner1": 1, "partner1_viewer": 1, "partner2": 2}  # role → the partner it belongs to
# The cast makes the officer follow partner 1's organisation (and so its people), not partner 2's.
OFFICER_FOLLOWS = 1

# Whose objects: the cast's partners by number; their objects stand in for <int:pk>.
ALL_PARTNERS = frozenset({1, 2})
PARTNER_1 = frozenset({1})
PARTNER_2 = frozenset({2})

# Whose objects each role sees. An object a role does not see answers 404, like a missing one.
SEES = {
    "administrator": ALL_PARTNERS,
    "coordinator": ALL_PARTNERS,
    "officer": ALL_PARTNERS,
    "viewer": ALL_PARTNERS,
    "partner1": PARTNER_1,
    "partner1_viewer": PARTNER_1,
    "partner2": PARTNER_2,
}

# Rules on no object: who may use them. The others answer 403 (the admin sends to its login).
SIGNED_IN_USERS = frozenset(SEES)
ADMINISTRATORS = frozenset({"administrator"})
# Access.CREATE, by the rule's permission: who holds it. Officers may not add a partner.
CREATORS = {
    "partners.add_organization": frozenset({"administrator", "coordinator"}),
    "actionplans.add_plan": frozenset({"administrator", "coordinator"}),
    "actionplans.add_reportinground": frozenset({"administrator", "coordinator"}),
    "contacts.add_person": frozenset({"administrator", "coordinator", "officer"}),
    # An officer adds the agreements and programmes of the countries they are the desk of;
    # frameworks and country profiles are the secretariat's reference data.
    "cooperation.add_programme": frozenset({"administrator", "coordinator", "officer"}),
    "cooperation.add_agreement": frozenset({"administrator", "coordinator", "officer"}),
    "cooperation.add_framework": frozenset({"administrator", "coordinator"}),
    "cooperation.add_countryprofile": frozenset({"administrator", "coordinator"}),
    # An officer commissions studies and adds experts; they then edit the studies they are in
    # charge of, and the experts of the partners they follow.
    "studies.add_study": frozenset({"administrator", "coordinator", "officer"}),
    "studies.add_expert": frozenset({"administrator", "coordinator", "officer"}),
}

# Rules on an object: whose objects each role may use them on; a role left out, nobody's.
# An object the role sees but may not use answers 403.
READERS = SEES
HISTORY_READERS = dict.fromkeys(MINISTRY, ALL_PARTNERS)  # partners: not even their own
# Access.ANSWER, on an invitation: a coordinator for anyone, a focal point for its own
# organisation. Officers follow no invitation; partner viewers answer nothing.
ANSWERERS = {
    "administrator": ALL_PARTNERS,
    "coordinator": ALL_PARTNERS,
    "partner1": PARTNER_1,
    "partner2": PARTNER_2,
}
# Access.REPORT, on an action: a coordinator on anyone's behalf, a focal point for the actions
# its organisation leads or co-owns. Officers validate reports; they do not write them.
REPORTERS = ANSWERERS
# Access.EDIT, by the kind of object (the route's first segment): coordinators edit everything,
# an officer what they follow. An officer follows a partner's organisation and people; nobody
# follows a commission's records, so the secretariat's pages are the coordinators' alone.
COORDINATORS = {"administrator": ALL_PARTNERS, "coordinator": ALL_PARTNERS}
FOLLOWED = frozenset({OFFICER_FOLLOWS})
EDITORS = {
    # Opening a portal account for a directory person: who may grant access is the secretariat.
    "accounts": COORDINATORS,
    "partners": {**COORDINATORS, "officer": FOLLOWED},
    "people": {**COORDINATORS, "officer": FOLLOWED},
    "commissions": COORDINATORS,
    "meetings": COORDINATORS,
    "agenda-items": COORDINATORS,
    "decisions": COORDINATORS,
    # An officer edits the plans, actions and reports of the partners they follow.
    "plans": {**COORDINATORS, "officer": FOLLOWED},
    "actions": {**COORDINATORS, "officer": FOLLOWED},
    "reports": {**COORDINATORS, "officer": FOLLOWED},
    # Reporting rounds span partners: reminding the late ones is the secretariat's.
    "rounds": COORDINATORS,
    # A country's desk officer edits its profile, agreements and programmes (the cast makes
    # the officer partner 1's country desk); frameworks span countries.
    "countries": {**COORDINATORS, "officer": FOLLOWED},
    "agreements": {**COORDINATORS, "officer": FOLLOWED},
    "programmes": {**COORDINATORS, "officer": FOLLOWED},
    "results": {**COORDINATORS, "officer": FOLLOWED},
    "result-indicators": {**COORDINATORS, "officer": FOLLOWED},
    "frameworks": COORDINATORS,
    # The officer in charge of a study edits it, its milestones and its recommendations (the
    # cast puts the officer in charge of partner 1's study); experts follow their organisation.
    "studies": {**COORDINATORS, "officer": FOLLOWED},
    "milestones": {**COORDINATORS, "officer": FOLLOWED},
    "recommendations": {**COORDINATORS, "officer": FOLLOWED},
    "experts": {**COORDINATORS, "officer": FOLLOWED},
}


def allowed_on(rule: Rule, route: str) -> dict[str, frozenset[int]]:
    """Whose objects each role may use an object rule on, from the tables above."""
    if rule.access is Access.READ:
        return READERS
    if rule.access is Access.HISTORY:
        return HISTORY_READERS
    if rule.access is Access.ANSWER:
        return ANSWERERS
    if rule.access is Access.REPORT:
        return REPORTERS
    if rule.access is Access.EDIT:
        kind = route.split("/")[0]
        assert kind in EDITORS, f"write who edits {kind} in EDITORS (access_rules.py)"
        return EDITORS[kind]
    raise AssertionError(f"{rule.access} is not a rule on an object")


def may_use(rule: Rule, role: str) -> bool:
    """Whether a signed-in role may use a rule on no object, from the tables above."""
    if rule.access is Access.SIGNED_IN:
        return role in SIGNED_IN_USERS
    if rule.access is Access.ADMIN:
        return role in ADMINISTRATORS
    if rule.access is Access.CREATE:
        assert rule.permission in CREATORS, (
            f"write who holds {rule.permission} in CREATORS (access_rules.py)"
        )
        return role in CREATORS[rule.permission]
    raise AssertionError(f"{rule.access} is a rule on an object")


# Public routes: exactly what each answers -------------------------------------------------------
@dataclass(frozen=True)
class Answers:
    """A public route's answers to (GET, an empty POST): a status, or "302 /path" for a redirect
    and where it goes. `signed_in` replaces them for a signed-in user, `administrator` for an
    administrator; None keeps the line above."""

    signed_out: tuple[int | str, int | str]
    signed_in: tuple[int | str, int | str] | None = None
    administrator: tuple[int | str, int | str] | None = None

    def to(self, role: str, method: str) -> tuple[int, str]:
        answers = self.signed_out
        if role not in SIGNED_OUT:
            answers = self.signed_in or answers
        if role == "administrator":
            answers = self.administrator or answers
        status, _, location = str(answers[0 if method == "GET" else 1]).partition(" ")
        return int(status), location


PUBLIC_ANSWERS = {
    "healthz": Answers((200, 405)),
    "favicon.ico": Answers(("301 /static/img/favicon.svg", 405)),
    # A signed-in user has nothing to do on the login page: back to the dashboard.
    "accounts/login/": Answers((200, 200), signed_in=("302 /", "302 /")),
    # POST only; without a `next`, back to the home page.
    "accounts/language/": Answers((405, "302 /")),
    # An empty POST shows the form's errors; the pages that follow take no POST.
    "accounts/password/reset/": Answers((200, 200)),
    "accounts/password/reset/sent/": Answers((200, 405)),
    # A link with an unknown user and token: the page says the link is not valid.
    "accounts/password/reset/<uidb64>/<token>/": Answers((200, 200)),
    "accounts/password/reset/complete/": Answers((200, 405)),
    "contact/": Answers((200, 405)),
    # The token stands in for the login: an unknown one is a missing page.
    "meetings/subscription/<str:token>.ics": Answers((404, 405)),
    # A token that is not a signed link opens nothing, whoever asks: the clear refusal page.
    "answer/<str:token>/": Answers((404, 404)),
    # The same for an email's stop link: an unknown token stops nothing.
    "notifications/stop/<str:token>/": Answers((404, 404)),
    # The admin's own login shows a signed-in non-administrator that they may not go further.
    "admin/login/": Answers((200, 200), administrator=("302 /admin/", 200)),
    # Logging out is a POST, by an administrator; the admin sends anyone else away first.
    "admin/logout/": Answers(
        ("302 /admin/login/", "302 /admin/login/"),
        signed_in=("302 /admin/", "302 /admin/"),
        administrator=(405, "302 /accounts/login/"),
    ),
}
