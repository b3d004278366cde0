"""Property: after any mix of checkouts, refused checkouts, cancellations, stock edits and variants
taken off sale, no variant's stock is negative, each holds exactly its start minus what live orders
took plus the shop's edits, and the product shows its cheapest active variant's price and their stock."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.errors import DomainError
from orders.models import Order, OrderLine
from orders.services import checkout, lifecycle
from sellers.models import Product, ProductVariant
from sellers.services_variants import variant_update
from tests.factories import ProductFactory, UserFactory
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db

operation = st.one_of(
    st.tuples(st.just("buy"), st.lists(st.tuples(st.integers(0, 3), st.integers(1, 6)), min_size=1, max_size=3)),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("restock"), st.integers(0, 3), st.integers(0, 9)),
    st.tuples(st.just("price"), st.integers(0, 3), st.integers(1_000, 99_000)),
    st.tuples(st.just("withdraw"), st.integers(0, 3)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=12))
def test_variant_stock_and_the_products_summary_always_add_up(shop, operations):
    with transaction.atomic():
        buyer = UserFactory()
        gamis = ProductFactory(
            seller=shop, variants=[{"name": s, "price": 50_000 + 1_000 * i, "stock": 5} for i, s in enumerate("SMLX")]
        )
        variants = list(ProductVariant.objects.filter(product=gamis).order_by("position"))
        edited = {v.pk: 5 for v in variants}  # the stock the shop set last, before live orders took theirs
        taken_since_edit = {v.pk: 0 for v in variants}
        orders = []
        for op in operations:
            try:
                if op[0] == "buy":
                    items = [(variants[i].pk, q) for i, q in op[1]]
                    orders.append(checkout.order_place(buyer=buyer, address=checkout.Address(**ADDRESS), items=items))
                    for variant_id, quantity in items:
                        taken_since_edit[variant_id] += quantity
                elif op[0] == "cancel" and orders:
                    order = orders[op[1] % len(orders)]
                    lifecycle.order_cancel(order=order)
                    for line in OrderLine.objects.filter(order=order):
                        taken_since_edit[line.variant_id] -= line.quantity
                elif op[0] == "restock":
                    variant = variants[op[1]]
                    variant_update(variant=ProductVariant.objects.get(pk=variant.pk), stock=op[2])
                    edited[variant.pk], taken_since_edit[variant.pk] = op[2], 0
                elif op[0] == "price":
                    variant_update(variant=ProductVariant.objects.get(pk=variants[op[1]].pk), price=op[2])
                elif op[0] == "withdraw":
                    variant_update(variant=ProductVariant.objects.get(pk=variants[op[1]].pk), is_active=False)
            except DomainError:
                pass  # refused (short stock, an order already cancelled, the last active variant): nothing changed

            now = {v.pk: v for v in ProductVariant.objects.filter(product=gamis)}
            assert all(v.stock >= 0 for v in now.values())
            assert {pk: v.stock for pk, v in now.items()} == {pk: edited[pk] - taken_since_edit[pk] for pk in edited}
            active = [v for v in now.values() if v.is_active]
            product = Product.objects.get(pk=gamis.pk)
            assert product.stock == sum(v.stock for v in active)
            assert (product.price, product.price_max) == (
                min(v.price for v in active),
                max(v.price for v in active),
            )
        assert Order.objects.filter(buyer=buyer).count() == len(orders)
        transaction.set_rollback(True)
