"""The reminder outbox: one row per message owed to one person about one record.

Rows are written by the services that change the record, in their transaction; a beat task
sends what is due. Nothing about a reminder lives in the broker.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import tracked
from mra_portal.lib.dates import for_people

from .registry import SOURCES, kind_label


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    IN_APP = "in_app", _("In the portal")
    BOTH = "both", _("Email and in the portal")


class State(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped: the event had passed")
    CANCELLED = "cancelled", _("Cancelled")
    DEAD = "dead", _("Dead letter")


class Unread:
    """How many notifications are unread, counted up to a limit: past it, the bell says "99+"
    rather than count thousands of rows on every page."""

    LIMIT = 100

    def __init__(self, count: int):
        self.count = count  # for plurals

    def __bool__(self) -> bool:
        return bool(self.count)

    def __str__(self) -> str:
        return f"{self.LIMIT - 1}+" if self.count >= self.LIMIT else str(self.count)


def person_ref(person) -> dict:
    """The fields that name a directory person (any model) in the outbox and its stops."""
    return {"person_type": ContentType.objects.get_for_model(person), "person_id": person.pk}


class ReminderQuerySet(models.QuerySet):
    def for_target(self, target):
        return self.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )

    def due(self, now):
        return self.filter(state=State.PENDING, next_attempt_at__lte=now)

    def in_app_for(self, user):
        """What the bell shows: due for this user through the portal, whatever the email does,
        about records they may still see."""
        return (
            self.filter(
                recipient=user,
                channel__in=[Channel.IN_APP, Channel.BOTH],
                due_at__lte=timezone.now(),
            )
            .exclude(state__in=[State.CANCELLED, State.SKIPPED])
            .about_what_they_see(user)
        )

    def about_what_they_see(self, user):
        """Rows whose record the user may see now, as its model's for_user() says: a partner
        taken off a commission no longer reads its meetings through earlier notifications."""
        seen = Q(pk__in=[])
        for label in SOURCES:
            model = apps.get_model(label)
            seen |= Q(
                target_type=ContentType.objects.get_for_model(model),
                target_id__in=model._default_manager.for_user(user).values("pk"),
            )
        return self.filter(seen)

    def unread_for(self, user):
        return self.in_app_for(user).filter(read_at__isnull=True)

    def undelivered_to(self, person):
        """Emails to a directory person (any model) that were refused for good, newest first."""
        return self.filter(**person_ref(person), state=State.DEAD).order_by(
            "-next_attempt_at", "-pk"
        )

    def unread_count_for(self, user) -> Unread:
        return Unread(self.unread_for(user)[: Unread.LIMIT].count())


class Reminder(models.Model):
    # No index of its own: the unique key starts with (target_type, target_id). Every index
    # costs each "sent" mark a write, and the dispatch loop marks one row per message.
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, db_index=False, verbose_name=_("kind of record")
    )
    target_id = models.PositiveBigIntegerField(_("record"))
    target = GenericForeignKey("target_type", "target_id")
    # Written to an account, or to a directory person without one: a reference to the person's
    # record and a copy of what the email needs (the app holding people is not imported).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,  # reminder_by_recipient serves the foreign key too
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    person_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="+",
        verbose_name=_("kind of person record"),
    )
    person_id = models.PositiveBigIntegerField(_("person"), null=True, blank=True)
    person = GenericForeignKey("person_type", "person_id")
    name = models.CharField(_("name"), max_length=200, blank=True)
    address = models.EmailField(_("address"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    kind = models.CharField(_("kind"), max_length=48)
    lead_days = models.PositiveSmallIntegerField(
        _("days before"), null=True, blank=True, help_text=_("Empty for a notice sent at once.")
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    digest = models.BooleanField(_("in the daily digest"), default=False)
    due_at = models.DateTimeField(_("due at"))
    event_at = models.DateTimeField(
        _("event at"), null=True, blank=True, help_text=_("Once it has passed, nothing is sent.")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    # Which worker's chunk holds the row while it is being sent (a random token per chunk),
    # and when its message was handed to the mail server: a worker that dies leaves the rows
    # it never handed over pending again without an attempt charged.
    claim = models.CharField(_("claim"), max_length=32, blank=True, default="")
    handed_at = models.DateTimeField(_("handed to the mail server"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_at", "-pk"]
        constraints = [
            # A cancelled row does not count: owing the reminder again writes a new one.
            models.UniqueConstraint(
                fields=[
                    *("target_type", "target_id", "recipient", "person_type", "person_id"),
                    *("kind", "due_at"),
                ],
                condition=~Q(state="cancelled"),
                nulls_distinct=False,
                name="reminder_once_per_target_recipient_kind_and_time",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False, person_id__isnull=True)
                | Q(recipient__isnull=True, person_type__isnull=False, person_id__isnull=False),
                name="reminder_to_an_account_or_a_person",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="reminder_due",
            ),
            # Each claim looks for rows whose worker died: few, whatever the outbox's size.
            models.Index(
                fields=["lease_until"],
                condition=Q(state="sending"),
                name="reminder_leased",
            ),
            # The bell and the notification list: one user's reminders, newest first, counted
            # from the index alone (what the bell filters on is in it).
            models.Index(
                fields=["recipient", "-due_at"],
                include=["channel", "state", "read_at"],
                name="reminder_by_recipient",
            ),
            # A person without an account: their stop link, their page's refused address, the
            # emails a turnover rewrites. Only their rows are in it.
            models.Index(
                fields=["person_type", "person_id"],
                condition=Q(person_id__isnull=False),
                name="reminder_by_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{kind_label(self.kind)} → {self.reader_name} · {for_people(self.due_at)}"

    @property
    def email(self) -> str:
        return self.recipient.email if self.recipient_id else self.address

    @property
    def is_dead(self) -> bool:
        return self.state == State.DEAD

    @property
    def awaits_retry(self) -> bool:
        """Tried and failed, to be tried again."""
        return self.state == State.PENDING and self.attempts > 0

    @property
    def reader_language(self) -> str:
        language = self.recipient.language if self.recipient_id else self.language
        return language or settings.LANGUAGE_CODE

    @property
    def reader_name(self) -> str:
        if self.recipient_id:
            return self.recipient.get_full_name() or self.recipient.username
        return self.name

    @property
    def message_id(self) -> str:
        """The same for every attempt, so that a receiving server can spot a repeat."""
        return (
            f"<reminder-{self.pk}.{int(self.due_at.timestamp())}@{settings.REMINDER_MAIL_DOMAIN}>"
        )


@tracked()
class ReminderPreference(models.Model):
    """How one user wants one kind of reminder: channel, digest, and how many days ahead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=48)
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.BOTH
    )
    digest = models.BooleanField(
        _("daily digest"),
        default=False,
        help_text=_("One email at 08:00 Casablanca time instead of one per reminder."),
    )
    lead_days = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(90)]),
        verbose_name=_("days before"),
        blank=True,
        default=list,
        help_text=_("Empty keeps the commission's or the portal's lead times."),
    )

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminder_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {kind_label(self.kind)}"


@tracked()
class Unsubscription(models.Model):
    """A directory person without an account who stopped the optional reminders from an email
    (RFC 8058 one-click). Convocations and notices of change still reach them."""

    person_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of record")
    )
    person_id = models.PositiveBigIntegerField(_("person"))
    person = GenericForeignKey("person_type", "person_id")
    created_at = models.DateTimeField(_("stopped at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stopped reminders")
        verbose_name_plural = _("stopped reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["person_type", "person_id"], name="unsubscription_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_type_id}:{self.person_id}"
