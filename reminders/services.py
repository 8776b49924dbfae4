import datetime
import logging
import random
import secrets
import time
from collections import Counter, defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.scoping import scope_of
from mra_portal.lib.dates import at_local, local_zone

from .models import Channel, Reminder, ReminderPreference, State, Unsubscription
from .registry import KINDS, SOURCES, Addressee, Expected
from .sending import Outcome, build_digest, build_email, classify

logger = logging.getLogger("mra_portal.reminders")
DIGEST_HOUR = datetime.time(8, 0)


# Preferences -----------------------------------------------------------------------------


def preferences_of(users, kind: str) -> dict[int, ReminderPreference]:
    """Each user's preference for a kind, in one query (absent: the defaults)."""
    return {
        preference.user_id: preference
        for preference in ReminderPreference.objects.filter(
            user__in=[user.pk for user in users], kind=kind
        )
    }


def lead_days_for(preference: ReminderPreference | None, default: tuple[int, ...]):
    return tuple(preference.lead_days) if preference and preference.lead_days else default


def preference_save(
    *, user, kind: str, channel: str, digest: bool, lead_days: list[int]
) -> ReminderPreference:
    if kind not in KINDS:
        raise ValidationError(_("“%(kind)s” is not a kind of reminder.") % {"kind": kind})
    if channel not in Channel.values:
        raise ValidationError(_("Choose email, the portal, or both."))
    if any(not 1 <= days <= 90 for days in lead_days):
        raise ValidationError(_("Days before must be whole numbers from 1 to 90."))
    preference, _created = ReminderPreference.objects.update_or_create(
        user=user,
        kind=kind,
        defaults={"channel": channel, "digest": digest, "lead_days": sorted(set(lead_days))},
    )
    return preference


@transaction.atomic
def preferences_save(*, user, choices: dict[str, dict]) -> list[ReminderPreference]:
    """Several kinds at once, all or none: `choices` maps a kind to preference_save's values."""
    return [preference_save(user=user, kind=kind, **values) for kind, values in choices.items()]


def next_digest_time(moment: datetime.datetime) -> datetime.datetime:
    """The first 08:00 on the portal's clock (settings.TIME_ZONE) at or after the moment."""
    local = moment.astimezone(local_zone())
    day = local.date() if local.time() <= DIGEST_HOUR else local.date() + datetime.timedelta(1)
    return at_local(day, DIGEST_HOUR)


# Writing the outbox ----------------------------------------------------------------------


# Who a row is for: an account by its pk, or a person without one by their record's type and pk.
RECIPIENT_FIELDS = ("recipient_id", "person_type_id", "person_id")


def _addressed(recipient) -> dict:
    """The row's fields that name its recipient (for a person, with a copy of their details)."""
    if isinstance(recipient, Addressee):
        return {
            "recipient_id": None,
            "person_type_id": ContentType.objects.get_for_model(recipient.person).pk,
            "person_id": recipient.person.pk,
            "name": recipient.name[:200],
            "address": recipient.email,
            "language": recipient.language,
        }
    return {"recipient_id": recipient.pk, "person_type_id": None, "person_id": None}


def _key(fields: dict, kind, lead_days):
    """fields: a row's (vars(row)), or what _addressed() gives for an expected reminder."""
    return (*(fields[name] for name in RECIPIENT_FIELDS), kind, lead_days)


def _told(key: tuple, due_at, event_at) -> tuple:
    """What a sent reminder stood for: its event (a meeting moved away and back is not told
    twice); for a kind told again at each change, also the change, by its time."""
    kind = KINDS.get(key[-2])
    return (*key, event_at, due_at if kind and kind.each_change else None)


def _stopped(expected: list[Expected]) -> set[tuple[int, int]]:
    """The people among the recipients who stopped their optional reminders, in one query."""
    people = [item.recipient.person for item in expected if isinstance(item.recipient, Addressee)]
    if not people:
        return set()
    by_type = defaultdict(set)
    for person in people:
        by_type[ContentType.objects.get_for_model(person).pk].add(person.pk)
    condition = Q()
    for type_id, ids in by_type.items():
        condition |= Q(person_type_id=type_id, person_id__in=ids)
    return set(Unsubscription.objects.filter(condition).values_list("person_type_id", "person_id"))


