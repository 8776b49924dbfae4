"""The shared cast of every test: the ministry's roles, partner A, partner B and a visitor."""

import pytest

from accounts.models import Role
from partners.models import Organization

from . import reporting
from .access import logged_in
from .factories import OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to the test's own directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ministry(db):
    return Organization.objects.get(is_ministry=True)


@pytest.fixture
def partner_a_org(db):
    return OrganizationFactory(name_fr="Ministère Partenaire A", acronym_fr="MPA")


@pytest.fixture
def partner_b_org(db):
    return OrganizationFactory(name_fr="Ministère Partenaire B", acronym_fr="MPB")


@pytest.fixture
def administrator(ministry):
    return UserFactory(username="administrator", organization=ministry, role=Role.ADMINISTRATOR)


@pytest.fixture
def coordinator(ministry):
    return UserFactory(username="coordinator", organization=ministry, role=Role.COORDINATOR)


@pytest.fixture
def officer(ministry):
    return UserFactory(username="officer", organization=ministry, role=Role.OFFICER)


@pytest.fixture
def viewer(ministry):
    return UserFactory(username="viewer", organization=ministry, role=Role.VIEWER)


@pytest.fixture
def partner_a(partner_a_org):
    return UserFactory(username="partner-a", organization=partner_a_org, role=Role.FOCAL_POINT)


@pytest.fixture
def partner_a_viewer(partner_a_org):
    return UserFactory(
        username="partner-a-viewer", organization=partner_a_org, role=Role.PARTNER_VIEWER
    )


@pytest.fixture
def partner_b(partner_b_org):
    return UserFactory(username="partner-b", organization=partner_b_org, role=Role.FOCAL_POINT)


@pytest.fixture
def client_as(db):
    """A logged-in browser, past any second factor: client_as(partner_a).get(url)."""
    return logged_in


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):  # a pytest-xdist worker
        session.config.workeroutput["totals"] = dict(reporting.TOTALS)


def pytest_testnodedown(node, error):
    reporting.TOTALS.update(node.workeroutput.get("totals", {}))


def pytest_terminal_summary(terminalreporter):
    totals = reporting.TOTALS
    if totals["access patterns"]:
        classes = ", ".join(
            f"{key} {totals['access ' + key]}" for key in ("2xx", "3xx", "4xx", "5xx")
        )
        terminalreporter.write_line(
            f"access matrix: {totals['access patterns']} URL patterns, "
            f"{totals['access requests']} requests ({classes}); "
            f"{totals['access cross-partner requests']} cross-partner requests, "
            f"{totals['access cross-partner 2xx']} of them 2xx"
        )
    if totals["browser total ms"]:
        terminalreporter.write_line(
            f"browser tests: {totals['browser total ms'] / 1000:.1f} s in all, of which "
            f"{totals['browser setup ms'] / 1000:.1f} s to migrate, seed, collect static files "
            "and start gunicorn"
        )
    if totals["reminder kills"]:
        terminalreporter.write_line(
            f"reminders: {totals['reminder kills']} worker killed mid-batch, "
            f"{totals['reminder duplicates']} message(s) sent twice, "
            f"{totals['reminder lost']} lost"
        )
