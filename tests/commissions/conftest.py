import pytest

from commissions.models import Commission, Membership


def commission_with(code: str, secretariat, *members):
    commission = Commission.objects.create(
        kind="inter_ministerial",
        code=code,
        name_fr=f"Commission {code}",
        name_ar=f"لجنة {code}",
        name_en=f"Commission {code}",
        secretariat=secretariat,
        quorum="0.5",
    )
    Membership.objects.create(commission=commission, organization=secretariat, role="secretariat")
    for organization in members:
        Membership.objects.create(commission=commission, organization=organization)
    return commission


@pytest.fixture
def cim(ministry, partner_a_org):
    """Partner A sits on it; partner B does not."""
    return commission_with("CIM", ministry, partner_a_org)


@pytest.fixture
def other_commission(ministry, partner_b_org):
    """Partner B sits on it; partner A does not."""
    return commission_with("CMB", ministry, partner_b_org)
