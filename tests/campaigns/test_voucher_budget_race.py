"""Fifty buyers at once against a voucher with budget for ten uses, on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from campaigns.models import Voucher
from marketplace.errors import ConflictError
from orders.models import Order
from orders.services import checkout, lifecycle
from tests.factories import ProductFactory, UserFactory, VoucherFactory
from tests.orders.conftest import ADDRESS

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def race(buyers, product, code):
    barrier = threading.Barrier(len(buyers))
    results = {"ok": 0, "conflict": 0, "errors": []}
    lock = threading.Lock()

    def buy(buyer):
        try:
            barrier.wait()
            checkout.order_place(
                buyer=buyer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=[code]
            )
            outcome = "ok"
        except ConflictError:
            outcome = "conflict"
        except Exception as exc:  # noqa: BLE001 - the test reports any other failure
            with lock:
                results["errors"].append(repr(exc))
            return
        finally:
            connections.close_all()
        with lock:
            results[outcome] += 1

    threads = [threading.Thread(target=buy, args=(buyer,)) for buyer in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifty_buyers_at_once_spend_exactly_the_budget_of_ten_uses_and_a_cancellation_gives_one_back():
    product = ProductFactory(stock=100)
    voucher = VoucherFactory(code="SEPULUH", value=10000, budget=100000)
    buyers = UserFactory.create_batch(50)

    results = race(buyers, product, "SEPULUH")

    assert results["errors"] == []
    assert (results["ok"], results["conflict"]) == (10, 40)  # no budget: 409, nothing placed
    assert Order.objects.filter(voucher_discount=10000).count() == 10
    assert Order.objects.count() == 10
    voucher.refresh_from_db()
    assert (voucher.budget_used, voucher.budget_left, voucher.uses) == (100000, 0, 10)

    lifecycle.order_cancel(order=Order.objects.first())

    voucher.refresh_from_db()
    assert (voucher.budget_left, voucher.uses) == (10000, 9)
    late = UserFactory()
    checkout.order_place(
        buyer=late, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["sepuluh"]
    )
    assert Voucher.objects.get(pk=voucher.pk).budget_left == 0
