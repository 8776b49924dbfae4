"""Every URL pattern, tried by every role, on partner 1's and partner 2's objects, GET and POST.

Expected: a login redirect for anonymous and deactivated users, 404 (never 403) for another
partner's objects, no cross-partner 2xx, and no 5xx anywhere. What each role gets is read off the
tables written in access_rules.py, never off the implementation's own checks, and each public
route answers exactly its written status. A URL pattern without a rule in access_rules.py fails
the test: a new view cannot land without saying who may use it.
"""

from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from partners.models import Organization
from tests.access import logged_in
from tests.reporting import TOTALS

from .access_rules import (
    ALL_PARTNERS,
    OFFICER_FOLLOWS,
    PARTNERS,
    PUBLIC_ANSWERS,
    SEES,
    SIGNED_OUT,
    Access,
    allowed_on,
    may_use,
    rule_for,
)

ROLES = [
    "anonymous",
    "administrator",
    "coordinator",
    "officer",
    "viewer",
    "partner1",
    "partner1_viewer",
    "partner2",
    "deactivated",
]
LOGIN = "/accounts/login/"
# Which of a partner's objects stands in for <int:pk>, by the route's first segment.
OBJECT_KINDS = {
    "accounts": "person",  # accounts/for-person/<pk>/
    "partners": "organization",
    "people": "person",
    "commissions": "commission",
    "meetings": "meeting",
    "agenda-items": "agenda_item",
    "agenda-documents": "agenda_document",
    "invitations": "invitation",
    "decisions": "decision",
    "plans": "plan",
    "actions": "action",
    "reports": "report",
    "evidence": "evidence",
    "rounds": "round",
    "programmes": "programme",
    "programme-documents": "programme_document",
    "results": "result",
    "result-indicators": "result_indicator",
    "agreements": "agreement",
    "frameworks": "framework",
    "countries": "country",
    "studies": "study",
    "milestones": "milestone",
    "study-documents": "study_document",
    "recommendations": "recommendation",
    "experts": "expert",
}
ADMIN_LOGIN = "/admin/login/"


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


ROUTES = dict(walk(get_resolver().url_patterns))


def test_every_url_pattern_has_an_access_rule():
    unclassified = [route for route in ROUTES if rule_for(route) is None]
    assert unclassified == [], "add a rule to tests/security/access_rules.py"


def test_an_unclassified_url_would_fail_the_matrix():
    assert rule_for("partners/<int:pk>/secret-export/") is None
    assert rule_for("reports/") is None


def test_the_written_tables_name_every_role_the_matrix_tries():
    assert set(ROLES) == set(SIGNED_OUT) | set(SEES)
    assert set(PARTNERS) == {role for role, whose in SEES.items() if whose != ALL_PARTNERS}


def test_every_public_route_has_its_answers_written():
    public = {
        route
        for route in ROUTES
        if rule_for(route) and rule_for(route).access in (Access.PUBLIC, Access.ADMIN_PUBLIC)
    }
    assert public == set(PUBLIC_ANSWERS)


def test_the_officer_of_the_cast_follows_the_partner_the_tables_say(cast):
    users, objects = cast
    followed = {
        number
        for number in (1, 2)
        if Organization.objects.filter(
            pk=objects[number]["organization"].pk, followed_by=users["officer"]
        ).exists()
    }
    assert followed == {OFFICER_FOLLOWS}


def admin_object_id(route_name: str, objects) -> str:
    """The admin page's object: partner 2's where the model has one, else any row."""
    for kind in ("organization", "person"):
        if f"_{kind}_" in route_name:
            return str(objects[2][kind].pk)
    for model in apps.get_models():
        label = f"{model._meta.app_label}_{model._meta.model_name}_"
        if label in route_name and model.objects.exists():
            return str(model.objects.first().pk)
    return "1"


def url_for(route: str, pattern: URLPattern, target, objects, users) -> str:
    converters = pattern.pattern.converters if hasattr(pattern.pattern, "converters") else {}
    values = {}
    for name in (*converters, *pattern.pattern.regex.groupindex):
        if name == "pk" and route.startswith("admin/"):
            values[name] = admin_object_id(pattern.name or route, objects)
        elif name == "pk":
            values[name] = objects[target][OBJECT_KINDS[route.split("/")[0]]].pk
        elif name == "object_id":
            values[name] = admin_object_id(pattern.name or route, objects)
        elif name == "id":
            values[name] = users["partner2"].pk
        elif name == "content_type_id":
            values[name] = ContentType.objects.get_for_model(Organization).pk
        elif name == "app_label":
            values[name] = "partners"
        elif name == "uidb64":
            values[name] = "MQ"
        elif name == "token":
            values[name] = "set-password" if route.startswith("accounts/") else "unknown-token"
        elif name == "url":
            values[name] = "no-such-page/"
        else:
            raise AssertionError(f"no value for <{name}> in {route}")
    path = route
    for name, value in values.items():
        path = path.replace(f"<{name}>", str(value))
        for converter in ("int", "path", "str", "slug"):
            path = path.replace(f"<{converter}:{name}>", str(value))
    if "(?P<app_label>" in path:
        path = "admin/partners/"
    if "(?P<url>" in path:
        path = "admin/no-such-page/"
    return "/" + path


