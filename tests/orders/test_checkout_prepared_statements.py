"""Checkout's statements stay prepared on their connection after an out-of-stock answer, so a flash
sale full of 409s does not make PostgreSQL plan every order anew (marketplace/postgresql)."""

import uuid

import pytest
from django.db import connection

from tests.factories import only_variant, set_stock

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True
    ),  # each checkout its own outermost transaction, as in production
]


def prepared_checkout_statements() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return {text for (text,) in cursor.fetchall()}


def test_an_out_of_stock_answer_leaves_checkouts_statements_prepared(api, customer, address, product):
    set_stock(product, 100)
    buyer = api.as_user(customer)

    def order(quantity: int):
        body = {"shipping_address": address, "lines": [{"variant": only_variant(product).pk, "quantity": quantity}]}
        return buyer.post("/api/v1/orders/", body, format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))

    for _ in range(7):
        assert order(1).status_code == 201
    prepared = prepared_checkout_statements()
    assert any("FOR UPDATE" in text for text in prepared)

    assert order(500).status_code == 409

    assert prepared_checkout_statements() == prepared
    assert order(1).status_code == 201
