"""Starting a payment at a provider, and applying what the provider says about it.

A notification is only a trigger: `charge_apply_status` acts on the provider's own status answer,
read by the caller from the status API. Every write locks order, payment and charge in that order.
"""

import logging
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from marketplace.errors import ConflictError, DomainError, ValidationError
from orders.models import Order, OrderEvent, Payment, PaymentCharge, Shipment
from orders.providers import (
    ChargeRequest,
    Item,
    ProviderError,
    ProviderNotFound,
    ProviderUnavailable,
    TransactionStatus,
    provider,
    provider_for_method,
)
from orders.services.lifecycle import order_cancel, order_mark_paid
from orders.services.refunds import refund_request

log = logging.getLogger(__name__)

# A charge must leave the buyer at least this long to pay before the deadline.
MIN_TIME_TO_PAY = timedelta(minutes=2)
FAILED_CHARGE = {
    "deny": PaymentCharge.Status.FAILED,
    "failure": PaymentCharge.Status.FAILED,
    "cancel": PaymentCharge.Status.CANCELLED,
    "expire": PaymentCharge.Status.EXPIRED,
}


class ProviderDown(DomainError):
    """The payment provider did not answer; nothing changed here, try again shortly."""

    status_code = 503


# ---- what the buyer pays for ---------------------------------------------------------------------


def charge_items(lines: Iterable[tuple[str, str, int, int, int]], shipping: Iterable[tuple[str, str, int]]):
    """The item details of a charge and their gross amount, which they add up to exactly.

    `lines` are (id, name, list_price, unit_price, quantity); `shipping` (id, name, fee). Goods go at
    their list price, each shop's shipping and the discount as items of their own, so the buyer
    sees on the provider's page the same breakdown as on ours.
    """
    items, discount, gross = [], 0, 0
    for line_id, name, list_price, unit_price, quantity in lines:
        items.append(Item(id=line_id, name=name[:50], price=list_price, quantity=quantity))
        discount += (list_price - unit_price) * quantity
        gross += unit_price * quantity
    for ship_id, name, fee in shipping:
        if fee:
            items.append(Item(id=ship_id, name=name[:50], price=fee))
            gross += fee
    if discount:
        items.append(Item(id="DISKON", name="Diskon", price=-discount))
    return items, gross


def order_charge_items(order: Order) -> list[Item]:
    shipments = list(order.shipments.select_related("seller").exclude(status=Shipment.Status.CANCELLED))
    items, gross = charge_items(
        [
            (f"L{line.pk}", line.product_name, line.list_price, line.unit_price, line.quantity)
            for line in order.lines.filter(shipment__in=shipments)
        ],
        [(f"ONGKIR{s.pk}", f"Ongkos kirim {s.seller.name}", s.shipping_fee) for s in shipments],
    )
    # Vouchers' funders pay these parts: the buyer's charge shows them as items off, like the discount.
    for item_id, name, off in (
        ("VOUCHER", "Voucher", sum(s.voucher_discount for s in shipments)),
        ("SUBSIDIONGKIR", "Subsidi ongkir", sum(s.shipping_subsidy for s in shipments)),
    ):
        if off:
            items.append(Item(id=item_id, name=name, price=-off))
            gross -= off
    if gross != order.total:
        raise ConflictError(f"Rincian pesanan ({gross}) tidak sama dengan total ({order.total}); hubungi kami.")
    return items


# ---- starting a payment --------------------------------------------------------------------------


def _locked(order: Order) -> tuple[Order, Payment]:
    order = Order.objects.select_for_update(of=("self",)).select_related("buyer").get(pk=order.pk)
    return order, Payment.objects.select_for_update().get(order=order)


def _payment_event(order, payment, new_status, *, note, actor=None):
    if payment.status == new_status:
        return
    OrderEvent.objects.create(
        order=order, actor=actor, from_status=payment.status, to_status=new_status, note=f"Pembayaran: {note}"[:255]
    )
    payment.status = new_status
    payment.save(update_fields=["status"])


def _replace(live: PaymentCharge) -> None:
    """Cancel the live charge at the provider; only its confirmation lets another method start."""
    try:
        answer = provider(live.provider).cancel(live.provider_order_id)
    except ProviderUnavailable as exc:
        raise ProviderDown("Penyedia pembayaran tidak menjawab; coba lagi sebentar lagi.") from exc
    except ProviderError as exc:
        # Already paid, or a Snap page on which nothing was chosen yet: the old charge may still be paid.
        raise ConflictError(
            "Pembayaran sebelumnya belum bisa dibatalkan di penyedia pembayaran; selesaikan atau tunggu "
            "sampai kedaluwarsa."
        ) from exc
    if answer.transaction_status not in ("cancel", "expire", "deny", "failure"):
        raise ConflictError("Pembayaran sebelumnya masih berjalan; metode lain belum bisa dipilih.")
    live.status = FAILED_CHARGE[answer.transaction_status]
    live.checked_at = timezone.now()
    live.save(update_fields=["status", "checked_at"])


