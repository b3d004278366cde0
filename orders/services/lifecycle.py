"""An order's life after checkout: payment, cancellation, shipping, delivery.

Each change locks the order row, checks the current status, writes an OrderEvent, and queues the
email it implies in the same transaction.
"""

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.couriers import tracking_url
from marketplace.errors import ConflictError, NotAllowed, ValidationError
from marketplace.pricing import pricing_backend
from marketplace.text import name_errors
from orders.models import Courier, Order, OrderEvent, OrderLine, Payment, PaymentCharge, Shipment
from orders.money import money_ledger
from orders.services.email import email_enqueue, email_render
from orders.services.ledger import ledger_record_order, ledger_remove_order
from orders.vouchers import voucher_backend
from sellers.models import SellerMember
from sellers.services_variants import stock_return

CANCELLABLE = (Order.Status.AWAITING_PAYMENT, Order.Status.PAID)


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def order_event_record(order, *, actor, from_status, to_status, note="", shipment=None):
    """One line of the order's timeline (the buyer's and the shop's order pages show it)."""
    OrderEvent.objects.create(
        order=order, shipment=shipment, actor=actor, from_status=from_status, to_status=to_status, note=note[:255]
    )


def order_mark_paid(*, order: Order, method: str, reference: str = "", actor=None) -> Order:
    """Settle an order. Paying an order that is already paid does nothing (providers repeat)."""
    with transaction.atomic():
        order = _locked(order)
        if order.status != Order.Status.AWAITING_PAYMENT:
            if order.paid_at is not None and order.status != Order.Status.CANCELLED:
                return order  # a repeat: already paid
            raise ConflictError(
                _("Pesanan berstatus %(status)s, tidak bisa dibayar.") % {"status": order.get_status_display()}
            )
        now = timezone.now()
        order.status, order.paid_at = Order.Status.PAID, now
        order.save(update_fields=["status", "paid_at"])
        ledger_record_order(order=order)
        money_ledger().order_paid(order=order)
        Payment.objects.filter(order=order).update(
            status=Payment.Status.PAID, method=method, reference=reference[:100], paid_at=now
        )
        order_event_record(
            order,
            actor=actor,
            from_status=Order.Status.AWAITING_PAYMENT,
            to_status=order.status,
            note=f"Dibayar ({method})",
        )
    return order


def order_settle_free(order: Order) -> None:
    """An order its vouchers paid whole (Rp 0 to pay) is paid when placed: Midtrans charges no Rp 0,
    and a buyer should not see a payment deadline for nothing. `order` is checkout's own instance,
    kept in step so that its answer shows the order paid."""
    paid = order_mark_paid(order=order, method=Payment.Method.VOUCHER, reference=order.voucher_codes)
    order.status, order.paid_at = paid.status, paid.paid_at
    order.payment.status, order.payment.method, order.payment.paid_at = (
        Payment.Status.PAID,
        Payment.Method.VOUCHER,
        paid.paid_at,
    )


def lines_give_back(lines) -> None:
    """Put order lines' units back in stock and their campaign units back in the quota: what a
    cancellation does, for a whole order or one shop's shipment of it (orders/services/declines.py)."""
    lines = list(lines.only("product_id", "variant_id", "quantity", "campaign_id", "order_id"))
    if not lines:
        return
    order_lines_restock(lines)
    pricing_backend().release(lines)


