"""International cooperation: country profiles, multilateral frameworks, agreements and
programmes.

A partner sees the agreements and programmes its organisation is a party to, in any role, and
the frameworks and country profiles those lead to; the panels of a country profile show only
what the reader sees. Budgets keep their currency: totals are per currency, never summed across.
"""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Cast, ExtractYear, JSONObject
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import Country, CountryField

from accounts.audit import tracked
from accounts.i18n import localized, localized_expression
from accounts.scoping import ScopedQuerySet
from accounts.uploads import DocumentField
from commissions.models import Commission
from mra_portal.lib.currencies import CURRENCIES
from mra_portal.lib.search import SearchableQuerySet, search_column
from partners.models import Organization

from .terms import Terms

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
YEAR = [MinValueValidator(1950), MaxValueValidator(2100)]
MONTHS = [MinValueValidator(1), MaxValueValidator(600)]
AMOUNT = [MinValueValidator(Decimal(0))]


class Region(models.TextChoices):
    EUROPE = "europe", _("Europe")
    ARAB_WORLD = "arab_world", _("Arab world")
    AFRICA = "africa", _("Sub-Saharan Africa")
    AMERICAS = "americas", _("Americas")
    ASIA_PACIFIC = "asia_pacific", _("Asia and Pacific")


class Grouping(models.TextChoices):
    NORTH = "north", _("North")
    SOUTH = "south", _("South")


class Objective(models.TextChoices):
    """What cooperation is for: the seed's three objectives first, then the portal's themes."""

    LIVING_CONDITIONS = "living_conditions", _("Living conditions of MRA")
    RIGHTS = "rights", _("Defence of the rights of MRA")
    DEVELOPMENT = "development", _("Participation in the development of Morocco")
    IDENTITY = "identity", _("Cultural identity and education")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    INVESTMENT = "investment", _("Investment and entrepreneurship")
    RETURN = "return", _("Return and reintegration")


# The IATI sector each objective is exported as (DAC 5-digit codes, vocabulary 1).
OBJECTIVE_SECTORS = {
    Objective.LIVING_CONDITIONS: "16010",  # social protection and welfare services
    Objective.RIGHTS: "15160",  # human rights
    Objective.DEVELOPMENT: "15190",  # facilitation of orderly, safe, regular migration
    Objective.IDENTITY: "11110",  # education policy and administrative management
    Objective.SOCIAL_PROTECTION: "16010",
    Objective.INVESTMENT: "25030",  # business development services
    Objective.RETURN: "15190",
}


def objective_labels(values) -> list[str]:
    return [str(Objective(value).label) for value in values]


def objectives_field(verbose_name):
    return ArrayField(
        models.CharField(max_length=24, choices=Objective.choices),
        verbose_name=verbose_name,
        default=list,
        blank=True,
    )


# Country profiles ----------------------------------------------------------------------------


class CountryProfileQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """The countries of its agreements, programmes and joint commissions."""
        countries = (
            AgreementParty.objects.filter(
                agreement__in=Agreement.objects.for_organization(organization_id)
            )
            .exclude(country="")
            .values("country")
        )
        recipients = RecipientCountry.objects.filter(
            programme__in=Programme.objects.for_organization(organization_id)
        ).values("country")
        joint = (
            Commission.objects.for_organization(organization_id)
            .exclude(country="")
            .values("country")
        )
        return self.filter(
            Q(country__in=countries) | Q(country__in=recipients) | Q(country__in=joint)
        )

    def followed_by(self, user):
        """A desk officer follows their countries."""
        return self.filter(desk_officer=user)


@tracked()
class CountryProfile(models.Model):
    country = CountryField(_("country"), unique=True)
    region = models.CharField(_("region"), max_length=16, choices=Region.choices)
    grouping = models.CharField(_("North or South"), max_length=8, choices=Grouping.choices)
    mra_population = models.PositiveIntegerField(
        _("MRA population (host-country estimate)"), null=True, blank=True
    )
    mra_population_source = models.CharField(
        _("source of the estimate"), max_length=255, blank=True
    )
    mra_population_year = models.PositiveSmallIntegerField(
        _("year of the estimate"), null=True, blank=True, validators=YEAR
    )
    desk_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="country_desks",
        limit_choices_to={"organization__is_ministry": True},
        verbose_name=_("desk officer (ministry)"),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = CountryProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("country profile")
        verbose_name_plural = _("country profiles")
        ordering = ["country"]

    def __str__(self) -> str:
        return str(self.country.name)

    def get_absolute_url(self) -> str:
        return reverse("cooperation:country", args=[self.pk])


