import logging
import math
from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import LanguageForm, PasswordResetForm, TokenForm
from .middleware import two_factor_exempt
from .scoping import get_for_user_or_404
from .services import (
    account_create_for_person,
    two_factor_confirm,
    two_factor_enrolment_device,
    user_set_language,
)

security_log = logging.getLogger("mra_portal.security")


@login_not_required
@require_POST
def set_language(request):
    """Switch the language; a signed-in user's choice is kept on the profile."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        for error in form.errors["language"]:
            messages.error(request, error)
        return redirect(_next_url(request))
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=form.cleaned_data["language"])
    return django_set_language(request)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    email_template_name = "accounts/emails/password_reset.txt"
    html_email_template_name = "accounts/emails/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or "/"
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else "/"


@two_factor_exempt
def two_factor_setup(request):
    """Enrol an authenticator app: scan the QR code, type a code, keep the recovery codes."""
    user = request.user
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists() and not (
        user.is_verified()
    ):
        # Replacing an authenticator needs the current one first.
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
    device = two_factor_enrolment_device(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = two_factor_confirm(device=device)
            otp_login(request, device)
            request.session.cycle_key()
            return render(
                request,
                "accounts/two_factor_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        security_log.warning("second factor enrolment failed user=%s", user.get_username())
        form.add_error("token", _("This code is not valid. Check your phone's clock and retry."))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4)),  # noqa: S308 - segno's own SVG
            "secret": b32encode(device.bin_key).decode(),
            "next": _next_url(request),
        },
    )


@two_factor_exempt
def two_factor_verify(request):
    """The second step of a login for administrators and coordinators."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(_next_url(request))
        security_log.warning("second factor failed user=%s", request.user.get_username())
        if until := _throttled_until(request.user):
            wait = max(1, math.ceil((until - timezone.now()).total_seconds()))
            form.add_error(
                "token",
                ngettext(
                    "Too many wrong codes: wait %(seconds)d second, then type the code your "
                    "app shows.",
                    "Too many wrong codes: wait %(seconds)d seconds, then type the code your "
                    "app shows.",
                    wait,
                )
                % {"seconds": wait},
            )
        else:
            form.add_error("token", _("This code is not valid, or was already used."))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@require_POST
def account_for_person(request, pk: int):
    """The secretariat opens a portal account for a directory person, who chooses a password
    from the email that follows."""
    from contacts.models import Person

    person = get_for_user_or_404(Person.objects.all(), request.user, pk=pk)
    if not request.user.creates_accounts:
        raise PermissionDenied
    try:
        user = account_create_for_person(person=person)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s has an account; an email to %(email)s asks them to choose a password.")
            % {"name": person.name, "email": user.email},
        )
    return redirect(person)


def _throttled_until(user):
    """When the user's second factor takes a code again, while wrong codes hold it back
    (django-otp doubles the wait at each one); None when nothing holds it."""
    for device in devices_for_user(user):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            return details["locked_until"]
    return None
