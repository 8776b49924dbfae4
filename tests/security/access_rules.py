"""Who may use each URL pattern. A pattern missing here fails the access matrix.

Each entry matches one route exactly (the admin site, whose pages all follow one rule, is
matched by its prefix). When you add a URL, add its rule here, in the same commit.
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


RULES: list[tuple[str, Rule]] = [
    (r"", Rule(Access.SIGNED_IN)),
    (r"healthz", Rule(Access.PUBLIC)),
    (r"favicon.ico", Rule(Access.PUBLIC)),
    (r"accounts/login/", Rule(Access.PUBLIC)),
    (r"accounts/logout/", Rule(Access.SIGNED_IN, post_only=True)),
    (r"accounts/two-factor/setup/", Rule(Access.SIGNED_IN, form=True)),
    (r"accounts/two-factor/verify/", Rule(Access.SIGNED_IN, form=True)),
    (r"accounts/language/", Rule(Access.PUBLIC, post_only=True)),
    (r"accounts/password/", Rule(Access.SIGNED_IN, form=True)),
    (r"accounts/password/done/", Rule(Access.SIGNED_IN)),
    (r"accounts/password/reset/", Rule(Access.PUBLIC)),
    (r"accounts/password/reset/sent/", Rule(Access.PUBLIC)),
    (r"accounts/password/reset/<uidb64>/<token>/", Rule(Access.PUBLIC)),
    (r"accounts/password/reset/complete/", Rule(Access.PUBLIC)),
    (r"partners/", Rule(Access.SIGNED_IN)),
    (r"partners/export.csv", Rule(Access.SIGNED_IN)),
    (r"partners/export.xlsx", Rule(Access.SIGNED_IN)),
    (r"partners/new/", Rule(Access.CREATE, "partners.add_organization")),
    (r"partners/<int:pk>/", Rule(Access.READ)),
    (r"partners/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"partners/<int:pk>/history/", Rule(Access.HISTORY)),
    (r"contact/", Rule(Access.PUBLIC)),
    (r"people/", Rule(Access.SIGNED_IN)),
    (r"people/export.csv", Rule(Access.SIGNED_IN)),
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
    (r"commissions/<int:pk>/meetings/new/", Rule(Access.EDIT)),
    (r"meetings/", Rule(Access.SIGNED_IN)),
    (r"meetings/calendar/", Rule(Access.SIGNED_IN)),
    (r"meetings/subscription/", Rule(Access.SIGNED_IN, form=True)),
    (r"meetings/subscription/<str:token>.ics", Rule(Access.PUBLIC)),
    (r"meetings/<int:pk>/", Rule(Access.READ)),
    (r"meetings/<int:pk>/meeting.ics", Rule(Access.READ)),
    (r"meetings/<int:pk>/convocation/", Rule(Access.READ)),
    (r"meetings/<int:pk>/edit/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/postpone/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/convene/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"meetings/<int:pk>/cancel/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"meetings/<int:pk>/held/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"meetings/<int:pk>/agenda/new/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/attendance/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/decisions/new/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/minutes/", Rule(Access.EDIT)),
    (r"meetings/<int:pk>/minutes/approve/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"meetings/<int:pk>/minutes/print/", Rule(Access.READ)),
    (r"meetings/<int:pk>/minutes/file/", Rule(Access.READ)),
    (r"agenda-items/<int:pk>/move/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"agenda-items/<int:pk>/delete/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"agenda-documents/<int:pk>/", Rule(Access.READ)),
    (r"invitations/<int:pk>/answer/", Rule(Access.ANSWER)),
    (r"decisions/<int:pk>/status/", Rule(Access.EDIT, post_only=True, action=True)),
    (r"notifications/", Rule(Access.SIGNED_IN)),
    (r"notifications/count/", Rule(Access.SIGNED_IN)),
    (r"notifications/read/", Rule(Access.SIGNED_IN, post_only=True)),
    (r"notifications/preferences/", Rule(Access.SIGNED_IN, form=True)),
    (r"admin/login/", Rule(Access.ADMIN_PUBLIC)),
    (r"admin/logout/", Rule(Access.ADMIN_PUBLIC)),
    (r"admin/.*", Rule(Access.ADMIN)),
]


def rule_for(route: str) -> Rule | None:
    for pattern, rule in RULES:
        if re.fullmatch(pattern if pattern.endswith(".*") else re.escape(pattern), route):
            return rule
    return None
