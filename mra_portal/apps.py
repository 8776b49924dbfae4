"""The third-party apps, named and labelled in the portal's languages.

Some packages name no app (the admin showed "Otp_Totp") or write their labels as plain strings,
which no catalogue can translate (django-otp's "TOTP device", celery-beat's "Task Name"). These
configurations keep each app's label, so its tables and migrations, and give the app a name and
its models lazily translated labels once the app is ready; the translations are the portal's
(locale/). Every class says `default = False`: this module is also the portal app's own, and
Django must not pick one of these as its configuration.
"""

from axes import apps as axes_apps
from django.utils.translation import gettext_lazy as _
from django_celery_beat import apps as beat_apps
from django_otp.plugins.otp_static import apps as static_apps
from django_otp.plugins.otp_totp import apps as totp_apps


def relabel(model, name: str, name_plural: str, fields: dict) -> None:
    """Set a model's names, and its fields' (verbose name, help text) pairs (None: kept).

    Migrations are unaffected: they record the names and help texts given in the class body,
    and these lazy strings read the same with translation off, as makemigrations runs."""
    model._meta.verbose_name = name
    model._meta.verbose_name_plural = name_plural
    for field_name, (verbose_name, help_text) in fields.items():
        field = model._meta.get_field(field_name)
        if verbose_name is not None:
            field.verbose_name = verbose_name
        if help_text is not None:
            field.help_text = help_text


# The fields every django-otp device has (django_otp.models: Device, ThrottlingMixin and
# TimestampMixin), whose labels are their attribute names and whose help is plain English.
DEVICE_FIELDS = {
    "user": (_("user"), _("The user that this device belongs to.")),
    "name": (_("name"), _("The human-readable name of this device.")),
    "confirmed": (_("confirmed"), _("Is this device ready for use?")),
    "throttling_failure_timestamp": (
        _("last failed attempt"),
        _("A timestamp of the last failed verification attempt. Null if last attempt succeeded."),
    ),
    "throttling_failure_count": (
        _("failed attempts"),
        _("Number of successive failed attempts."),
    ),
    "created_at": (
        _("created at"),
        _("The date and time when this device was initially created in the system."),
    ),
    "last_used_at": (
        _("last used at"),
        _("The most recent date and time this device was used."),
    ),
}


class PeriodicTasksConfig(beat_apps.BeatConfig):
    """django-celery-beat, whose task field alone has an untranslatable label."""

    default = False

    def ready(self):
        super().ready()
        self.get_model("PeriodicTask")._meta.get_field("task").verbose_name = _("Task name")


class OtpTotpConfig(totp_apps.DefaultConfig):
    """django-otp's authenticator apps (TOTP): the codes that change every 30 seconds."""

    default = False
    verbose_name = _("Two-factor: authenticator apps")

    def ready(self):
        super().ready()
        relabel(
            self.get_model("TOTPDevice"),
            _("authenticator app"),
            _("authenticator apps"),
            {
                **DEVICE_FIELDS,
                "key": (_("secret key"), _("A hex-encoded secret key of up to 40 bytes.")),
                "step": (_("time step"), _("The time step in seconds.")),
                "t0": (_("start time"), _("The Unix time at which to begin counting steps.")),
                "digits": (_("digits"), _("The number of digits to expect in a token.")),
                "tolerance": (
                    _("tolerance"),
                    _("The number of time steps in the past or future to allow."),
                ),
                "drift": (
                    _("drift"),
                    _("The number of time steps the prover is known to deviate from our clock."),
                ),
                "last_t": (
                    _("last time step"),
                    _(
                        "The t value of the latest verified token. "
                        "The next token must be at a higher time step."
                    ),
                ),
            },
        )


class OtpStaticConfig(static_apps.DefaultConfig):
    """django-otp's backup codes: single-use codes for when the phone is lost."""

    default = False
    verbose_name = _("Two-factor: backup codes")

    def ready(self):
        super().ready()
        relabel(
            self.get_model("StaticDevice"),
            _("backup code set"),
            _("backup code sets"),
            DEVICE_FIELDS,
        )
        relabel(
            self.get_model("StaticToken"),
            _("backup code"),
            _("backup codes"),
            {"device": (_("backup code set"), None), "token": (_("code"), None)},
        )


class AxesConfig(axes_apps.AppConfig):
    """django-axes, which records sign-in attempts and locks out repeated failures."""

    default = False
    verbose_name = _("Sign-in attempts")