# Multilateral frameworks ----------------------------------------------------------------------


class FrameworkKind(models.TextChoices):
    ORGANISATION = "organisation", _("International organisation")
    REGIONAL = "regional", _("Regional organisation")
    PROCESS = "process", _("Intergovernmental process")
    FORUM = "forum", _("Forum or global compact")


@dataclass(frozen=True)
class RoleHeld:
    """Morocco's role in a framework, with its years."""

    label: str
    since: int | None
    until: int | None


class FrameworkQuerySet(SearchableQuerySet, ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """The frameworks of its programmes, and those it is the secretariat of."""
        programmes = Programme.objects.for_organization(organization_id)
        return self.filter(
            Q(secretariat_id=organization_id) | Q(pk__in=programmes.values("framework"))
        )

    def with_roles(self):
        """Morocco's roles, in the frameworks' own query (shown through framework.roles_held)."""
        roles = (
            FrameworkRole.objects.filter(framework=OuterRef("pk"))
            .order_by("-started_on", "pk")
            .values(
                json=JSONObject(
                    role="role", since=ExtractYear("started_on"), until=ExtractYear("ended_on")
                )
            )
        )
        return self.annotate(role_rows=ArraySubquery(roles))


@tracked(exclude=("search_text",))
class Framework(models.Model):
    """An international body or process, permanent or ad hoc, Morocco takes part in."""

    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=FrameworkKind.choices)
    permanent = models.BooleanField(
        _("permanent"), default=True, help_text=_("Untick for an ad hoc body or process.")
    )
    secretariat = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_of_frameworks",
        verbose_name=_("secretariat"),
    )
    description = models.TextField(_("description"), blank=True)
    search_text = search_column("acronym", "name_fr", "name_ar", "name_en")

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("multilateral framework")
        verbose_name_plural = _("multilateral frameworks")
        ordering = ["acronym", "name_fr"]

    def __str__(self) -> str:
        return f"{self.acronym} · {self.name}" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperation:framework", args=[self.pk])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @cached_property
    def roles_held(self) -> list[RoleHeld]:
        """On a row read through FrameworkQuerySet.with_roles()."""
        return [
            RoleHeld(MoroccoRole(row["role"]).label, row["since"], row["until"])
            for row in self.role_rows
        ]


class MoroccoRole(models.TextChoices):
    MEMBER = "member", _("Member")
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    OBSERVER = "observer", _("Observer")
    HOST = "host", _("Host")


class ThroughFrameworkQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(framework__in=Framework.objects.for_organization(organization_id))


