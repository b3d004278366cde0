"""Fixtures of the after-sales tests: an order of two shops paid by QRIS at a local fake Midtrans,
so the partial refunds go through the provider as they would for real."""

import pytest

from orders.models import Order, Shipment
from orders.services import charges, lifecycle


@pytest.fixture
def two_shop_order(place_order, product, other_product, customer, midtrans, django_capture_on_commit_callbacks):
    """2 of `product` (shop) and 1 of `other_product` (other_shop), paid by QRIS."""
    order = place_order((product, 2), (other_product, 1))
    charge, _ = charges.payment_start(order=order, method="qris", actor=customer)
    midtrans.settle(charge.provider_order_id)
    with django_capture_on_commit_callbacks(execute=True):
        charges.charge_refresh(charge=charge)
    return Order.objects.get(pk=order.pk)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what a service queued for after its commit (refund and email tasks), as a worker would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def shipment_of(order, shop) -> Shipment:
    return Shipment.objects.get(order=order, seller=shop)


def shipped(order, shop, member) -> Shipment:
    return lifecycle.shipment_ship(
        shipment=shipment_of(order, shop), actor=member, courier="jne", tracking_number="JNE0012345678"
    )
