import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's cookie and headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


def start_session_clock(sender, request, user, **kwargs):
    """At login, so the first page after it needs no session write (user_logged_in receiver)."""
    request.session["signed_in_at"] = request.session["seen_at"] = time.time()


class SessionExpiryMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT idle, and SESSION_COOKIE_AGE after login."""

    # Writing the session on every request would cost a query; a minute's precision is enough.
    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get("signed_in_at", now)
            seen = session.get("seen_at", now)
            if now - seen > settings.SESSION_IDLE_TIMEOUT or (
                now - started > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
                return redirect_to_login(request.get_full_path())
            if now - seen > self.TOUCH_EVERY:
                session["seen_at"] = now
        return self.get_response(request)


def two_factor_exempt(view):
    """For the pages an unverified administrator or coordinator must still reach."""
    view.two_factor_exempt = True
    return view


class TwoFactorMiddleware:
    """Administrators and coordinators pass a second factor before any private page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not user.needs_two_factor or user.is_verified():
            return None
        match = request.resolver_match
        if match.app_name == "admin":
            # Every admin page needs the second factor, its own login page included.
            if match.url_name == "logout":
                return None
        elif not getattr(view_func, "login_required", True):
            return None  # a public page
        if getattr(view_func, "two_factor_exempt", False):
            return None
        enrolled = TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()
        target = "accounts:two_factor_verify" if enrolled else "accounts:two_factor_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
