"""A shop cancels its own part of a paid order: declined with a reason, or not shipped by the ship-by
deadline. Only that shipment goes; stock, quota, the sales ledger and the money come back."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from orders.models import Order, OrderEvent, Payment, SalesDay, Shipment
from orders.services.declines import ship_by, shipments_decline_overdue
from payouts.selectors import balance_of
from sellers.models import Product
from tests.factories import UserFactory
from tests.orders.aftersales_fixtures import shipment_of, shipped

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def decline(api, user, shipment, reason="Stok habis terbakar"):
    return api.as_user(user).post(f"/api/v1/shipments/{shipment.pk}/decline/", {"reason": reason}, format="json")


def test_a_shop_declines_its_part_and_only_that_part_is_cancelled_and_refunded(
    api, seller_user, shop, product, other_product, two_shop_order, run_on_commit, midtrans
):
    shipment = shipment_of(two_shop_order, shop)
    stock_before = Product.objects.get(pk=product.pk).stock
    amount = shipment.subtotal + shipment.shipping_fee

    response = run_on_commit(lambda: decline(api, seller_user, shipment))

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "cancelled"
    assert Product.objects.get(pk=product.pk).stock == stock_before + 2
    payment = Payment.objects.get(order=two_shop_order)
    assert (payment.status, payment.refunded_amount) == ("partially_refunded", amount)
    assert midtrans.transactions[two_shop_order.number].refunded == amount
    order = Order.objects.get(pk=two_shop_order.pk)
    assert order.status == "paid"  # the other shop's part goes on
    assert shipment_of(order, other_product.seller).status == "pending"
    assert OrderEvent.objects.filter(shipment=shipment, to_status="cancelled", note__contains="Stok habis").exists()
    assert not SalesDay.objects.filter(product=product).exists()
    assert SalesDay.objects.filter(product=other_product).exists()
    assert balance_of(seller=shop).held == 0
    (email,) = [m for m in mail.outbox if "membatalkan" in m.subject]
    assert email.to == [two_shop_order.buyer.email]


def test_declining_needs_a_reason_and_changes_nothing_without_one(api, seller_user, shop, product, two_shop_order):
    shipment = shipment_of(two_shop_order, shop)
    stock_before = Product.objects.get(pk=product.pk).stock

    response = decline(api, seller_user, shipment, reason="  ")

    assert response.status_code == 400
    assert "reason" in response.json()
    assert Shipment.objects.get(pk=shipment.pk).status == "pending"
    assert Product.objects.get(pk=product.pk).stock == stock_before


def test_a_shipped_parcel_cannot_be_declined(api, seller_user, shop, two_shop_order):
    shipment = shipped(two_shop_order, shop, seller_user)
    assert decline(api, seller_user, shipment).status_code == 409


def test_an_unpaid_order_cannot_be_declined(api, seller_user, shop, product, place_order):
    order = place_order((product, 1))
    assert decline(api, seller_user, shipment_of(order, shop)).status_code == 409


def test_only_members_of_the_shop_decline(api, customer, other_seller_user, ministry, shop, two_shop_order):
    shipment = shipment_of(two_shop_order, shop)
    assert decline(api, None, shipment).status_code == 401
    for user in (customer, other_seller_user, ministry, UserFactory()):
        assert decline(api, user, shipment).status_code == 404
    assert Shipment.objects.get(pk=shipment.pk).status == "pending"


def test_when_every_shop_declines_the_order_is_cancelled_and_fully_refunded(
    api, seller_user, other_seller_user, shop, other_shop, two_shop_order, run_on_commit
):
    run_on_commit(lambda: decline(api, seller_user, shipment_of(two_shop_order, shop)))
    run_on_commit(lambda: decline(api, other_seller_user, shipment_of(two_shop_order, other_shop)))

    order = Order.objects.get(pk=two_shop_order.pk)
    assert order.status == "cancelled"
    payment = Payment.objects.get(order=order)
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)


def test_the_buyer_can_still_cancel_the_rest_after_one_shop_declined(
    api, customer, seller_user, shop, product, other_product, two_shop_order, run_on_commit
):
    run_on_commit(lambda: decline(api, seller_user, shipment_of(two_shop_order, shop)))
    stocks = {p.pk: Product.objects.get(pk=p.pk).stock for p in (product, other_product)}

    response = run_on_commit(lambda: api.as_user(customer).post(f"/api/v1/orders/{two_shop_order.number}/cancel/"))

    assert response.status_code == 200, response.json()
    assert Product.objects.get(pk=product.pk).stock == stocks[product.pk]  # not given back twice
    assert Product.objects.get(pk=other_product.pk).stock == stocks[other_product.pk] + 1
    payment = Payment.objects.get(order=two_shop_order)
    assert (payment.status, payment.refunded_amount) == ("refunded", two_shop_order.total)
    assert not SalesDay.objects.exists()


@pytest.mark.parametrize(
    ("paid", "deadline"),
    [
        (datetime(2026, 11, 30, 10, 0, tzinfo=WIB), datetime(2026, 12, 2, 10, 0, tzinfo=WIB)),  # Mon -> Wed
        (datetime(2026, 12, 4, 16, 0, tzinfo=WIB), datetime(2026, 12, 8, 16, 0, tzinfo=WIB)),  # Fri -> Tue
        (datetime(2026, 12, 5, 9, 0, tzinfo=WIB), datetime(2026, 12, 8, 9, 0, tzinfo=WIB)),  # Sat -> Tue
    ],
)
def test_the_ship_by_deadline_counts_working_days_in_jakarta(paid, deadline):
    assert ship_by(paid) == deadline


def test_a_shipment_not_shipped_by_its_deadline_is_declined_once_by_the_sweep(
    seller_user, shop, other_shop, product, two_shop_order, run_on_commit
):
    shipped(two_shop_order, other_shop, other_shop.members.get().user)
    deadline = ship_by(two_shop_order.paid_at)
    stock_before = Product.objects.get(pk=product.pk).stock

    assert shipments_decline_overdue(now=deadline - timedelta(minutes=1)) == 0
    assert run_on_commit(lambda: shipments_decline_overdue(now=deadline + timedelta(minutes=1))) == 1
    assert shipments_decline_overdue(now=deadline + timedelta(minutes=2)) == 0

    assert shipment_of(two_shop_order, shop).status == "cancelled"
    assert shipment_of(two_shop_order, other_shop).status == "shipped"
    assert Order.objects.get(pk=two_shop_order.pk).status == "shipped"
    assert Product.objects.get(pk=product.pk).stock == stock_before + 2
    assert Payment.objects.get(order=two_shop_order).refunded_amount == (
        shipment_of(two_shop_order, shop).subtotal + shipment_of(two_shop_order, shop).shipping_fee
    )