@transaction.atomic
def reminders_stop(*, person_type_id: int, person_id: int) -> int:
    """A person stops their optional reminders from an email: remembered for the records'
    next changes, and their waiting ones cancelled now. Returns how many were cancelled."""
    Unsubscription.objects.get_or_create(person_type_id=person_type_id, person_id=person_id)
    optional = [kind.name for kind in KINDS.values() if kind.optional]
    return Reminder.objects.filter(
        person_type_id=person_type_id, person_id=person_id, kind__in=optional, state=State.PENDING
    ).update(state=State.CANCELLED)


def reminders_resume(*, person_type_id: int, person_id: int) -> None:
    """They want them again: the hourly reconcile writes what their records owe them."""
    Unsubscription.objects.filter(person_type_id=person_type_id, person_id=person_id).delete()


# Claimed rows still unsent count as waiting: a change of the record reaches them too.
WAITING = (State.PENDING, State.SENDING)


def _send_at(item: Expected, digest: bool, now: datetime.datetime) -> datetime.datetime:
    """When to send: the due time, or for a digest the 08:00 of the due day, never too late."""
    if not digest:
        return item.due_at
    morning = at_local(item.due_at.astimezone(local_zone()).date(), DIGEST_HOUR)
    if morning < now:
        morning = next_digest_time(now)
    if item.event_at and morning >= item.event_at:
        return item.due_at  # the next digest would come after the event: send it on its own
    return morning


@transaction.atomic
def reminders_sync(*, target, expected: list[Expected]) -> Counter:
    """Make the outbox hold what the record owes now: add, move and cancel.

    A waiting reminder whose time changed is moved; one no longer owed is cancelled; one
    already sent for the same event is not sent again.
    """
    now = timezone.now()
    target_type = ContentType.objects.get_for_model(target)
    rows = list(
        Reminder.objects.select_for_update()
        .filter(target_type=target_type, target_id=target.pk)
        .exclude(state=State.CANCELLED)
    )
    preferences = defaultdict(dict)
    for kind in {item.kind for item in expected}:
        for user_id, preference in preferences_of(
            [
                item.recipient
                for item in expected
                if item.kind == kind and not isinstance(item.recipient, Addressee)
            ],
            kind,
        ).items():
            preferences[kind][user_id] = preference
    done = {
        _told(_key(vars(row), row.kind, row.lead_days), row.due_at, row.event_at)
        for row in rows
        if row.state not in WAITING
    }
    waiting = {
        _key(vars(row), row.kind, row.lead_days): row for row in rows if row.state in WAITING
    }
    counts = Counter()
    keep = set()
    to_create = []
    stopped = _stopped(expected)
    for item in expected:
        addressed = _addressed(item.recipient)
        if (addressed["person_type_id"], addressed["person_id"]) in stopped and KINDS[
            item.kind
        ].optional:
            continue  # they stopped these from an email; a waiting one is cancelled below
        key = _key(addressed, item.kind, item.lead_days)
        if _told(key, item.due_at, item.event_at) in done:
            continue  # already sent (or dead) for this very event; a waiting copy is stale
        keep.add(key)
        if isinstance(item.recipient, Addressee):  # no bell and no preferences without an account
            channel, digest = Channel.EMAIL, False
        else:
            preference = preferences[item.kind].get(item.recipient.pk)
            channel = preference.channel if preference else Channel.BOTH
            digest = bool(preference and preference.digest) and channel != Channel.IN_APP
        row = waiting.get(key)
        if row is None:
            to_create.append(
                Reminder(
                    target_type=target_type,
                    target_id=target.pk,
                    **addressed,
                    kind=item.kind,
                    lead_days=item.lead_days,
                    channel=channel,
                    digest=digest,
                    due_at=item.due_at,
                    event_at=item.event_at,
                    next_attempt_at=_send_at(item, digest, now),
                )
            )
        elif (row.due_at, row.event_at, row.channel, row.digest) != (
            item.due_at,
            item.event_at,
            channel,
            digest,
        ):
            Reminder.objects.filter(pk=row.pk).update(
                state=State.PENDING,
                due_at=item.due_at,
                event_at=item.event_at,
                next_attempt_at=_send_at(item, digest, now),
                channel=channel,
                digest=digest,
                attempts=0,
                last_error="",
                lease_until=None,
                claim="",
                handed_at=None,
            )
            counts["moved"] += 1
        elif any(getattr(row, field) != value for field, value in addressed.items()):
            # A person's name, address or language changed: the email follows.
            Reminder.objects.filter(pk=row.pk).update(**addressed)
    # Two syncs of one record at once insert the same rows: the unique key keeps one.
    before = Reminder.objects.filter(target_type=target_type, target_id=target.pk).count()
    Reminder.objects.bulk_create(to_create, ignore_conflicts=True)
    after = Reminder.objects.filter(target_type=target_type, target_id=target.pk).count()
    counts["added"] = after - before
    stale = [row.pk for key, row in waiting.items() if key not in keep]
    counts["cancelled"] = Reminder.objects.filter(pk__in=stale, state__in=WAITING).update(
        state=State.CANCELLED, lease_until=None
    )
    return counts


