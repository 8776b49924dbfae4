import pytest

from tests.commissions.conftest import commission_with

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
