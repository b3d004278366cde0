"""The staff reconciliation report: each provider charge of a Jakarta day, ours beside the provider's."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from orders.models import Order, PaymentCharge

JAKARTA = ZoneInfo("Asia/Jakarta")
PROVIDER_SETTLED = {"settlement", "capture", "refund", "partial_refund"}


@dataclass(frozen=True)
class ReconciliationRow:
    order_number: str
    provider_order_id: str
    method: str
    amount: int
    status: str  # ours: the charge's
    order_status: str
    refunded: int
    provider_status: str
    provider_amount: int | None
    problem: str  # empty when both sides agree


def _problem(charge: PaymentCharge) -> str:
    if not charge.provider_status:
        return "Belum dicek di penyedia pembayaran"
    settled_there = charge.provider_status in PROVIDER_SETTLED
    settled_here = charge.status == PaymentCharge.Status.SETTLED
    if settled_there and charge.provider_amount != charge.gross_amount:
        return f"Jumlah berbeda: penyedia {charge.provider_amount}, kita {charge.gross_amount}"
    if settled_there and not settled_here:
        return "Lunas di penyedia, belum lunas di sini"
    if settled_here and not settled_there:
        return f"Lunas di sini, di penyedia {charge.provider_status}"
    order, payment = charge.payment.order, charge.payment
    if settled_here and order.status == Order.Status.CANCELLED and payment.refunded_amount < charge.gross_amount:
        return "Pesanan dibatalkan, dana belum dikembalikan penuh"
    return ""


def reconciliation_report(*, day: date) -> list[ReconciliationRow]:
    """Mismatches first, then the rest, by order number; three queries whatever the day holds."""
    start = datetime.combine(day, time.min, tzinfo=JAKARTA)
    charges = (
        PaymentCharge.objects.filter(created_at__gte=start, created_at__lt=start + timedelta(days=1))
        .exclude(provider="test")
        .select_related("payment__order")
        .order_by("provider_order_id")
    )
    rows = [
        ReconciliationRow(
            order_number=charge.payment.order.number,
            provider_order_id=charge.provider_order_id,
            method=charge.method,
            amount=charge.gross_amount,
            status=charge.status,
            order_status=charge.payment.order.status,
            refunded=charge.payment.refunded_amount,
            provider_status=charge.provider_status,
            provider_amount=charge.provider_amount,
            problem=_problem(charge),
        )
        for charge in charges
    ]
    return sorted(rows, key=lambda row: (not row.problem, row.provider_order_id))