def reminders_reconcile() -> Counter:
    """Recompute every source's reminders; adds or cancels only the difference."""
    started = timezone.now()
    totals = Counter()
    for label, source in SOURCES.items():
        seen = set()
        for target in source.targets():
            seen.add(target.pk)
            totals.update(reminders_sync(target=target, expected=source.expected(target)))
        # Waiting rows of records the source no longer lists (closed, deleted) are cancelled;
        # not those written since this run began, for records it had not listed yet.
        target_type = ContentType.objects.get_by_natural_key(*label.split("."))
        totals["cancelled"] += (
            Reminder.objects.filter(
                target_type=target_type, state__in=WAITING, created_at__lt=started
            )
            .exclude(target_id__in=seen)
            .update(state=State.CANCELLED, lease_until=None)
        )
    return totals


# Sending ---------------------------------------------------------------------------------


def _retry_at(now: datetime.datetime, attempts: int) -> datetime.datetime:
    """Exponential backoff with jitter: about 1, 2, 4… minutes, at most an hour."""
    delay = min(60 * 2 ** (attempts - 1), 3600) * random.uniform(0.8, 1.2)  # noqa: S311
    return now + datetime.timedelta(seconds=delay)


def _dead_letter(rows, reason: str) -> int:
    """Rows that will not be sent: each is logged with the reason, then marked."""
    pks = list(rows.values_list("pk", flat=True))
    for pk in pks:
        logger.warning("reminder %s dead-lettered: %s", pk, reason)
    return Reminder.objects.filter(pk__in=pks).update(
        state=State.DEAD, lease_until=None, claim="", handed_at=None, last_error=reason
    )


def _recover(now: datetime.datetime) -> None:
    """Rows of a worker that stopped (its lease lapsed without renewal) are due again. Only
    the message it had handed to the mail server counts an attempt, so that one that kills
    every worker ends as a dead letter; the rows it never reached cost nothing."""
    expired = Reminder.objects.filter(state=State.SENDING, lease_until__lt=now)
    in_flight = expired.filter(handed_at__isnull=False)
    _dead_letter(
        in_flight.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS - 1),
        "its worker stopped while sending it",
    )
    in_flight.update(
        state=State.PENDING, lease_until=None, claim="", handed_at=None, attempts=F("attempts") + 1
    )
    expired.update(state=State.PENDING, lease_until=None, claim="")


def _claim(now: datetime.datetime, limit: int) -> tuple[str, list[Reminder]]:
    """Lock due rows other workers have not locked, and lease them to this chunk, whose
    token (`claim`) every later step checks: a row another worker took over is not ours."""
    token = secrets.token_hex(16)
    with transaction.atomic():
        _recover(now)
        due = Reminder.objects.select_for_update(skip_locked=True).due(now)
        rows = list(due.order_by("next_attempt_at", "pk")[:limit])
        # A digest takes all of its recipient's due items, even past the chunk's size.
        digest_recipients = {row.recipient_id for row in rows if row.digest}
        if digest_recipients:
            rows += list(
                due.filter(digest=True, recipient__in=digest_recipients).exclude(
                    pk__in=[row.pk for row in rows]
                )
            )
        Reminder.objects.filter(pk__in=[row.pk for row in rows]).update(
            state=State.SENDING, lease_until=now + settings.REMINDER_LEASE, claim=token
        )
    return token, rows


def _mark(row: Reminder, state: str, now: datetime.datetime, error: str = "") -> None:
    """Settle a claimed row, unless a change of its record has cancelled or moved it since."""
    if state == State.DEAD:
        logger.warning("reminder %s dead-lettered: %s", row.pk, error)
    row.state, row.last_error, row.lease_until = state, error[:2000], None
    if state == State.SENT:
        row.sent_at = now
    Reminder.objects.filter(pk=row.pk, state=State.SENDING, claim=row.claim).update(
        state=row.state,
        last_error=row.last_error,
        sent_at=row.sent_at,
        lease_until=None,
        claim="",
        handed_at=None,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
    )


