"""Field studies and mobilised expertise: studies, their milestones, versioned documents,
findings and recommendations, and the roster of experts.

A partner sees the studies published to all partners and those shared with its organisation,
with everything they hold, and the recommendations addressed to it; the ministry sees all.
A recommendation is followed through to the commission decisions and plan actions that took it
up, and those pages show it back.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchRank
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject, NullIf
from django.db.models.lookups import Exact, GreaterThan
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.audit import tracked
from accounts.i18n import localized, localized_expression
from accounts.scoping import ScopedQuerySet
from accounts.uploads import DocumentField
from actionplans.models import CLOSED_STATUSES, Action, ActionStatus
from commissions.models import Commission, Decision, Meeting
from contacts.models import ChoiceArrayField, Person
from cooperation.models import objective_labels, objectives_field
from mra_portal.lib.currencies import CURRENCIES
from mra_portal.lib.queries import count_of
from mra_portal.lib.search import (
    SearchableQuerySet,
    search_column,
    text_query,
    text_search_column,
    text_vector,
)
from partners.models import Organization

AMOUNT = [MinValueValidator(Decimal(0))]


class Segment(models.TextChoices):
    YOUTH = "youth", _("Youth")
    WOMEN = "women", _("Women")
    RETIREES = "retirees", _("Retirees")
    STUDENTS = "students", _("Students")
    SKILLED = "skilled", _("Skilled professionals")
    ENTREPRENEURS = "entrepreneurs", _("Entrepreneurs")
    RETURNEES = "returnees", _("Returnees")
    GENERATIONS = "generations", _("Second and third generations")


class Methodology(models.TextChoices):
    SURVEY = "survey", _("Survey")
    INTERVIEWS = "interviews", _("Interviews")
    FOCUS_GROUPS = "focus_groups", _("Focus groups")
    MIXED = "mixed", _("Mixed methods")
    DESK_REVIEW = "desk_review", _("Desk review")


class StudyStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    COMMISSIONED = "commissioned", _("Commissioned")
    FIELDWORK = "fieldwork", _("Fieldwork")
    ANALYSIS = "analysis", _("Analysis")
    VALIDATION = "validation", _("Validation")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# A study moves one step at a time along the pipeline; it may be archived from any step.
PIPELINE = [
    StudyStatus.PROPOSED,
    StudyStatus.COMMISSIONED,
    StudyStatus.FIELDWORK,
    StudyStatus.ANALYSIS,
    StudyStatus.VALIDATION,
    StudyStatus.PUBLISHED,
]
# Milestones are reminded while the study is still under way.
UNDER_WAY = PIPELINE[:-1]


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Internal to the ministry")
    SHARED = "shared", _("Shared with the listed partners")
    PARTNERS = "partners", _("Published to all partners")


def short_names(organizations):
    """The organisations' acronyms (else names) in the reader's language, as an array in the
    outer row's query."""
    label = Coalesce(
        NullIf(localized_expression("acronym"), Value("")), localized_expression("name")
    )
    return ArraySubquery(organizations.order_by("name_fr").values(label=label))


# Studies ------------------------------------------------------------------------------------