def order_cancel(
    *, order: Order, actor=None, note: str = "Dibatalkan pembeli", payment_status=None, unpaid_only: bool = False
) -> Order:
    """Cancel before any shipment has shipped; stock and campaign quota come back.

    `unpaid_only` is for the expiry sweep and a provider's expire/cancel/deny: the status is read
    again under the row lock, so an order paid a moment ago is refused instead of cancelled.
    """
    with transaction.atomic():
        order = _locked(order)
        if unpaid_only and order.status != Order.Status.AWAITING_PAYMENT:
            raise ConflictError(
                _("Pesanan sudah %(status)s, tidak dibatalkan.") % {"status": order.get_status_display()}
            )
        if order.status not in CANCELLABLE:
            raise ConflictError(
                _("Pesanan berstatus %(status)s, tidak bisa dibatalkan.") % {"status": order.get_status_display()}
            )
        if order.shipments.exclude(status__in=(Shipment.Status.PENDING, Shipment.Status.CANCELLED)).exists():
            raise ConflictError(_("Sebagian pesanan sudah dikirim, tidak bisa dibatalkan."))
        was_paid = order.status == Order.Status.PAID
        # A shipment its shop declined earlier gave its part back then.
        lines_give_back(OrderLine.objects.filter(order=order).exclude(shipment__status=Shipment.Status.CANCELLED))
        if was_paid:
            ledger_remove_order(order=order)
        live = list(order.shipments.exclude(status=Shipment.Status.CANCELLED))
        voucher_backend().release(order=order)
        previous = order.status
        order.status, order.cancelled_at = Order.Status.CANCELLED, timezone.now()
        order.save(update_fields=["status", "cancelled_at"])
        order.shipments.exclude(status=Shipment.Status.CANCELLED).update(
            status=Shipment.Status.CANCELLED, cancelled_at=order.cancelled_at
        )
        if was_paid:
            for shipment in live:
                money_ledger().shipment_refunded(shipment=shipment, amount=None, key=f"cancel:{shipment.pk}", note=note)
        if payment_status is None:
            payment_status = Payment.Status.REFUND_PENDING if was_paid else Payment.Status.CANCELLED
        Payment.objects.filter(order=order).update(status=payment_status)
        order_event_record(order, actor=actor, from_status=previous, to_status=order.status, note=note)
        _settle_payment_of_cancelled(order, was_paid=was_paid, note=note, actor=actor)
        outbox = [
            email_render(
                kind="order_cancelled", to=order.buyer.email, context={"order": order, "note": note}, order=order
            )
        ]
        if was_paid:
            # The shops saw this order once it was paid and may be packing it: tell them not to ship.
            members = SellerMember.objects.filter(seller__shipments__order=order).select_related("seller", "user")
            outbox += [
                email_render(
                    kind="order_cancelled_seller",
                    to=member.user.email,
                    context={"order": order, "seller": member.seller, "note": note},
                    order=order,
                )
                for member in members
            ]
        email_enqueue(outbox)
    return order


def order_lines_restock(lines) -> None:
    """Give the units of these order lines back to their variants' stock (cancellation, returns)."""
    quantities: dict[int, int] = {}
    for line in lines:
        quantities[line.variant_id] = quantities.get(line.variant_id, 0) + line.quantity
    stock_return(quantities)


def _settle_payment_of_cancelled(order: Order, *, was_paid: bool, note: str, actor) -> None:
    """A paid order's money goes back through the provider; an unpaid one's open charge is withdrawn."""
    from orders.services.refunds import OPEN as REFUNDS_OPEN
    from orders.services.refunds import refund_request

    payment = Payment.objects.get(order=order)
    if was_paid:
        # Refunds still on their way (a shop's decline) count: when they cover all the buyer paid, as
        # when the shipments left were paid by vouchers' funders alone, nothing more goes back.
        on_the_way = payment.refunds.filter(status__in=REFUNDS_OPEN).aggregate(total=Sum("amount"))["total"] or 0
        if payment.refunded_amount + on_the_way < payment.amount:
            refund_request(payment=payment, amount=None, reason=note, refund_key=f"{order.number}-batal", actor=actor)
        return
    live = list(payment.charges.filter(status=PaymentCharge.Status.PENDING).values_list("pk", flat=True))
    if live:
        from orders.tasks import cancel_charge

        # robust: with the broker down the reconcile sweep withdraws it.
        transaction.on_commit(lambda: [cancel_charge.delay(charge_id) for charge_id in live], robust=True)


def orders_cancel_expired(*, now) -> int:
    """Cancel unpaid orders past their payment deadline (the beat task); stock comes back."""
    cancelled = 0
    for order in Order.objects.filter(status=Order.Status.AWAITING_PAYMENT, payment_deadline__lt=now).order_by("pk"):
        try:
            order_cancel(
                order=order,
                note="Batas waktu pembayaran lewat",
                payment_status=Payment.Status.EXPIRED,
                unpaid_only=True,
            )
            cancelled += 1
        except ConflictError:
            continue  # paid or cancelled meanwhile
    return cancelled


def order_status_refresh(order: Order, *, actor, note: str) -> None:
    """Derive the order's status from its shipments. The event is the order's own (no shipment),
    so the log tells an order that became `delivered` apart from a shipment that did.

    A shipment a shop declined is left out: the rest of the order goes on without it."""
    S = Shipment.Status
    statuses = [s for s in order.shipments.values_list("status", flat=True) if s != S.CANCELLED]
    if not statuses:
        new = Order.Status.CANCELLED
    elif all(s in (S.COMPLETED, S.RETURNED) for s in statuses):
        new = Order.Status.COMPLETED
    elif all(s in (S.DELIVERED, S.COMPLETED) for s in statuses):
        new = Order.Status.DELIVERED
    elif all(s in (S.SHIPPED, S.DELIVERED, S.COMPLETED) for s in statuses):
        new = Order.Status.SHIPPED
    elif all(s == S.PENDING for s in statuses):
        new = Order.Status.PAID
    else:
        new = Order.Status.PARTIALLY_SHIPPED
    if new != order.status:
        previous, order.status = order.status, new
        fields = ["status"]
        if new == Order.Status.CANCELLED:
            order.cancelled_at = timezone.now()
            fields.append("cancelled_at")
        order.save(update_fields=fields)
        order_event_record(order, actor=actor, from_status=previous, to_status=new, note=note)


