"""Concurrent checkouts on PostgreSQL never sell more than the stock."""

import threading

import pytest
from django.db import connection, connections

from marketplace.errors import ConflictError
from orders.models import Order, OrderLine
from orders.services import checkout
from sellers.models import Product
from tests.factories import ProductFactory, UserFactory
from tests.orders.conftest import ADDRESS

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

BUYERS = 24


def race(buyers, items_for, *, by="product_items"):
    """Every buyer checks out `items_for(i)` at the same moment; returns successes, conflicts, errors.

    Lines are (product id, quantity) of products with one variant, or with `by="items"` (variant id, quantity).
    """
    barrier = threading.Barrier(len(buyers))
    results = {"ok": 0, "conflict": 0, "errors": []}
    lock = threading.Lock()

    def buy(i, buyer):
        try:
            barrier.wait()
            checkout.order_place(buyer=buyer, address=checkout.Address(**ADDRESS), **{by: items_for(i)})
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

    threads = [threading.Thread(target=buy, args=(i, buyer)) for i, buyer in enumerate(buyers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def race_variants(buyers, items_for):
    return race(buyers, items_for, by="items")


def test_concurrent_checkouts_never_sell_more_than_the_stock():
    product = ProductFactory(stock=5)
    buyers = UserFactory.create_batch(BUYERS)

    results = race(buyers, lambda i: [(product.pk, 1)])

    assert results["errors"] == []
    assert results["ok"] == 5
    assert results["conflict"] == BUYERS - 5
    assert Product.objects.get(pk=product.pk).stock == 0
    assert OrderLine.objects.filter(product=product).count() == 5


def test_crossing_carts_of_several_products_neither_deadlock_nor_oversell():
    """Half the buyers list the products in one order, half in the other: locks are taken by id."""
    first, second = ProductFactory(stock=7), ProductFactory(stock=7)
    buyers = UserFactory.create_batch(BUYERS)
    forwards, backwards = [(first.pk, 1), (second.pk, 1)], [(second.pk, 1), (first.pk, 1)]

    results = race(buyers, lambda i: forwards if i % 2 else backwards)

    assert results["errors"] == []
    assert results["ok"] == 7
    assert Product.objects.get(pk=first.pk).stock == 0
    assert Product.objects.get(pk=second.pk).stock == 0
    assert Order.objects.count() == 7
