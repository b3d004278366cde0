"""The same Idempotency-Key sent twice at the same moment places one order, and both get its answer."""

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from orders.models import IdempotencyKey, Order
from tests.factories import ProductFactory, UserFactory
from tests.orders.conftest import ADDRESS

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's unique index waits"),
]


def test_two_requests_with_one_key_at_the_same_moment_place_one_order_and_both_see_it():
    buyer = UserFactory()
    product = ProductFactory(stock=10)
    body = {"shipping_address": ADDRESS, "lines": [{"product": product.pk, "quantity": 1}]}
    barrier = threading.Barrier(4)
    answers, lock = [], threading.Lock()

    def post():
        client = APIClient()
        client.force_authenticate(buyer)
        try:
            barrier.wait()
            response = client.post("/api/v1/orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="dua-kali")
            with lock:
                answers.append((response.status_code, response.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Order.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1
    assert [status for status, _ in answers] == [201] * 4
    assert {answer["number"] for _, answer in answers} == {Order.objects.get().number}
    product.refresh_from_db()
    assert product.stock == 9


def test_a_key_whose_first_request_failed_can_be_used_again(api, customer):
    product = ProductFactory(stock=1)
    body = {"shipping_address": ADDRESS, "lines": [{"product": product.pk, "quantity": 2}]}

    failed = api.as_user(customer).post("/api/v1/orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="coba-lagi")
    body["lines"][0]["quantity"] = 1
    retried = api.as_user(customer).post("/api/v1/orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="coba-lagi")

    assert (failed.status_code, retried.status_code) == (409, 201)
    assert Order.objects.count() == 1
