"""The item details of a charge add up to its gross amount exactly, for any order (property tests)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.services import checkout
from orders.services.charges import charge_items, order_charge_items
from tests.factories import ProductFactory, SellerFactory, UserFactory
from tests.orders.conftest import ADDRESS

line = st.integers(min_value=1, max_value=50_000_000).flatmap(
    lambda list_price: st.tuples(
        st.just(list_price), st.integers(min_value=0, max_value=list_price), st.integers(min_value=1, max_value=999)
    )
)


@given(
    lines=st.lists(line, min_size=1, max_size=30),
    fees=st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=1, max_size=10),
    name=st.text(min_size=1, max_size=200),
)
def test_items_always_add_up_to_what_the_buyer_pays(lines, fees, name):
    items, gross = charge_items(
        [
            (f"L{i}", name, list_price, list_price - discount, qty)
            for i, (list_price, discount, qty) in enumerate(lines)
        ],
        [(f"S{i}", name, fee) for i, fee in enumerate(fees)],
    )

    paid = sum((list_price - discount) * qty for list_price, discount, qty in lines) + sum(fees)
    assert gross == paid
    assert sum(item.price * item.quantity for item in items) == paid
    assert all(isinstance(item.price, int) and len(item.name) <= 50 for item in items)
    assert [item for item in items if item.price < 0] == (
        [next(item for item in items if item.id == "DISKON")] if any(d for _, d, _ in lines) else []
    )


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    goods=st.lists(
        st.tuples(st.integers(min_value=1_000, max_value=9_000_000), st.integers(min_value=1, max_value=5)),
        min_size=1,
        max_size=4,
    ),
    shops=st.integers(min_value=1, max_value=3),
)
def test_a_placed_order_is_charged_for_exactly_its_total(goods, shops):
    buyer, sellers = UserFactory(), [SellerFactory() for _ in range(shops)]
    products = [ProductFactory(seller=sellers[i % shops], price=price, stock=10) for i, (price, _) in enumerate(goods)]
    order = checkout.order_place(
        buyer=buyer,
        address=checkout.Address(**ADDRESS),
        product_items=[(product.pk, qty) for product, (_, qty) in zip(products, goods, strict=True)],
    )

    items = order_charge_items(order)

    assert sum(item.price * item.quantity for item in items) == order.total
