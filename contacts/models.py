import datetime

from django import forms
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.audit import tracked
from accounts.i18n import localized
from accounts.periods import DatedQuerySet
from accounts.scoping import ScopedQuerySet
from mra_portal.lib.constraints import no_shared_values
from mra_portal.lib.phones import PhoneNumberField
from mra_portal.lib.search import SearchableQuerySet, search_column
from partners.models import Organization
from reminders.registry import Addressee


@tracked()
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


class PersonKind(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    ALTERNATE = "alternate", _("Alternate")
    INTERNATIONAL_COUNTERPART = "international_counterpart", _("International counterpart")
    EXPERT = "expert", _("Expert")


# Who speaks for an organisation: its focal point, and the alternate standing in for them.
FOCAL_POINT_KINDS = (PersonKind.FOCAL_POINT, PersonKind.ALTERNATE)


class Title(models.TextChoices):
    MR = "mr", _("Mr")
    MRS = "mrs", _("Mrs")
    DR = "dr", _("Dr")
    PR = "pr", _("Prof.")


SPOKEN_LANGUAGES = [
    ("ar", _("Arabic")),
    ("ber", _("Amazigh")),
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("pt", _("Portuguese")),
]


class ChoiceArrayField(ArrayField):
    """A list of choices, edited as tick boxes rather than comma-separated text."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.base_field.choices,
            coerce=self.base_field.to_python,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class PersonQuerySet(SearchableQuerySet, DatedQuerySet, ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(organization_id=organization_id)

    def followed_by(self, user):
        return self.filter(organization__followed_by=user)

    def focal_points(self):
        return self.filter(kind__in=FOCAL_POINT_KINDS)


UNIQUE_EMAILS = "person_unique_emails"


@tracked(exclude=("search_text",))
class Person(models.Model):
    """Someone the ministry works with: a partner's focal point, a counterpart or an expert."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    title = models.CharField(
        pgettext_lazy("form of address", "title"), max_length=8, choices=Title.choices, blank=True
    )
    first_name = models.CharField(_("first name (Latin script)"), max_length=100)
    last_name = models.CharField(_("last name (Latin script)"), max_length=100)
    first_name_ar = models.CharField(_("first name (Arabic script)"), max_length=100, blank=True)
    last_name_ar = models.CharField(_("last name (Arabic script)"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=PersonKind.choices)
    emails = ArrayField(
        models.EmailField(),
        verbose_name=_("emails"),
        default=list,
        blank=True,
        help_text=_("Separate several addresses with commas."),
    )
    phones = ArrayField(
        PhoneNumberField(),
        verbose_name=_("phones"),
        default=list,
        blank=True,
        help_text=_("Separate several numbers with commas; Moroccan numbers need no +212."),
    )
    languages = ChoiceArrayField(
        models.CharField(max_length=3, choices=SPOKEN_LANGUAGES),
        verbose_name=_("spoken languages"),
        default=list,
        blank=True,
    )
    language = models.CharField(
        _("language of correspondence"),
        max_length=2,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Of the portal's emails; empty: the organisation's."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty while the person is in post.")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("portal account"),
    )
    search_text = search_column(
        "first_name", "last_name", "first_name_ar", "last_name_ar", "position"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="person_ends_after_it_starts",
                violation_error_message=_("The end date cannot come before the start date."),
            )
        ]
        # An address reaches one person: emails are stored in lower case by the services.
        triggers = [no_shared_values(UNIQUE_EMAILS, "{row}.emails")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("contacts:person", args=[self.pk])

    @property
    def name(self) -> str:
        """In the reader's script first: the Arabic name on Arabic pages, where one is stored."""
        if self.name_ar and (get_language() or "").startswith("ar"):
            return self.name_ar
        return self.name_latin

    @property
    def name_latin(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def other_name(self) -> str:
        """The name in the script `name` does not show, where both are stored: pages show it
        beside, so both spellings stay findable."""
        if not self.name_ar:
            return ""
        return self.name_latin if self.name == self.name_ar else self.name_ar

    @property
    def is_focal_point(self) -> bool:
        """As Person.objects.focal_points() counts them: the focal point and their alternate."""
        return self.kind in FOCAL_POINT_KINDS

    @property
    def name_ar(self) -> str:
        return f"{self.first_name_ar} {self.last_name_ar}".strip()

    @property
    def languages_display(self) -> str:
        names = dict(SPOKEN_LANGUAGES)
        return ", ".join(str(names.get(code, code)) for code in self.languages)

    @property
    def email(self) -> str:
        """The address the portal writes to: the first one given."""
        return self.emails[0] if self.emails else ""

    @property
    def correspondence_language(self) -> str:
        return self.language or self.organization.language or settings.LANGUAGE_CODE

    @property
    def correspondence_language_display(self) -> str:
        return str(dict(settings.LANGUAGES)[self.correspondence_language])

    def undelivered_email(self):
        """The newest email to one of their current addresses that was refused for good: the
        address needs correcting. None once it is corrected, or when everything went."""
        from reminders.models import Reminder

        if not self.emails:
            return None
        return Reminder.objects.undelivered_to(self).filter(address__in=self.emails).first()

    def reminders_stopped_at(self):
        """When they stopped the reminders before meetings from an email, or None."""
        from reminders.models import Unsubscription, person_ref

        stopped = Unsubscription.objects.filter(**person_ref(self))
        return stopped.values_list("created_at", flat=True).first()

    def addressee(self):
        """Whom a reminder for this person goes to: their account when they have an active one
        (one message, with the bell and their choices), else the person themselves."""
        if self.user_id and self.user.is_active:
            return self.user
        language = self.correspondence_language
        return Addressee(
            person=self,
            # Written to in Arabic, greeted by the Arabic name when one is stored.
            name=self.name_ar if language == "ar" and self.name_ar else self.name_latin,
            email=self.email,
            language=language,
        )

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        started = self.start_date is None or self.start_date <= today
        return started and (self.end_date is None or self.end_date > today)
