from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_save

        from mra_portal.lib.fields import refuse_control_characters

        from . import security_log  # noqa: F401 - connects the login and logout log lines
        from .middleware import start_session_clock
        from .models import User
        from .signals import notice_access_changes

        # The portal's own apps (the folders at its root): names, titles, places typed there.
        portal = [
            app for app in apps.get_app_configs() if Path(app.path).parent == settings.BASE_DIR
        ]
        refuse_control_characters(model for app in portal for model in app.get_models())
        user_logged_in.connect(start_session_clock, dispatch_uid="start_session_clock")
        pre_save.connect(notice_access_changes, sender=User, dispatch_uid="access_changes")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The Django admin, on a site that also asks administrators for their second factor."""

    default = False
    default_site = "accounts.admin_site.PortalAdminSite"