def reminders_dispatch(
    *, now: datetime.datetime | None = None, chunk: int | None = None
) -> Counter:
    """Send what is due, a chunk at a time over one SMTP connection per chunk.

    Each message is sent only if its rows are still owed at that moment (not cancelled or
    moved since the claim), and marked sent as soon as the server accepts it, so a worker
    killed in the middle of a chunk sends at most the message in flight again. A chunk that
    loses its SMTP server gives its unsent rows back and ends the run: the next tick tries.
    """
    chunk = chunk or settings.REMINDER_CHUNK
    totals = Counter()
    while True:
        moment = now or timezone.now()
        token, rows = _claim(moment, chunk)
        if not rows:
            return totals
        counts = _send_chunk(token, moment)
        totals.update(counts)
        if counts["released"]:
            return totals


def _send_chunk(token: str, now: datetime.datetime) -> Counter:
    """Settle what needs no email, build every email of the chunk, then send them."""
    counts = Counter()
    # Read again: a change of the record since the claim may have cancelled or moved some.
    rows = list(
        Reminder.objects.filter(claim=token, state=State.SENDING)
        .select_related("recipient", "target_type")
        .order_by("next_attempt_at", "pk")
    )
    load_records(rows)
    seen = _still_seen(rows)
    outgoing = []  # (email, the reminders it carries)
    digests = defaultdict(list)
    for row in rows:
        if row.record is None or row.kind not in KINDS:
            _mark(row, State.CANCELLED, now, "the record or its kind no longer exists")
            counts["cancelled"] += 1
        elif row.pk not in seen:
            _mark(row, State.CANCELLED, now, "its recipient may no longer see its record")
            counts["cancelled"] += 1
        elif row.event_at and row.event_at <= now:
            logger.info("reminder %s skipped: its event at %s has passed", row.pk, row.event_at)
            _mark(row, State.SKIPPED, now)
            counts["skipped"] += 1
        elif row.channel == Channel.IN_APP or (row.channel == Channel.BOTH and not row.email):
            _mark(row, State.SENT, now)  # the bell shows it
            counts["sent"] += 1
        elif not row.email:
            _mark(row, State.DEAD, now, "the recipient has no email address")
            counts["dead"] += 1
        elif row.digest:
            digests[row.recipient_id].append(row)
        else:
            counts.update(_built(outgoing, [row], build_email, now))
    for group in digests.values():
        counts.update(_built(outgoing, group, build_digest, now))
    if outgoing:
        counts.update(_send(token, outgoing, now))
    return counts


def _built(outgoing: list, rows: list[Reminder], build, now: datetime.datetime) -> Counter:
    """Add the email of these rows to the chunk's; one that cannot be built (a line break in
    an address, which the calendar file or the headers refuse) is a dead letter, and the
    others still go. `build` takes the row (build_email) or the rows (build_digest)."""
    try:
        email = _build(build, rows)
    except ValueError as error:
        for row in rows:
            _mark(row, State.DEAD, now, f"malformed message: {error}")
        return Counter(dead=len(rows))
    outgoing.append((email, rows))
    return Counter()


def _build(build, rows: list[Reminder]):
    with translation.override(rows[0].reader_language):
        return build(rows) if build is build_digest else build(rows[0])


def _hand_over(
    token: str, rows: list[Reminder], accepted: list[int], now: datetime.datetime
) -> set[int]:
    """One statement, committed before a message goes: it marks sent the rows of the message
    the server accepted last, and hands these rows over, returning those still ours and owed.
    A row cancelled or moved since the claim (its state changed), or taken over by another
    worker (its token changed), is not; a row cancelled while its message was in flight says
    sent, which it was. One statement keeps the worker at one commit per message."""
    table = Reminder._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH accepted AS (UPDATE {table} SET state = %(sent)s, sent_at = %(now)s, "  # noqa: S608
            "lease_until = NULL, claim = '', handed_at = NULL, last_error = '' "
            "WHERE id = ANY(%(accepted)s) AND claim = %(token)s AND handed_at IS NOT NULL) "
            f"UPDATE {table} SET handed_at = %(now)s "
            "WHERE id = ANY(%(rows)s) AND state = %(sending)s AND claim = %(token)s RETURNING id",
            {
                "sent": State.SENT,
                "sending": State.SENDING,
                "now": now,
                "token": token,
                "accepted": accepted,
                "rows": [row.pk for row in rows],
            },
        )
        return {pk for (pk,) in cursor.fetchall()}


def _renew(token: str) -> None:
    """The chunk's lease follows the work: a slow but living worker keeps its rows."""
    Reminder.objects.filter(claim=token, state=State.SENDING).update(
        lease_until=timezone.now() + settings.REMINDER_LEASE
    )