def _next_order_id(order: Order, payment: Payment) -> str:
    count = payment.charges.count()
    return order.number if count == 0 else f"{order.number}-{count + 1}"


def _charge(chosen, request: ChargeRequest, payment: Payment, *, retry: bool = True):
    """Ask the provider for the charge. When an earlier attempt's answer was lost (a timeout after the
    provider acted), the order_id is taken: that transaction is cancelled, kept as a cancelled charge,
    and None asks the caller to try once more with the next order_id."""
    try:
        return chosen.charge(request)
    except ProviderUnavailable as exc:
        raise ProviderDown("Penyedia pembayaran tidak menjawab; coba lagi sebentar lagi.") from exc
    except ProviderError as exc:
        log.warning("Charge %s refused by %s: %s", request.order_id, chosen.name, exc)
        if not (retry and exc.status_code == "406"):
            raise ConflictError(f"Penyedia pembayaran menolak: {exc}") from exc
    try:
        chosen.cancel(request.order_id)
    except ProviderError as exc:
        raise ConflictError("Pembayaran sebelumnya sedang diproses; periksa statusnya sebentar lagi.") from exc
    PaymentCharge.objects.create(
        payment=payment,
        provider=chosen.name,
        method=request.method,
        provider_order_id=request.order_id,
        status=PaymentCharge.Status.CANCELLED,
        gross_amount=request.gross_amount,
        expires_at=request.expires_at,
    )
    return None


def payment_start(*, order: Order, method: str, actor=None) -> tuple[PaymentCharge, bool]:
    """Start paying `order` by `method`; (charge, created). The same method again returns the live charge."""
    chosen = provider_for_method(method)
    if chosen is None:
        raise ValidationError({"method": ["Metode pembayaran ini tidak tersedia."]})
    with transaction.atomic():
        order, payment = _locked(order)
        if order.status != Order.Status.AWAITING_PAYMENT:
            raise ConflictError(f"Pesanan berstatus {order.get_status_display()}, tidak perlu dibayar.")
        now = timezone.now()
        if order.payment_deadline - now < MIN_TIME_TO_PAY:
            raise ConflictError("Batas waktu pembayaran pesanan ini sudah lewat.")
        live = payment.charges.filter(status=PaymentCharge.Status.PENDING).first()
        if live is not None:
            if live.method == method:
                return live, False
            _replace(live)
        request = ChargeRequest(
            order_id=_next_order_id(order, payment),
            method=method,
            gross_amount=order.total,
            items=order_charge_items(order),
            expires_at=order.payment_deadline,
            customer_name=order.recipient,
            customer_email=order.buyer.email,
            customer_phone=order.phone,
        )
        result = _charge(chosen, request, payment)
        if result is None:  # the id was taken by an attempt whose answer was lost, now cancelled
            request = replace(request, order_id=_next_order_id(order, payment))
            result = _charge(chosen, request, payment, retry=False)
        charge = PaymentCharge.objects.create(
            payment=payment,
            provider=chosen.name,
            method=method,
            provider_order_id=request.order_id,
            status=PaymentCharge.Status.SETTLED if result.settled else PaymentCharge.Status.PENDING,
            gross_amount=request.gross_amount,
            transaction_id=result.transaction_id,
            payment_type=method if result.settled else "",
            bank=result.bank,
            va_number=result.va_number,
            biller_code=result.biller_code,
            qr_string=result.qr_string,
            redirect_url=result.redirect_url,
            expires_at=order.payment_deadline,
        )
        payment.method = method
        payment.save(update_fields=["method"])
        _payment_event(order, payment, Payment.Status.PENDING, note="dicoba lagi", actor=actor)
        if result.settled:
            order_mark_paid(order=order, method=method, reference=result.transaction_id, actor=actor)
    return charge, True


# ---- what the provider says ----------------------------------------------------------------------


