"""Celery tasks for orders: thin, idempotent, ids in."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from orders.services import email, lifecycle, tracking


@shared_task(acks_late=True, autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=8)
def send_email(email_id: int) -> None:
    email.email_send(email_id=email_id)  # does nothing if already sent


@shared_task(acks_late=True, autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=8)
def send_emails(email_ids: list[int]) -> None:
    """The emails one transaction wrote (an order's confirmation and shop notices). A retry after a
    failure skips those already sent, so nobody gets a message twice."""
    for email_id in email_ids:
        email.email_send(email_id=email_id)


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


@shared_task
def track_shipments() -> int:
    """The tracking poll: ask the courier about every shipped parcel (when a provider is set)."""
    if not tracking.tracking_enabled():
        return 0
    ids = tracking.shipments_to_track()
    for shipment_id in ids:
        tracking.shipment_track(shipment_id=shipment_id)
    return len(ids)