def _send(token: str, outgoing, now: datetime.datetime) -> Counter:
    """One SMTP connection for the chunk; each reminder is confirmed still owed just before
    its message goes, and marked sent once the server accepts it (with the next one's
    confirmation, or at the end)."""
    counts = Counter()
    smtp = _open_connection()
    renew_every = settings.REMINDER_LEASE.total_seconds() / 4
    renewed = time.monotonic()
    accepted = []  # the rows of the message the server accepted last, still to be marked
    # Each mark commits before the next message goes, without waiting for the disk: a killed
    # worker still resends only the message in flight; only a PostgreSQL crash could lose the
    # last fraction of a second of marks, and resend those messages (never lose them).
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        for email, rows in outgoing:
            if time.monotonic() - renewed >= renew_every:
                _renew(token)
                renewed = time.monotonic()
            owed = _hand_over(token, rows, accepted, now)
            accepted = []
            if len(owed) < len(rows):
                counts["withdrawn"] += len(rows) - len(owed)
                rows = [row for row in rows if row.pk in owed]
                if not rows:
                    continue
                email = _build(build_digest, rows)  # a digest with what is still owed
            email.connection = smtp
            try:
                email.send()
            except Exception as error:
                outcome, description, broken = classify(error)
                counts[_failed(rows, outcome, description, now)] += len(rows)
                if broken:
                    # The server is gone: give the rest back rather than fail them one by one.
                    counts["released"] += Reminder.objects.filter(
                        claim=token, state=State.SENDING
                    ).update(state=State.PENDING, lease_until=None, claim="", handed_at=None)
                    break
            else:
                accepted = [row.pk for row in rows]
                counts["sent"] += len(rows)
    finally:
        if accepted:
            _hand_over(token, [], accepted, now)
        smtp.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
    return counts


def _open_connection():
    """Opened here, so that sending does not open and close one per message."""
    smtp = get_connection()
    try:
        smtp.open()
    except Exception:
        # The first send meets the same failure, and classifies it for a retry.
        logger.warning("the SMTP server refused a connection")
    return smtp


def _failed(rows: list[Reminder], outcome: Outcome, description: str, now) -> str:
    for row in rows:
        row.attempts += 1
        if outcome is Outcome.PERMANENT or row.attempts >= settings.REMINDER_MAX_ATTEMPTS:
            _mark(row, State.DEAD, now, description)
        else:
            row.next_attempt_at = _retry_at(now, row.attempts)
            _mark(row, State.PENDING, now, description)
    return "dead" if rows[0].state == State.DEAD else "retried"


def _still_seen(rows: list[Reminder]) -> set[int]:
    """The rows whose record their reader may still see: an account is asked its record's
    for_user() (one query per kind of record and scope of reader in the chunk, not one per
    row); a directory person without an account has no scope, the directory decides."""
    seen = {row.pk for row in rows if row.recipient_id is None}
    groups = defaultdict(list)
    for row in rows:
        if row.recipient_id is not None and row.record is not None:
            groups[(row.target_type, scope_of(row.recipient))].append(row)
    for (target_type, _scope), group in groups.items():
        model = target_type.model_class()
        visible = set(
            model._default_manager.for_user(group[0].recipient)
            .filter(pk__in={row.target_id for row in group})
            .values_list("pk", flat=True)
        )
        seen.update(row.pk for row in group if row.target_id in visible)
    return seen


def load_records(rows: list[Reminder]) -> None:
    """One query per kind of record, not one per reminder."""
    by_type = defaultdict(list)
    for row in rows:
        by_type[row.target_type].append(row)
    for target_type, group in by_type.items():
        model = target_type.model_class()
        # A model may say what its messages need: model.objects.for_reminders().
        loader = getattr(model.objects, "for_reminders", None)
        queryset = loader() if loader else model.objects.all()
        targets = queryset.in_bulk([row.target_id for row in group])
        for row in group:
            row.record = targets.get(row.target_id)


def reminders_resend(*, reminders) -> int:
    """The admin's resend: dead or sent reminders go back in the queue, due now."""
    return reminders.filter(state__in=[State.DEAD, State.SENT]).update(
        state=State.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )


def reminders_mark_read(*, user, pks: list[int] | None = None) -> int:
    rows = Reminder.objects.unread_for(user)
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    return rows.update(read_at=timezone.now())


def status_counts() -> dict[str, int]:
    counts = dict.fromkeys(State.values, 0)
    rows = Reminder.objects.order_by().values_list("state").annotate(total=Count("pk"))
    counts.update(dict(rows))
    return counts
