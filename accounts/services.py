import secrets

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

RECOVERY_CODES = 10


def user_set_language(*, user: User, language: str) -> None:
    """Remember the chosen language on the profile, so it follows the user across browsers."""
    user.language = language
    user.save(update_fields=["language"])


def two_factor_enrolment_device(*, user: User) -> TOTPDevice:
    """The authenticator being enrolled: the same one until it is confirmed, so the QR holds."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def two_factor_confirm(*, device: TOTPDevice) -> list[str]:
    """Make the authenticator the user's only one, and issue fresh recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name="recovery codes")
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes
