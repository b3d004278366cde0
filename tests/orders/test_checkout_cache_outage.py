"""Checkout does not depend on the cache: with Redis unreachable an order is still placed."""

import pytest

from orders.models import Order, OutgoingEmail

pytestmark = pytest.mark.django_db


def test_checkout_is_placed_with_redis_down(api, customer, address, product, other_product, dead_redis):
    response = api.as_user(customer).post(
        "/api/v1/orders/",
        {"shipping_address": address, "lines": [{"product": product.pk, "quantity": 1},
                                                {"product": other_product.pk, "quantity": 2}]},
        format="json",
    )  # fmt: skip

    assert response.status_code == 201, response.content
    order = response.json()
    fees = [shipment["shipping_fee"] for shipment in order["shipments"]]
    # priced from the table in the database, the cache being down
    assert all(fee > 0 for fee in fees) and order["shipping_total"] == sum(fees)
    assert {shipment["rate_provider"] for shipment in order["shipments"]} == {"table"}
    assert Order.objects.count() == 1
    assert OutgoingEmail.objects.count() == 3
