from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.i18n import localized, localized_expression
from accounts.scoping import ScopedQuerySet


class OrganizationKind(models.TextChoices):
    MINISTERIAL_DEPARTMENT = "ministerial_department", _("Ministerial department")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    FOREIGN_GOVERNMENT = "foreign_government", _("Foreign government")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    CIVIL_SOCIETY = "civil_society", _("MRA association or civil society")
    RESEARCH_BODY = "research_body", _("Research or expertise body")
    PRIVATE_SECTOR = "private_sector", _("Private sector")


class OrganizationQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(pk=organization_id)

    def partners(self):
        return self.filter(is_ministry=False)

    def active(self):
        return self.filter(is_active=True)

    def by_name(self):
        """Alphabetical in the reader's language."""
        return self.alias(display_name=localized_expression("name")).order_by(
            Lower("display_name"), "pk"
        )


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
    is_active = models.BooleanField(_("active"), default=True)
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
