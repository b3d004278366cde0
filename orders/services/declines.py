"""A shop cancels its own part of a paid order: it declines it (reason required), or it let the
ship-by deadline pass (the beat task).

Only that shipment is cancelled. Its stock and campaign quota come back through the same helper an
order cancellation uses (`lifecycle.lines_give_back`), its lines leave the sales ledger, and the
buyer gets that shipment's amount (goods plus its shipping fee) back as a partial refund, which
also reverses the shop's money ledger (`refunds.refund_shipment`). The rest of the order goes on;
its status is derived again from the shipments left.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, ValidationError
from orders.models import Order, OrderLine, Shipment
from orders.services.email import email_enqueue, email_render
from orders.services.ledger import jakarta, ledger_remove_shipment
from orders.services.lifecycle import lines_give_back, order_event_record, order_status_refresh
from orders.services.refunds import refund_shipment

WEEKEND = (5, 6)  # Saturday, Sunday


def ship_by(paid_at: datetime) -> datetime:
    """The moment a paid shipment must have shipped: `AFTERSALES_SHIP_BY_WORKING_DAYS` working days
    (Monday to Friday, Jakarta time) after payment, at the same time of day."""
    at = timezone.localtime(paid_at, jakarta())
    left = settings.AFTERSALES_SHIP_BY_WORKING_DAYS
    while left > 0:
        at += timedelta(days=1)
        if at.weekday() not in WEEKEND:
            left -= 1
    return at


def shipment_decline(*, shipment: Shipment, actor, reason: str, now: datetime | None = None) -> Shipment:
    """Cancel a paid shipment that has not shipped and refund it. `actor` None: the deadline sweep."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Alasan pembatalan wajib diisi.")]})
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("buyer").get(pk=shipment.order_id)
        shipment = Shipment.objects.select_for_update().select_related("seller").get(pk=shipment.pk)
        if order.paid_at is None or order.status == Order.Status.CANCELLED:
            raise ConflictError(
                _("Pesanan berstatus %(status)s; tidak bisa ditolak.") % {"status": order.get_status_display()}
            )
        if shipment.status != Shipment.Status.PENDING:
            raise ConflictError(
                _("Pengiriman berstatus %(status)s; tidak bisa ditolak.") % {"status": shipment.get_status_display()}
            )
        lines_give_back(OrderLine.objects.filter(shipment=shipment))
        ledger_remove_shipment(shipment=shipment)
        shipment.status, shipment.cancelled_at = Shipment.Status.CANCELLED, now
        shipment.save(update_fields=["status", "cancelled_at"])
        note = (_("Ditolak toko: %(reason)s") if actor else _("Tidak dikirim sebelum batas waktu: %(reason)s")) % {
            "reason": reason
        }
        order_event_record(
            order, actor=actor, from_status=Shipment.Status.PENDING, to_status=shipment.status, note=note,
            shipment=shipment,
        )  # fmt: skip
        refund_shipment(shipment=shipment, reason=note[:255], actor=actor)
        order_status_refresh(order, actor=actor, note=note)
        email_enqueue(
            [
                email_render(
                    kind="shipment_declined",
                    to=order.buyer.email,
                    context={
                        "order": order,
                        "shipment": shipment,
                        "lines": list(shipment.lines.all()),
                        "reason": reason,
                        "amount": shipment.buyer_amount,
                    },
                    order=order,
                )
            ]
        )
    return shipment


def shipments_decline_overdue(*, now: datetime | None = None) -> int:
    """The beat task: cancel paid shipments not shipped by their ship-by deadline. Safe to run twice."""
    now = now or timezone.now()
    # No deadline is shorter than its number of calendar days: a cheap first cut, exact check below.
    candidates = (
        Shipment.objects.filter(
            status=Shipment.Status.PENDING,
            order__paid_at__lte=now - timedelta(days=settings.AFTERSALES_SHIP_BY_WORKING_DAYS),
        )
        .exclude(order__status=Order.Status.CANCELLED)
        .select_related("order")
        .order_by("pk")
    )
    declined = 0
    for shipment in candidates.iterator():
        if ship_by(shipment.order.paid_at) > now:
            continue
        try:
            shipment_decline(shipment=shipment, actor=None, reason=_("batas waktu kirim lewat"), now=now)
        except ConflictError:
            continue  # shipped or cancelled meanwhile
        declined += 1
    return declined
