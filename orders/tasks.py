"""Celery tasks for orders: thin, idempotent, ids in."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from orders.services import email, lifecycle


@shared_task(acks_late=True, autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=8)
def send_email(email_id: int) -> None:
    email.email_send(email_id=email_id)  # does nothing if already sent


@shared_task
def send_pending_email() -> int:
    """The outbox sweep: send what was never handed to a worker (broker down at commit time)."""
    ids = email.email_unsent_ids()
    for email_id in ids:
        send_email.delay(email_id)
    return len(ids)


@shared_task
def cancel_expired_orders() -> int:
    return lifecycle.orders_cancel_expired(now=timezone.now())
