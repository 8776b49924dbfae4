from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit import tracked


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    OFFICER = "officer", _("Officer")
    VIEWER = "viewer", _("Viewer")
    FOCAL_POINT = "focal_point", _("Focal point")
    PARTNER_VIEWER = "partner_viewer", _("Partner viewer")


MINISTRY_ROLES = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR, Role.OFFICER, Role.VIEWER})
PARTNER_ROLES = frozenset({Role.FOCAL_POINT, Role.PARTNER_VIEWER})
# Each capability names its roles once; views, templates, forms and reminders ask the user.
EDITS_EVERYTHING = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR})
FOLLOWS_PARTNERS = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR, Role.OFFICER})
ANSWERS_FOR_ORGANIZATION = frozenset({Role.FOCAL_POINT})
# The focal points hear of their organisation's invitations; coordinators, of the ministry's.
RECEIVES_INVITATIONS = frozenset({Role.FOCAL_POINT, Role.COORDINATOR})


class UserQuerySet(models.QuerySet):
    def able_to_follow(self):
        """The ministry staff who may be named as following a partner."""
        return self.filter(is_active=True, role__in=FOLLOWS_PARTNERS)

    def receiving_invitations(self):
        return self.filter(is_active=True, role__in=RECEIVES_INVITATIONS)

    def coordinating(self):
        """The secretariat's coordinators: they hear of what awaits a ministry decision."""
        return self.filter(is_active=True, role=Role.COORDINATOR)


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    """Admin rights come from the role, so the is_staff/is_superuser flags are never stored."""

    def get_queryset(self):
        # Every page shows the signed-in user's organisation: fetch it with the user.
        return super().get_queryset().select_related("organization")

    def create_user(self, username, email=None, password=None, **extra_fields):
        extra_fields.pop("is_staff", None)
        extra_fields.pop("is_superuser", None)
        return self._create_user(username, email, password, **extra_fields)

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields["role"] = Role.ADMINISTRATOR
        if "organization" not in extra_fields and "organization_id" not in extra_fields:
            organization_model = self.model._meta.get_field("organization").related_model
            extra_fields["organization"] = organization_model.objects.get(is_ministry=True)
        return self.create_user(username, email, password, **extra_fields)


@tracked(
    exclude=(
        "password",
        "last_login",
    )
)
class User(AbstractUser):
    """A person who logs in: one organisation, one role."""

    organization = models.ForeignKey(
        "partners.Organization",
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the pages and emails; empty follows the browser."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    # Admin access follows the role: these replace AbstractUser's stored flags.
    @property
    def is_staff(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def is_superuser(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def is_ministry(self) -> bool:
        return self.role in MINISTRY_ROLES

    @property
    def sees_internal_notes(self) -> bool:
        """The ministry's notes on a partner are never shown to a partner."""
        return self.is_ministry

    @property
    def reads_history(self) -> bool:
        """Who changed what and when is the ministry's audit trail."""
        return self.is_ministry

    @property
    def sees_delivery(self) -> bool:
        """Who was written to, at which address and with what outcome, is the secretariat's."""
        return self.is_ministry

    @property
    def creates_accounts(self) -> bool:
        """Gives a directory person a portal account: who may grant access is the secretariat."""
        return self.role in EDITS_EVERYTHING

    @property
    def needs_two_factor(self) -> bool:
        return self.role in EDITS_EVERYTHING

    @property
    def edits_everything(self) -> bool:
        return self.role in EDITS_EVERYTHING

    @property
    def edits_what_they_follow(self) -> bool:
        return self.role == Role.OFFICER

    @property
    def answers_for_organization(self) -> bool:
        """Answers its own organisation's invitations (coordinators answer any)."""
        return self.role in ANSWERS_FOR_ORGANIZATION

    @property
    def reports_progress(self) -> bool:
        """Reports on actions: a coordinator on anyone's behalf, a focal point for its own."""
        return self.edits_everything or self.answers_for_organization

    def clean(self):
        super().clean()
        if not self.organization_id or not self.role:
            return
        if self.organization.is_ministry and self.role not in MINISTRY_ROLES:
            raise ValidationError(
                {"role": _("A ministry user is an administrator, coordinator, officer or viewer.")}
            )
        if not self.organization.is_ministry and self.role not in PARTNER_ROLES:
            raise ValidationError(
                {"role": _("A partner's user is a focal point or a partner viewer.")}
            )