class StudyQuerySet(SearchableQuerySet, ScopedQuerySet):
    def for_organization(self, organization_id: int):
        shared = Study.shared_with.through.objects.filter(
            study=OuterRef("pk"), organization=organization_id
        )
        return self.filter(
            Q(visibility=Visibility.PARTNERS) | (Q(visibility=Visibility.SHARED) & Exists(shared))
        )

    def followed_by(self, user):
        """An officer follows the studies they are in charge of."""
        return self.filter(followed_by=user)

    def of_country(self, code: str):
        return self.filter(Q(countries__contains=code) | Q(fieldwork_countries__contains=code))

    def concerning(self, organizations):
        """The studies shared with them, conducted by them, or addressing recommendations to
        them (`organizations`: ids or a queryset)."""
        addressed = Recommendation.addressees.through.objects.filter(
            organization__in=organizations
        ).values("recommendation__study")
        shared = Study.shared_with.through.objects.filter(organization__in=organizations)
        return self.filter(
            Q(conducted_by__in=organizations)
            | Q(pk__in=shared.values("study"))
            | Q(pk__in=addressed)
        )

    def listed(self):
        """A page of studies: each row's recommendations counted for that row alone, and
        without the search columns, which only the database reads."""
        return (
            self.select_related("conducted_by")
            .defer("search_text", "search_vector")
            .annotate(recommendation_count=count_of(Recommendation.objects.all(), link="study"))
            .order_by(F("starts_on").desc(nulls_last=True), "-pk")
        )

    def detailed(self):
        """What a study's page shows of the study itself, in its own query: the partners it is
        shared with and its findings in the reader's language."""
        findings = Finding.objects.filter(study=OuterRef("pk")).order_by("position")
        return self.select_related("conducted_by", "followed_by").annotate(
            shared_names=short_names(Organization.objects.filter(studies_shared=OuterRef("pk"))),
            finding_texts=ArraySubquery(
                findings.values(text=localized_expression("text", models.TextField()))
            ),
        )

    def matching(self, query: str):
        """The studies whose own text, findings, recommendations or latest documents match,
        best first: each study's rank is its best match's. The matches are found through
        the GIN indexes first; only they are ranked."""
        parsed = text_query(query)
        sources = [
            Finding.objects.all(),
            Recommendation.objects.all(),
            StudyDocument.objects.latest_versions(),
        ]
        found = Q(search_vector=parsed)
        for rows in sources:
            found |= Q(pk__in=rows.filter(search_vector=parsed).values("study"))
        ranks = [
            models.Case(
                models.When(Q(search_vector=parsed), then=SearchRank(F("search_vector"), parsed)),
                default=0.0,
                output_field=models.FloatField(),
            )
        ]
        for rows in sources:
            best = (
                rows.filter(study=OuterRef("pk"), search_vector=parsed)
                .annotate(rank=SearchRank(F("search_vector"), parsed))
                .order_by("-rank")
            )
            ranks.append(
                Coalesce(
                    models.Subquery(best.values("rank")[:1]),
                    0.0,
                    output_field=models.FloatField(),
                )
            )
        return (
            self.filter(found)
            .annotate(rank=models.functions.Greatest(*ranks))
            .order_by("-rank", "-pk")
        )


