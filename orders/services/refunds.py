"""Giving money back: a whole cancelled order, or one shop's shipment of it.

`refund_request` records the refund in the caller's transaction (a row first, like the email
outbox); `refund_execute` sends it to the provider after commit and again from the beat sweep until
it is done. The provider gets our `refund_key`, and the refund row is locked while it is sent, so a
retry after a timeout never gives the money back twice. Methods the provider cannot refund online
wait for staff (`manual`), who transfer the money to the account the buyer gives on the order page.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from marketplace.errors import ConflictError, ValidationError
from marketplace.money import format_rupiah as rupiah
from marketplace.text import name_errors
from orders.models import Order, OrderEvent, Payment, PaymentCharge, PaymentRefund, Shipment
from orders.money import money_ledger
from orders.providers import ProviderError, ProviderUnavailable, provider
from orders.vouchers import voucher_backend

log = logging.getLogger(__name__)
OPEN = (PaymentRefund.Status.PENDING, PaymentRefund.Status.MANUAL, PaymentRefund.Status.FAILED)


def _set_status(payment: Payment, new: str, *, note: str, actor=None) -> None:
    if payment.status == new:
        return
    OrderEvent.objects.create(
        order_id=payment.order_id, actor=actor, from_status=payment.status, to_status=new, note=note[:255]
    )
    payment.status = new
    payment.save(update_fields=["status"])


def _settled_charge(payment: Payment) -> PaymentCharge | None:
    return payment.charges.filter(status=PaymentCharge.Status.SETTLED).order_by("-created_at", "-id").first()


def _online_provider(payment: Payment, charge: PaymentCharge | None):
    """The provider that can give this money back through its API, or None (staff transfer it)."""
    name = charge.provider if charge else ("test" if payment.method == Payment.Method.TEST else "")
    if not name:
        return None
    try:
        chosen = provider(name)
    except KeyError:
        return None
    kind = (charge.payment_type or charge.method) if charge else payment.method
    return chosen if chosen.available() and chosen.refunds_online(kind) else None


def refund_request(
    *,
    payment: Payment,
    amount: int | None,
    reason: str,
    refund_key: str,
    charge: PaymentCharge | None = None,
    shipment: Shipment | None = None,
    actor=None,
) -> PaymentRefund:
    """Record a refund of `amount` (None: all that is left); repeating the same key returns the first."""
    with transaction.atomic():
        _lock_order_of(payment.pk)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        existing = PaymentRefund.objects.filter(refund_key=refund_key).first()
        if existing is not None:
            return existing
        open_amount = payment.refunds.filter(status__in=OPEN).aggregate(total=Sum("amount"))["total"] or 0
        left = payment.amount - payment.refunded_amount - open_amount
        amount = left if amount is None else amount
        if amount <= 0 or amount > left:
            raise ConflictError(f"Jumlah pengembalian {amount} melebihi sisa yang bisa dikembalikan ({left}).")
        charge = charge or _settled_charge(payment)
        online = _online_provider(payment, charge)
        refund = PaymentRefund.objects.create(
            payment=payment,
            charge=charge,
            shipment=shipment,
            refund_key=refund_key,
            amount=amount,
            reason=reason[:255],
            status=PaymentRefund.Status.PENDING if online else PaymentRefund.Status.MANUAL,
        )
        _set_status(
            payment, Payment.Status.REFUND_PENDING, note=f"Pengembalian {rupiah(amount)}: {reason}", actor=actor
        )
        if shipment is not None:
            # The shop no longer earns what goes back: its held (or available) money shrinks now, in
            # this transaction, whatever the provider later takes to carry the refund out.
            money_ledger().shipment_refunded(shipment=shipment, amount=amount, key=f"refund:{refund_key}", note=reason)
        if online:
            from orders.tasks import execute_refund

            # robust: with the broker down the refund row waits for the beat sweep.
            transaction.on_commit(lambda: execute_refund.delay(refund.pk), robust=True)
    return refund


def refund_shipment(*, shipment: Shipment, reason: str, actor=None) -> PaymentRefund | None:
    """Give back one shop's part of a paid order: its goods and its shipping fee; its vouchers'
    budget goes back too (the ledger takes the funders' part back from the shop)."""
    return refund_shipment_amount(
        shipment=shipment, amount=None, reason=reason, refund_key=f"{shipment.order.number}-S{shipment.pk}", actor=actor
    )


def refund_shipment_amount(
    *, shipment: Shipment, amount: int | None, reason: str, refund_key: str, actor=None
) -> PaymentRefund | None:
    """Refund `amount` of one shipment (None: all the buyer paid for it). A shipment vouchers paid
    entirely (the buyer paid Rp 0 for it) has no payment refund (one of Rp 0 is refused); the money
    ledger still takes the funders' part back from the shop. Returns None then.

    A refund of all the buyer paid (a decline, a return, a complaint refunded in full) gives the
    shipment's vouchers' budget back as well: the ledger then takes the funders' part back from the
    shop, so the funders pay nothing for it and their budgets must not count it as spent.
    """
    if amount is None or amount >= shipment.buyer_amount:
        voucher_backend().release(order=shipment.order, shipments=[shipment])
    if amount is None and shipment.buyer_amount == 0:
        money_ledger().shipment_refunded(shipment=shipment, amount=None, key=f"refund:{refund_key}", note=reason)
        return None
    return refund_request(
        payment=Payment.objects.get(order_id=shipment.order_id),
        amount=shipment.buyer_amount if amount is None else amount,
        reason=reason,
        refund_key=refund_key,
        shipment=shipment,
        actor=actor,
    )


def _lock_order_of(payment_id: int) -> None:
    """Lock the order before its payment, as every payment write does: an order event takes a key lock
    on the order, and a notification holding the order while it waits for the payment would deadlock."""
    order_id = Payment.objects.values_list("order_id", flat=True).get(pk=payment_id)
    list(Order.objects.select_for_update().filter(pk=order_id).values_list("pk", flat=True))


def _complete(refund: PaymentRefund, *, actor=None, note: str) -> None:
    _lock_order_of(refund.payment_id)
    payment = Payment.objects.select_for_update().get(pk=refund.payment_id)
    refund.status, refund.done_at, refund.done_by = PaymentRefund.Status.DONE, timezone.now(), actor
    refund.save(update_fields=["status", "done_at", "done_by", "last_error", "attempts"])
    payment.refunded_amount += refund.amount
    payment.save(update_fields=["refunded_amount"])
    if payment.refunds.filter(status__in=OPEN).exists():
        new = Payment.Status.REFUND_PENDING
    elif payment.refunded_amount >= payment.amount:
        new = Payment.Status.REFUNDED
    else:
        new = Payment.Status.PARTIALLY_REFUNDED
    OrderEvent.objects.create(
        order_id=payment.order_id,
        actor=actor,
        from_status=payment.status,
        to_status=new,
        note=f"{rupiah(refund.amount)} dikembalikan ({note})"[:255],
    )
    payment.status = new
    payment.save(update_fields=["status"])


def refund_execute(*, refund_id: int) -> PaymentRefund:
    """Send a pending refund to the provider; does nothing once it is done. Safe to run twice at once."""
    with transaction.atomic():
        refund = (
            PaymentRefund.objects.select_for_update(of=("self",)).select_related("charge", "payment").get(pk=refund_id)
        )
        if refund.status != PaymentRefund.Status.PENDING:
            return refund
        chosen = _online_provider(refund.payment, refund.charge)
        if chosen is None:
            refund.status = PaymentRefund.Status.MANUAL
            refund.save(update_fields=["status"])
            return refund
        order_id = (
            refund.charge.provider_order_id if refund.charge else Order.objects.get(pk=refund.payment.order_id).number
        )
        refund.attempts += 1
        try:
            chosen.refund(order_id, refund_key=refund.refund_key, amount=refund.amount, reason=refund.reason)
        except ProviderUnavailable as exc:
            # It may have gone through: the retry sends the same refund_key, which the provider honours once.
            refund.last_error = str(exc)[:255]
            refund.save(update_fields=["attempts", "last_error"])
            return refund
        except ProviderError as exc:
            if not _already_refunded(chosen, order_id, refund.refund_key):
                log.error("Refund %s refused: %s", refund.refund_key, exc)
                refund.status, refund.last_error = PaymentRefund.Status.FAILED, str(exc)[:255]
                refund.save(update_fields=["status", "attempts", "last_error"])
                return refund
        refund.last_error = ""
        _complete(refund, note=chosen.name)
    return refund


def _already_refunded(chosen, order_id: str, refund_key: str) -> bool:
    """A refund refused as a duplicate was carried out by an earlier attempt whose answer we lost."""
    try:
        return refund_key in chosen.status(order_id).refunded_keys
    except ProviderError:
        return False


def refunds_retry(*, now: datetime, older_than: timedelta = timedelta(minutes=2)) -> int:
    """The beat sweep: send again every refund still pending (a lost task, a provider timeout)."""
    ids = list(
        PaymentRefund.objects.filter(status=PaymentRefund.Status.PENDING, created_at__lt=now - older_than)
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    done = 0
    for refund_id in ids:
        if refund_execute(refund_id=refund_id).status == PaymentRefund.Status.DONE:
            done += 1
    return done


def refund_set_bank_details(
    *, refund: PaymentRefund, bank_name: str, account_number: str, account_holder: str
) -> PaymentRefund:
    """The buyer says where a manual refund should go."""
    account_number = "".join(account_number.split())
    errors = {}
    if not (account_number.isascii() and account_number.isdigit()) or not 6 <= len(account_number) <= 20:
        errors["account_number"] = ["Nomor rekening 6-20 angka."]
    # Staff copy both into a bank transfer: a NUL (which PostgreSQL refuses) or other control character is no name.
    errors.update(name_errors({"bank_name": bank_name, "account_holder": account_holder}))
    if not bank_name.strip():
        errors["bank_name"] = ["Nama bank wajib diisi."]
    if not account_holder.strip():
        errors["account_holder"] = ["Nama pemilik rekening wajib diisi."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        refund = PaymentRefund.objects.select_for_update().get(pk=refund.pk)
        if refund.status not in (PaymentRefund.Status.MANUAL, PaymentRefund.Status.FAILED):
            raise ConflictError("Pengembalian dana ini tidak memerlukan rekening.")
        refund.bank_name, refund.account_number = bank_name.strip()[:60], account_number
        refund.account_holder = account_holder.strip()[:120]
        refund.save(update_fields=["bank_name", "account_number", "account_holder"])
    return refund


def refund_mark_transferred(*, refund: PaymentRefund, by) -> PaymentRefund:
    """Staff transferred a manual refund to the buyer's account."""
    with transaction.atomic():
        refund = PaymentRefund.objects.select_for_update().get(pk=refund.pk)
        if refund.status not in (PaymentRefund.Status.MANUAL, PaymentRefund.Status.FAILED):
            raise ConflictError(f"Pengembalian berstatus {refund.get_status_display()}.")
        if not refund.account_number:
            raise ConflictError("Pembeli belum mengisi rekening tujuan.")
        _complete(refund, actor=by, note=f"transfer ke {refund.bank_name} {refund.account_number}")
    return refund
