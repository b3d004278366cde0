"""Payment entry points: the development test provider and Midtrans HTTP notifications.

A notification is a trigger, never a proof. Its signature is checked, its `status_code` must be the
one Midtrans uses for its `transaction_status` (a signature covers the code, not the status, so a
signed `pending` could otherwise be replayed as `settlement`), and then Midtrans' status API is asked:
its answer, not the notification's body, decides what happens to the order.
"""

import hashlib
import hmac
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.errors import DomainError, NotAllowed, NotFoundError, ValidationError
from orders.models import Order, Payment, PaymentCharge, PaymentNotification
from orders.providers import ProviderError, ProviderNotFound, ProviderUnavailable, provider, simulation_enabled
from orders.services.charges import ProviderDown, charge_apply_status
from orders.services.lifecycle import order_mark_paid

log = logging.getLogger(__name__)


def test_provider_pay(*, order: Order, actor) -> Order:
    """The development provider: the buyer presses "pay" and the order is paid."""
    if not simulation_enabled():
        raise NotAllowed(_("Simulasi pembayaran tidak aktif di server ini."))
    if order.status != Order.Status.AWAITING_PAYMENT:
        return order_mark_paid(order=order, method=Payment.Method.TEST, actor=actor)  # a repeat, or a 409
    from orders.services.charges import payment_start

    payment_start(order=order, method=Payment.Method.TEST, actor=actor)
    return Order.objects.get(pk=order.pk)


