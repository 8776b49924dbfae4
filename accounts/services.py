import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role, User

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


@transaction.atomic
def account_create_for_person(*, person) -> User:
    """A portal account for a directory person (contacts.Person), linked to it: their
    organisation, the role their place allows (a partner's focal point, or a viewer), and no
    password until they choose one from the email sent once this commits."""
    person = (
        type(person).objects.select_for_update().select_related("organization").get(pk=person.pk)
    )
    if person.user_id:
        raise ValidationError(_("%(name)s already has a portal account.") % {"name": person.name})
    if not person.email:
        raise ValidationError(
            _("%(name)s has no email address: add one before creating an account.")
            % {"name": person.name}
        )
    if User.objects.filter(email__iexact=person.email).exists():
        raise ValidationError(
            _("An account already uses %(email)s: link it in the admin instead.")
            % {"email": person.email}
        )
    if person.organization.is_ministry:
        role = Role.VIEWER
    else:
        role = Role.FOCAL_POINT if person.is_focal_point else Role.PARTNER_VIEWER
    user = User(
        username=person.email.lower()[:150],
        email=person.email,
        first_name=person.first_name[:150],
        last_name=person.last_name[:150],
        organization=person.organization,
        role=role,
        language=person.language or person.organization.language,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    transaction.on_commit(lambda: account_welcome_email(user=user))
    return user


def account_welcome_email(*, user: User) -> None:
    """The link that sets a new account's password: Django's reset token, so that it works
    once, and no longer than PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "accounts:password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    context = {
        "user": user,
        "url": settings.PORTAL_BASE_URL.rstrip("/") + path,
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    with translation.override(user.language or translation.get_language()):
        email = EmailMultiAlternatives(
            subject=_("Your account on the MRA Partnership Portal"),
            body=render_to_string("accounts/emails/account_created.txt", context),
            to=[user.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
        email.attach_alternative(
            render_to_string("accounts/emails/account_created.html", context), "text/html"
        )
    email.send()
