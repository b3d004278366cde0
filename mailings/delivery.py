"""The worker side of a blast: write the delivery rows, claim them in batches, send, mark, reclaim.

The guarantees and how they are kept:

- *Once per person*: one `Delivery` row per (blast, user), unique in the database. A row is sent only
  by the worker that claimed it (`claimed_by`), and marked `sent` by its own UPDATE right after the
  SMTP server accepted the message. A worker killed between those two steps leaves one row that
  will be sent again, so a killed batch causes at most one duplicate.
- *Many workers*: batches are claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so parallel
  tasks never wait for each other nor take the same rows.
- *Dead workers*: rows claimed longer than `BLAST_CLAIM_STALE_SECONDS` go back to pending (beat,
  `recovery.py`).
  A live worker refreshes its claim while it works, and stops a batch as soon as one of its rows turns
  out to have been taken from it, so a slow worker cannot cause more than one duplicate either.
- *Consent*: a recipient is re-checked when the batch is claimed; who unsubscribed since is skipped.
- *Cancel*: the mark-as-sent UPDATE also reads the blast's status, so a worker stops at the next
  message without an extra query per message.
- *Rate*: a fixed one-minute window counter in the shared cache (Redis), taken in chunks (`rate.py`).
  While the cache is unreachable each task counts alone, at its share of the rate.
- *Outages*: a database error mid-batch leaves this worker's claimed rows behind; the task retries
  (tasks.py) and its next attempt first settles them: the one row whose message the SMTP server
  already accepted is marked sent (the attempt remembers it), the rest go back to pending. So a
  PostgreSQL restart delays a blast by seconds and sends nobody a message twice.
"""

from __future__ import annotations

import contextlib
import logging
import os
import smtplib
import socket
import time

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Max
from django.utils import timezone

from mailings import audiences, rendering
from mailings.models import Blast, Delivery
from mailings.rate import RateLimiter
from mailings.recovery import deliveries_reclaim_stale, deliveries_settle  # noqa: F401 - part of this API
from marketplace.models import User

log = logging.getLogger(__name__)

INSERT_CHUNK = 50_000  # user ids per INSERT ... SELECT
BLAST = Blast._meta.db_table
DELIVERY = Delivery._meta.db_table


class TemporaryFailure(Exception):
    """The SMTP server or the network said "not now": the batch goes back to pending, the task retries."""


class Interrupted(Exception):
    """The database failed mid-blast. `settle` is what the next attempt must settle first: the claims
    this attempt left behind and the rows whose message the SMTP server had already accepted."""

    def __init__(self, settle: dict):
        super().__init__(f"interrupted; to settle: {settle}")
        self.settle = settle


DATABASE_OUTAGE = (OperationalError, InterfaceError)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


# ---- 1. writing the rows --------------------------------------------------------------------------


def deliveries_prepare(*, blast_id: int) -> int:
    """Write one pending row per recipient (idempotent: existing rows are kept) and count them.

    Returns the number of recipients, or -1 when the blast is not sending (nothing to do).
    """
    blast = Blast.objects.filter(pk=blast_id).first()
    if blast is None or blast.status != Blast.Status.SENDING:
        return -1
    users = audiences.blast_audience(blast)
    highest = users.aggregate(highest=Max("pk"))["highest"] or 0
    for low in range(0, highest, INSERT_CHUNK):
        # One INSERT ... SELECT per range of user ids: the rows never travel through Python, and a
        # repeat (a redelivered task) inserts nothing thanks to the (blast, user) unique constraint.
        chunk = users.filter(pk__gt=low, pk__lte=low + INSERT_CHUNK).values(rcpt_id=F("pk"), rcpt_email=F("email"))
        select, params = chunk.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {DELIVERY} (blast_id, user_id, email, status, claimed_by, attempts, error)
                SELECT %s, audience.rcpt_id, audience.rcpt_email, %s, '', 0, '' FROM ({select}) AS audience WHERE true
                ON CONFLICT (blast_id, user_id) DO NOTHING
                """,
                [blast_id, Delivery.Status.PENDING, *params],
            )
    recipients = Delivery.objects.filter(blast_id=blast_id).count()
    Blast.objects.filter(pk=blast_id).update(recipients=recipients, prepared_at=timezone.now())
    # A blast cancelled while its rows were being written: cancel the rows just added too.
    if Blast.objects.filter(pk=blast_id, status=Blast.Status.CANCELLED).exists():
        Delivery.objects.filter(blast_id=blast_id, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.CANCELLED
        )
    return recipients


# ---- 2. claiming and sending (the rate: rate.py; settling and sweeping: recovery.py) ---------------


def deliveries_claim(*, blast_id: int, worker: str, size: int) -> list[tuple[int, int, str]]:
    """Take up to `size` pending rows for this worker: [(delivery_id, user_id, email)], in id order."""
    now = timezone.now()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                UPDATE {DELIVERY} SET status = %s, claimed_by = %s, claimed_at = %s
                WHERE id IN (
                    SELECT id FROM {DELIVERY} WHERE blast_id = %s AND status = %s
                    ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED
                )
                RETURNING id, user_id, email
                """,
                [Delivery.Status.CLAIMED, worker, now, blast_id, Delivery.Status.PENDING, size],
            )
            rows = cursor.fetchall()
        return sorted(rows)
    with transaction.atomic():  # SQLite: one writer at a time, so select-then-update is safe
        rows = list(
            Delivery.objects.filter(blast_id=blast_id, status=Delivery.Status.PENDING)
            .order_by("pk")
            .values_list("pk", "user_id", "email")[:size]
        )
        Delivery.objects.filter(pk__in=[row[0] for row in rows]).update(
            status=Delivery.Status.CLAIMED, claimed_by=worker, claimed_at=now
        )
    return rows


