"""The third-party apps' admin pages, with the labels their packages leave untranslatable.

django-otp names its fieldsets and its QR code column in plain English, django-celery-beat and
django-axes show a method without a description (their names then head the columns). Each class
here is the package's own, re-registered with those labels translated. This module is
discovered after the packages' admin modules: the portal's app comes last in INSTALLED_APPS.
"""

import re

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
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
RUN_MESSAGE = re.compile(r"^(?P<count>\d+) tasks? (?:was|were) successfully run$")
MISSING_TASK = re.compile(r'^task "(?P<name>.*)" not found$')
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


def crontab_in_words(crontab: CrontabSchedule) -> str:
    """A crontab as people say it, in the reader's language. cron-descriptor, which
    celery-beat asks, has no Arabic: the usual shapes are said here, any other is shown as
    its five fields."""
    minute, hour = crontab.minute, crontab.hour
    daily = (crontab.day_of_month, crontab.month_of_year, crontab.day_of_week) == ("*",) * 3
    if daily and minute == "*" and hour == "*":
        words = _("Every minute")
    elif daily and minute.startswith("*/") and minute[2:].isdigit() and hour == "*":
        count = int(minute[2:])
        words = ngettext("Every %(count)s minute", "Every %(count)s minutes", count) % {
            "count": count
        }
    elif daily and minute.isdigit() and hour == "*":
        words = _("Every hour, at minute %(minute)s") % {"minute": int(minute)}
    elif daily and minute.isdigit() and hour.isdigit():
        words = _("Every day at %(time)s") % {"time": f"{int(hour):02d}:{int(minute):02d}"}
    else:
        fields = (minute, hour, crontab.day_of_month, crontab.month_of_year, crontab.day_of_week)
        words = " ".join(fields)
    return f"{words} ({crontab.timezone})"


class PeriodicTaskAdmin(beat_admin.PeriodicTaskAdmin):
    @admin.display(description=_("Crontab schedule in words"))
    def crontab_translation(self, obj):
        return crontab_in_words(obj.crontab) if obj.crontab_id else ""

    def render_change_form(self, request, context, *args, **kwargs):
        if "readable_crontabs" in context:
            context["readable_crontabs"] = {
                crontab.pk: crontab_in_words(crontab) for crontab in CrontabSchedule.objects.all()
            }
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.action(description=_("Run selected tasks"))
    def run_tasks(self, request, queryset):
        """celery-beat builds its two messages before translating them: they are built in
        English here, then said again in the reader's language (message_user)."""
        with translation.override("en"):
            return super().run_tasks(request, queryset)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        text = str(message)
        with translation.override(request.LANGUAGE_CODE):
            if run := RUN_MESSAGE.match(text):
                count = int(run["count"])
                message = ngettext(
                    "%(count)s task was run.", "%(count)s tasks were run.", count
                ) % {"count": count}
            elif missing := MISSING_TASK.match(text):
                message = _("The task %(name)s does not exist.") % {"name": missing["name"]}
        super().message_user(request, message, level, *args, **kwargs)

    @admin.display(description=_("Schedule"))
    def scheduler(self, obj):
        return obj.scheduler


class CrontabScheduleAdmin(beat_admin.CrontabScheduleAdmin):
    @admin.display(description=_("In words"))
    def human_readable(self, obj):
        return crontab_in_words(obj)


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.display(description=_("Status"))
    def status(self, obj):
        return super().status(obj)


reregister(TOTPDevice, TOTPDeviceAdmin)
reregister(StaticDevice, StaticDeviceAdmin)
reregister(PeriodicTask, PeriodicTaskAdmin)
reregister(CrontabSchedule, CrontabScheduleAdmin)
reregister(AccessAttempt, AccessAttemptAdmin)
