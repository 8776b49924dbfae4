"""Every URL pattern, tried by every role, on partner 1's and partner 2's objects, GET and POST.

Expected: a login redirect for anonymous and deactivated users, 404 (never 403) for another
partner's objects, no cross-partner 2xx, and no 5xx anywhere. A URL pattern without a rule
in access_rules.py fails the test: a new view cannot land without saying who may use it.
"""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from partners.models import Organization
from tests.access import logged_in
from tests.reporting import TOTALS

from .access_rules import Access, rule_for

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
PARTNER_ROLES = {"partner1": 1, "partner1_viewer": 1, "partner2": 2}
LOGIN = "/accounts/login/"
# Which of a partner's objects stands in for <int:pk>, by the route's first segment.
OBJECT_KINDS = {
    "partners": "organization",
    "people": "person",
    "commissions": "commission",
    "meetings": "meeting",
    "agenda-items": "agenda_item",
    "agenda-documents": "agenda_document",
    "invitations": "invitation",
    "decisions": "decision",
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


def expected(rule, role: str, method: str, target: int | None, users) -> set[int]:
    """The status codes this role may get; a redirect must also go to the right login page."""
    access = rule.access
    if access in (Access.PUBLIC, Access.ADMIN_PUBLIC):
        return set(range(200, 500))
    if role in ("anonymous", "deactivated"):
        return {302}
    if access is Access.ADMIN:
        return set(range(200, 500)) - {401} if role == "administrator" else {302}
    if rule.post_only and method == "GET":
        return {405}
    user = users[role]
    outsider = role in PARTNER_ROLES and target is not None and PARTNER_ROLES[role] != target
    if access is Access.SIGNED_IN:
        if rule.post_only:
            return {302}
        if method == "POST":
            return {200} if rule.form else {405}
        return {200}
    if access is Access.CREATE:
        return {200} if user.has_perm(rule.permission) else {403}
    if access is Access.READ:
        if method == "POST":
            return {405}
        return {404} if outsider else {200}
    if access is Access.HISTORY:
        if method == "POST":
            return {405}
        if outsider:
            return {404}
        return {200} if user.is_ministry else {403}
    if access is Access.EDIT:
        if outsider:
            return {404}
        if not user.edits_everything:
            return {403}
        return {302} if rule.action else {200}
    if access is Access.ANSWER:
        if outsider:
            return {404}
        answers = user.edits_everything or user.role == "focal_point"
        return {200} if answers else {403}
    raise AssertionError(access)


def login_pages(rule, role: str) -> tuple[str, ...]:
    """Where a refused visitor is sent: the admin sends signed-in non-administrators to its own."""
    if rule.access is not Access.ADMIN:
        return (LOGIN,)
    return (LOGIN, ADMIN_LOGIN) if role in ("anonymous", "deactivated") else (ADMIN_LOGIN,)


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
                if role in PARTNER_ROLES and target and PARTNER_ROLES[role] != target:
                    TOTALS["access cross-partner requests"] += 1
                    TOTALS["access cross-partner 2xx"] += 200 <= status < 300
                allowed = expected(rule, role, method, target, users)
                problem = status >= 500 or status not in allowed
                if status == 302 and allowed == {302} and not rule.post_only:
                    problem |= not response["Location"].startswith(login_pages(rule, role))
                if problem:
                    failures.append(f"{method} {url} as {role}: {status}, expected {allowed}")
    TOTALS["access patterns"] += 1
    assert failures == []
