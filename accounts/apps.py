from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import security_log  # noqa: F401 - connects the login and logout log lines
        from .middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="start_session_clock")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The Django admin, on a site that also asks administrators for their second factor."""

    default = False
    default_site = "accounts.admin_site.PortalAdminSite"