@tracked()
class FrameworkRole(models.Model):
    """Morocco's role in a framework, over a period (a chairmanship has its years)."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="roles", verbose_name=_("framework")
    )
    role = models.CharField(_("Morocco's role"), max_length=16, choices=MoroccoRole.choices)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = ThroughFrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("Morocco's role")
        verbose_name_plural = _("Morocco's roles")
        ordering = ["framework", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="framework_role_in_order",
                violation_error_message=_("The role cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.get_role_display()

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.started_on is None or self.started_on <= today) and (
            self.ended_on is None or self.ended_on >= today
        )


@tracked()
class FrameworkMeeting(models.Model):
    """A session, summit or round of a framework."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("framework")
    )
    name = models.CharField(_("name"), max_length=255)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)

    objects = ThroughFrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("framework meeting")
        verbose_name_plural = _("framework meetings")
        ordering = ["framework", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="framework_meeting_in_order",
                violation_error_message=_("The meeting cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name


# Agreements -----------------------------------------------------------------------------------


class AgreementKind(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    AGREEMENT = "agreement", _("Agreement")
    MOU = "mou", _("Memorandum of understanding")
    PROTOCOL = "protocol", _("Protocol")
    JOINT_DECLARATION = "joint_declaration", _("Joint declaration")
    EXCHANGE_OF_LETTERS = "exchange_of_letters", _("Exchange of letters")


class Mode(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral")
    MULTILATERAL = "multilateral", _("Multilateral")


class AgreementStatus(models.TextChoices):
    NEGOTIATION = "negotiation", _("In negotiation")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


# An agreement that binds, so that its act-by date matters.
BINDING = (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE)
# The "to act on" list looks this far ahead.
ACT_ON_WITHIN = datetime.timedelta(days=90)


class AgreementQuerySet(SearchableQuerySet, ScopedQuerySet):
    def for_organization(self, organization_id: int):
        parties = AgreementParty.objects.filter(organization_id=organization_id)
        return self.filter(pk__in=parties.values("agreement"))

    def of_country(self, code: str):
        return self.filter(
            Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), country=code))
        )

    def followed_by(self, user):
        """A desk officer follows the agreements with their countries."""
        desks = CountryProfile.objects.followed_by(user).values("country")
        return self.filter(
            Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), country__in=desks))
        )

    def binding(self):
        return self.filter(status__in=BINDING)

    def to_act_on(self, today: datetime.date | None = None):
        """Binding agreements whose act-by date falls within the next 90 days."""
        today = today or timezone.localdate()
        return self.binding().filter(act_by__gte=today, act_by__lte=today + ACT_ON_WITHIN)

    def listed(self):
        return self.select_related("amends")

    def linked_to_programme(self):
        """These agreements of the outer programme (reference, title, pk), in its own query."""
        linked = self.filter(programmes=OuterRef("pk")).order_by("reference")
        return ArraySubquery(
            linked.values(
                json=JSONObject(pk="pk", reference="reference", title=localized_expression("title"))
            )
        )