def charge_apply_status(*, charge: PaymentCharge, status: TransactionStatus) -> str:
    """Act on the provider's status answer for one charge; safe to repeat. Returns what happened."""
    if status.order_id != charge.provider_order_id:
        raise ValidationError("Jawaban status untuk transaksi lain.")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=charge.payment.order_id)
        payment = Payment.objects.select_for_update().get(pk=charge.payment_id)
        charge = PaymentCharge.objects.select_for_update().get(pk=charge.pk)
        # Kept even when applying it is refused below: the reconciliation report shows those.
        charge.checked_at = timezone.now()
        charge.transaction_id = status.transaction_id or charge.transaction_id
        charge.payment_type = status.payment_type or charge.payment_type
        charge.provider_status, charge.provider_amount = status.transaction_status[:20], status.gross_amount
        charge.save(
            update_fields=["checked_at", "transaction_id", "payment_type", "provider_status", "provider_amount"]
        )
        state = status.transaction_status
        if status.is_settled and status.gross_amount != charge.gross_amount:
            log.error("Charge %s settled for %s, expected %s", charge, status.gross_amount, charge.gross_amount)
            refused = ValidationError(f"Jumlah {status.gross_amount} tidak sama dengan tagihan {charge.gross_amount}.")
        elif status.is_settled:
            return _settled(order, payment, charge, status)
        elif state in FAILED_CHARGE:
            return _failed(order, payment, charge, state)
        elif state in ("pending", "authorize", "capture"):
            return "Menunggu pembayaran."
        elif state in ("refund", "partial_refund"):
            return "Pengembalian dana tercatat di penyedia pembayaran."
        else:
            refused = ValidationError({"transaction_status": [f"Status tidak dikenal: {state[:40]}."]})
    raise refused  # after the commit, so the provider's answer stays recorded


def _settled(order, payment, charge, status) -> str:
    was_settled = charge.status == PaymentCharge.Status.SETTLED
    if not was_settled:
        charge.status = PaymentCharge.Status.SETTLED
        charge.save(update_fields=["status"])
    if order.status == Order.Status.AWAITING_PAYMENT:
        order_mark_paid(order=order, method=charge.method, reference=charge.transaction_id)
        return "Pembayaran diterima."
    if was_settled:
        return "Pembayaran ini sudah tercatat."
    # Money for an order that was cancelled (or already paid another way) meanwhile: give it back.
    refund_request(
        payment=payment,
        charge=charge,
        amount=charge.gross_amount,
        reason="Dibayar setelah pesanan dibatalkan",
        refund_key=f"{charge.provider_order_id}-late",
    )
    return "Pesanan sudah tidak menunggu pembayaran: dana dikembalikan."


def _failed(order, payment, charge, state) -> str:
    if charge.status == PaymentCharge.Status.SETTLED:
        raise ConflictError(f"Status {state} ditolak: transaksi ini sudah lunas.")
    if charge.status == PaymentCharge.Status.PENDING:
        charge.status = FAILED_CHARGE[state]
        charge.save(update_fields=["status"])
    if order.status != Order.Status.AWAITING_PAYMENT or payment.charges.filter(status="pending").exists():
        return f"Transaksi {state}."
    if state == "expire" and order.payment_deadline <= timezone.now():
        order_cancel(order=order, note="Batas waktu pembayaran lewat", payment_status=Payment.Status.EXPIRED)
        return "Pesanan dibatalkan: batas waktu pembayaran lewat."
    if state in ("deny", "failure"):
        _payment_event(order, payment, Payment.Status.FAILED, note="ditolak penyedia; pilih cara bayar lain")
    return f"Transaksi {state}; pembeli bisa memilih cara bayar lain."


def charge_refresh(*, charge: PaymentCharge) -> str:
    """Ask the provider about a charge and act on its answer (the pay page's "check", the sweep)."""
    try:
        answer = provider(charge.provider).status(charge.provider_order_id)
    except ProviderNotFound:
        # A Snap page nobody has paid on yet has no transaction; it lapses at its expiry.
        if charge.expires_at <= timezone.now():
            return charge_apply_status(
                charge=charge,
                status=TransactionStatus(charge.provider_order_id, "expire", charge.gross_amount),
            )
        return "Belum ada transaksi."
    except ProviderUnavailable as exc:
        raise ProviderDown("Penyedia pembayaran tidak menjawab; coba lagi sebentar lagi.") from exc
    return charge_apply_status(charge=charge, status=answer)


def charge_cancel(*, charge: PaymentCharge) -> str:
    """Cancel a charge of an order that no longer wants paying; if it was paid meanwhile, refund."""
    if charge.status != PaymentCharge.Status.PENDING:
        return "Tidak ada yang dibatalkan."
    try:
        answer = provider(charge.provider).cancel(charge.provider_order_id)
    except ProviderNotFound:
        return charge_refresh(charge=charge)
    except ProviderUnavailable as exc:
        raise ProviderDown("Penyedia pembayaran tidak menjawab.") from exc
    except ProviderError:
        return charge_refresh(charge=charge)  # settled meanwhile: the status decides (and refunds)
    return charge_apply_status(charge=charge, status=answer)
