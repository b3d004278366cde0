"""The 201 answer of checkout is built from the order as placed; it must say what reading it back says."""

import pytest

from tests.factories import EnrolmentFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_the_checkout_answer_is_exactly_what_the_order_api_shows_afterwards(
    api, customer, address, shop, product, other_product
):
    enrolment = EnrolmentFactory(product=product)
    second = ProductFactory(seller=shop)
    body = {
        "shipping_address": {**address, "regency": "34.71"},
        "lines": [{"product": p.pk, "quantity": q} for p, q in [(other_product, 1), (product, 2), (second, 3)]],
        "shipments": [
            {"seller": shop.pk, "courier": "jne", "service": "yes"},
            {"seller": other_product.seller_id, "courier": "pos"},
        ],
    }

    placed = api.as_user(customer).post("/api/v1/orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    shown = api.as_user(customer).get(f"/api/v1/orders/{placed.json()['number']}/")
    repeated = api.as_user(customer).post("/api/v1/orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert placed.status_code == 201, placed.json()
    assert placed.json() == shown.json() == repeated.json()
    answer = placed.json()
    assert [line["product"] for line in answer["lines"]] == sorted([product.pk, other_product.pk, second.pk])
    assert {line["campaign"] for line in answer["lines"]} == {enrolment.campaign.hashtag, None}
    assert [s["id"] for s in answer["shipments"]] == sorted(s["id"] for s in answer["shipments"])