@tracked(exclude=("search_text", "search_vector"))
class Study(models.Model):
    reference = models.CharField(
        _("reference"), max_length=32, unique=True, help_text=_("e.g. ETU-2026-03.")
    )
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    abstract_fr = models.TextField(_("abstract (French)"), blank=True)
    abstract_ar = models.TextField(_("abstract (Arabic)"), blank=True)
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    themes = objectives_field(_("themes"))
    countries = CountryField(_("countries covered"), multiple=True, blank=True)
    segments = ChoiceArrayField(
        models.CharField(max_length=16, choices=Segment.choices),
        verbose_name=_("population segments"),
        default=list,
        blank=True,
    )
    methodology = models.CharField(
        _("methodology"), max_length=16, choices=Methodology.choices, blank=True
    )
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    fieldwork_countries = CountryField(_("fieldwork countries"), multiple=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=StudyStatus.choices, default=StudyStatus.PROPOSED
    )
    commissioning_unit = models.CharField(
        _("commissioning unit"),
        max_length=255,
        blank=True,
        help_text=_("The ministry's directorate or division that commissions the study."),
    )
    conducted_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="studies_conducted",
        verbose_name=_("conducting organisation"),
    )
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_studies",
        limit_choices_to={"organization__is_ministry": True},
        verbose_name=_("officer in charge (ministry)"),
    )
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True, validators=AMOUNT
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="MAD")
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    shared_with = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="studies_shared",
        verbose_name=_("shared with"),
        help_text=_("The partners that see the study when it is shared with listed partners."),
    )
    search_text = search_column("reference", "title_fr", "title_ar", "title_en")
    search_vector = text_search_column(
        text_vector("A", "reference", config="simple")
        + text_vector("A", "title")
        + text_vector("B", "abstract")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StudyQuerySet.as_manager()

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        ordering = ["-starts_on", "-pk"]
        indexes = [GinIndex(fields=["search_vector"], name="study_search")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="study_ends_after_start",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("studies:study", args=[self.pk])

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def abstract(self) -> str:
        return localized(self, "abstract")

    def get_themes_display(self) -> list[str]:
        return objective_labels(self.themes)

    def get_segments_display(self) -> list[str]:
        return [str(Segment(value).label) for value in self.segments]

    @property
    def next_status(self) -> str | None:
        """The next step of the pipeline, or None once published or archived."""
        if self.status not in PIPELINE[:-1]:
            return None
        return PIPELINE[PIPELINE.index(self.status) + 1]

    def get_next_status_display(self) -> str:
        return StudyStatus(self.next_status).label if self.next_status else ""

    @property
    def can_be_archived(self) -> bool:
        return self.status != StudyStatus.ARCHIVED

    @property
    def reminds_milestones(self) -> bool:
        return self.status in UNDER_WAY

    @property
    def takes_additions(self) -> bool:
        """Milestones, documents, findings and recommendations; not once archived."""
        return self.status != StudyStatus.ARCHIVED

    def covers(self, day: datetime.date) -> bool:
        """Whether a day falls within the study's dates (either may be open)."""
        return (self.starts_on is None or day >= self.starts_on) and (
            self.ends_on is None or day <= self.ends_on
        )

    def outside_dates_message(self) -> str:
        return _("A milestone must fall within the study's dates (%(start)s to %(end)s).") % {
            "start": date_format(self.starts_on) if self.starts_on else "…",
            "end": date_format(self.ends_on) if self.ends_on else "…",
        }

    def clean(self):
        """New dates must still hold the study's milestones."""
        if self.pk is None or (self.starts_on and self.ends_on and self.ends_on < self.starts_on):
            return
        outside = [m for m in self.milestones.all() if not self.covers(m.due_on)]
        if outside:
            raise ValidationError(
                _("Milestone “%(title)s” (%(due)s) would fall outside the study's dates.")
                % {"title": outside[0].title, "due": date_format(outside[0].due_on)}
            )


@tracked()
class StudyTransition(models.Model):
    """A step of the study's pipeline: when, and by whom."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("study")
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=StudyStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=StudyStatus.choices)
    at = models.DateTimeField(_("on"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = models.Manager()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["study", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ThroughStudyQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(study__in=Study.objects.for_organization(organization_id))

    def followed_by(self, user):
        return self.filter(study__in=Study.objects.followed_by(user))


class MilestoneQuerySet(ThroughStudyQuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def reminding(self):
        return self.open().filter(study__status__in=UNDER_WAY)


@tracked()
class Milestone(models.Model):
    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("study")
    )
    title = models.CharField(_("title"), max_length=255)
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["study", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("studies:study", args=[self.study_id]) + "#milestones"

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()

    def clean(self):
        if self.study_id and self.due_on and not self.study.covers(self.due_on):
            raise ValidationError({"due_on": self.study.outside_dates_message()})


class DocumentKind(models.TextChoices):
    TERMS_OF_REFERENCE = "terms_of_reference", _("Terms of reference")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    INTERIM_REPORT = "interim_report", _("Interim report")
    FINAL_REPORT = "final_report", _("Final report")
    DATASET = "dataset", _("Dataset")
    OTHER = "other", _("Other")


class StudyDocumentQuerySet(ThroughStudyQuerySet):
    def latest_versions(self):
        """The newest version of each kind of document of a study."""
        newer = StudyDocument.objects.filter(
            study=OuterRef("study"), kind=OuterRef("kind"), version__gt=OuterRef("version")
        )
        return self.filter(~Exists(newer))


@tracked(exclude=("text", "search_vector"))
class StudyDocument(models.Model):
    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="documents", verbose_name=_("study")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField(_("version"), editable=False)
    title = models.CharField(_("title"), max_length=255)
    file = DocumentField(_("file"))
    text = models.TextField(_("text (for search)"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    search_vector = text_search_column(
        text_vector("A", "title", config="simple")
        + text_vector("C", "text", config="french")
        + text_vector("C", "text", config="english")
        + text_vector("C", "text", config="arabic")
    )

    objects = StudyDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("study document")
        verbose_name_plural = _("study documents")
        ordering = ["study", "kind", "-version"]
        indexes = [GinIndex(fields=["search_vector"], name="study_document_search")]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "kind", "version"], name="study_document_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("studies:document", args=[self.pk])


@tracked(exclude=("search_vector",))
class Finding(models.Model):
    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="findings", verbose_name=_("study")
    )
    position = models.PositiveSmallIntegerField(_("number"), editable=False)
    text_fr = models.TextField(_("text (French)"))
    text_ar = models.TextField(_("text (Arabic)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    search_vector = text_search_column(text_vector("B", "text"))

    objects = ThroughStudyQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["study", "position"]
        indexes = [GinIndex(fields=["search_vector"], name="finding_search")]
        constraints = [
            models.UniqueConstraint(fields=["study", "position"], name="finding_unique_number")
        ]

    def __str__(self) -> str:
        return f"F{self.position}"

    @property
    def text(self) -> str:
        return localized(self, "text")


class Priority(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class Uptake(models.TextChoices):
    PENDING = "pending", _("Pending")
    TAKEN_UP = "taken_up", _("Taken up")
    REJECTED = "rejected", _("Rejected")


def completed_condition() -> Q:
    """A recommendation is completed once taken up and every action that carries it out is
    closed, at least one of them completed.

    Its actions are counted per row: as EXISTS, PostgreSQL would read every action of the
    portal to check a page of 25 rows."""
    actions = Action.objects.all()
    completed = count_of(actions.filter(status=ActionStatus.COMPLETED), link="recommendations")
    still_open = count_of(actions.exclude(status__in=CLOSED_STATUSES), link="recommendations")
    return Q(uptake=Uptake.TAKEN_UP) & Q(GreaterThan(completed, 0)) & Q(Exact(still_open, 0))


class RecommendationQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """Those of the studies it sees, and those addressed to it."""
        addressed = Recommendation.addressees.through.objects.filter(
            recommendation=OuterRef("pk"), organization=organization_id
        )
        return self.filter(
            Q(study__in=Study.objects.for_organization(organization_id)) | Exists(addressed)
        )

    def followed_by(self, user):
        return self.filter(study__in=Study.objects.followed_by(user))

    def listed(self):
        """With the study, and the addressees' short names in the rows' own query."""
        addressees = Organization.objects.filter(recommendations_received=OuterRef("pk"))
        return (
            self.select_related("study")
            .defer("search_vector", "study__search_text", "study__search_vector")
            .annotate(addressee_names=short_names(addressees))
        )

    def with_progress(self, user):
        """What the tracker shows of each: its actions the user sees, their mean progress and
        whether it is completed, its decisions, and whether its study is seen, in the rows' own
        query."""
        actions = Action.objects.for_user(user).filter(recommendations=OuterRef("pk"))
        decisions = Decision.objects.for_user(user).filter(recommendations=OuterRef("pk"))
        return self.with_study_visible(user).annotate(
            # One subquery for both figures: the actions' scope is written (and compiled) once.
            action_figures=models.Subquery(
                actions.values("recommendations")
                .annotate(figures=JSONObject(count=Count("pk"), progress=Avg("progress")))
                .values("figures")[:1],
                output_field=models.JSONField(),
            ),
            is_completed=models.ExpressionWrapper(
                completed_condition(), output_field=models.BooleanField()
            ),
            decision_rows=ArraySubquery(
                decisions.order_by("meeting__starts_at", "sequence").values(
                    json=JSONObject(
                        pk="pk",
                        meeting="meeting_id",
                        year="meeting__year",
                        sequence="sequence",
                        meeting_sequence="meeting__sequence",
                        commission="meeting__commission__code",
                        status="status",
                    )
                )
            ),
        )

    def with_study_visible(self, user):
        """Whether the user sees each row's study (an addressee may not), in the rows' query."""
        return self.annotate(
            study_visible=Exists(Study.objects.for_user(user).filter(pk=OuterRef("study")))
        )

    def completed(self):
        return self.filter(completed_condition())

    def waiting(self):
        return self.filter(uptake=Uptake.PENDING)


@tracked(exclude=("search_vector",))
class Recommendation(models.Model):
    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("study")
    )
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    text_fr = models.TextField(_("text (French)"))
    text_ar = models.TextField(_("text (Arabic)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    themes = objectives_field(_("themes"))
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    addressees = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="recommendations_received",
        verbose_name=_("addressed to"),
    )
    uptake = models.CharField(
        _("uptake"), max_length=16, choices=Uptake.choices, default=Uptake.PENDING, editable=False
    )
    uptake_on = models.DateField(_("uptake decided on"), null=True, blank=True, editable=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, editable=False)
    decisions = models.ManyToManyField(
        Decision,
        blank=True,
        related_name="recommendations",
        verbose_name=_("taken up by decisions"),
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="recommendations", verbose_name=_("taken up by actions")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_vector = text_search_column(text_vector("B", "text"))

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["study", "number"]
        indexes = [
            GinIndex(fields=["search_vector"], name="recommendation_search"),
            models.Index(fields=["uptake", "priority"], name="recommendation_uptake"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "number"], name="recommendation_unique_number"
            ),
            models.CheckConstraint(
                condition=~Q(uptake=Uptake.REJECTED) | ~Q(rejection_reason=""),
                name="recommendation_rejected_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("studies:recommendation", args=[self.pk])

    @property
    def code(self) -> str:
        return f"{self.study.reference}/R{self.number}"

    @staticmethod
    def code_expression():
        """The same code, in SQL, for rows read as JSON."""
        return Concat(F("study__reference"), Value("/R"), Cast("number", models.CharField()))

    @property
    def text(self) -> str:
        return localized(self, "text")

    def get_themes_display(self) -> list[str]:
        return objective_labels(self.themes)

    @property
    def action_count(self) -> int:
        """On a row read through with_progress(): how many of its actions the reader sees."""
        return (self.action_figures or {}).get("count", 0)

    @property
    def action_progress(self) -> float | None:
        """…and their mean progress (%), or None without any."""
        return (self.action_figures or {}).get("progress")

    @cached_property
    def linked_decisions(self) -> list[Decision]:
        """On a row read through with_progress(): its decisions the reader sees, as unsaved
        instances that know their number and page."""
        return [
            Decision(
                pk=row["pk"],
                sequence=row["sequence"],
                status=row["status"],
                meeting=Meeting(
                    pk=row["meeting"],
                    commission=Commission(code=row["commission"]),
                    year=row["year"],
                    sequence=row["meeting_sequence"],
                ),
            )
            for row in self.decision_rows
        ]

    @property
    def may_be_taken_up(self) -> bool:
        return self.uptake != Uptake.REJECTED

    @property
    def may_be_rejected(self) -> bool:
        return self.uptake == Uptake.PENDING

    @property
    def waiting_days(self) -> int | None:
        if self.uptake != Uptake.PENDING:
            return None
        return (timezone.localdate() - timezone.localdate(self.created_at)).days


# Experts ------------------------------------------------------------------------------------


class ExpertiseArea(models.TextChoices):
    MIGRATION_DATA = "migration_data", _("Migration statistics and data")
    SURVEYS = "surveys", _("Survey methods")
    LAW = "law", _("Law and rights of migrants")
    EDUCATION = "education", _("Education, language and culture")
    ECONOMY = "economy", _("Economy, remittances and investment")
    SOCIAL = "social", _("Social protection and health")
    GENDER = "gender", _("Gender and family")
    YOUTH = "youth", _("Youth and generations")
    RETURN = "return", _("Return and reintegration")
    RELIGION = "religion", _("Religious affairs")
    DIPLOMACY = "diplomacy", _("Diplomacy and international cooperation")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    LIMITED = "limited", _("Limited availability")
    UNAVAILABLE = "unavailable", _("Not available")


class ExpertQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        """A partner's own experts."""
        return self.filter(person__organization=organization_id)

    def followed_by(self, user):
        """An officer edits the experts of the partners they follow, as their people."""
        return self.filter(person__organization__followed_by=user)

    def listed(self):
        return (
            self.select_related("person__organization")
            .annotate(mobilisation_count=Count("mobilisations"))
            .order_by("person__last_name", "person__first_name", "pk")
        )

    def search(self, query: str):
        return self.filter(
            Q(person__in=Person.objects.search(query)) | Q(keywords__icontains=query)
        )


@tracked()
class Expert(models.Model):
    """A directory person the ministry may mobilise: what they know, where, and when free.

    Their languages and institution are the directory's (the person's languages and
    organisation), kept in one place."""

    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="expert", verbose_name=_("person")
    )
    areas = ChoiceArrayField(
        models.CharField(max_length=16, choices=ExpertiseArea.choices),
        verbose_name=_("areas of expertise"),
        default=list,
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=255,
        blank=True,
        help_text=_("Other specialities, in a few words."),
    )
    countries = CountryField(_("countries of expertise"), multiple=True, blank=True)
    cv = DocumentField(_("CV"), blank=True)
    availability = models.CharField(
        _("availability"),
        max_length=16,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["person__last_name", "person__first_name"]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("studies:expert", args=[self.pk])

    def get_areas_display(self) -> list[str]:
        return [str(ExpertiseArea(value).label) for value in self.areas]


class MobilisationRole(models.TextChoices):
    LEAD = "lead", _("Lead author")
    RESEARCHER = "researcher", _("Researcher")
    REVIEWER = "reviewer", _("Reviewer")
    ADVISER = "adviser", _("Adviser")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    SPEAKER = "speaker", _("Speaker")


class MobilisationQuerySet(ScopedQuerySet):
    def for_organization(self, organization_id: int):
        return self.filter(expert__in=Expert.objects.for_organization(organization_id))


@tracked()
class Mobilisation(models.Model):
    """An expert's part in a study, a commission or a working group, over a period."""

    expert = models.ForeignKey(
        Expert, on_delete=models.CASCADE, related_name="mobilisations", verbose_name=_("expert")
    )
    role = models.CharField(_("role"), max_length=16, choices=MobilisationRole.choices)
    study = models.ForeignKey(
        Study,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mobilisations",
        verbose_name=_("study"),
    )
    commission = models.ForeignKey(
        Commission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mobilisations",
        verbose_name=_("commission or working group"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = MobilisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("mobilisation")
        verbose_name_plural = _("mobilisations")
        ordering = ["expert", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(study__isnull=True, commission__isnull=False)
                | Q(study__isnull=False, commission__isnull=True),
                name="mobilisation_for_one_thing",
                violation_error_message=_("Choose either a study or a commission, not both."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="mobilisation_in_order",
                violation_error_message=_("The mobilisation cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.get_role_display()}"
