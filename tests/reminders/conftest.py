import datetime

import pytest

from commissions.models import Membership
from tests.commissions.conftest import commission_with
from tests.factories import OrganizationFactory, PersonFactory

from .smtp_sink import SmtpSink


@pytest.fixture
def cim(ministry, partner_a_org, partner_b_org):
    return commission_with("CIM", ministry, partner_a_org, partner_b_org)


@pytest.fixture
def invitees(partner_a, partner_b, coordinator):
    """Who a CIM meeting reminds: both partners' focal points and the coordinator."""
    return [partner_a, partner_b, coordinator]


@pytest.fixture
def sink(settings):
    """Emails go over real SMTP to a local server that keeps them."""
    with SmtpSink() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield server


@pytest.fixture
def other_commission(ministry, partner_b_org):
    return commission_with("CMB", ministry, partner_b_org)


@pytest.fixture
def world(ministry, coordinator, partner_a, partner_a_org):
    """Four invited partners, reached four ways:

    - partner A, through its focal point's account;
    - B, through the representative and alternate of its seat (no accounts);
    - C, through its focal point in post, in the organisation's language (no account);
    - D, which has nobody with an address.
    """
    seated = OrganizationFactory(name_fr="Partenaire B", acronym_fr="PB")
    focal = OrganizationFactory(name_fr="Partenaire C", acronym_fr="PC", language="en")
    silent = OrganizationFactory(name_fr="Partenaire D", acronym_fr="PD")
    commission = commission_with("CT", ministry, partner_a_org, seated, focal, silent)
    people = {
        "representative": PersonFactory(organization=seated, language="ar"),
        "alternate": PersonFactory(organization=seated, kind="alternate"),
        "focal point": PersonFactory(organization=focal),
        "former": PersonFactory(organization=focal, end_date=datetime.date(2025, 1, 1)),
        "silent": PersonFactory(organization=silent, emails=[]),
    }
    Membership.objects.filter(commission=commission, organization=seated).update(
        representative=people["representative"], alternate=people["alternate"]
    )
    return commission, people
