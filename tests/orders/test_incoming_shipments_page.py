"""A shop's incoming shipments page: paid orders to pack with the address, marking a shipment shipped
(and arrived, for a parcel the shop delivers itself), and who may see or ship a shop's shipments."""

from datetime import timedelta

import pytest
from django.urls import reverse

from orders.models import Order, Shipment
from orders.services import lifecycle
from tests.orders.page_helpers import a_paid_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_test_provider")]


def shipments_url(seller, **params):
    url = reverse("orders:seller_shipments", args=[seller.pk])
    return f"{url}?status={params['status']}" if params else url


def test_the_shop_sees_paid_orders_to_pack_with_the_address(
    as_user, customer, product, other_product, place_order, seller_user, address
):
    paid = a_paid_order(place_order, (product, 2), (other_product, 1), buyer=customer)
    unpaid = place_order((product, 1))

    text = as_user(seller_user).get(shipments_url(product.seller, status="pending")).text

    assert paid.number in text
    assert unpaid.number not in text  # not paid yet: nothing to pack
    assert f"2 × {product.name}" in text
    assert other_product.name not in text  # another shop's part of the same order
    assert address["street"] in text and "DI Yogyakarta" in text
    assert "Tandai dikirim" in text


def test_the_shop_does_not_see_orders_cancelled_before_payment(as_user, customer, product, place_order, seller_user):
    expired = place_order((product, 1))
    lifecycle.orders_cancel_expired(now=expired.payment_deadline + timedelta(seconds=1))

    text = as_user(seller_user).get(shipments_url(product.seller)).text

    assert expired.number not in text


def test_the_shop_marks_a_shipment_shipped(as_user, customer, product, other_product, place_order, seller_user):
    order = a_paid_order(place_order, (product, 1), (other_product, 1), buyer=customer)
    shipment = order.shipments.get(seller=product.seller)
    client = as_user(seller_user)

    response = client.post(
        reverse("orders:shipment_ship", args=[product.seller.pk, shipment.pk]),
        {"courier": "sicepat", "tracking_number": "SCP000111222", "status": "pending"},
    )

    assert response.url == shipments_url(product.seller, status="pending")
    shipment.refresh_from_db()
    order.refresh_from_db()
    assert (shipment.status, shipment.courier, shipment.tracking_number) == ("shipped", "sicepat", "SCP000111222")
    assert order.status == Order.Status.PARTIALLY_SHIPPED


def test_the_shop_marks_a_parcel_it_delivered_itself_as_arrived(
    as_user, customer, product, place_order, seller_user, other_seller_user
):
    order = a_paid_order(place_order, (product, 1), buyer=customer)
    shipment = order.shipments.get()
    lifecycle.shipment_ship(shipment=shipment, actor=seller_user, courier="jne", tracking_number="ANTAR01")
    deliver = reverse("orders:seller_shipment_deliver", args=[product.seller.pk, shipment.pk])
    assert "Tandai sudah sampai" in as_user(seller_user).get(shipments_url(product.seller)).text

    assert as_user(other_seller_user).post(deliver).status_code == 404
    response = as_user(seller_user).post(deliver, {"status": "shipped"})

    assert response.url == shipments_url(product.seller, status="shipped")
    shipment.refresh_from_db()
    assert (shipment.status, shipment.delivered_by_shop) == ("delivered", True)
    assert 'data-testid="awaiting-buyer"' in as_user(seller_user).get(shipments_url(product.seller)).text


def test_shipping_without_a_tracking_number_is_refused(as_user, customer, product, place_order, seller_user):
    order = a_paid_order(place_order, (product, 1), buyer=customer)
    shipment = order.shipments.get()

    response = as_user(seller_user).post(
        reverse("orders:shipment_ship", args=[product.seller.pk, shipment.pk]),
        {"courier": "jne", "tracking_number": ""},
        follow=True,
    )

    assert "Nomor resi" in response.text
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.PENDING


def test_the_incoming_shipments_send_visitors_to_log_in(client, shop):
    assert client.get(shipments_url(shop)).url.startswith(reverse("login"))


@pytest.mark.parametrize("who", ["customer", "other_seller_user", "ministry", "buyer"])
def test_the_incoming_shipments_of_a_shop_are_not_found_by_non_members(
    as_user, request, product, place_order, other_shop, customer, who
):
    order = a_paid_order(place_order, (product, 1), buyer=customer)
    shipment = order.shipments.get()
    user = customer if who == "buyer" else request.getfixturevalue(who)
    client = as_user(user)

    assert client.get(shipments_url(product.seller)).status_code == 404
    response = client.post(
        reverse("orders:shipment_ship", args=[product.seller.pk, shipment.pk]),
        {"courier": "jne", "tracking_number": "X1"},
    )
    assert response.status_code == 404
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.PENDING


def test_a_member_cannot_ship_another_shops_shipment_through_their_own_shop(
    as_user, customer, other_product, place_order, seller_user, shop
):
    order = a_paid_order(place_order, (other_product, 1), buyer=customer)
    shipment = order.shipments.get()

    response = as_user(seller_user).post(
        reverse("orders:shipment_ship", args=[shop.pk, shipment.pk]), {"courier": "jne", "tracking_number": "X1"}
    )

    assert response.status_code == 404
    shipment.refresh_from_db()
    assert shipment.status == "pending" and shipment.tracking_number == ""


def test_the_seller_centre_links_to_incoming_shipments(as_user, seller_user, shop):
    text = as_user(seller_user).get(reverse("sellers:centre")).text

    assert reverse("orders:seller_shipments", args=[shop.pk]) in text
