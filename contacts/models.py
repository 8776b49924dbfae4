import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.i18n import localized

from .phones import PhoneNumberField


class MinistryContact(models.Model):
    """The ministry's public contact details, one row edited in the admin."""

    address_fr = models.CharField(_("address (French)"), max_length=255)
    address_ar = models.CharField(_("address (Arabic)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    switchboard_1 = PhoneNumberField(_("switchboard 1"))
    switchboard_2 = PhoneNumberField(_("switchboard 2"), blank=True)
    standing_service_phone = PhoneNumberField(_("standing service phone"), blank=True)
    standing_service_opens = models.TimeField(
        _("standing service opens"), default=datetime.time(16, 30)
    )
    standing_service_closes = models.TimeField(
        _("standing service closes"), default=datetime.time(18, 30)
    )
    standing_service_weekdays_only = models.BooleanField(
        _("standing service on weekdays only"),
        default=True,
        help_text=_("Monday to Friday; untick if the standing service also runs at weekends."),
    )
    fax = PhoneNumberField(_("fax"), blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("ministry contact details")
        verbose_name_plural = _("ministry contact details")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(standing_service_opens__lt=models.F("standing_service_closes")),
                name="ministrycontact_standing_service_opens_before_closing",
                violation_error_message=_("The standing service must open before it closes."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Ministry contact details"))

    @property
    def address(self) -> str:
        return localized(self, "address")

    def standing_service_is_open(self, at: datetime.datetime | None = None) -> bool:
        """Judged on the Casablanca clock, which moves around Ramadan."""
        local = timezone.localtime(at or timezone.now())
        if self.standing_service_weekdays_only and local.weekday() >= 5:
            return False
        return self.standing_service_opens <= local.time() < self.standing_service_closes
