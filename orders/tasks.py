"""Celery tasks for orders: thin, idempotent, ids in.

SMTP errors retry with Celery's backoff; a database or broker outage retries sooner and capped
(marketplace/retry.py). A message the SMTP server accepted just before the database failed is
remembered in the retry (`accepted`) and marked sent there, not sent again.
"""

from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from marketplace.errors import DomainError
from marketplace.retry import OUTAGE_ERRORS, backoff
from orders.models import PaymentCharge
from orders.services import charges, email, reconcile, refunds, tracking

SMTP_ERRORS = (SMTPException, OSError)


@shared_task(bind=True, acks_late=True, autoretry_for=SMTP_ERRORS, retry_backoff=True, max_retries=8)
def send_email(self, email_id: int, accepted: list[int] | None = None) -> None:
    _send(self, [email_id], accepted, args=(email_id,))


@shared_task(bind=True, acks_late=True, autoretry_for=SMTP_ERRORS, retry_backoff=True, max_retries=8)
def send_emails(self, email_ids: list[int], accepted: list[int] | None = None) -> None:
    """The emails one transaction wrote (an order's confirmation and shop notices). A retry after a
    failure skips those already sent, so nobody gets a message twice."""
    _send(self, email_ids, accepted, args=(email_ids,))


def _send(task, email_ids: list[int], accepted: list[int] | None, *, args: tuple) -> None:
    accepted = list(accepted or [])
    try:
        email.emails_mark_accepted(email_ids=accepted)
        accepted = []
        for email_id in email_ids:
            email.email_send(email_id=email_id)  # does nothing if already sent
    except email.AcceptedButUnmarked as exc:
        accepted.append(exc.email_id)
        raise task.retry(
            exc=exc,
            args=(task.request.args[0],),
            kwargs={"accepted": accepted},
            countdown=backoff(task.request.retries),
        ) from exc
    except OUTAGE_ERRORS as exc:
        raise task.retry(
            exc=exc,
            args=(task.request.args[0],),
            kwargs={"accepted": accepted},
            countdown=backoff(task.request.retries),
        ) from exc


@shared_task(autoretry_for=OUTAGE_ERRORS, retry_backoff=1, retry_backoff_max=10, max_retries=3)
def send_pending_email() -> int:
    """The outbox sweep: send what was never handed to a worker (broker down at commit time)."""
    ids = email.email_unsent_ids(older_than_seconds=settings.OUTBOX_SWEEP_SECONDS)
    for email_id in ids:
        send_email.delay(email_id)
    return len(ids)


@shared_task(autoretry_for=OUTAGE_ERRORS, retry_backoff=1, retry_backoff_max=10, max_retries=3)
def cancel_expired_orders() -> int:
    return reconcile.orders_expire(now=timezone.now())


@shared_task(acks_late=True)
def execute_refund(refund_id: int) -> str:
    """Send one refund to the provider; a timeout leaves it pending for the sweep (same refund_key)."""
    return refunds.refund_execute(refund_id=refund_id).status


@shared_task(acks_late=True)
def cancel_charge(charge_id: int) -> str:
    """Withdraw the open charge of a cancelled order; the reconcile sweep retries when the provider is down."""
    charge = PaymentCharge.objects.filter(pk=charge_id).first()
    if charge is None:
        return "gone"
    try:
        return charges.charge_cancel(charge=charge)
    except DomainError as exc:
        return str(exc)


@shared_task
def reconcile_payments() -> dict:
    """Ask the provider about open charges whose notification may be lost, and resend pending refunds."""
    return reconcile.payments_reconcile(now=timezone.now())


@shared_task
def check_yesterdays_payments() -> int:
    """Daily: the provider's answers for yesterday's charges, for the staff reconciliation report."""
    yesterday = timezone.localdate() - timedelta(days=1)
    return reconcile.payments_check_day(day=yesterday)


@shared_task
def track_shipments() -> int:
    """The tracking poll: ask the courier about every shipped parcel (when a provider is set)."""
    if not tracking.tracking_enabled():
        return 0
    ids = tracking.shipments_to_track()
    for shipment_id in ids:
        tracking.shipment_track(shipment_id=shipment_id)
    return len(ids)


# After-sales deadlines live in their own module; importing it here lets Celery's autodiscovery find them.
from orders.tasks_aftersales import (  # noqa: E402, F401
    complete_due_shipments,
    decline_overdue_shipments,
    enforce_complaint_deadlines,
)
