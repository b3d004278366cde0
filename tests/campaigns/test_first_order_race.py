"""A first-order voucher used by one buyer in two checkouts at once, on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from marketplace.errors import DomainError
from orders.models import Order
from orders.services import checkout
from tests.factories import ProductFactory, UserFactory, VoucherFactory
from tests.orders.conftest import ADDRESS

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_a_first_order_voucher_discounts_only_one_of_a_buyers_simultaneous_first_orders():
    VoucherFactory(code="PERTAMA", first_order_only=True, min_spend=0)
    buyer = UserFactory()
    # Different products in each tab, so that no stock lock puts the two checkouts in a row.
    products = ProductFactory.create_batch(4, stock=10)
    barrier = threading.Barrier(len(products))
    outcomes, errors, lock = [], [], threading.Lock()

    def buy(product):
        try:
            barrier.wait()
            checkout.order_place(
                buyer=buyer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], vouchers=["PERTAMA"]
            )
            outcome = "placed"
        except DomainError:
            outcome = "refused"
        except Exception as exc:  # noqa: BLE001 - the test reports any other failure
            with lock:
                errors.append(repr(exc))
            return
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=buy, args=(product,)) for product in products]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Order.objects.filter(buyer=buyer, voucher_discount__gt=0).count() == 1
    assert sorted(outcomes) == ["placed"] + ["refused"] * (len(products) - 1)
