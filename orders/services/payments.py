"""Payment providers: the built-in test provider and Midtrans HTTP notifications."""

import hashlib
import hmac
import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, DomainError, NotAllowed, NotFoundError, ValidationError
from orders.models import Order, Payment, PaymentNotification
from orders.services.lifecycle import order_cancel, order_mark_paid

log = logging.getLogger(__name__)


def test_provider_pay(*, order: Order, actor) -> Order:
    """The development provider: the buyer presses "pay" and the order is paid."""
    if not settings.PAYMENT_TEST_PROVIDER_ENABLED:
        raise NotAllowed(_("Simulasi pembayaran tidak aktif di server ini."))
    return order_mark_paid(order=order, method=Payment.Method.TEST, reference=f"TEST-{order.number}", actor=actor)


def midtrans_signature(*, order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    return hashlib.sha512(f"{order_id}{status_code}{gross_amount}{server_key}".encode()).hexdigest()


@dataclass(frozen=True)
class NotificationResult:
    status_code: int
    detail: str
    body: dict | None = None  # the answer to send back; {"detail": detail} when None

    def as_body(self) -> dict:
        return self.body if self.body is not None else {"detail": self.detail}


SETTLED = {"settlement", "capture"}
FAILED = {"expire": Payment.Status.EXPIRED, "cancel": Payment.Status.CANCELLED, "deny": Payment.Status.DENIED}
# Refunds are started by staff in Midtrans' dashboard; the notification is kept as the record, and
# the order is cancelled by staff, so an automated message never takes money-relevant steps alone.
RECORDED_ONLY = {"refund", "partial_refund", "authorize"}


def _without_nul(value):
    """PostgreSQL text and jsonb cannot hold NUL characters; a notification carrying them is still logged."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(str(key)): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    return value


def midtrans_handle_notification(*, payload: dict) -> NotificationResult:
    """Verify and apply a Midtrans notification. Every notification is kept, accepted or not."""
    payload = _without_nul(payload)
    order_id = str(payload.get("order_id", ""))[:64]
    try:
        result = _midtrans_apply(payload, order_id)
    except DomainError as exc:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        log.warning("Midtrans notification refused for %s: %s", order_id, detail)
        PaymentNotification.objects.create(
            provider="midtrans", order_number=order_id, payload=payload, accepted=False, outcome=detail[:255]
        )
        return NotificationResult(exc.status_code, detail, body=exc.as_body())
    PaymentNotification.objects.create(
        provider="midtrans", order_number=order_id, payload=payload, accepted=True, outcome=result.detail[:255]
    )
    return result


def _midtrans_apply(payload: dict, order_id: str) -> NotificationResult:
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
    if not hmac.compare_digest(expected.encode(), fields["signature_key"].encode()):
        raise NotAllowed("Tanda tangan (signature_key) tidak cocok.")
    order = Order.objects.filter(number=order_id).first()
    if order is None:
        raise NotFoundError("Pesanan tidak ditemukan.")
    if fields["gross_amount"] != f"{order.total}.00":
        raise ValidationError(f"Jumlah {fields['gross_amount']} tidak sama dengan total pesanan {order.total}.00.")

    status = payload.get("transaction_status")
    fraud = payload.get("fraud_status")
    if status in SETTLED:
        if fraud not in ("accept", None) or (status == "capture" and fraud != "accept"):
            return NotificationResult(200, f"{status} dengan fraud_status {fraud}: menunggu keputusan.")
        if order.status == Order.Status.CANCELLED:
            raise ConflictError("Pesanan sudah dibatalkan; pembayaran perlu dikembalikan secara manual.")
        order_mark_paid(order=order, method=Payment.Method.MIDTRANS, reference=str(payload.get("transaction_id", "")))
        return NotificationResult(200, "Pembayaran diterima.")
    if status in FAILED:
        if order.status == Order.Status.CANCELLED:
            return NotificationResult(200, "Pesanan sudah dibatalkan.")
        if order.status != Order.Status.AWAITING_PAYMENT:
            raise ConflictError(f"Status {status} ditolak: pesanan sudah {order.get_status_display()}.")
        # unpaid_only: a settlement that lands between this check and the row lock wins.
        order_cancel(order=order, note=f"Midtrans: {status}", payment_status=FAILED[status], unpaid_only=True)
        return NotificationResult(200, f"Pesanan dibatalkan ({status}).")
    if status == "pending":
        if order.status != Order.Status.AWAITING_PAYMENT:
            raise ConflictError(f"Status pending ditolak: pesanan sudah {order.get_status_display()}.")
        return NotificationResult(200, "Menunggu pembayaran.")
    if status in RECORDED_ONLY:
        log.info("Midtrans %s for %s recorded for staff follow-up", status, order.number)
        return NotificationResult(200, f"Status {status} dicatat untuk ditindaklanjuti staf.")
    raise ValidationError({"transaction_status": [f"Status tidak dikenal: {status}."]})
