"""Checkout through the API: one order, one shipment per shop, totals computed on the server."""

import pytest
from django.db import connection

from orders.models import IdempotencyKey, Order, OrderEvent, OutgoingEmail, Shipment
from sellers.models import Product
from tests.factories import ProductFactory, SellerFactory, UserFactory, only_variant, set_stock

pytestmark = pytest.mark.django_db


def checkout(api, user, address, lines=None, courier=None, **headers):
    body = {"shipping_address": address}
    if courier:
        body["courier"] = courier
    if lines is not None:
        body["lines"] = [{"product": p.pk, "quantity": q} for p, q in lines]
    return api.as_user(user).post("/api/v1/orders/", body, format="json", **headers)


def test_an_order_from_two_shops_is_split_into_two_shipments_with_their_own_fees(
    api, customer, address, product, other_product
):
    response = checkout(api, customer, address, [(product, 2), (other_product, 1)], courier="jne")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"].startswith("INV-")
    assert body["status"] == "awaiting_payment"
    fees = {s["seller"]: s["shipping_fee"] for s in body["shipments"]}
    # JNE REG to Yogyakarta (Java): from Aceh (Sumatra) 23.000/kg, from Toraja (Sulawesi) 31.000/kg.
    # 2 x 250 g -> 1 kg; 1.200 g -> 2 kg.
    assert fees == {product.seller_id: 23000, other_product.seller_id: 62000}
    assert {s["rate_provider"] for s in body["shipments"]} == {"table"}
    assert body["subtotal"] == 2 * 85000 + 95000
    assert body["shipping_total"] == 85000
    assert body["total"] == 2 * 85000 + 95000 + 85000
    assert body["payment"]["status"] == "pending"


def test_checkout_takes_stock_and_writes_an_event_and_the_emails(api, customer, address, product, other_product):
    checkout(api, customer, address, [(product, 2), (other_product, 1)])

    product.refresh_from_db()
    assert product.stock == 48
    order = Order.objects.get()
    assert OrderEvent.objects.filter(order=order, to_status="awaiting_payment").count() == 1
    recipients = sorted(OutgoingEmail.objects.values_list("kind", "to"))
    assert recipients == sorted(
        [
            ("order_confirmation", customer.email),
            ("new_order_seller", product.seller.members.get().user.email),
            ("new_order_seller", other_product.seller.members.get().user.email),
        ]
    )


def test_checkout_without_lines_takes_the_cart_and_empties_it(api, customer, address, product):
    api.as_user(customer).post("/api/v1/cart/lines/", {"product": product.pk, "quantity": 3}, format="json")

    response = checkout(api, customer, address)

    assert response.status_code == 201
    assert [(line["product"], line["quantity"]) for line in response.json()["lines"]] == [(product.pk, 3)]
    assert api.get("/api/v1/cart/").json()["lines"] == []


def test_an_empty_cart_cannot_be_checked_out(api, customer, address):
    response = checkout(api, customer, address)
    assert response.status_code == 400
    assert "lines" in response.json()


def test_short_stock_is_a_409_naming_each_product_and_changes_nothing(api, customer, address, product, other_product):
    set_stock(product, 1)

    response = checkout(api, customer, address, [(product, 2), (other_product, 1)])

    assert response.status_code == 409
    assert response.json()["products"] == [
        {
            "product": product.pk,
            "variant": only_variant(product).pk,
            "name": product.name,
            "requested": 2,
            "available": 1,
        }
    ]
    assert Order.objects.count() == 0
    assert Product.objects.get(pk=other_product.pk).stock == 50


@pytest.mark.parametrize("quantity", [0, -1, 10**12, "dua", None])
def test_a_bad_quantity_is_a_400_and_changes_nothing(api, customer, address, product, quantity):
    response = api.as_user(customer).post(
        "/api/v1/orders/",
        {"shipping_address": address, "lines": [{"product": product.pk, "quantity": quantity}]},
        format="json",
    )
    assert response.status_code == 400
    assert "lines" in response.json()
    assert Order.objects.count() == 0
    assert Product.objects.get(pk=product.pk).stock == 50


def test_inactive_products_and_products_of_unverified_shops_cannot_be_bought(api, customer, address):
    inactive = ProductFactory(is_active=False)
    unverified = ProductFactory(seller=SellerFactory(pending=True))

    for product in (inactive, unverified):
        response = checkout(api, customer, address, [(product, 1)])
        assert response.status_code == 400
        assert "lines" in response.json()
    assert Order.objects.count() == 0


@pytest.mark.parametrize(
    "field, value", [("province", "99"), ("postal_code", "5521"), ("phone", "abc"), ("recipient", "")]
)
def test_a_bad_address_is_a_400_naming_the_field(api, customer, address, product, field, value):
    address[field] = value
    response = checkout(api, customer, address, [(product, 1)])
    assert response.status_code == 400
    assert field in response.json()["shipping_address"]
    assert Order.objects.count() == 0


def test_anonymous_visitors_cannot_check_out(api, address, product):
    response = api.post("/api/v1/orders/", {"shipping_address": address}, format="json")
    assert response.status_code == 401


