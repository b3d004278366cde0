"""Building order histories for the sales reports: orders placed now, paid at a chosen Jakarta time."""

from contextlib import contextmanager
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from orders.models import Payment
from orders.services import checkout, lifecycle

JKT = ZoneInfo("Asia/Jakarta")

ADDRESS = checkout.Address(
    recipient="Siti Pembeli",
    phone="081234567890",
    street="Jl. Malioboro No. 1",
    city="Yogyakarta",
    province="34",
    postal_code="55213",
)


def jkt(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JKT)


@contextmanager
def clock(at: datetime):
    """Services read `timezone.now()`; this pins it (model field defaults keep the real clock)."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


def place(buyer, *items):
    return checkout.order_place(buyer=buyer, address=ADDRESS, product_items=[(p.pk, q) for p, q in items])


def paid_order(buyer, *items, at: datetime):
    """An order placed and paid at `at` (Jakarta time given as an aware datetime)."""
    with clock(at):
        order = place(buyer, *items)
        return lifecycle.order_mark_paid(order=order, method=Payment.Method.TEST)


def cancel(order, *, at: datetime | None = None):
    with clock(at or order.paid_at):
        return lifecycle.order_cancel(order=order)
