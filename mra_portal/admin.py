"""The third-party apps' admin pages, with the labels their packages leave untranslatable.

django-otp names its fieldsets and its QR code column in plain English, django-celery-beat and
django-axes show a method without a description (their names then head the columns). Each class
here is the package's own, re-registered with those labels translated. This module is
discovered after the packages' admin modules: the portal's app comes last in INSTALLED_APPS.
"""

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from django_otp.plugins.otp_static import admin as static_admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice

# django-otp's fieldset names.
OTP_FIELDSETS = {
    "Identity": _("Identity"),
    "Timestamps": _("Timestamps"),
    "Configuration": _("Configuration"),
    "State": _("State"),
    "Throttling": _("Throttling"),
}
# django-otp builds this from the user model's fields, in English, when it is imported.
OTP_SEARCH_HELP = _("Search by the user's username or email address.")


def reregister(model, model_admin) -> None:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)


class OtpFieldsetsMixin:
    search_help_text = OTP_SEARCH_HELP

    def get_fieldsets(self, request, obj=None):
        return [
            (OTP_FIELDSETS.get(name, name), options)
            for name, options in super().get_fieldsets(request, obj)
        ]


class TOTPDeviceAdmin(OtpFieldsetsMixin, totp_admin.TOTPDeviceAdmin):
    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', href, _("Show the QR code"))


class StaticDeviceAdmin(OtpFieldsetsMixin, static_admin.StaticDeviceAdmin):
    pass


class PeriodicTaskAdmin(beat_admin.PeriodicTaskAdmin):
    @admin.display(description=_("Crontab schedule in words"))
    def crontab_translation(self, obj):
        return super().crontab_translation(obj)

    @admin.display(description=_("Schedule"))
    def scheduler(self, obj):
        return obj.scheduler


class CrontabScheduleAdmin(beat_admin.CrontabScheduleAdmin):
    @admin.display(description=_("In words"))
    def human_readable(self, obj):
        return obj.human_readable


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.display(description=_("Status"))
    def status(self, obj):
        return super().status(obj)


reregister(TOTPDevice, TOTPDeviceAdmin)
reregister(StaticDevice, StaticDeviceAdmin)
reregister(PeriodicTask, PeriodicTaskAdmin)
reregister(CrontabSchedule, CrontabScheduleAdmin)
reregister(AccessAttempt, AccessAttemptAdmin)
