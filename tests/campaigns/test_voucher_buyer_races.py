"""One buyer's simultaneous checkouts against a voucher's per-buyer rules, on PostgreSQL."""

from functools import partial

import pytest
from django.db import connection

from orders.models import Order
from orders.services import checkout, lifecycle
from tests.factories import ProductFactory, UserFactory, VoucherFactory
from tests.orders.conftest import ADDRESS
from tests.races import together

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def checkouts_at_once(buyer, products, code) -> tuple[list[str], list[str]]:
    """One checkout per product, all at once (different products: no stock lock puts them in a row)."""

    def buy(product):
        address = checkout.Address(**ADDRESS)
        checkout.order_place(buyer=buyer, address=address, product_items=[(product.pk, 1)], vouchers=[code])

    outcomes, errors = together(*[partial(buy, product) for product in products])
    return sorted("placed" if kind == "ok" else "refused" for kind, _ in outcomes), errors


def test_a_first_order_voucher_discounts_only_one_of_a_buyers_simultaneous_first_orders():
    VoucherFactory(code="PERTAMA", first_order_only=True, min_spend=0)
    buyer = UserFactory()
    products = ProductFactory.create_batch(4, stock=10)

    outcomes, errors = checkouts_at_once(buyer, products, "PERTAMA")

    assert errors == []
    assert Order.objects.filter(buyer=buyer, voucher_discount__gt=0).count() == 1
    assert outcomes == ["placed"] + ["refused"] * (len(products) - 1)


def test_a_per_buyer_limit_freed_by_a_cancellation_is_taken_by_one_of_two_simultaneous_checkouts():
    VoucherFactory(code="DUAKALI", per_buyer_limit=2, min_spend=0)
    buyer = UserFactory()
    first, second, *products = ProductFactory.create_batch(6, stock=10)
    address = checkout.Address(**ADDRESS)
    cancelled = checkout.order_place(buyer=buyer, address=address, product_items=[(first.pk, 1)], vouchers=["DUAKALI"])
    checkout.order_place(buyer=buyer, address=address, product_items=[(second.pk, 1)], vouchers=["DUAKALI"])
    lifecycle.order_cancel(order=cancelled)  # one use of two is free again: the first, not the last

    outcomes, errors = checkouts_at_once(buyer, products, "DUAKALI")

    assert errors == []
    assert outcomes == ["placed"] + ["refused"] * (len(products) - 1)
    assert Order.objects.filter(buyer=buyer, voucher_discount__gt=0).exclude(status="cancelled").count() == 2
