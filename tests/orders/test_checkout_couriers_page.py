"""The checkout page: a courier per shop, picked from that shop's options, works without JavaScript."""

import uuid

import pytest
from django.urls import reverse

from orders.models import Order
from tests.factories import ProductFactory, SellerFactory

pytestmark = pytest.mark.django_db

ADDRESS = {
    "saved_address": "new",
    "recipient": "Siti Pembeli",
    "phone": "081234567890",
    "street": "Jl. Malioboro No. 1",
    "province": "34",
    "regency": "34.71",
    "district": "34.71.10",
    "postal_code": "55122",
}


@pytest.fixture
def cart_of_two_shops(client, customer, product):
    sleman = SellerFactory(name="Kriya Kayu Jogja", province="34", regency_id="34.04", district_id="34.04.01")
    chair = ProductFactory(seller=sleman, weight_grams=900)
    client.force_login(customer)
    for item in (product, chair):
        client.post(reverse("orders:cart_add"), {"product": item.pk, "quantity": 1})
    return product.seller, sleman


def test_picking_another_courier_for_one_shop_changes_only_its_fee(client, cart_of_two_shops):
    gayo, sleman = cart_of_two_shops
    data = {**ADDRESS, "estimate": "1", f"ship_{gayo.pk}": "jne:yes", f"ship_{sleman.pk}": "jnt:ez"}

    page = client.post(reverse("orders:checkout"), data)

    shops = {shop.seller.pk: shop for shop in page.context["estimate"].shops}
    assert shops[gayo.pk].chosen.key == "jne:yes" and shops[gayo.pk].shipping_fee == 37000
    assert shops[sleman.pk].chosen.key == "jnt:ez" and shops[sleman.pk].shipping_fee == 10000
    assert page.context["estimate"].shipping_total == 47000
    assert 'value="jne:yes" data-fee="37000" checked' in page.text


def test_the_order_keeps_each_shops_courier_from_the_page(client, customer, cart_of_two_shops):
    gayo, sleman = cart_of_two_shops
    data = {**ADDRESS, "token": str(uuid.uuid4()), f"ship_{gayo.pk}": "pos:reg", f"ship_{sleman.pk}": "sicepat:reg"}

    response = client.post(reverse("orders:checkout"), data)

    assert response.status_code == 302
    order = Order.objects.get(buyer=customer)
    assert {s.seller_id: s.courier for s in order.shipments.all()} == {gayo.pk: "pos", sleman.pk: "sicepat"}
    assert order.district_name == "Gondomanan"


def test_a_district_outside_the_regency_shows_on_its_field_and_places_nothing(client, cart_of_two_shops):
    data = {**ADDRESS, "token": str(uuid.uuid4()), "district": "34.04.01"}

    page = client.post(reverse("orders:checkout"), data)

    assert page.status_code == 200
    assert page.context["form"].errors["district"]
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    "junk",
    [
        {"province": "3\x004"},
        {"regency": "34\x0071", "district": "\x00"},
        {"postal_code": "abcde"},
        {"saved_address": "\x00"},
        {"ship_1": "jne:\x00"},
    ],
)
def test_junk_in_the_checkout_form_is_never_a_500(client, cart_of_two_shops, biteship, junk):
    data = {**ADDRESS, **junk}

    estimate = client.post(reverse("orders:checkout"), {**data, "estimate": "1"})
    placed = client.post(reverse("orders:checkout"), {**data, "token": str(uuid.uuid4())})

    assert estimate.status_code == 200
    assert placed.status_code in (200, 302)
