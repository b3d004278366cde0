"""The reconcile sweep: the provider's status answers for charges whose notification never came.

A notification can be lost (our server down, a network error after Midtrans' retries ran out); the
buyer has paid all the same. The beat task asks the status API for every charge still open after a
quiet period, acts on the answer exactly as a notification would, and resends pending refunds.
"""

import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from marketplace.errors import DomainError
from orders.models import Order, PaymentCharge
from orders.services.charges import charge_cancel, charge_refresh
from orders.services.lifecycle import orders_cancel_expired
from orders.services.refunds import refunds_retry

log = logging.getLogger(__name__)
JAKARTA = ZoneInfo("Asia/Jakarta")
BATCH = 200


def payments_reconcile(*, now: datetime, quiet_for: timedelta = timedelta(minutes=5)) -> dict:
    """One pass; safe to run twice. Returns counts for the task log."""
    since = now - quiet_for
    open_charges = (
        PaymentCharge.objects.filter(status=PaymentCharge.Status.PENDING)
        .filter(Q(checked_at__isnull=True, created_at__lt=since) | Q(checked_at__lt=since))
        .exclude(provider="test")
        .select_related("payment__order")
        .order_by("checked_at", "pk")[:BATCH]
    )
    checked = failed = 0
    for charge in open_charges:
        try:
            if charge.payment.order.status == Order.Status.CANCELLED:
                charge_cancel(charge=charge)
            else:
                charge_refresh(charge=charge)
            checked += 1
        except DomainError as exc:
            failed += 1
            log.warning("Reconcile of %s failed: %s", charge, exc)
    return {"charges_checked": checked, "charges_failed": failed, "refunds_done": refunds_retry(now=now)}


def orders_expire(*, now: datetime) -> int:
    """Before cancelling overdue orders, ask about their open charges: a payment whose notification is
    late must pay the order, not be refunded after a cancellation."""
    overdue = PaymentCharge.objects.filter(
        status=PaymentCharge.Status.PENDING,
        payment__order__status=Order.Status.AWAITING_PAYMENT,
        payment__order__payment_deadline__lt=now,
    ).exclude(provider="test")
    for charge in overdue.order_by("pk")[:BATCH]:
        try:
            charge_refresh(charge=charge)
        except DomainError as exc:
            log.warning("Status of overdue %s unknown: %s", charge, exc)
    return orders_cancel_expired(now=now)


def payments_check_day(*, day: date) -> int:
    """The daily pass behind the reconciliation report: ask the provider about every charge of a
    Jakarta day (paid ones too), so that the report compares today's answers with our records."""
    start = datetime.combine(day, time.min, tzinfo=JAKARTA)
    day_charges = (
        PaymentCharge.objects.filter(created_at__gte=start, created_at__lt=start + timedelta(days=1))
        .exclude(provider="test")
        .order_by("pk")
    )
    checked = 0
    for charge in day_charges:
        try:
            charge_refresh(charge=charge)
        except DomainError as exc:
            log.warning("Reconciliation: %s refused: %s", charge, exc)
        checked += 1
    return checked