def test_checkout_runs_a_fixed_number_of_queries_whatever_the_lines_and_shops(
    api, customer, address, django_assert_max_num_queries, settings
):
    # This process's own cache: with a shared Redis, another test worker's cache.clear() could empty
    # the rate table between the first checkout and the measured ones.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pin"}}
    shops = SellerFactory.create_batch(6, owner=UserFactory())
    products = [ProductFactory(seller=shop) for shop in shops for _ in range(4)]
    # The first checkout reads the shipping-rate table into the cache. After it, on PostgreSQL: the
    # lock, the stock taken (variants and products in one statement), the order's id, the order with
    # its shipments, the shops' members, the lines with the payment, the event and the outbox rows,
    # and the SAVEPOINT and RELEASE that the test's own transaction turns checkout's into. No
    # campaign and no automatic voucher is live and no code was typed: no enrolment or voucher read.
    # SQLite takes one statement per table and writes the order's number after its insert.
    first = checkout(api, customer, address, [(products[0], 1)])
    statements = 8 if connection.vendor == "postgresql" else 13

    with django_assert_max_num_queries(statements):
        small = checkout(api, customer, address, [(products[0], 1)])
    with django_assert_max_num_queries(statements):
        large = checkout(api, customer, address, [(p, 1) for p in products])

    assert first.status_code == small.status_code == large.status_code == 201
    assert len(large.json()["shipments"]) == 6


def test_an_idempotency_key_costs_checkout_two_statements_its_claim_and_its_stored_answer(
    api, customer, address, product, django_assert_num_queries, settings
):
    """Checkout runs inside the key's transaction, which rolls back whole on any error: no savepoint
    of its own (in this test both sit inside the test's transaction, which adds one pair either way)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "key"}}
    checkout(api, customer, address, [(product, 1)])  # reads the shipping-rate table into the cache
    without_key = 8 if connection.vendor == "postgresql" else 13  # as pinned above

    with django_assert_num_queries(without_key + 2):
        placed = checkout(api, customer, address, [(product, 1)], HTTP_IDEMPOTENCY_KEY="satu-kali")

    assert placed.status_code == 201
    assert IdempotencyKey.objects.get(key="satu-kali").response_body["number"] == placed.json()["number"]


def test_same_idempotency_key_and_body_returns_the_first_answer_and_creates_nothing(api, customer, address, product):
    first = checkout(api, customer, address, [(product, 1)], HTTP_IDEMPOTENCY_KEY="abc-123")
    again = checkout(api, customer, address, [(product, 1)], HTTP_IDEMPOTENCY_KEY="abc-123")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert Order.objects.count() == 1
    assert Product.objects.get(pk=product.pk).stock == 49


def test_same_idempotency_key_with_another_body_is_a_422(api, customer, address, product):
    checkout(api, customer, address, [(product, 1)], HTTP_IDEMPOTENCY_KEY="abc-123")
    response = checkout(api, customer, address, [(product, 2)], HTTP_IDEMPOTENCY_KEY="abc-123")

    assert response.status_code == 422
    assert Order.objects.count() == 1


def test_idempotency_keys_are_scoped_per_user(api, customer, address, product):
    someone_else = UserFactory()
    checkout(api, customer, address, [(product, 1)], HTTP_IDEMPOTENCY_KEY="abc-123")
    response = checkout(api, someone_else, address, [(product, 1)], HTTP_IDEMPOTENCY_KEY="abc-123")

    assert response.status_code == 201
    assert Order.objects.count() == 2


def test_nobody_sees_another_customers_order(api, customer, address, product):
    number = checkout(api, customer, address, [(product, 1)]).json()["number"]
    stranger = UserFactory()

    assert api.as_user(stranger).get(f"/api/v1/orders/{number}/").status_code == 404
    assert api.as_user(stranger).post(f"/api/v1/orders/{number}/cancel/").status_code == 404
    assert api.as_user(stranger).post(f"/api/v1/orders/{number}/pay/").status_code == 404
    assert api.as_user(stranger).get("/api/v1/orders/").json()["count"] == 0
    assert Shipment.objects.get().status == "pending"


@pytest.mark.parametrize("key", ["k\x00", "x" * 256, "kunci\tkedua"])
def test_a_bad_idempotency_key_is_a_400_and_creates_nothing(api, customer, address, product, key):
    response = checkout(api, customer, address, [(product, 1)], HTTP_IDEMPOTENCY_KEY=key)

    assert response.status_code == 400
    assert Order.objects.count() == 0


def test_a_nul_character_in_the_address_is_a_400(api, customer, address, product):
    address["street"] = "Jl. Malioboro\x00"
    response = checkout(api, customer, address, [(product, 1)])
    assert response.status_code == 400
    assert Order.objects.count() == 0


def test_the_hand_built_order_output_matches_the_declared_serializer_fields(
    api, customer, address, product, other_product
):
    """OrderOutput renders by hand for speed; it must say exactly what its declared fields say."""
    from rest_framework import serializers

    from orders import selectors
    from orders.api import OrderOutput
    from orders.services import lifecycle

    number = checkout(api, customer, address, [(product, 2), (other_product, 1)]).json()["number"]
    order = Order.objects.get(number=number)
    lifecycle.order_mark_paid(order=order, method="test")
    shipment = Shipment.objects.filter(order=order).first()
    lifecycle.shipment_ship(shipment=shipment, actor=None, courier="jne", tracking_number="JNE123")

    order = selectors.order_summary_for_buyer(user=customer, number=number)
    serializer = OrderOutput()
    assert serializer.to_representation(order) == serializers.Serializer.to_representation(serializer, order)


def test_checking_out_a_cart_with_a_product_no_longer_for_sale_names_it_and_changes_nothing(
    api, customer, address, product, other_product
):
    for item in (product, other_product):
        api.as_user(customer).post("/api/v1/cart/lines/", {"product": item.pk, "quantity": 1}, format="json")
    Product.objects.filter(pk=other_product.pk).update(is_active=False)

    response = checkout(api, customer, address)

    assert response.status_code == 400
    assert response.json()["lines"] == [f"{other_product.name} tidak dijual lagi; hapus dari keranjang."]
    assert Order.objects.count() == 0
    assert Product.objects.get(pk=product.pk).stock == 50
    assert api.as_user(customer).get("/api/v1/cart/").json()["lines"][1]["available"] is False
