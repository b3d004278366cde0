"""A refund recorded by the payments side for one shop's shipment takes that money out of the shop's balance."""

import pytest

from orders.services.refunds import refund_request, refund_shipment
from payouts.models import Journal
from payouts.selectors import balance_of

pytestmark = pytest.mark.django_db


def test_refunding_one_shops_shipment_takes_it_out_of_that_shops_balance_only(buy, coffee, toraja, shop, other_shop):
    order = buy((coffee, 1), (toraja, 1))
    other_before = balance_of(seller=other_shop)
    refund_shipment(shipment=order.shipments.get(seller=shop), reason="Stok habis")
    assert balance_of(seller=shop) == balance_of(seller=shop).__class__()
    assert balance_of(seller=other_shop) == other_before


def test_a_partial_refund_on_a_shipment_counts_once_even_when_requested_twice(buy, coffee, shop):
    order = buy((coffee, 2))
    shipment = order.shipments.get()
    held = balance_of(seller=shop).held
    for _ in range(2):
        refund_request(payment=order.payment, amount=50000, reason="Satu rusak", refund_key="R-1", shipment=shipment)
    assert Journal.objects.filter(kind=Journal.Kind.REFUND).count() == 1
    assert held - 50000 < balance_of(seller=shop).held < held


def test_a_refund_of_a_whole_order_without_a_shipment_leaves_the_ledger_to_the_cancellation(buy, coffee, shop):
    from orders.services import lifecycle

    order = buy((coffee, 1))
    lifecycle.order_cancel(order=order)
    assert balance_of(seller=shop) == balance_of(seller=shop).__class__()
    assert Journal.objects.filter(kind=Journal.Kind.REFUND).count() == 1