def expected(rule, route: str, role: str, method: str, target: int | None) -> set[int]:
    """The status codes this role may get, read off the written tables of access_rules.py and the
    rule's flags only: never off the implementation's own checks (has_perm, the user's role)."""
    access = rule.access
    if access in (Access.PUBLIC, Access.ADMIN_PUBLIC):
        assert route in PUBLIC_ANSWERS, f"write what {route} answers in PUBLIC_ANSWERS"
        return {PUBLIC_ANSWERS[route].to(role, method)[0]}
    if role in SIGNED_OUT:
        return {302}
    if access is Access.ADMIN:
        return set(range(200, 500)) - {401} if may_use(rule, role) else {302}
    if rule.post_only and method == "GET":
        return {405}
    if rule.safe_only and method == "POST":
        return {405}
    if access is Access.SIGNED_IN:
        if not may_use(rule, role):
            return {403}
        if rule.post_only:
            return {302}
        if method == "POST":
            return {200} if rule.form else {405}
        return {200}
    if access is Access.CREATE:
        return {200} if may_use(rule, role) else {403}
    assert target is not None, f"{route}: a rule on an object needs an <int:pk>"
    if method == "POST" and access in (Access.READ, Access.HISTORY):
        return {405}
    if target not in SEES[role]:
        return {404}
    if target not in allowed_on(rule, route).get(role, frozenset()):
        return {403}
    if access in (Access.EDIT, Access.REPORT) and (
        rule.action or (rule.confirmed and method == "POST")
    ):
        return {302}
    return {200}


def redirect_to(rule, route: str, role: str, method: str) -> tuple[str, ...]:
    """Where a redirect may go: a public route's written place, the right login page for a user
    not signed in (the admin sends signed-in non-administrators to its own), and anywhere after
    a signed-in user's POST-only action (back to the page it came from): ()."""
    if rule.access in (Access.PUBLIC, Access.ADMIN_PUBLIC):
        return (PUBLIC_ANSWERS[route].to(role, method)[1],)
    if role in SIGNED_OUT:
        return (LOGIN, ADMIN_LOGIN) if rule.access is Access.ADMIN else (LOGIN,)
    if rule.access is Access.ADMIN:
        return (ADMIN_LOGIN,)
    return ()


def wanted(allowed: set[int], places: tuple[str, ...], rule) -> str:
    """The expectation, said in a failure: which statuses, where to, from which written table."""
    statuses = " or ".join(map(str, sorted(allowed))) if len(allowed) < 4 else "200-499 but 401"
    if places and allowed <= {301, 302}:
        statuses += " to " + " or ".join(places)
    return f"expected {statuses} ({rule.access.name} in tests/security/access_rules.py)"


def posted(client: Client, url: str):
    """An empty POST whose effects are rolled back, so that each role meets the same objects."""
    with transaction.atomic():
        response = client.post(url, {})
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda route: route or "/")
def test_access_matrix(route, cast):
    users, objects = cast
    pattern = ROUTES[route]
    rule = rule_for(route)
    assert rule is not None, f"{route} has no access rule"
    targets = [1, 2] if "<int:pk>" in route and not route.startswith("admin/") else [None]
    failures = []
    for role in ROLES:
        client = Client() if role == "anonymous" else logged_in(users[role])
        for target in targets:
            url = url_for(route, pattern, target or 2, objects, users)
            for method in ("GET", "POST"):
                response = client.get(url) if method == "GET" else posted(client, url)
                status = response.status_code
                TOTALS["access requests"] += 1
                TOTALS[f"access {status // 100}xx"] += 1
                if role in PARTNERS and target and PARTNERS[role] != target:
                    TOTALS["access cross-partner requests"] += 1
                    TOTALS["access cross-partner 2xx"] += 200 <= status < 300
                allowed = expected(rule, route, role, method, target)
                problem = status >= 500 or status not in allowed
                places = redirect_to(rule, route, role, method)
                if status in (301, 302) and allowed == {status} and places:
                    location = urlsplit(response["Location"]).path
                    if location not in places:
                        problem, status = True, f"{status} to {location}"
                if problem:
                    whose = f" (partner {target}'s)" if target else ""
                    failures.append(
                        f"{method} {url}{whose} as {role}: {status}, "
                        + wanted(allowed, places, rule)
                    )
    TOTALS["access patterns"] += 1
    assert not failures, "\n".join(["", *failures])


# Django's own views (the admin, the login and password pages) keep their own methods.
OURS = sorted(route for route in ROUTES if not route.startswith(("admin/", "accounts/")))


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_no_page_takes_a_method_it_is_not_made_for(cast, method):
    """A form takes GET and POST, an action POST only, a page or a download GET only: every
    other method answers 405."""
    users, objects = cast
    client = logged_in(users["coordinator"])
    taken = {}
    for route in OURS:
        status = getattr(client, method)(url_for(route, ROUTES[route], 1, objects, users))
        if status.status_code != 405:
            taken[route] = status.status_code
    assert taken == {}