@tracked(exclude=("search_text",))
class Agreement(models.Model):
    reference = models.CharField(
        _("reference"), max_length=32, unique=True, help_text=_("e.g. ACC-ES-2019-02.")
    )
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    kind = models.CharField(_("type"), max_length=24, choices=AgreementKind.choices)
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AgreementStatus.choices,
        default=AgreementStatus.NEGOTIATION,
    )
    themes = objectives_field(_("themes"))
    framework = models.ForeignKey(
        Framework,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("framework"),
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("amends"),
        help_text=_("For an amendment or additional protocol: the agreement it amends."),
    )
    signed_on = models.DateField(_("signature date"), null=True, blank=True)
    in_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=MONTHS
    )
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    tacit_renewal = models.BooleanField(_("tacit renewal"), default=False)
    renewal_months = models.PositiveSmallIntegerField(
        _("renewal period (months)"),
        null=True,
        blank=True,
        validators=MONTHS,
        help_text=_("Empty: each renewal lasts as long as the first term."),
    )
    notice_months = models.PositiveSmallIntegerField(
        _("notice period (months)"),
        default=0,
        validators=[MaxValueValidator(120)],
        help_text=_("How long before a term ends notice of denunciation must be given."),
    )
    act_by = models.DateField(
        _("act-by date"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The last day to denounce or renew before the next tacit renewal or expiry."),
    )
    signed_document = DocumentField(_("signed document"), blank=True)
    search_text = search_column("reference", "title_fr", "title_ar", "title_en")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "reference"]
        indexes = [models.Index(fields=["status", "act_by"], name="agreement_act_by")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(expires_on__gt=models.F("signed_on")),
                name="agreement_expires_after_signature",
                violation_error_message=_("The expiry date must come after the signature date."),
            ),
            models.CheckConstraint(
                condition=Q(in_force_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(in_force_on__gte=models.F("signed_on")),
                name="agreement_in_force_after_signature",
                violation_error_message=_("The entry into force cannot come before the signature."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:agreement", args=[self.pk])

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def terms(self) -> Terms:
        return Terms(
            starts_on=self.in_force_on or self.signed_on,
            expires_on=self.expires_on,
            duration_months=self.duration_months,
            tacit_renewal=self.tacit_renewal,
            renewal_months=self.renewal_months,
            notice_months=self.notice_months,
        )

    def get_themes_display(self) -> list[str]:
        return objective_labels(self.themes)

    def clean(self):
        """The terms must make sense before an act-by date can be drawn from them."""
        errors = {}
        if self.duration_months and self.expires_on:
            errors["expires_on"] = _("Give a duration or an expiry date, not both.")
        elif self.tacit_renewal and not (self.duration_months or self.expires_on):
            errors["tacit_renewal"] = _("A tacit renewal needs a duration or an expiry date.")
        elif self.expires_on and not (self.in_force_on or self.signed_on):
            errors["expires_on"] = _("An expiry date needs a signature or entry-into-force date.")
        first = replace(self.terms, renewal_months=None).renewal_length()
        renewal = self.renewal_months if self.tacit_renewal else None
        term = min((months for months in (first, renewal) if months), default=None)
        if not errors and term and self.notice_months >= term:
            errors["notice_months"] = _(
                "The notice period (%(notice)s months) must be shorter than the term "
                "(%(term)s months)."
            ) % {"notice": self.notice_months, "term": term}
        if errors:
            raise ValidationError(errors)

    @property
    def is_binding(self) -> bool:
        return self.status in BINDING

    def compute_act_by(self, today: datetime.date | None = None) -> datetime.date | None:
        if not self.is_binding:
            return None
        return self.terms.next_act_by(today or timezone.localdate())

    def current_end(self) -> datetime.date | None:
        return self.terms.current_end(timezone.localdate()) if self.is_binding else None

    @property
    def days_to_act(self) -> int | None:
        if self.act_by is None:
            return None
        return (self.act_by - timezone.localdate()).days


class ThroughAgreementQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(agreement__in=Agreement.objects.for_organization(organization_id))


@tracked()
class AgreementParty(models.Model):
    """A party to an agreement: an organisation, a country (its government), or both."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
        verbose_name=_("organisation"),
    )
    country = CountryField(_("country"), blank=True)
    signatory = models.CharField(
        _("signatory"), max_length=255, blank=True, help_text=_("Name and title.")
    )

    objects = ThroughAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(country=""),
                name="agreement_party_names_someone",
                violation_error_message=_("Name the party: an organisation, a country or both."),
            )
        ]

    def __str__(self) -> str:
        if self.organization_id:
            return self.organization.name
        return str(self.country.name)


# Programmes -----------------------------------------------------------------------------------


class ProgrammeMode(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral")
    MULTILATERAL = "multilateral", _("Multilateral")
    SOUTH_SOUTH = "south_south", _("South-South")
    TRIANGULAR = "triangular", _("Triangular")


class ProgrammeStatus(models.IntegerChoices):
    """The IATI activity status codelist: the value is the code the export writes."""

    PIPELINE = 1, pgettext_lazy("programme status", "Pipeline")
    IMPLEMENTATION = 2, pgettext_lazy("programme status", "Implementation")
    FINALISATION = 3, pgettext_lazy("programme status", "Finalisation")
    CLOSED = 4, pgettext_lazy("programme status", "Closed")
    CANCELLED = 5, pgettext_lazy("programme status", "Cancelled")
    SUSPENDED = 6, pgettext_lazy("programme status", "Suspended")


class PartnerRole(models.IntegerChoices):
    """The IATI organisation roles (1 to 4), and beneficiary institutions, which IATI has not."""

    FUNDING = 1, _("Funding")
    ACCOUNTABLE = 2, _("Accountable")
    EXTENDING = 3, _("Extending")
    IMPLEMENTING = 4, _("Implementing")
    BENEFICIARY = 9, _("Beneficiary institution")


IATI_ROLES = (
    PartnerRole.FUNDING,
    PartnerRole.ACCOUNTABLE,
    PartnerRole.EXTENDING,
    PartnerRole.IMPLEMENTING,
)


class ProgrammeQuerySet(SearchableQuerySet, ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """The programmes it takes part in, in any role."""
        return self.filter(
            Exists(
                Participation.objects.filter(
                    programme=OuterRef("pk"), organization_id=organization_id
                )
            )
        )

    def of_country(self, code: str):
        return self.filter(
            Exists(RecipientCountry.objects.filter(programme=OuterRef("pk"), country=code))
        )

    def followed_by(self, user):
        """A desk officer follows the programmes in their countries."""
        desks = CountryProfile.objects.followed_by(user).values("country")
        return self.filter(
            Exists(RecipientCountry.objects.filter(programme=OuterRef("pk"), country__in=desks))
        )

    def listed(self):
        """The rows with their countries, partners and budgets, in the rows' own query."""

        def rows(model, order, **fields):
            lines = model.objects.filter(programme=OuterRef("pk")).order_by(*order)
            return ArraySubquery(lines.values(json=JSONObject(**fields)))

        return self.select_related("framework").annotate(
            country_rows=rows(
                RecipientCountry,
                ["-percentage", "country"],
                code="country",
                share=_text("percentage"),
            ),
            budget_rows=rows(
                Budget,
                ["year", "currency"],
                year="year",
                currency="currency",
                amount=_text("amount"),
            ),
            partner_rows=rows(
                Participation,
                ["role", "pk"],
                name=localized_expression("organization__name"),
                acronym=localized_expression("organization__acronym"),
                role="role",
            ),
        )


def _text(field: str):
    """A decimal as text in JSON, so that it comes back exact."""
    return Cast(field, models.TextField())


@dataclass(frozen=True)
class Recipient:
    country: Country
    share: Decimal | None


@dataclass(frozen=True)
class Partner:
    name: str
    acronym: str
    role: int

    @property
    def role_label(self) -> str:
        return PartnerRole(self.role).label


@dataclass(frozen=True)
class BudgetLine:
    year: int
    currency: str
    amount: Decimal


@tracked(exclude=("search_text",))
class Programme(models.Model):
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("e.g. PRG-ES-2024-01; the IATI identifier ends with it."),
    )
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    mode = models.CharField(_("mode"), max_length=16, choices=ProgrammeMode.choices)
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("framework"),
    )
    objectives = objectives_field(_("objectives"))
    status = models.PositiveSmallIntegerField(
        _("status"), choices=ProgrammeStatus.choices, default=ProgrammeStatus.PIPELINE
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    agreements = models.ManyToManyField(
        Agreement, blank=True, related_name="programmes", verbose_name=_("agreements")
    )
    search_text = search_column("code", "title_fr", "title_ar", "title_en")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation programme")
        verbose_name_plural = _("cooperation programmes")
        ordering = ["-planned_start", "code"]
        indexes = [models.Index(fields=["mode", "status"], name="programme_mode_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="programme_planned_in_order",
                violation_error_message=_("The planned end cannot come before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=models.F("actual_start")),
                name="programme_actual_in_order",
                violation_error_message=_("The actual end cannot come before the actual start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:programme", args=[self.pk])

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    def get_objectives_display(self) -> list[str]:
        return objective_labels(self.objectives)

    @property
    def programme_pk(self) -> int:
        """The programme a part belongs to: for a programme, itself."""
        return self.pk

    # What a row read through ProgrammeQuerySet.listed() carries.
    @cached_property
    def recipients(self) -> list[Recipient]:
        return [
            Recipient(Country(row["code"]), Decimal(row["share"]) if row["share"] else None)
            for row in self.country_rows
        ]

    @cached_property
    def partners(self) -> list[Partner]:
        return [Partner(row["name"], row["acronym"], row["role"]) for row in self.partner_rows]

    @cached_property
    def budget_lines(self) -> list[BudgetLine]:
        return [
            BudgetLine(row["year"], row["currency"], Decimal(row["amount"]))
            for row in self.budget_rows
        ]

    def budget_totals(self) -> list[tuple[str, Decimal]]:
        """The total per currency, never summed across currencies."""
        totals: dict[str, Decimal] = {}
        for line in self.budget_lines:
            totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
        return sorted(totals.items())

    def country_names(self) -> str:
        return ", ".join(str(recipient.country.name) for recipient in self.recipients)

    def partner_names(self) -> str:
        return "; ".join(
            f"{partner.acronym or partner.name} ({partner.role_label})" for partner in self.partners
        )


class ThroughProgrammeQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(programme__in=Programme.objects.for_organization(organization_id))

    def followed_by(self, user):
        return self.filter(programme__in=Programme.objects.followed_by(user))


@tracked()
class Participation(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("programme"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="programme_participations",
        verbose_name=_("organisation"),
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=PartnerRole.choices)

    objects = ThroughProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner in a role")
        verbose_name_plural = _("partners in roles")
        ordering = ["programme", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organization", "role"],
                name="participation_once",
                violation_error_message=_("This organisation already has this role."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


@tracked()
class RecipientCountry(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="recipient_countries",
        verbose_name=_("programme"),
    )
    country = CountryField(_("country"))
    percentage = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("When there are several countries: their shares add up to 100."),
    )

    objects = ThroughProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("recipient country")
        verbose_name_plural = _("recipient countries")
        ordering = ["programme", "-percentage", "country"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "country"],
                name="recipient_once",
                violation_error_message=_("This country is already listed."),
            ),
            models.CheckConstraint(
                condition=Q(percentage__isnull=True) | Q(percentage__gte=0, percentage__lte=100),
                name="recipient_share_is_a_percentage",
                violation_error_message=_("A share is a percentage, from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.country.name)


@tracked()
class Budget(models.Model):
    """A programme's amount for one year, in one currency."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("programme")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, validators=AMOUNT)
    value_date = models.DateField(
        _("value date"),
        null=True,
        blank=True,
        help_text=_("The date of the exchange rate; empty: 1 January of the year."),
    )

    objects = ThroughProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["programme", "year", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "currency"],
                name="budget_once_a_year",
                violation_error_message=_("This year already has a budget in this currency."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.amount} {self.currency}"

    @property
    def valued_on(self) -> datetime.date:
        return self.value_date or datetime.date(self.year, 1, 1)


@tracked()
class Activity(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.PositiveSmallIntegerField(
        _("status"), choices=ProgrammeStatus.choices, default=ProgrammeStatus.PIPELINE
    )

    objects = ThroughProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["programme", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="activity_in_order",
                violation_error_message=_("The activity cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class ResultKind(models.IntegerChoices):
    """The IATI result types."""

    OUTPUT = 1, _("Output")
    OUTCOME = 2, _("Outcome")
    IMPACT = 3, _("Impact")


@tracked()
class Result(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="results", verbose_name=_("programme")
    )
    kind = models.PositiveSmallIntegerField(
        _("type"), choices=ResultKind.choices, default=ResultKind.OUTPUT
    )
    title = models.CharField(_("title"), max_length=255)

    objects = ThroughProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["programme", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def programme_pk(self) -> int:
        return self.programme_id


class Measure(models.IntegerChoices):
    """The IATI indicator measures the portal uses."""

    UNIT = 1, _("Count")
    PERCENTAGE = 2, _("Percentage")


class ThroughResultQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(
            result__programme__in=Programme.objects.for_organization(organization_id)
        )

    def followed_by(self, user):
        return self.filter(result__programme__in=Programme.objects.followed_by(user))


@tracked()
class ResultIndicator(models.Model):
    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("result")
    )
    title = models.CharField(_("indicator"), max_length=255)
    measure = models.PositiveSmallIntegerField(
        _("measure"), choices=Measure.choices, default=Measure.UNIT
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True, validators=AMOUNT
    )

    objects = ThroughResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("result indicator")
        verbose_name_plural = _("result indicators")
        ordering = ["result", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def programme_pk(self) -> int:
        return self.result.programme_id


@tracked()
class IndicatorPeriod(models.Model):
    indicator = models.ForeignKey(
        ResultIndicator,
        on_delete=models.CASCADE,
        related_name="periods",
        verbose_name=_("indicator"),
    )
    starts_on = models.DateField(_("period start"))
    ends_on = models.DateField(_("period end"))
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True, validators=AMOUNT
    )
    actual = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True, validators=AMOUNT
    )

    class Meta:
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")
        ordering = ["indicator", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="indicator_period_in_order",
                violation_error_message=_("The period cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}\u2013{self.ends_on}"  # an en dash


class DocumentCategory(models.TextChoices):
    """A few IATI document categories."""

    OBJECTIVES = "A02", _("Objectives or purpose")
    BUDGET = "A05", _("Budget")
    REVIEW = "A07", _("Review or evaluation")
    RESULTS = "A08", _("Results or outcomes")
    MOU = "A09", _("Memorandum of understanding")
    CONTRACT = "A11", _("Contract")
    OTHER = "A12", _("Other")


@tracked()
class ProgrammeDocument(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="documents", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=255)
    category = models.CharField(
        _("category"),
        max_length=3,
        choices=DocumentCategory.choices,
        default=DocumentCategory.OTHER,
    )
    file = DocumentField(_("file"))
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = ThroughProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme document")
        verbose_name_plural = _("programme documents")
        ordering = ["programme", "-added_at"]

    def __str__(self) -> str:
        return self.title