def shipment_ship(*, shipment: Shipment, actor, courier: str, tracking_number: str) -> Shipment:
    tracking_number = (tracking_number or "").strip()
    if courier not in Courier.values:
        raise ValidationError(
            {"courier": [_("Pilih salah satu: %(choices)s.") % {"choices": ", ".join(Courier.values)}]}
        )
    if not tracking_number:
        raise ValidationError({"tracking_number": [_("Nomor resi wajib diisi.")]})
    if errors := name_errors({"tracking_number": tracking_number}):  # sent to the courier, shown in emails
        raise ValidationError(errors)
    with transaction.atomic():
        order = _locked(shipment.order)
        shipment = Shipment.objects.select_for_update().select_related("seller").get(pk=shipment.pk)
        if order.status not in (Order.Status.PAID, Order.Status.PARTIALLY_SHIPPED):
            raise ConflictError(
                _("Pesanan berstatus %(status)s; kirim setelah dibayar.") % {"status": order.get_status_display()}
            )
        if shipment.status != Shipment.Status.PENDING:
            raise ConflictError(_("Pengiriman berstatus %(status)s.") % {"status": shipment.get_status_display()})
        shipment.status, shipment.courier, shipment.tracking_number = Shipment.Status.SHIPPED, courier, tracking_number
        shipment.shipped_at = timezone.now()
        shipment.save(update_fields=["status", "courier", "tracking_number", "shipped_at"])
        order_event_record(
            order,
            actor=actor,
            from_status=Shipment.Status.PENDING,
            to_status=shipment.status,
            note=f"{shipment.get_courier_display()} {tracking_number}",
            shipment=shipment,
        )
        order_status_refresh(order, actor=actor, note=f"Dikirim oleh {shipment.seller.name}")
        email_enqueue(
            [
                email_render(
                    kind="shipment_shipped",
                    to=order.buyer.email,
                    context={
                        "order": order,
                        "shipment": shipment,
                        "lines": list(shipment.lines.all()),
                        "tracking_url": tracking_url(courier, tracking_number),
                    },
                    order=order,
                )
            ]
        )
    return shipment


def shipment_deliver(*, shipment: Shipment, actor) -> Shipment:
    """Mark a shipment arrived: its buyer, a member of its shop, or (`actor=None`) the courier's tracking.

    The shop is paid at completion, so its word alone must not hasten that: a shipment delivered on
    the shop's say-so completes on the shipping clock, as if nobody had reported it, until the buyer
    or the courier confirms the arrival, which then opens the usual completion window (completion.py).
    """
    by_shop = actor is not None and actor.pk != shipment.order.buyer_id
    if by_shop and not shipment.seller.members.filter(user=actor).exists():
        raise NotAllowed(_("Hanya pembeli atau anggota toko yang dapat menandai kiriman sudah sampai."))
    with transaction.atomic():
        order = _locked(shipment.order)
        shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
        confirming = shipment.status == Shipment.Status.DELIVERED and shipment.delivered_by_shop and not by_shop
        if shipment.status != Shipment.Status.SHIPPED and not confirming:
            raise ConflictError(
                _("Pengiriman berstatus %(status)s; belum bisa diterima.") % {"status": shipment.get_status_display()}
            )
        from_status = shipment.status
        shipment.status, shipment.delivered_at = Shipment.Status.DELIVERED, timezone.now()
        shipment.delivered_by_shop = by_shop
        shipment.save(update_fields=["status", "delivered_at", "delivered_by_shop"])
        note = "Sampai menurut toko" if by_shop else ("Sampai, dikonfirmasi" if confirming else "")
        order_event_record(
            order, actor=actor, from_status=from_status, to_status=shipment.status, shipment=shipment, note=note
        )
        order_status_refresh(order, actor=actor, note="Diterima")
        # The shop's funds stay held: the buyer may still complain until the shipment completes
        # (orders/services/completion.py), which releases them.
    return shipment
