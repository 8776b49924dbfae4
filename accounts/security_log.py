"""Logins, logouts and failed logins, to the `mra_portal.security` log.

Refused accesses are logged by Django itself (`django.request`: "Forbidden", "Not Found"),
lockouts by django-axes, and second-factor failures by the views.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("mra_portal.security")


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "?") if request is not None else "?"


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log.info("login user=%s from=%s", user.get_username(), _address(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    username = user.get_username() if user is not None else "?"
    log.info("logout user=%s from=%s", username, _address(request))


@receiver(user_login_failed)
def log_login_failure(sender, credentials, request=None, **kwargs):
    log.warning("failed login user=%s from=%s", credentials.get("username"), _address(request))