def midtrans_signature(*, order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    return hashlib.sha512(f"{order_id}{status_code}{gross_amount}{server_key}".encode()).hexdigest()


@dataclass(frozen=True)
class NotificationResult:
    status_code: int
    detail: str
    body: dict | None = None  # the answer to send back; {"detail": detail} when None

    def as_body(self) -> dict:
        return self.body if self.body is not None else {"detail": self.detail}


# The status codes Midtrans sends with each transaction status (a capture under review is 201).
STATUS_CODES = {
    "settlement": {"200"},
    "capture": {"200", "201"},
    "authorize": {"200"},
    "pending": {"201"},
    "deny": {"202"},
    "failure": {"202"},
    "cancel": {"200"},
    "expire": {"407"},
    "refund": {"200"},
    "partial_refund": {"200"},
}
# What we keep of a notification, each capped: enough for disputes, nothing a sender could bloat.
KEPT_FIELDS = {
    "order_id": 64,
    "transaction_id": 64,
    "transaction_status": 20,
    "fraud_status": 20,
    "status_code": 3,
    "status_message": 120,
    "gross_amount": 24,
    "currency": 3,
    "payment_type": 32,
    "transaction_time": 32,
    "settlement_time": 32,
    "merchant_id": 32,
}


def _kept(payload: dict) -> dict:
    kept = {}
    for name, size in KEPT_FIELDS.items():
        value = payload.get(name)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            kept[name] = str(value).replace("\x00", "")[:size]
    return kept


def midtrans_handle_notification(*, payload: dict) -> NotificationResult:
    """Verify a Midtrans notification, ask the status API, apply its answer. Kept once signed."""
    try:
        _verify_signature(payload)
    except DomainError as exc:
        log.warning("Midtrans notification refused before its signature held: %s", exc.detail)
        return NotificationResult(exc.status_code, str(exc.detail), body=exc.as_body())
    kept = _kept(payload)
    try:
        result = _midtrans_apply(payload)
    except DomainError as exc:
        detail = (exc.detail if isinstance(exc.detail, str) else str(exc.detail)).replace("\x00", "")
        log.warning("Midtrans notification for %s refused: %s", kept.get("order_id"), detail)
        PaymentNotification.objects.create(
            provider="midtrans", order_number=kept["order_id"], payload=kept, accepted=False, outcome=detail[:255]
        )
        return NotificationResult(exc.status_code, detail, body=exc.as_body())
    PaymentNotification.objects.create(
        provider="midtrans", order_number=kept["order_id"], payload=kept, accepted=True, outcome=result[:255]
    )
    return NotificationResult(200, result)


def _verify_signature(payload: dict) -> None:
    fields = {name: payload.get(name) for name in ("order_id", "status_code", "gross_amount", "signature_key")}
    missing = [name for name, value in fields.items() if not isinstance(value, str) or not value]
    if missing:
        raise ValidationError({name: ["Wajib diisi (teks)."] for name in missing})
    if not settings.MIDTRANS_SERVER_KEY:
        raise NotAllowed("Midtrans tidak dikonfigurasi (MIDTRANS_SERVER_KEY kosong).")
    expected = midtrans_signature(
        order_id=fields["order_id"],
        status_code=fields["status_code"],
        gross_amount=fields["gross_amount"],  # exactly as received, e.g. "650000.00"
        server_key=settings.MIDTRANS_SERVER_KEY,
    )
    # bytes: compare_digest refuses str with non-ASCII characters (a TypeError, so a 500).
    if not hmac.compare_digest(expected.encode("utf-8", "replace"), fields["signature_key"].encode("utf-8", "replace")):
        raise NotAllowed("Tanda tangan (signature_key) tidak cocok.")


def _midtrans_charge(order_id: str) -> PaymentCharge | None:
    return PaymentCharge.objects.filter(provider_order_id=order_id, provider="midtrans").first()


def _charge_for(order_id: str, gross_amount: str) -> PaymentCharge:
    charge = _midtrans_charge(order_id)
    order = None
    if charge is None:
        # A transaction we did not start here (made in Midtrans' dashboard, or before charges were
        # recorded): adopted as the order's charge below, so that the status answer can act on it.
        order = Order.objects.filter(number=order_id).select_related("payment").first()
        if order is None:
            raise NotFoundError("Pesanan tidak ditemukan.")
        if order.payment.charges.exists():
            # Charged before, or adopted a moment ago by another copy of this same notification.
            charge = _midtrans_charge(order_id)
            if charge is None:
                raise NotFoundError("Pesanan tidak ditemukan.")
    expected = charge.gross_amount if charge else order.total
    if gross_amount != f"{expected}.00":
        raise ValidationError(f"Jumlah {gross_amount[:24]} tidak sama dengan tagihan {expected}.00.")
    if charge is not None:
        return charge
    try:
        with transaction.atomic():
            return _adopt(order, order_id)
    except IntegrityError:  # the same notification, arriving twice at once, adopted it first
        return PaymentCharge.objects.get(provider_order_id=order_id, provider="midtrans")


def _adopt(order: Order, order_id: str) -> PaymentCharge:
    return PaymentCharge.objects.create(
        payment=order.payment,
        provider="midtrans",
        method=Payment.Method.MIDTRANS,
        provider_order_id=order_id,
        status=PaymentCharge.Status.PENDING
        if order.status == Order.Status.AWAITING_PAYMENT
        else PaymentCharge.Status.CANCELLED,
        gross_amount=order.total,
        expires_at=order.payment_deadline,
    )


def _midtrans_apply(payload: dict) -> str:
    status = payload.get("transaction_status")
    if not isinstance(status, str) or status not in STATUS_CODES:
        raise ValidationError({"transaction_status": [f"Status tidak dikenal: {str(status)[:40]}."]})
    if payload["status_code"] not in STATUS_CODES[status]:
        raise ValidationError(
            {"status_code": [f"Kode {payload['status_code'][:3]} tidak sesuai dengan status {status}."]}
        )
    order_id = payload["order_id"]
    if "\x00" in order_id or len(order_id) > 50:
        raise NotFoundError("Pesanan tidak ditemukan.")
    with transaction.atomic():  # an adopted charge stays only when its status could be applied
        return _apply_for(_charge_for(order_id, payload["gross_amount"]))


def _apply_for(charge: PaymentCharge) -> str:
    order_id = charge.provider_order_id
    try:
        answer = provider("midtrans").status(order_id)
    except ProviderNotFound as exc:
        raise NotFoundError("Midtrans tidak mengenal transaksi ini.") from exc
    except ProviderUnavailable as exc:
        # Midtrans retries a notification we do not accept; by then its status API may answer.
        raise ProviderDown("Status Midtrans tidak bisa dibaca sekarang; kirim ulang nanti.") from exc
    except ProviderError as exc:
        raise ProviderDown(f"Status Midtrans: {exc}") from exc
    return charge_apply_status(charge=charge, status=answer)
