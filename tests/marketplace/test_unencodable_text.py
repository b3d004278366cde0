"""JSON may carry a lone surrogate ("\\ud800"): valid JSON, but text no database and no UTF-8 answer can
hold. Wherever it is sent, the answer is a 400 naming the field, never a 500, and nothing is stored."""

import json

import pytest

from campaigns.models import Voucher
from orders.models import Order, Shipment
from orders.services import checkout, lifecycle
from sellers.models import Seller
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db

LONE = "<lone surrogate>"
SHOP = {"name": "Toko Baru", "nib": "9129999999999", "province": "34", "city": "Sleman", "scale": "mikro"}
VOUCHER = {
    "code": "BARU1",
    "kind": "amount",
    "value": 1000,
    "budget": 100000,
    "funded_by": "ministry",
    "starts_at": "2030-01-01T00:00:00+07:00",
    "ends_at": "2030-02-01T00:00:00+07:00",
}


def post_raw(api, user, url, body: dict):
    """POST `body` as JSON text, with each LONE written as the escape "\\ud800" (json.dumps cannot)."""
    text = json.dumps(body).replace(LONE, "\\ud800")
    return api.as_user(user).post(url, data=text, content_type="application/json")


def test_a_choice_given_a_lone_surrogate_is_a_400_naming_the_field(api, customer):
    response = post_raw(api, customer, "/api/v1/sellers/", {**SHOP, "province": LONE})

    assert response.status_code == 400
    assert list(response.json()) == ["province"]
    assert not Seller.objects.filter(name="Toko Baru").exists()


def test_a_nested_field_given_a_lone_surrogate_is_named_by_its_object(api, customer, product):
    body = {
        "shipping_address": {**ADDRESS, "province": LONE},
        "lines": [{"product": product.pk, "quantity": 1}],
        "courier": "jne",
    }

    response = post_raw(api, customer, "/api/v1/orders/", body)

    assert response.status_code == 400
    assert list(response.json()) == ["shipping_address"]
    assert not Order.objects.exists()


def test_a_ministry_form_given_a_lone_surrogate_is_a_400(api, ministry):
    response = post_raw(api, ministry, "/api/v1/vouchers/", {**VOUCHER, "kind": LONE})

    assert response.status_code == 400
    assert list(response.json()) == ["kind"]
    assert not Voucher.objects.exists()


def test_a_shipment_sent_with_a_lone_surrogate_courier_stays_to_be_packed(api, customer, seller_user, shop, product):
    placed = checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], courier="jne"
    )
    order = lifecycle.order_mark_paid(order=placed, method="test")
    shipment = Shipment.objects.get(order=order)
    body = {"courier": LONE, "tracking_number": "JNE0012345678"}

    response = post_raw(api, seller_user, f"/api/v1/shipments/{shipment.pk}/ship/", body)

    assert response.status_code == 400
    assert list(response.json()) == ["courier"]
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.PENDING


def test_a_correct_surrogate_pair_is_an_ordinary_character(api, customer):
    """An emoji outside the BMP is written in JSON as a pair of surrogates; it is plain text."""
    text = json.dumps({**SHOP, "name": "Kopi \U0001f600"})  # ensure_ascii: "Kopi \ud83d\ude00"

    response = api.as_user(customer).post("/api/v1/sellers/", data=text, content_type="application/json")

    assert response.status_code == 201
    assert Seller.objects.get(pk=response.json()["id"]).name == "Kopi \U0001f600"
