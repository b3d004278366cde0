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
    assert response.json()["shipping_total"] == 11000 + 33000  # 1 kg and 3 kg at JNE Java rates, read from the database
    assert Order.objects.count() == 1
    assert OutgoingEmail.objects.count() == 3