def _mark_sent(delivery_id: int, *, blast_id: int, worker: str) -> str | None:
    """Mark one of our rows sent; returns the blast's status now, or None if the row was no longer ours."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {DELIVERY} SET status = %s, sent_at = %s, attempts = attempts + 1, error = ''
            WHERE id = %s AND status = %s AND claimed_by = %s
            RETURNING (SELECT status FROM {BLAST} WHERE id = %s)
            """,
            [Delivery.Status.SENT, now, delivery_id, Delivery.Status.CLAIMED, worker, blast_id],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _mark(ids, status: str, *, worker: str, error: str = "", bump_attempts: bool = False) -> int:
    if not ids:
        return 0
    changes = {"status": status, "error": error[:300]}
    if status == Delivery.Status.PENDING:
        changes.update(claimed_by="", claimed_at=None)
    if bump_attempts:
        changes["attempts"] = F("attempts") + 1
    return Delivery.objects.filter(pk__in=list(ids), status=Delivery.Status.CLAIMED, claimed_by=worker).update(
        **changes
    )


def _smtp_error(exc: Exception) -> tuple[bool, str]:
    """(permanent?, reason) for an exception raised while sending one message."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        reasons = [f"{code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}" for code, msg in
                   exc.recipients.values()]  # fmt: skip
        return True, "; ".join(reasons) or "recipient refused"
    if isinstance(exc, smtplib.SMTPResponseException):
        message = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return 500 <= exc.smtp_code < 600, f"{exc.smtp_code} {message}"
    return False, f"{type(exc).__name__}: {exc}"  # disconnected, refused connection, timeout: try again later


class BatchSender:
    """Sends claimed batches of one blast over one SMTP connection per batch."""

    def __init__(self, blast: Blast, *, worker: str, limiter: RateLimiter | None = None):
        self.blast = blast
        self.worker = worker
        self.rendered = rendering.blast_render(blast)
        self.wire = rendering.WireTemplate(self.rendered)
        self.limiter = limiter or RateLimiter(settings.BLAST_RATE_PER_MINUTE)
        self.stale_after = settings.BLAST_CLAIM_STALE_SECONDS
        self.url_prefix = rendering.unsubscribe_url(user_id=0, blast_id=0).rsplit("/", 2)[0] + "/"
        # The row whose message the SMTP server accepted and which is not marked sent yet: only ever
        # one, and the one to settle as sent if the database fails before the mark.
        self.accepted_unmarked: int | None = None

    def _unsubscribe_url(self, user_id: int) -> str:
        return f"{self.url_prefix}{rendering.unsubscribe_token(user_id=user_id, blast_id=self.blast.pk)}/"

    def send(self, rows: list[tuple[int, int, str]]) -> dict[str, int]:
        """Send one claimed batch. Raises TemporaryFailure after putting its unsent rows back."""
        counts = {"sent": 0, "failed": 0, "skipped": 0, "cancelled": 0}
        allowed = set(
            User.objects.filter(pk__in=[user_id for _, user_id, _ in rows], marketing_opt_in=True, is_active=True)
            .values_list("pk", flat=True)
        )  # fmt: skip
        skipped = [delivery_id for delivery_id, user_id, _ in rows if user_id not in allowed]
        counts["skipped"] = _mark(skipped, Delivery.Status.SKIPPED, worker=self.worker, error="Tidak lagi berlangganan")
        todo = [row for row in rows if row[1] in allowed]
        if not todo:
            return counts

        remaining = {row[0] for row in todo}
        last_touch = time.monotonic()

        def keep_claim():
            nonlocal last_touch
            if time.monotonic() - last_touch > self.stale_after / 4:
                Delivery.objects.filter(
                    pk__in=list(remaining), status=Delivery.Status.CLAIMED, claimed_by=self.worker
                ).update(claimed_at=timezone.now())
                last_touch = time.monotonic()

        smtp = get_connection()
        try:
            smtp.open()
        except (smtplib.SMTPException, OSError) as exc:
            _mark(remaining, Delivery.Status.PENDING, worker=self.worker, error=_smtp_error(exc)[1])
            raise TemporaryFailure(str(exc)) from exc
        # With Django's SMTP backend, send prebuilt bytes on its connection (see WireTemplate).
        raw_smtp = smtp.connection if isinstance(smtp, SmtpBackend) else None
        try:
            for delivery_id, user_id, email in todo:
                self.limiter.take(idle=keep_claim)
                keep_claim()
                url = self._unsubscribe_url(user_id)
                message_id = rendering.delivery_message_id(blast_id=self.blast.pk, delivery_id=delivery_id)
                data = (
                    self.wire.for_recipient(to=email, unsubscribe_url=url, message_id=message_id) if raw_smtp else None
                )
                try:
                    if data is not None:
                        raw_smtp.sendmail(self.wire.from_email, [email], data)
                    else:
                        self.rendered.message(
                            to=email, unsubscribe_url=url, connection=smtp, message_id=message_id
                        ).send()
                except (smtplib.SMTPException, OSError) as exc:
                    permanent, reason = _smtp_error(exc)
                    if not permanent:
                        _mark(remaining, Delivery.Status.PENDING, worker=self.worker, error=reason)
                        raise TemporaryFailure(reason) from exc
                    _mark([delivery_id], Delivery.Status.FAILED, worker=self.worker, error=reason, bump_attempts=True)
                    remaining.discard(delivery_id)
                    counts["failed"] += 1
                    continue
                remaining.discard(delivery_id)
                self.accepted_unmarked = delivery_id
                status = _mark_sent(delivery_id, blast_id=self.blast.pk, worker=self.worker)
                self.accepted_unmarked = None
                if status is None:
                    # Our claim was taken (we were too slow and the sweep gave the rows away): stop here.
                    log.warning("Blast %s: claim of %s lost, leaving the batch", self.blast.pk, self.worker)
                    return counts
                counts["sent"] += 1
                if status == Blast.Status.CANCELLED:
                    counts["cancelled"] = _mark(remaining, Delivery.Status.CANCELLED, worker=self.worker)
                    return counts
        finally:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.close()
        return counts


def blast_send_batches(
    *, blast_id: int, worker: str | None = None, batch_size: int | None = None, settle: dict | None = None
) -> int:
    """Claim and send batches until none is left, then mark the blast sent. Returns messages sent.

    `settle` comes from an earlier attempt that the database interrupted (see `Interrupted`); a
    database error here raises `Interrupted` with what the next attempt must settle.
    """
    worker = worker or worker_name()
    settle = settle or {"claimers": [], "sent": []}
    senders: list[BatchSender] = []  # the sender of this attempt, once made: it knows the unmarked row
    try:
        deliveries_settle(claimers=settle["claimers"], sent=settle["sent"])
        settle = {"claimers": [], "sent": []}
        return _send_until_done(blast_id=blast_id, worker=worker, batch_size=batch_size, senders=senders)
    except DATABASE_OUTAGE as exc:
        accepted = [s.accepted_unmarked for s in senders if s.accepted_unmarked]
        raise Interrupted({"claimers": [*settle["claimers"], worker], "sent": [*settle["sent"], *accepted]}) from exc


def _send_until_done(*, blast_id: int, worker: str, batch_size: int | None, senders: list) -> int:
    batch_size = batch_size or settings.BLAST_BATCH_SIZE
    blast = Blast.objects.select_related("campaign").filter(pk=blast_id).first()
    if blast is None:
        return 0
    if blast.status == Blast.Status.CANCELLED:
        Delivery.objects.filter(blast_id=blast_id, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.CANCELLED
        )
        return 0
    if blast.status != Blast.Status.SENDING:
        return 0
    sender = BatchSender(blast, worker=worker)
    senders.append(sender)
    sent = 0
    with asynchronous_commit():
        while True:
            if Blast.objects.filter(pk=blast_id, status=Blast.Status.CANCELLED).exists():
                Delivery.objects.filter(blast_id=blast_id, status=Delivery.Status.PENDING).update(
                    status=Delivery.Status.CANCELLED
                )
                return sent
            rows = deliveries_claim(blast_id=blast_id, worker=worker, size=batch_size)
            if not rows:
                blast_finish_if_done(blast_id=blast_id)
                return sent
            sent += sender.send(rows)["sent"]


@contextlib.contextmanager
def asynchronous_commit():
    """On PostgreSQL, don't wait for the WAL flush on each per-message commit while sending.

    Marking a row sent is one commit per message; waiting for the disk on each would make the
    database, not SMTP, the bottleneck. With `synchronous_commit = off` a commit is still atomic and
    ordered; only a crash of the PostgreSQL *server* can forget the last few hundred milliseconds of
    marks, and those messages would be sent again. A crashed *worker* loses nothing, so the
    one-duplicate-per-killed-batch bound holds. Reset afterwards: the connection is reused.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with contextlib.suppress(Exception), connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def blast_finish_if_done(*, blast_id: int) -> bool:
    """Mark a sending blast sent once no row is pending or claimed (idempotent)."""
    if Delivery.objects.filter(
        blast_id=blast_id, status__in=[Delivery.Status.PENDING, Delivery.Status.CLAIMED]
    ).exists():
        return False
    return bool(
        Blast.objects.filter(pk=blast_id, status=Blast.Status.SENDING, prepared_at__isnull=False).update(
            status=Blast.Status.SENT, finished_at=timezone.now()
        )
    )
