"""Concurrent checkouts of a product's variants on PostgreSQL: each variant's stock holds on its own."""

import pytest
from django.db import connection

from orders.models import Order, OrderLine
from sellers.models import Product, ProductVariant
from tests.factories import ProductFactory, UserFactory
from tests.orders.test_concurrency import BUYERS, race_variants

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _variants(product):
    return list(ProductVariant.objects.filter(product=product).order_by("position"))


def test_two_variants_of_one_product_raced_at_once_never_go_below_zero_nor_take_each_others_stock():
    gamis = ProductFactory(variants=[{"name": "M", "stock": 5}, {"name": "XL", "stock": 3}])
    medium, large = _variants(gamis)
    buyers = UserFactory.create_batch(BUYERS)

    results = race_variants(buyers, lambda i: [(medium.pk if i % 2 else large.pk, 1)])

    assert results["errors"] == []
    assert results["ok"] == 5 + 3
    assert results["conflict"] == BUYERS - 8
    assert [v.stock for v in _variants(gamis)] == [0, 0]
    assert Product.objects.get(pk=gamis.pk).stock == 0
    sold = {name: OrderLine.objects.filter(variant__name=name).count() for name in ("M", "XL")}
    assert sold == {"M": 5, "XL": 3}


def test_crossing_orders_of_variants_of_two_products_neither_deadlock_nor_oversell():
    """Half the buyers list A then B, half B then A; each holds a variant of each of two products."""
    coffee = ProductFactory(variants=[{"name": "250 g / biji", "stock": 9}, {"name": "1 kg / biji", "stock": 9}])
    gamis = ProductFactory(variants=[{"name": "M", "stock": 6}, {"name": "L", "stock": 9}])
    small_bag, _ = _variants(coffee)
    medium, _ = _variants(gamis)
    buyers = UserFactory.create_batch(BUYERS)
    forwards, backwards = [(small_bag.pk, 1), (medium.pk, 1)], [(medium.pk, 1), (small_bag.pk, 1)]

    results = race_variants(buyers, lambda i: forwards if i % 2 else backwards)

    assert results["errors"] == []
    assert results["ok"] == 6
    assert Order.objects.count() == 6
    assert [v.stock for v in _variants(coffee)] == [3, 9]
    assert [v.stock for v in _variants(gamis)] == [0, 9]
    assert (Product.objects.get(pk=coffee.pk).stock, Product.objects.get(pk=gamis.pk).stock) == (12, 9)
