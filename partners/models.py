from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.audit import tracked
from accounts.i18n import localized, localized_expression
from accounts.models import FOLLOWS_PARTNERS
from accounts.scoping import ScopedQuerySet
from mra_portal.lib.constraints import lowered, no_shared_values
from mra_portal.lib.fields import WebsiteField
from mra_portal.lib.phones import PhoneNumberField
from mra_portal.lib.search import SearchableQuerySet, search_column


class OrganizationKind(models.TextChoices):
    MINISTERIAL_DEPARTMENT = "ministerial_department", _("Ministerial department")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    FOREIGN_GOVERNMENT = "foreign_government", _("Foreign government")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    CIVIL_SOCIETY = "civil_society", _("MRA association or civil society")
    RESEARCH_BODY = "research_body", _("Research or expertise body")
    PRIVATE_SECTOR = "private_sector", _("Private sector")


@tracked()
class Sector(models.Model):
    """A sector or theme of MRA and migration work; reference data kept in the admin."""

    name_fr = models.CharField(_("name (French)"), max_length=120, unique=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class OrganizationQuerySet(SearchableQuerySet, ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(pk=organization_id)

    def followed_by(self, user):
        return self.filter(followed_by=user)

    def partners(self):
        return self.filter(is_ministry=False)

    def active(self):
        return self.filter(is_active=True)

    def named(self, text: str):
        """What a filter's text names: an id (a link's ?organization=12), or words of a name."""
        text = text.strip()
        if text.isascii() and text.isdigit() and len(text) < 19:
            return self.filter(pk=int(text))
        return self.search(text)

    def by_name(self):
        """Alphabetical in the reader's language."""
        return self.alias(display_name=localized_expression("name")).order_by(
            Lower("display_name"), "pk"
        )


UNIQUE_NAMES = "organization_unique_names"
UNIQUE_ACRONYMS = "organization_unique_acronyms"


@tracked(exclude=("search_text",))
class Organization(models.Model):
    """The ministry, a partner department or institution, or a foreign or international body."""

    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=32, blank=True)
    acronym_ar = models.CharField(_("acronym (Arabic)"), max_length=32, blank=True)
    acronym_en = models.CharField(_("acronym (English)"), max_length=32, blank=True)
    is_ministry = models.BooleanField(
        _("is the ministry"),
        default=False,
        editable=False,
        help_text=_("The ministry in charge of MRA, which runs the portal."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
        help_text=_("For a directorate or department inside a ministry."),
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="organizations", verbose_name=_("sectors or themes")
    )
    country = CountryField(_("country"), default="MA")
    website = WebsiteField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("language of correspondence"),
        max_length=2,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "Of the portal's emails to its people, unless a person chooses another; empty: the "
            "portal's own language."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    internal_notes = models.TextField(
        _("internal notes"),
        blank=True,
        help_text=_("Seen by ministry users only, never by a partner, on any page or export."),
    )
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_organizations",
        limit_choices_to={"role__in": FOLLOWS_PARTNERS},
        verbose_name=_("followed by"),
        help_text=_("The ministry officer who follows this partner."),
    )
    search_text = search_column(
        "name_fr", "name_ar", "name_en", "acronym_fr", "acronym_ar", "acronym_en"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_fr"]
        constraints = [
            models.UniqueConstraint(
                Lower("name_fr"),
                name="organization_unique_name_fr",
                violation_error_message=_("An organisation with this French name already exists."),
            ),
            models.UniqueConstraint(
                fields=["is_ministry"],
                condition=models.Q(is_ministry=True),
                name="organization_single_ministry",
            ),
        ]
        # A name or acronym names one organisation, whichever language it was typed in.
        triggers = [
            no_shared_values(UNIQUE_NAMES, lowered("name_fr", "name_ar", "name_en")),
            no_shared_values(UNIQUE_ACRONYMS, lowered("acronym_fr", "acronym_ar", "acronym_en")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.pk])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def acronym(self) -> str:
        return localized(self, "acronym")
