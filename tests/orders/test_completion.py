"""Completion: the buyer confirms receipt ("Pesanan diterima"), or a delivered parcel completes on
its own once the complaint window passes; completion releases the shop's held funds, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.models import Order, OrderEvent, Shipment
from orders.services import lifecycle
from orders.services.completion import shipments_complete_due
from payouts.selectors import balance_of
from tests.factories import UserFactory
from tests.orders.aftersales_fixtures import shipment_of, shipped

pytestmark = pytest.mark.django_db


def confirm(api, user, shipment):
    return api.as_user(user).post(f"/api/v1/shipments/{shipment.pk}/confirm/")


def test_the_buyer_confirms_receipt_and_the_shipment_completes_with_its_funds_released(
    api, customer, seller_user, shop, two_shop_order
):
    shipment = shipped(two_shop_order, shop, seller_user)
    held = balance_of(seller=shop).held

    response = confirm(api, customer, shipment)

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "completed"
    assert response.json()["completed_at"]
    assert balance_of(seller=shop).held == 0
    assert balance_of(seller=shop).available == held
    assert OrderEvent.objects.filter(shipment=shipment, from_status="shipped", to_status="completed").exists()


def test_confirming_twice_is_refused_and_releases_nothing_more(api, customer, seller_user, shop, two_shop_order):
    shipment = shipped(two_shop_order, shop, seller_user)
    confirm(api, customer, shipment)
    available = balance_of(seller=shop).available

    assert confirm(api, customer, shipment).status_code == 409
    assert balance_of(seller=shop).available == available


def test_only_the_buyer_confirms_receipt(api, customer, seller_user, other_seller_user, ministry, shop, two_shop_order):
    shipment = shipped(two_shop_order, shop, seller_user)

    assert confirm(api, None, shipment).status_code == 401
    assert confirm(api, UserFactory(), shipment).status_code == 404
    assert confirm(api, other_seller_user, shipment).status_code == 404
    assert confirm(api, ministry, shipment).status_code == 404
    assert confirm(api, seller_user, shipment).status_code == 403
    assert Shipment.objects.get(pk=shipment.pk).status == "shipped"
    assert balance_of(seller=shop).available == 0


def test_a_shipment_not_yet_shipped_cannot_be_confirmed(api, customer, shop, two_shop_order):
    assert confirm(api, customer, shipment_of(two_shop_order, shop)).status_code == 409


def test_the_order_completes_when_every_shipment_has(
    api, customer, seller_user, other_seller_user, shop, other_shop, two_shop_order
):
    confirm(api, customer, shipped(two_shop_order, shop, seller_user))
    assert Order.objects.get(pk=two_shop_order.pk).status == "partially_shipped"

    confirm(api, customer, shipped(two_shop_order, other_shop, other_seller_user))

    assert Order.objects.get(pk=two_shop_order.pk).status == "completed"


def test_a_delivered_parcel_completes_after_the_window_and_a_second_run_changes_nothing(
    settings, seller_user, shop, two_shop_order
):
    settings.AFTERSALES_COMPLETE_AFTER_DELIVERY = timedelta(days=3)
    shipment = shipped(two_shop_order, shop, seller_user)
    lifecycle.shipment_deliver(shipment=shipment, actor=None)  # the courier's tracking says so
    held = balance_of(seller=shop).held
    now = timezone.now()

    assert shipments_complete_due(now=now + timedelta(days=2, hours=23)) == 0
    assert Shipment.objects.get(pk=shipment.pk).status == "delivered"
    assert balance_of(seller=shop).available == 0

    assert shipments_complete_due(now=now + timedelta(days=3, minutes=1)) == 1
    assert shipments_complete_due(now=now + timedelta(days=3, minutes=2)) == 0

    assert Shipment.objects.get(pk=shipment.pk).status == "completed"
    assert balance_of(seller=shop).available == held
    assert OrderEvent.objects.filter(shipment=shipment, to_status="completed").count() == 1


def test_a_parcel_never_reported_delivered_completes_long_after_shipping(settings, seller_user, shop, two_shop_order):
    settings.AFTERSALES_COMPLETE_AFTER_SHIPPING = timedelta(days=14)
    shipment = shipped(two_shop_order, shop, seller_user)

    assert shipments_complete_due(now=timezone.now() + timedelta(days=13)) == 0
    assert shipments_complete_due(now=timezone.now() + timedelta(days=14, minutes=1)) == 1
    assert Shipment.objects.get(pk=shipment.pk).status == "completed"


def test_the_buyer_saying_the_parcel_arrived_keeps_the_funds_held_until_completion(
    api, customer, seller_user, shop, two_shop_order
):
    shipment = shipped(two_shop_order, shop, seller_user)

    response = api.as_user(customer).post(f"/api/v1/shipments/{shipment.pk}/deliver/")

    assert response.json()["status"] == "delivered"
    assert balance_of(seller=shop).available == 0
    assert confirm(api, customer, shipment).json()["status"] == "completed"
    assert balance_of(seller=shop).held == 0


def test_a_delivery_on_the_shops_word_alone_completes_on_the_shipping_clock(
    settings, seller_user, shop, two_shop_order
):
    """The shop is paid at completion: its own word that the parcel arrived must not bring that forward."""
    settings.AFTERSALES_COMPLETE_AFTER_DELIVERY = timedelta(days=3)
    settings.AFTERSALES_COMPLETE_AFTER_SHIPPING = timedelta(days=14)
    shipment = shipped(two_shop_order, shop, seller_user)
    lifecycle.shipment_deliver(shipment=shipment, actor=seller_user)
    now = timezone.now()

    assert shipments_complete_due(now=now + timedelta(days=3, minutes=1)) == 0
    assert balance_of(seller=shop).available == 0

    assert shipments_complete_due(now=now + timedelta(days=14, minutes=1)) == 1
    assert Shipment.objects.get(pk=shipment.pk).status == "completed"


def test_the_buyer_confirming_a_shop_declared_delivery_starts_the_usual_window(
    settings, customer, seller_user, shop, two_shop_order
):
    settings.AFTERSALES_COMPLETE_AFTER_DELIVERY = timedelta(days=3)
    shipment = shipped(two_shop_order, shop, seller_user)
    lifecycle.shipment_deliver(shipment=shipment, actor=seller_user)
    lifecycle.shipment_deliver(shipment=Shipment.objects.get(pk=shipment.pk), actor=customer)
    now = timezone.now()

    assert shipments_complete_due(now=now + timedelta(days=2, hours=23)) == 0
    assert shipments_complete_due(now=now + timedelta(days=3, minutes=1)) == 1
