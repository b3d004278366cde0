"""The transactional email outbox: a row per message, written in the caller's transaction.

Rows are sent by a task enqueued on commit (rendered first if written as kind and ids only); a beat
task sweeps whatever is still unsent (Redis was down, a worker died), so an order's email is never
lost.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from marketplace.rows import rows_insert
from marketplace.text import one_line
from orders.models import OutgoingEmail

log = logging.getLogger(__name__)


def email_render(*, kind: str, to: str, context: dict, order=None) -> OutgoingEmail:
    """An unsaved outbox row with subject, plain text and HTML rendered from orders/email/<kind>.*"""
    context = {**context, "site_url": settings.SITE_URL}
    # One line: a shop or product name holding a newline must not break the header (and the send).
    subject = one_line(render_to_string(f"orders/email/{kind}_subject.txt", context))
    return OutgoingEmail(
        kind=kind,
        order=order,
        to=to,
        subject=subject[:200],
        body_text=render_to_string(f"orders/email/{kind}.txt", context),
        body_html=render_to_string(f"orders/email/{kind}.html", context),
    )


def email_enqueue(emails: list[OutgoingEmail]) -> list[OutgoingEmail]:
    """Save the rows (one query) and send each after the surrounding transaction commits."""
    rows_insert(emails)
    emails_send_after_commit(emails)
    return emails


def emails_send_after_commit(saved: list[OutgoingEmail]) -> None:
    """Send the saved rows once the surrounding transaction commits (checkout saves its own with the
    order's other rows, in one statement)."""
    if not saved:
        return
    ids = [email.pk for email in saved]

    def enqueue():
        from orders.tasks import send_emails

        send_emails.delay(ids)  # one message on the broker per transaction, not one per email

    # robust: if the broker is down the order still stands; the beat sweep sends it later.
    transaction.on_commit(enqueue, robust=True)


class AcceptedButUnmarked(Exception):
    """The SMTP server accepted the message but the database failed before the row was marked sent.

    The caller (a task) keeps `email_id` and marks the row on its next attempt instead of sending
    again: that is how a database restart mid-send stays free of duplicates.
    """

    def __init__(self, email_id: int):
        super().__init__(f"email {email_id} accepted by the SMTP server, not marked sent")
        self.email_id = email_id


def email_message_id(email_id: int) -> str:
    """The same Message-ID on every attempt, so a repeat is recognisable as one."""
    return f"<outbox-{email_id}@{DNS_NAME}>"


def email_send(*, email_id: int) -> bool:
    """Send one outbox row unless it was already sent. Returns whether it sent now.

    The row stays locked while the message goes out, so two workers never send it twice. A failure
    is counted after the rollback (inside the transaction the count would be rolled back with it),
    so the sweep can give up on an address that keeps failing. If the database fails after the SMTP
    server accepted the message, `AcceptedButUnmarked` says so.
    """
    accepted = False
    try:
        _render_once(email_id)
        with transaction.atomic():
            email = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id, sent_at=None).first()
            if email is None:
                return False  # sent already, or another worker holds it right now
            message = EmailMultiAlternatives(
                subject=email.subject,
                body=email.body_text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email.to],
                headers={"Message-ID": email_message_id(email.pk)},
            )
            message.attach_alternative(email.body_html, "text/html")
            message.send()
            accepted = True
            email.sent_at = timezone.now()
            email.attempts += 1
            email.last_error = ""
            email.save(update_fields=["sent_at", "attempts", "last_error"])
    except (OperationalError, InterfaceError) as exc:
        if accepted:
            raise AcceptedButUnmarked(email_id) from exc
        raise  # the database is gone: counting the attempt would fail too
    except Exception as exc:
        OutgoingEmail.objects.filter(pk=email_id, sent_at=None).update(
            attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:255]
        )
        raise
    return True


def _render_once(email_id: int) -> None:
    """Render and store a row written unrendered (orders/services/order_emails.py), in its own transaction.

    Stored before the send, so a retry sends exactly this text; a row already rendered is left alone.
    """
    from orders.services.order_emails import order_email_render

    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id, sent_at=None, subject="")
        email = email.first()
        if email is None:
            return
        rendered = order_email_render(email)
        email.subject, email.body_text, email.body_html = rendered.subject, rendered.body_text, rendered.body_html
        email.save(update_fields=["subject", "body_text", "body_html"])


def emails_mark_accepted(*, email_ids: list[int]) -> int:
    """Mark rows sent whose message an interrupted attempt saw accepted (see AcceptedButUnmarked)."""
    if not email_ids:
        return 0
    return OutgoingEmail.objects.filter(pk__in=email_ids, sent_at=None).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )


def email_unsent_ids(*, older_than_seconds: int = 60, limit: int = 500) -> list[int]:
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        OutgoingEmail.objects.filter(sent_at=None, created_at__lte=cutoff, attempts__lt=10)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
